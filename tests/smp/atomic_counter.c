/* Atomicity across harts (unprivileged spec §14.2 LR/SC, §14.4 AMOs): every hart adds 1 to
 * shared counters K times with AMOADD.W, AMOADD.D, an LR/SC loop, and a plain increment
 * under the AMO spinlock; hart 0 waits for all and checks that each total is harts * K. */
#include "smp.h"

#define K 10000

static volatile uint32_t count_w;
static volatile uint64_t count_d;
static volatile uint64_t count_lrsc;
static volatile uint64_t count_locked;
static struct smp_lock lock;
static struct smp_barrier start;
static volatile uint32_t done;

static void work(void)
{
  smp_barrier_wait(&start, SMP_NHARTS);
  for (int i = 0; i < K; i++) {
    smp_amoadd_w(&count_w, 1);
    smp_amoadd_d(&count_d, 1);
    smp_lrsc_inc_d(&count_lrsc);
    smp_lock(&lock);
    count_locked = count_locked + 1;
    smp_unlock(&lock);
  }
  smp_amoadd_w(&done, 1);
}

void rt_secondary_main(void)
{
  if (rt_hart_id() < SMP_NHARTS)
    work();
}

int main(void)
{
  work();
  smp_wait_at_least(&done, SMP_NHARTS, "done");
  printf("harts: %d\n", SMP_NHARTS);
  guest_report("amoadd.w total", smp_load_w(&count_w), (uint64_t)SMP_NHARTS * K);
  guest_report("amoadd.d total", smp_load_d(&count_d), (uint64_t)SMP_NHARTS * K);
  guest_report("lr/sc total", smp_load_d(&count_lrsc), (uint64_t)SMP_NHARTS * K);
  guest_report("spinlock total", smp_load_d(&count_locked), (uint64_t)SMP_NHARTS * K);
  return guest_pass();
}
