/* Helpers of the user test programs (run as init by the kernel tests): reading the kernel's
 * counters, and checks that print what failed and end the program with status 1, which the
 * kernel turns into a failing machine exit. Values are printed only when they are the same on
 * every machine (counts, deltas), never timing. */
#ifndef MEMVP_UTEST_H
#define MEMVP_UTEST_H

#include <stdio.h>
#include <stdlib.h>

#include "memvp/user.h"

#define PAGE_SIZE 4096UL

#define FAIL(...)                                   \
  do {                                              \
    printf("FAIL (%s:%d): ", __FILE__, __LINE__);   \
    printf(__VA_ARGS__);                            \
    printf("\n");                                   \
    exit(1);                                        \
  } while (0)

/* Exact comparison of two unsigned quantities. */
#define CHECK_EQ(what, got, want)                                                   \
  do {                                                                              \
    unsigned long got_ = (unsigned long)(got), want_ = (unsigned long)(want);       \
    if (got_ != want_)                                                              \
      FAIL("%s: got %lu, want %lu", what, got_, want_);                             \
  } while (0)

#define CHECK(cond)                 \
  do {                              \
    if (!(cond))                    \
      FAIL("%s", #cond);            \
  } while (0)

static inline struct memvp_vmstat vmstat_now(void)
{
  struct memvp_vmstat v;
  if (memvp_vmstat(&v) != 0)
    FAIL("memvp_vmstat failed");
  return v;
}

static inline struct memvp_proc_stat proc_stat_self(void)
{
  struct memvp_proc_stat s;
  if (memvp_proc_stat(0, &s) != 0)
    FAIL("memvp_proc_stat failed");
  return s;
}

/* Anonymous private read-write memory, or the test fails. */
static inline char *map_anon(unsigned long len)
{
  void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    FAIL("mmap of %lu bytes failed", len);
  return (char *)p;
}

#endif
