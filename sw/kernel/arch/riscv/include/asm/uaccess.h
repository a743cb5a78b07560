// Kernel access to the current process's user memory (Linux <asm/uaccess.h>): the range is
// checked against task_size(), then copied with sstatus.SUM set (§12.1.1.2) so S-mode may
// touch U pages; a page fault on the way is resolved like a user fault, and an unresolvable one
// kills the process as a bad user access would (there are no exception tables).
#pragma once

#include "kernel/types.h"

bool access_ok(unsigned long uaddr, unsigned long n);
// 0 on success, or the number of bytes not copied (all of them) if the range is not user memory.
unsigned long copy_to_user(void* to, const void* from, unsigned long n);
unsigned long copy_from_user(void* to, const void* from, unsigned long n);
// Copies a NUL-terminated string of at most n bytes (NUL included); its length, or -EFAULT,
// or -ENAMETOOLONG (36) when no NUL came within n bytes.
long strncpy_from_user(char* dst, const char* src, unsigned long n);
