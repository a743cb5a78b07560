/* File system calls from user space (RISC-V Linux numbers and semantics, uapi/memvp.h): the
 * *at calls under their short names as a C library provides them (open = openat(AT_FDCWD),
 * mkdir, unlink, rmdir, rename = renameat2 with no flags, dup2 = dup3 or a check). */
#include <stdarg.h>

#include "memvp/user.h"
#include "sysdep.h"

int openat(int dfd, const char *path, int flags, ...)
{
  va_list ap;
  va_start(ap, flags);
  const unsigned mode = (flags & O_CREAT) ? va_arg(ap, unsigned) : 0;
  va_end(ap);
  return (int)SYS4(__NR_openat, dfd, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
  va_list ap;
  va_start(ap, flags);
  const unsigned mode = (flags & O_CREAT) ? va_arg(ap, unsigned) : 0;
  va_end(ap);
  return (int)SYS4(__NR_openat, AT_FDCWD, path, flags, mode);
}

int close(int fd) { return (int)SYS1(__NR_close, fd); }
ssize_t read(int fd, void *buf, size_t len) { return SYS3(__NR_read, fd, buf, len); }
ssize_t pread(int fd, void *buf, size_t len, off_t pos) { return SYS4(__NR_pread64, fd, buf, len, pos); }
ssize_t pwrite(int fd, const void *buf, size_t len, off_t pos) { return SYS4(__NR_pwrite64, fd, buf, len, pos); }
ssize_t readv(int fd, const struct iovec *iov, int iovcnt) { return SYS3(__NR_readv, fd, iov, iovcnt); }
ssize_t writev(int fd, const struct iovec *iov, int iovcnt) { return SYS3(__NR_writev, fd, iov, iovcnt); }
off_t lseek(int fd, off_t offset, int whence) { return SYS3(__NR_lseek, fd, offset, whence); }
int fstat(int fd, struct stat *st) { return (int)SYS2(__NR_fstat, fd, st); }
int fstatat(int dfd, const char *path, struct stat *st, int flags)
{
  return (int)SYS4(__NR_newfstatat, dfd, path, st, flags);
}
int stat(const char *path, struct stat *st) { return fstatat(AT_FDCWD, path, st, 0); }
ssize_t getdents64(int fd, void *buf, size_t count) { return SYS3(__NR_getdents64, fd, buf, count); }
int mkdirat(int dfd, const char *path, mode_t mode) { return (int)SYS3(__NR_mkdirat, dfd, path, mode); }
int mkdir(const char *path, mode_t mode) { return mkdirat(AT_FDCWD, path, mode); }
int unlinkat(int dfd, const char *path, int flags) { return (int)SYS3(__NR_unlinkat, dfd, path, flags); }
int unlink(const char *path) { return unlinkat(AT_FDCWD, path, 0); }
int rmdir(const char *path) { return unlinkat(AT_FDCWD, path, AT_REMOVEDIR); }
int renameat2(int olddfd, const char *from, int newdfd, const char *to, unsigned int flags)
{
  return (int)SYS5(__NR_renameat2, olddfd, from, newdfd, to, flags);
}
int rename(const char *from, const char *to) { return renameat2(AT_FDCWD, from, AT_FDCWD, to, 0); }
int ftruncate(int fd, off_t length) { return (int)SYS2(__NR_ftruncate, fd, length); }
int fsync(int fd) { return (int)SYS1(__NR_fsync, fd); }
int fdatasync(int fd) { return (int)SYS1(__NR_fdatasync, fd); }
void sync(void) { __syscall(__NR_sync, 0, 0, 0, 0, 0, 0); }
int pipe2(int fds[2], int flags) { return (int)SYS2(__NR_pipe2, fds, flags); }
int pipe(int fds[2]) { return pipe2(fds, 0); }
int dup(int fd) { return (int)SYS1(__NR_dup, fd); }
int dup3(int oldfd, int newfd, int flags) { return (int)SYS3(__NR_dup3, oldfd, newfd, flags); }
/* dup2 onto itself only checks that the fd is open (Linux ksys_dup3's special case). */
int dup2(int oldfd, int newfd)
{
  struct stat st;
  if (oldfd != newfd) return dup3(oldfd, newfd, 0);
  return fstat(oldfd, &st) < 0 ? -1 : newfd;
}
int chdir(const char *path) { return (int)SYS1(__NR_chdir, path); }
char *getcwd(char *buf, size_t size) { return SYS2(__NR_getcwd, buf, size) < 0 ? NULL : buf; }
