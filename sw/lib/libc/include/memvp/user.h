/* The memvp user library's system interface: wrappers of every system call of the guest
 * kernel (RISC-V Linux ABI, numbers and flags from uapi/memvp.h) and the wait-status macros.
 * User programs include this instead of <sys/wait.h>, <sys/mman.h>, <signal.h> and <time.h>,
 * whose picolibc values (SIGCHLD, CLOCK_*) are not Linux's. */
#ifndef MEMVP_USER_H
#define MEMVP_USER_H

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
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
long set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode);

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

/* Auxiliary-vector types the kernel passes (include/uapi/linux/auxvec.h). */
#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_ENTRY 9

#ifdef __cplusplus
}
#endif

#endif
