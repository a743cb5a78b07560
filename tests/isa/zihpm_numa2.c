/* zihpm on platforms/numa2.toml with caches: the fresh lines lie in node 1's memory, so each
 * of hart 0's 64 DRAM reads is also a remote-node access. */
#define ZIHPM_REMOTE 1
#include "zihpm.c"
