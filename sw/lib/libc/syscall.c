/* System calls of the memvp guest kernel from user space: the RISC-V Linux calling convention
 * (ecall with a7 = number, a0..a5 = arguments, a0 = result; unprivileged spec §2.8 ECALL, Linux
 * arch/riscv/kernel/entry.S) and the errno convention of a C library (a result in
 * [-4095, -1] is -errno). */
#include <errno.h>
#include <stdarg.h>

#include "memvp/user.h"
#include "sysdep.h"

long __syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
  register long r_a0 __asm__("a0") = a0;
  register long r_a1 __asm__("a1") = a1;
  register long r_a2 __asm__("a2") = a2;
  register long r_a3 __asm__("a3") = a3;
  register long r_a4 __asm__("a4") = a4;
  register long r_a5 __asm__("a5") = a5;
  register long r_a7 __asm__("a7") = nr;
  __asm__ volatile("ecall"
                   : "+r"(r_a0)
                   : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
                   : "memory");
  return r_a0;
}

/* Linux's syscall_ret: errors are the last page of the unsigned range. */
long __syscall_ret(long r)
{
  if ((unsigned long)r > -4096UL) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

long syscall(long nr, ...)
{
  va_list ap;
  long a[6];
  va_start(ap, nr);
  for (int i = 0; i < 6; i++)
    a[i] = va_arg(ap, long);
  va_end(ap);
  return __syscall_ret(__syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

ssize_t write(int fd, const void *buf, size_t len)
{
  return SYS3(__NR_write, fd, buf, len);
}

pid_t getpid(void)
{
  return (pid_t)SYS0(__NR_getpid);
}

pid_t getppid(void)
{
  return (pid_t)SYS0(__NR_getppid);
}

pid_t gettid(void)
{
  return (pid_t)SYS0(__NR_gettid);
}

/* clone.S hands its error here: errno from a positive error number, result -1. */
long __clone_error(long err)
{
  errno = (int)err;
  return -1;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
  return (int)SYS3(__NR_execve, path, argv, envp);
}

pid_t wait4(pid_t pid, int *status, int options, void *rusage)
{
  return (pid_t)SYS4(__NR_wait4, pid, status, options, rusage);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
  return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
  return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
  return (int)SYS2(__NR_kill, pid, sig);
}

int sched_yield(void)
{
  return (int)SYS0(__NR_sched_yield);
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
  return (int)SYS2(__NR_clock_gettime, clk, ts);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
  return (int)SYS2(__NR_nanosleep, req, rem);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
  return (void *)__syscall_ret(
      __syscall(__NR_mmap, (long)addr, (long)len, prot, flags, fd, (long)off));
}

int munmap(void *addr, size_t len)
{
  return (int)SYS2(__NR_munmap, addr, len);
}

/* Linux's mremap with the first four arguments (no MREMAP_FIXED new address). */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
  return (void *)__syscall_ret(
      __syscall(__NR_mremap, (long)old, (long)old_len, (long)new_len, flags, 0, 0));
}

int mprotect(void *addr, size_t len, int prot)
{
  return (int)SYS3(__NR_mprotect, addr, len, prot);
}

int madvise(void *addr, size_t len, int advice)
{
  return (int)SYS3(__NR_madvise, addr, len, advice);
}

int msync(void *addr, size_t len, int flags)
{
  return (int)SYS3(__NR_msync, addr, len, flags);
}

long set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode)
{
  return SYS3(__NR_set_mempolicy, mode, nodemask, maxnode);
}

int memvp_vmstat(struct memvp_vmstat *out)
{
  return (int)SYS1(__NR_memvp_vmstat, out);
}

int memvp_proc_stat(int pid, struct memvp_proc_stat *out)
{
  return (int)SYS2(__NR_memvp_proc_stat, pid, out);
}

int memvp_oom_score_adj(int pid, int adj)
{
  return (int)SYS2(__NR_memvp_oom_score_adj, pid, adj);
}

long memvp_buddyinfo(char *buf, size_t len)
{
  return SYS2(__NR_memvp_buddyinfo, buf, len);
}

long memvp_slabinfo(char *buf, size_t len)
{
  return SYS2(__NR_memvp_slabinfo, buf, len);
}

long memvp_maps(int pid, char *buf, size_t len)
{
  return SYS3(__NR_memvp_maps, pid, buf, len);
}

int memvp_hartid(void)
{
  return (int)SYS0(__NR_memvp_hartid);
}

int memvp_drop_caches(int what)
{
  return (int)SYS1(__NR_memvp_drop_caches, what);
}

int memvp_hpm_config(unsigned long counter, unsigned long event)
{
  return (int)SYS2(__NR_memvp_hpm_config, counter, event);
}

long memvp_min_free_kbytes(long kbytes)
{
  return SYS1(__NR_memvp_min_free_kbytes, kbytes);
}

int memvp_swapon(const char *path)
{
  return (int)SYS1(__NR_memvp_swapon, path);
}

long memvp_sysctl(const char *name, long value)
{
  return SYS2(__NR_memvp_sysctl, name, value);
}

int memvp_nr_harts(void)
{
  return (int)SYS0(__NR_memvp_nr_harts);
}
