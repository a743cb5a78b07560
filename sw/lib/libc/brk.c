/* The program break (Linux mm/mmap.c sys_brk semantics): the kernel returns the new break, or
 * the unchanged one when it cannot move it; brk() and sbrk() turn that into 0 / -1 with
 * errno = ENOMEM as a C library does. */
#include <errno.h>
#include <stdint.h>

#include "memvp/user.h"

static uintptr_t cur_brk;

int brk(void *addr)
{
  uintptr_t r = (uintptr_t)__syscall(__NR_brk, (long)addr, 0, 0, 0, 0, 0);
  cur_brk = r;
  if (r < (uintptr_t)addr) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

void *sbrk(ptrdiff_t incr)
{
  if (cur_brk == 0)
    cur_brk = (uintptr_t)__syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
  uintptr_t old = cur_brk;
  if (incr == 0)
    return (void *)old;
  uintptr_t want = old + (uintptr_t)incr;
  if ((incr > 0 && want < old) || (incr < 0 && want > old)) {
    errno = ENOMEM;
    return (void *)-1;
  }
  if (brk((void *)want) != 0)
    return (void *)-1;
  return (void *)old;
}
