/* The memvp user library's system interface: wrappers of every system call of the guest
 * kernel (RISC-V Linux ABI, numbers and flags from uapi/memvp.h) and the wait-status macros.
 * User programs include this instead of <sys/wait.h>, <sys/mman.h>, <signal.h> and <time.h>,
 * whose picolibc values (SIGCHLD, CLOCK_*) are not Linux's. */
#ifndef MEMVP_USER_H
#define MEMVP_USER_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/_timespec.h>
#include <unistd.h>

#include "uapi/memvp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's wait status word (include/uapi/linux/wait.h semantics): low 7 bits the killing
 * signal, 0 for a normal exit whose code sits in bits 8..15. */
#undef WIFEXITED
#undef WEXITSTATUS
#undef WIFSIGNALED
#undef WTERMSIG
#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s) ((s) & 0x7f)
#define WNOHANG 1

/* The errno values the kernel returns are Linux's (asm-generic/errno.h); where picolibc's
 * (newlib's) differ for a call this library wraps, Linux's replace them. */
#undef ENAMETOOLONG
#undef ENOSYS
#undef ENOTEMPTY
#undef EPIPE
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define EPIPE 32

/* Raw system call: a7 = number, a0..a5 arguments; returns the kernel's a0 unchanged
 * (-errno on failure). */
long __syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
/* Linux's errno convention: a result in [-4095, -1] sets errno and gives -1. */
long __syscall_ret(long r);
/* __syscall with that convention (up to six long arguments). */
long syscall(long nr, ...);

/* Process calls. fork() is clone(SIGCHLD, 0). */
int brk(void *addr);
pid_t gettid(void);
/* glibc's clone(): the child runs fn(arg) on stack (its top) and exits with fn's result;
 * flags as Linux's (CLONE_VM shares the address space; the low byte is the exit signal). */
int clone(int (*fn)(void *), void *stack, int flags, void *arg);
pid_t wait4(pid_t pid, int *status, int options, void *rusage);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
int kill(pid_t pid, int sig);
int sched_yield(void);
int clock_gettime(clockid_t clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
unsigned long getauxval(unsigned long type);

/* Memory calls. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
/* Linux's mremap (mm/mremap.c): MREMAP_MAYMOVE lets the kernel move the mapping. */
#ifndef MREMAP_MAYMOVE
#define MREMAP_MAYMOVE 1
#endif
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
int msync(void *addr, size_t len, int flags);
long set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode);

/* File calls (Linux semantics; O_*, AT_*, SEEK_* from uapi/memvp.h). Include this instead
 * of <fcntl.h>, <sys/stat.h>, <sys/uio.h> and <dirent.h>: picolibc's flag values and struct
 * stat are not Linux's. read, write, close, lseek, pread, pwrite, dup, dup2, dup3, ftruncate,
 * fsync, fdatasync, sync, unlink, unlinkat, rmdir, chdir and getcwd are declared by <unistd.h>
 * (dup3 only with _GNU_SOURCE, so it is declared here as well). */
#ifndef S_IFMT
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#endif
#ifndef S_ISDIR
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#endif
#define DT_DIR 4
#define DT_REG 8

/* asm-generic/stat.h, as RISC-V Linux fills it. */
struct stat {
  unsigned long st_dev, st_ino;
  unsigned int st_mode, st_nlink, st_uid, st_gid;
  unsigned long st_rdev, __pad1;
  long st_size;
  int st_blksize, __pad2;
  long st_blocks;
  long st_atime;
  unsigned long st_atime_nsec;
  long st_mtime;
  unsigned long st_mtime_nsec;
  long st_ctime;
  unsigned long st_ctime_nsec;
  unsigned int __unused4, __unused5;
};

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

struct iovec {
  void *iov_base;
  size_t iov_len;
};

int dup3(int oldfd, int newfd, int flags);
int pipe2(int fds[2], int flags);
int open(const char *path, int flags, ...);
int openat(int dfd, const char *path, int flags, ...);
int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int fstatat(int dfd, const char *path, struct stat *st, int flags);
ssize_t getdents64(int fd, void *buf, size_t count);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dfd, const char *path, mode_t mode);
int rename(const char *from, const char *to);
int renameat2(int olddfd, const char *from, int newdfd, const char *to, unsigned int flags);
ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

/* memvp's own calls (numbers from 1024, uapi/memvp.h). The text calls return the length
 * written (at most len - 1, NUL-terminated) or -1. */
int memvp_vmstat(struct memvp_vmstat *out);
int memvp_proc_stat(int pid, struct memvp_proc_stat *out);
int memvp_oom_score_adj(int pid, int adj);
long memvp_buddyinfo(char *buf, size_t len);
long memvp_slabinfo(char *buf, size_t len);
long memvp_maps(int pid, char *buf, size_t len);
int memvp_hartid(void);
int memvp_nr_harts(void);
/* 1: clean page-cache pages, 2: unused buffers, 3: both (after writing dirty data back). */
int memvp_drop_caches(int what);
/* Sets vm.min_free_kbytes (0: only reads it); the value in force, or -1. */
long memvp_min_free_kbytes(long kbytes);
/* The calling hart's hpmcounter `counter` (3..31) counts `event` (an mhpmevent selector,
 * docs/core.md) from 0; read it with csrr hpmcounterN. 0, or -1 with errno (EINVAL, EOPNOTSUPP). */
int memvp_hpm_config(unsigned long counter, unsigned long event);

/* Enables the disk path ("/dev/vdb", formatted by mkswap) as swap: 0, or -1 with errno ENOENT
 * (no such disk), EBUSY (the root disk or already swap), EINVAL (no swap signature). */
int memvp_swapon(const char *path);

/* Sets the sysctl name ("vm.swappiness", docs/reclaim.md lists them) to value, or only reads it
 * when value < 0: the value in force, or -1 with errno ENOENT (no such knob) or EINVAL (out of
 * range). */
long memvp_sysctl(const char *name, long value);

/* Auxiliary-vector types the kernel passes (include/uapi/linux/auxvec.h). */
#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_ENTRY 9

#ifdef __cplusplus
}
#endif

#endif
