/* An unmodified static glibc pthread program: four threads (clone with CLONE_VM|CLONE_THREAD|
 * CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID) each sum a quarter of an array into a
 * mutex-protected total, add 1 to a shared counter 20000 times each under the mutex (contended
 * on several harts: futex waits and wakes), meet at a barrier, wait on a condition variable
 * for the main thread's go, keep a __thread value of their own, and are joined (pthread_join
 * waits on the futex the kernel clears at their exit). getpid is the same in every thread,
 * gettid differs. Prints only from the main thread, after the joins, so the output does not
 * depend on the interleaving. Then two child processes whose main thread waits in pthread_join:
 * one whose thread calls exit(5) (exit_group: the child exits 5) and one whose thread stores
 * to address 0 (SIGSEGV kills both threads). Exits 1 at the first difference. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum { NTHREADS = 4, N = 1 << 16, INCREMENTS = 20000 };

static unsigned values[N];
static unsigned long total, contended;
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t barrier;
static pthread_mutex_t go_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go_cond = PTHREAD_COND_INITIALIZER;
static int go;
static __thread int tls_value = 7;

struct worker {
  pthread_t thread;
  int index;
  pid_t pid, tid;
  int tls_before, tls_after;
  unsigned long sum;
  int barrier_serial;
};

static int failures;

static void check(const char *what, int ok)
{
  if (!ok) {
    printf("glibc_threads: FAIL %s\n", what);
    failures++;
  }
}

static void *work(void *arg)
{
  struct worker *w = arg;
  w->pid = getpid();
  w->tid = syscall(SYS_gettid);
  w->tls_before = tls_value;
  tls_value = 100 + w->index;
  unsigned long sum = 0;
  for (int i = w->index * (N / NTHREADS); i < (w->index + 1) * (N / NTHREADS); i++) sum += values[i];
  w->sum = sum;
  pthread_mutex_lock(&total_lock);
  total += sum;
  pthread_mutex_unlock(&total_lock);
  /* Many short critical sections: on several harts the lock is contended and waits in futex. */
  for (int i = 0; i < INCREMENTS; i++) {
    pthread_mutex_lock(&total_lock);
    contended++;
    pthread_mutex_unlock(&total_lock);
  }
  w->barrier_serial = pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD;
  pthread_mutex_lock(&go_lock);
  while (!go) pthread_cond_wait(&go_cond, &go_lock);
  pthread_mutex_unlock(&go_lock);
  sched_yield();
  w->tls_after = tls_value;
  return (void *)(long)(w->index + 1);
}

/* A thread ending the whole process: exit() is exit_group, and a fault kills every thread. */
static void *exit_process(void *arg)
{
  (void)arg;
  exit(5);
}

static void *fault(void *arg)
{
  (void)arg;
  *(volatile int *)arg = 1;
  return NULL;
}

/* A child process whose main thread waits in pthread_join (a futex wait) on a thread running
 * fn; returns the child's wait status. */
static int child_with_thread(void *(*fn)(void *))
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t t;
    if (pthread_create(&t, NULL, fn, NULL) != 0) _exit(90);
    pthread_join(t, NULL);
    _exit(91);
  }
  int status = -1;
  check("waitpid", waitpid(pid, &status, 0) == pid);
  return status;
}

int main(void)
{
  for (int i = 0; i < N; i++) values[i] = (unsigned)i * 2654435761u >> 16;
  unsigned long expected = 0;
  for (int i = 0; i < N; i++) expected += values[i];

  cpu_set_t set;
  CPU_ZERO(&set);
  check("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_ISSET(0, &set));

  pthread_barrier_init(&barrier, NULL, NTHREADS);
  struct worker workers[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) {
    workers[i].index = i;
    check("pthread_create", pthread_create(&workers[i].thread, NULL, work, &workers[i]) == 0);
  }
  pthread_mutex_lock(&go_lock);
  go = 1;
  pthread_cond_broadcast(&go_cond);
  pthread_mutex_unlock(&go_lock);

  int serials = 0;
  pid_t me = getpid(), my_tid = syscall(SYS_gettid);
  check("main thread's tid is its pid", me == my_tid);
  for (int i = 0; i < NTHREADS; i++) {
    void *ret = NULL;
    check("pthread_join", pthread_join(workers[i].thread, &ret) == 0);
    struct worker *w = &workers[i];
    printf("glibc_threads: thread %d returned %ld, getpid %s, tid %s, __thread %d then %d, sum %lu\n", i,
           (long)ret, w->pid == me ? "same" : "differs", w->tid != me && w->tid > 0 ? "own" : "shared",
           w->tls_before, w->tls_after, w->sum);
    check("return value", (long)ret == i + 1);
    check("getpid", w->pid == me);
    check("tid", w->tid != me && w->tid > 0);
    for (int j = 0; j < i; j++) check("distinct tids", workers[j].tid != w->tid);
    check("__thread initial value", w->tls_before == 7);
    check("__thread own value", w->tls_after == 100 + i);
    serials += w->barrier_serial;
  }
  printf("glibc_threads: total %lu (expected %lu), one barrier serial thread: %s, main's __thread %d\n", total,
         expected, serials == 1 ? "yes" : "no", tls_value);
  check("total", total == expected);
  printf("glibc_threads: %d increments under the mutex by each thread: %lu\n", INCREMENTS, contended);
  check("increments", contended == (unsigned long)NTHREADS * INCREMENTS);
  check("one serial thread", serials == 1);
  check("main's __thread", tls_value == 7);

  int status = child_with_thread(exit_process);
  printf("glibc_threads: a thread's exit(5) ends the process joining it: %s %d\n",
         WIFEXITED(status) ? "exited" : "other", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  check("exit_group from a thread", WIFEXITED(status) && WEXITSTATUS(status) == 5);
  status = child_with_thread(fault);
  printf("glibc_threads: a thread's fault kills the process: %s %d\n", WIFSIGNALED(status) ? "signal" : "other",
         WIFSIGNALED(status) ? WTERMSIG(status) : -1);
  check("SIGSEGV kills every thread", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);

  printf(failures ? "glibc_threads: FAILED\n" : "glibc_threads: PASS\n");
  return failures != 0;
}
