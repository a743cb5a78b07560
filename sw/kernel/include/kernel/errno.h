// The errno values the kernel returns negated (Linux include/uapi/asm-generic/errno-base.h and
// errno.h), the same numbers user space sees. Guarded, since host builds of kernel code may also
// see the host C library's <errno.h>, whose Linux values are these.
#pragma once

#ifndef EPERM
#define EPERM 1
#endif
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef ESRCH
#define ESRCH 3
#endif
#ifndef EINTR
#define EINTR 4
#endif
#ifndef EIO
#define EIO 5
#endif
#ifndef ENXIO
#define ENXIO 6
#endif
#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef ENOEXEC
#define ENOEXEC 8
#endif
#ifndef EBADF
#define EBADF 9
#endif
#ifndef ECHILD
#define ECHILD 10
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef ENODEV
#define ENODEV 19
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif
#ifndef EROFS
#define EROFS 30
#endif
#ifndef ENAMETOOLONG
#define ENAMETOOLONG 36
#endif
#ifndef ENOSYS
#define ENOSYS 38
#endif
#ifndef ENOTTY
#define ENOTTY 25
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef EXDEV
#define EXDEV 18
#endif
#ifndef ENOTDIR
#define ENOTDIR 20
#endif
#ifndef EISDIR
#define EISDIR 21
#endif
#ifndef EFBIG
#define EFBIG 27
#endif
#ifndef EMLINK
#define EMLINK 31
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY 39
#endif
#ifndef ELOOP
#define ELOOP 40
#endif
#ifndef EACCES
#define EACCES 13
#endif
#ifndef EMFILE
#define EMFILE 24
#endif
#ifndef ESPIPE
#define ESPIPE 29
#endif
#ifndef ERANGE
#define ERANGE 34
#endif
#ifndef EPIPE
#define EPIPE 32
#endif
#ifndef EOVERFLOW
#define EOVERFLOW 75
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif
