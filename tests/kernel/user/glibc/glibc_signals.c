/* An unmodified static glibc program that takes signals: a SIGSEGV handler (SA_SIGINFO) that
 * recovers with siglongjmp from a load of a PROT_NONE page (si_addr the address, si_code
 * SEGV_ACCERR) and from a store to an unmapped page (SEGV_MAPERR), on an alternate stack
 * (SA_ONSTACK, sigaltstack); raise and kill of SIGUSR1 to itself with si_signo, si_code and
 * si_pid checked; SIGUSR2 blocked by sigprocmask, pending (sigpending), then delivered on
 * unblock; the handler's mask (sa_mask and the signal itself) and SA_RESETHAND; f registers
 * restored after a handler that uses them; SIG_IGN; and a child killed by SIGTERM's default
 * action. Exits 1 at the first difference. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
  if (!ok) {
    printf("glibc_signals: FAIL %s\n", what);
    failures++;
  }
}

static sigjmp_buf recover;
static volatile void *segv_addr;
static volatile int segv_code, segv_on_altstack;
static char altstack[65536];

static void on_segv(int sig, siginfo_t *info, void *uc)
{
  (void)uc;
  char here;
  segv_addr = info->si_addr;
  segv_code = info->si_code;
  segv_on_altstack = &here >= altstack && &here < altstack + sizeof(altstack);
  siglongjmp(recover, sig);
}

static volatile int usr1_count, usr1_signo, usr1_code, usr1_pid, usr1_blocked_inside, usr2_count;
static volatile double fp_in_handler;

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
  (void)uc;
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  usr1_blocked_inside = sigismember(&now, SIGUSR1) && sigismember(&now, SIGUSR2);
  usr1_signo = info->si_signo;
  usr1_code = info->si_code;
  usr1_pid = info->si_pid;
  usr1_count++;
  volatile double x = sig;
  fp_in_handler = x * 1.5 + 0.25;  /* clobbers f registers the interrupted code may hold */
}

static void on_usr2(int sig) { usr2_count += sig == SIGUSR2; }

static void segv_test(const char *what, volatile char *addr, int store, int expected_code)
{
  int sig = sigsetjmp(recover, 1);
  if (sig == 0) {
    if (store) *addr = 1;
    else (void)*addr;
    check("no fault", 0);
    return;
  }
  printf("glibc_signals: %s: signal %d, si_addr %s, si_code %s, on the alternate stack: %s\n", what, sig,
         segv_addr == addr ? "the address" : "other", segv_code == expected_code ? "as expected" : "other",
         segv_on_altstack ? "yes" : "no");
  check("SIGSEGV", sig == SIGSEGV);
  check("si_addr", segv_addr == addr);
  check("si_code", segv_code == expected_code);
  check("alternate stack", segv_on_altstack);
}

int main(void)
{
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0};
  check("sigaltstack", sigaltstack(&ss, NULL) == 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  check("sigaction SIGSEGV", sigaction(SIGSEGV, &sa, NULL) == 0);

  char *page = mmap(NULL, 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check("mmap", page != MAP_FAILED);
  segv_test("load from PROT_NONE", page + 100, 0, SEGV_ACCERR);
  munmap(page + 4096, 4096);
  segv_test("store to an unmapped page", page + 4096 + 8, 1, SEGV_MAPERR);
  stack_t old;
  check("sigaltstack query", sigaltstack(NULL, &old) == 0 && old.ss_sp == altstack && old.ss_flags == 0);

  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  check("sigaction SIGUSR1", sigaction(SIGUSR1, &sa, NULL) == 0);
  signal(SIGUSR2, on_usr2);

  volatile double f = 2.5;
  check("raise", raise(SIGUSR1) == 0);
  double g = f * 3.0;
  printf("glibc_signals: raise(SIGUSR1): handled %d, si_signo %d, si_code %s, mask inside: %s, f %.2f, handler's %.2f\n",
         usr1_count, usr1_signo, usr1_code == SI_TKILL ? "SI_TKILL" : "other",
         usr1_blocked_inside ? "SIGUSR1 SIGUSR2" : "other", g, fp_in_handler);
  check("raise handled", usr1_count == 1 && usr1_signo == SIGUSR1 && usr1_code == SI_TKILL);
  check("mask inside the handler", usr1_blocked_inside);
  check("f registers restored", g == 7.5);

  check("kill", kill(getpid(), SIGUSR1) == 0);
  printf("glibc_signals: kill(getpid(), SIGUSR1): handled %d, si_code %s, si_pid %s\n", usr1_count,
         usr1_code == SI_USER ? "SI_USER" : "other", usr1_pid == getpid() ? "own pid" : "other");
  check("kill handled", usr1_count == 2 && usr1_code == SI_USER && usr1_pid == getpid());

  sigset_t block, pending, now;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  check("block", sigprocmask(SIG_BLOCK, &block, NULL) == 0);
  raise(SIGUSR2);
  raise(SIGUSR2);
  sigpending(&pending);
  const int was_pending = sigismember(&pending, SIGUSR2), before = usr2_count;
  check("unblock", sigprocmask(SIG_UNBLOCK, &block, NULL) == 0);
  sigprocmask(SIG_BLOCK, NULL, &now);
  printf("glibc_signals: SIGUSR2 blocked: pending %s, handled %d before unblock and %d after, mask after: %s\n",
         was_pending ? "yes" : "no", before, usr2_count, sigismember(&now, SIGUSR2) ? "blocked" : "empty");
  check("pending while blocked", was_pending && before == 0);
  check("delivered once on unblock", usr2_count == 1);

  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  struct sigaction now_sa;
  sigaction(SIGUSR1, NULL, &now_sa);
  printf("glibc_signals: SA_RESETHAND: handled %d, then the action is %s\n", usr1_count,
         now_sa.sa_handler == SIG_DFL ? "SIG_DFL" : "other");
  check("SA_RESETHAND", usr1_count == 3 && now_sa.sa_handler == SIG_DFL);

  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("glibc_signals: SIG_IGN: still alive, handled %d\n", usr1_count);

  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    for (;;) sleep(1);
  }
  check("kill SIGTERM", kill(child, SIGTERM) == 0);
  int status = 0;
  check("waitpid", waitpid(child, &status, 0) == child);
  printf("glibc_signals: child killed by signal %d (SIGTERM's default action)\n",
         WIFSIGNALED(status) ? WTERMSIG(status) : -1);
  check("child killed", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

  printf(failures ? "glibc_signals: FAILED\n" : "glibc_signals: PASS\n");
  return failures != 0;
}
