/* An unmodified static glibc program (riscv64-linux-gnu-gcc -static): what glibc's start-up
 * found in the initial stack the guest kernel built (argc, argv, envp, the auxiliary vector
 * of Linux fs/binfmt_elf.c create_elf_tables), thread-local storage from PT_TLS, uname, the
 * console as a terminal, the ids, getrandom, clocks and usleep, and an unknown system call
 * (-ENOSYS, logged once by the kernel). Prints what it checks; exits 1 at the first difference. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <elf.h>
#include <link.h>

extern const Elf64_Ehdr __ehdr_start;
extern char _start[];

static __thread int tls_data = 42;  /* .tdata: copied from the PT_TLS image */
static __thread long tls_bss;        /* .tbss: zero */

static int failures;

static void check(const char *what, int ok)
{
  if (!ok) {
    printf("glibc_hello: FAIL %s\n", what);
    failures++;
  }
}

static void show_auxv(void)
{
  printf("AT_PAGESZ %lu AT_PHENT %lu AT_PHNUM %lu AT_CLKTCK %lu\n", getauxval(AT_PAGESZ),
         getauxval(AT_PHENT), getauxval(AT_PHNUM), getauxval(AT_CLKTCK));
  printf("AT_HWCAP 0x%lx AT_SECURE %lu AT_UID %lu AT_EUID %lu AT_GID %lu AT_EGID %lu\n",
         getauxval(AT_HWCAP), getauxval(AT_SECURE), getauxval(AT_UID), getauxval(AT_EUID),
         getauxval(AT_GID), getauxval(AT_EGID));
  check("AT_ENTRY is _start", getauxval(AT_ENTRY) == (unsigned long)_start);
  check("AT_PHDR is the loaded program header table",
        getauxval(AT_PHDR) == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff);
  check("AT_PHNUM is e_phnum", getauxval(AT_PHNUM) == __ehdr_start.e_phnum);
  check("AT_PHENT is e_phentsize", getauxval(AT_PHENT) == __ehdr_start.e_phentsize);
  check("sysconf(_SC_PAGESIZE)", sysconf(_SC_PAGESIZE) == 4096);
  check("sysconf(_SC_CLK_TCK)", sysconf(_SC_CLK_TCK) == 100);
  const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
  printf("AT_RANDOM");
  for (int i = 0; r && i < 16; i++)
    printf(" %02x", r[i]);
  printf("\n");
}

static void show_system(void)
{
  struct utsname u;
  check("uname", uname(&u) == 0);
  printf("uname: %s %s %s %s\n", u.sysname, u.nodename, u.release, u.machine);
  printf("pid %d tid %ld uid %d euid %d gid %d egid %d\n", getpid(), syscall(SYS_gettid), getuid(),
         geteuid(), getgid(), getegid());
  struct termios t;
  check("tcgetattr(1) on the console", tcgetattr(1, &t) == 0);
  printf("isatty: stdin %d stdout %d stderr %d\n", isatty(0), isatty(1), isatty(2));
  unsigned char buf[8];
  check("getrandom", getrandom(buf, sizeof(buf), 0) == (ssize_t)sizeof(buf));
  errno = 0;
  check("getrandom with an unknown flag: EINVAL", getrandom(buf, 1, 0x80) == -1 && errno == EINVAL);
}

/* glibc's usleep is clock_nanosleep(CLOCK_REALTIME, 0, ...); time() reads CLOCK_REALTIME_COARSE. */
static void sleep_and_clocks(void)
{
  struct timespec res, a, b;
  check("clock_getres(CLOCK_MONOTONIC)", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0);
  check("clock_gettime(CLOCK_MONOTONIC)", clock_gettime(CLOCK_MONOTONIC, &a) == 0);
  clock_t cpu_before = clock();
  check("usleep", usleep(20000) == 0);
  clock_t cpu_after = clock();
  check("clock_gettime(CLOCK_BOOTTIME)", clock_gettime(CLOCK_BOOTTIME, &b) == 0);
  long ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
  check("time()", time(NULL) >= 0);
  printf("usleep(20000): at least 20 ms passed: %s, less than 20 ms of CPU time: %s\n", ns >= 20000000 ? "yes" : "no",
         cpu_after - cpu_before < 20000 ? "yes" : "no");
  check("usleep(20000) sleeps 20 ms", ns >= 20000000);
  check("clock() works", cpu_before != (clock_t)-1 && cpu_after >= cpu_before);
  check("sleeping is not CPU time", cpu_after - cpu_before < 20000);
  volatile unsigned long spin = 0;
  for (int i = 0; i < 200000; i++)
    spin += i;
  check("a busy loop adds CPU time", clock() > cpu_after);

  /* gettimeofday as the system call (glibc's own reads clock_gettime) and times(). */
  struct timespec now;
  struct timeval tv;
  struct timezone tz = {1, 1};
  check("clock_gettime(CLOCK_REALTIME)", clock_gettime(CLOCK_REALTIME, &now) == 0);
  check("gettimeofday", syscall(SYS_gettimeofday, &tv, &tz) == 0);
  long us = (tv.tv_sec - now.tv_sec) * 1000000L + (tv.tv_usec - now.tv_nsec / 1000);
  struct tms t;
  clock_t cpu_a = clock(), ticks = times(&t), cpu_b = clock();
  /* clock() counts microseconds, times() ticks of 10 ms of the same CPU time. */
  int times_ok = ticks > 0 && t.tms_utime >= cpu_a / 10000 && t.tms_utime <= cpu_b / 10000 && t.tms_utime <= ticks &&
                 t.tms_cutime == 0;
  printf("gettimeofday: within 1 s after CLOCK_REALTIME: %s, timezone UTC: %s; times: user time as clock() says: "
         "%s\n", us >= 0 && us < 1000000 ? "yes" : "no", tz.tz_minuteswest == 0 && tz.tz_dsttime == 0 ? "yes" : "no",
         times_ok ? "yes" : "no");
  check("gettimeofday follows CLOCK_REALTIME", us >= 0 && us < 1000000);
  check("times", times_ok);
}

/* acct(2) is a Linux call the kernel does not implement: -ENOSYS both times, one console line. */
static void unknown_syscall(void)
{
  for (int i = 0; i < 2; i++) {
    errno = 0;
    long rc = syscall(SYS_acct, NULL);
    printf("acct: %ld errno %s\n", rc, errno == ENOSYS ? "ENOSYS" : strerror(errno));
  }
}

int main(int argc, char **argv, char **envp)
{
  printf("glibc_hello: hello from glibc, argc %d", argc);
  for (int i = 0; i < argc; i++)
    printf(" [%s]", argv[i]);
  int envc = 0;
  while (envp[envc])
    envc++;
  printf(", %d environment strings\n", envc);
  show_auxv();
  check("TLS .tdata", tls_data == 42);
  check("TLS .tbss", tls_bss == 0);
  tls_data++;
  tls_bss = 7;
  printf("TLS: %d %ld\n", tls_data, tls_bss);
  show_system();
  sleep_and_clocks();
  fflush(stdout);
  unknown_syscall();
  printf("glibc_hello: %s\n", failures ? "FAIL" : "PASS");
  return failures ? 1 : 0;
}
