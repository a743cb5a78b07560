/* Spinlock, barrier, bounded waits and result lines of the SMP tests (see smp.h). */
#include "smp.h"

void (*volatile smp_irq_handler)(uint64_t mcause);

void smp_lock(struct smp_lock *l)
{
  for (;;) {
    while (smp_load_w(&l->held) != 0) {
    }
    uint32_t was;
    __asm__ volatile("amoswap.w.aq %0, %2, %1" : "=r"(was), "+A"(l->held) : "r"(1u) : "memory");
    if (was == 0)
      return;
  }
}

void smp_unlock(struct smp_lock *l)
{
  uint32_t was;
  __asm__ volatile("amoswap.w.rl %0, %2, %1" : "=r"(was), "+A"(l->held) : "r"(0u) : "memory");
  (void)was;
}

void smp_barrier_wait(struct smp_barrier *b, uint32_t n)
{
  uint32_t gen = smp_load_w(&b->generation);
  if (smp_amoadd_w(&b->count, 1) == n - 1) {
    smp_store_w(&b->count, 0);
    smp_amoadd_w(&b->generation, 1);
    return;
  }
  while (smp_load_w(&b->generation) == gen) {
  }
}

void smp_wait_at_least(const volatile uint32_t *p, uint32_t want, const char *what)
{
  for (uint64_t i = 0; i < 400000000ull; i++)
    if (smp_load_w(p) >= want)
      return;
  printf("%s: FAIL timed out (%u of %u)\n", what, (unsigned)*p, (unsigned)want);
  rt_exit(2);
}

void smp_check(const char *what, uint64_t got, uint64_t expected)
{
  if (got == expected) {
    printf("%s: %lu\n", what, (unsigned long)got);
    return;
  }
  printf("%s: FAIL expected %lu got %lu\n", what, (unsigned long)expected, (unsigned long)got);
  rt_exit(1);
}

void smp_check_true(const char *what, int cond)
{
  if (cond) {
    printf("%s: ok\n", what);
    return;
  }
  printf("%s: FAIL\n", what);
  rt_exit(1);
}

int smp_pass(void)
{
  printf("PASS\n");
  return 0;
}
