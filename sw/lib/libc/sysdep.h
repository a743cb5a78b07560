/* The user library's system-call shorthands (as a C library's sysdep.h): SYSn(nr, args...)
 * makes the call with n long arguments and applies the errno convention. Private to sw/lib/libc. */
#ifndef MEMVP_LIBC_SYSDEP_H
#define MEMVP_LIBC_SYSDEP_H

#include "memvp/user.h"

#define SYS0(nr) __syscall_ret(__syscall(nr, 0, 0, 0, 0, 0, 0))
#define SYS1(nr, a) __syscall_ret(__syscall(nr, (long)(a), 0, 0, 0, 0, 0))
#define SYS2(nr, a, b) __syscall_ret(__syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0))
#define SYS3(nr, a, b, c) __syscall_ret(__syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0))
#define SYS4(nr, a, b, c, d) \
  __syscall_ret(__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0))
#define SYS5(nr, a, b, c, d, e) \
  __syscall_ret(__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0))

#endif
