/* LR/SC across harts (unprivileged spec §14.2): by explicit hand-shake, hart 1 holds a
 * reservation while hart 0 stores to the reserved doubleword (SD, SW after LR.W, AMOADD.D),
 * and hart 1's SC must fail and leave hart 0's value in memory; then all harts increment
 * one LR/SC counter with per-hart pseudo-random back-off and the total must be exact. */
#include "smp.h"

#define K 2000

#define SHARED __attribute__((aligned(64)))

static volatile uint64_t counter SHARED;
static struct smp_barrier start SHARED;
static volatile uint32_t done SHARED;

/* Hand-shake of the reservation checks: hart 0 publishes case c in go, hart 1 answers in
 * ready once it holds the reservation, hart 0 answers in stored after its store, hart 1
 * reports in finished. */
static volatile uint32_t go SHARED, ready SHARED, stored SHARED, finished SHARED;
static volatile union {
  uint64_t d;
  uint32_t w;                /* the low word (little-endian) */
} target SHARED;
static volatile uint64_t sc_result, lr_value;

enum { CASE_SD = 1, CASE_SW, CASE_AMO, CASES = CASE_AMO };
static const char *const case_name[] = {
  "", "sc.d after remote sd", "sc.w after remote sw", "sc.d after remote amoadd.d"};

/* One LR/SC attempt to add 1 (nothing but base integer instructions between them, §14.3);
 * returns nonzero when the SC succeeded. */
static int try_inc(volatile uint64_t *p)
{
  uint64_t v, rc;
  __asm__ volatile(
      "lr.d  %0, %2\n"
      "addi  %0, %0, 1\n"
      "sc.d  %1, %0, %2\n"
      : "=&r"(v), "=&r"(rc), "+A"(*p)
      :
      : "memory");
  return rc == 0;
}

static void contend(void)
{
  uint64_t seed = 0x9e3779b97f4a7c15ull * (rt_hart_id() + 1);
  smp_barrier_wait(&start, SMP_NHARTS);
  for (int i = 0; i < K; i++) {
    while (!try_inc(&counter))
      smp_delay(smp_rand(&seed) & 15);
    smp_delay(smp_rand(&seed) & 7);
  }
  smp_amoadd_w(&done, 1);
}

/* Hart 1: reserve target, let hart 0 store to it, then try the SC. */
static void hold_reservation(uint32_t c)
{
  uint64_t v, rc, t;
  uint64_t new_value = 0x5c00 + c;
  if (c == CASE_SW) {
    __asm__ volatile(
        "lr.w   %0, (%3)\n"
        "fence  rw, rw\n"
        "sw     %5, 0(%4)\n"
        "1: lw  %2, 0(%6)\n"
        "bne    %2, %5, 1b\n"
        "fence  r, rw\n"
        "sc.w   %1, %7, (%3)\n"
        : "=&r"(v), "=&r"(rc), "=&r"(t)
        : "r"(&target.d), "r"(&ready), "r"((uint64_t)c), "r"(&stored), "r"(new_value)
        : "memory");
  } else {
    __asm__ volatile(
        "lr.d   %0, (%3)\n"
        "fence  rw, rw\n"
        "sw     %5, 0(%4)\n"
        "1: lw  %2, 0(%6)\n"
        "bne    %2, %5, 1b\n"
        "fence  r, rw\n"
        "sc.d   %1, %7, (%3)\n"
        : "=&r"(v), "=&r"(rc), "=&r"(t)
        : "r"(&target.d), "r"(&ready), "r"((uint64_t)c), "r"(&stored), "r"(new_value)
        : "memory");
  }
  lr_value = v;
  sc_result = rc;
  smp_store_w(&finished, c);
}

void rt_secondary_main(void)
{
  if (rt_hart_id() >= SMP_NHARTS)
    return;
  if (rt_hart_id() == 1) {
    for (uint32_t c = 1; c <= CASES; c++) {
      smp_wait_at_least(&go, c, "go");
      hold_reservation(c);
    }
  }
  contend();
}

/* Hart 0's side of case c: store to the reserved doubleword with a value the SC does not
 * write, then check that the SC failed (rd != 0) and the value stayed. */
static void remote_store(uint32_t c)
{
  uint64_t before = 0x1000 * c;
  uint64_t expected;
  target.d = before;
  smp_store_w(&go, c);
  smp_wait_at_least(&ready, c, "ready");
  switch (c) {
  case CASE_SD:
    target.d = expected = 0xd00d0000 + c;
    break;
  case CASE_SW:
    target.w = 0xd00d0000 + c;
    expected = 0xd00d0000 + c;
    break;
  default:
    smp_amoadd_d(&target.d, 0x100);
    expected = before + 0x100;
    break;
  }
  smp_store_w(&stored, c);
  smp_wait_at_least(&finished, c, "finished");
  uint64_t got = smp_load_d(&target.d);
  uint64_t lr = lr_value, rc = sc_result;
  if (c == CASE_SW)
    got &= 0xffffffffull;
  if (rc != 0 && got == expected && lr == before) {
    printf("%s: ok\n", case_name[c]);
    return;
  }
  printf("%s: FAIL sc rd %lu (want nonzero), lr read 0x%lx (want 0x%lx), memory 0x%lx (want "
         "0x%lx)\n",
         case_name[c], (unsigned long)rc, (unsigned long)lr, (unsigned long)before,
         (unsigned long)got, (unsigned long)expected);
  rt_exit(1);
}

int main(void)
{
  printf("harts: %d\n", SMP_NHARTS);
  for (uint32_t c = 1; c <= CASES; c++)
    remote_store(c);
  contend();
  smp_wait_at_least(&done, SMP_NHARTS, "done");
  guest_report("contended lr/sc total", smp_load_d(&counter), (uint64_t)SMP_NHARTS * K);
  return guest_pass();
}
