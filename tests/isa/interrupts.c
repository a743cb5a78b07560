/* Machine interrupts (priv. spec 20260120 §3.1.7, §3.1.9, §3.3.3; CLINT as on QEMU virt):
 * timer (mtimecmp) and software (msip) interrupts through direct and vectored mtvec, the
 * pending bits in mip, WFI waking on a pending interrupt even with MIE clear, priority
 * MSI over MTI, and M interrupts preempting U-mode regardless of mstatus.MIE. */
#include "isa.h"

static volatile uint64_t *const mtime = (volatile uint64_t *)CLINT_MTIME;
static volatile uint64_t *const mtimecmp = (volatile uint64_t *)CLINT_MTIMECMP(0);
static volatile uint32_t *const msip = (volatile uint32_t *)CLINT_MSIP(0);

#define MIP_MSIP (1u << IRQ_M_SOFT)
#define MIP_MTIP (1u << IRQ_M_TIMER)

static volatile uint64_t log_cause[8];
static volatile int64_t log_slot[8];
static volatile int log_n;

/* Records the interrupt and clears its source. */
static void on_irq(uint64_t cause)
{
  if (log_n < 8) {
    log_cause[log_n] = cause;
    log_slot[log_n] = guest_vector_slot;
  }
  log_n++;
  if ((cause & 0xff) == IRQ_M_TIMER)
    *mtimecmp = ~0ull;
  if ((cause & 0xff) == IRQ_M_SOFT)
    *msip = 0;
}

static void reset_log(void)
{
  log_n = 0;
  for (int i = 0; i < 8; i++) {
    log_cause[i] = 0;
    log_slot[i] = -2;
  }
}

/* Spins until n interrupts have been logged; fails after a bounded wait. */
static void wait_for(int n)
{
  for (uint64_t i = 0; i < 50000000 && log_n < n; i++)
    __asm__ volatile("nop");
  CHECK(log_n, n);
}

static uint64_t soft_irq_from_user(uint64_t unused)
{
  (void)unused;
  *msip = 1;
  for (uint64_t i = 0; i < 1000000 && log_n == 0; i++)
    __asm__ volatile("nop");
  return isa_current_mode();
}

int main(void)
{
  guest_trap_init();
  guest_on_interrupt(PRV_M, on_irq);
  *mtimecmp = ~0ull;
  *msip = 0;
  CSRW(mie, 0);

  guest_group("mtime");
  uint64_t t0 = *mtime;
  for (int i = 0; i < 10000; i++)
    __asm__ volatile("nop");
  CHECK_TRUE(*mtime > t0);
  guest_group_ok();

  guest_group("timer direct");
  reset_log();
  CSRW(mie, MIP_MTIP);
  *mtimecmp = *mtime + 100;
  CSRS(mstatus, MSTATUS_MIE);
  wait_for(1);
  CSRC(mstatus, MSTATUS_MIE);
  CHECK(log_cause[0], CAUSE_INTERRUPT | IRQ_M_TIMER);
  CHECK(log_slot[0], -1);
  CHECK(CSRR(mip) & MIP_MTIP, 0);                  /* cleared by writing mtimecmp */
  guest_group_ok();

  guest_group("software direct");
  reset_log();
  *msip = 1;
  CHECK(CSRR(mip) & MIP_MSIP, MIP_MSIP);           /* pending, not yet enabled */
  CHECK(log_n, 0);
  CSRW(mie, MIP_MSIP);
  CSRS(mstatus, MSTATUS_MIE);
  wait_for(1);
  CSRC(mstatus, MSTATUS_MIE);
  CHECK(log_cause[0], CAUSE_INTERRUPT | IRQ_M_SOFT);
  CHECK(CSRR(mip) & MIP_MSIP, 0);
  guest_group_ok();

  guest_group("vectored");
  uint64_t direct = CSRR(mtvec);
  CSRW(mtvec, (uint64_t)guest_mvec_table | 1);
  CHECK(CSRR(mtvec), (uint64_t)guest_mvec_table | 1);
  reset_log();
  CSRW(mie, MIP_MTIP | MIP_MSIP);
  *mtimecmp = *mtime + 100;
  CSRS(mstatus, MSTATUS_MIE);
  wait_for(1);
  *msip = 1;
  wait_for(2);
  CSRC(mstatus, MSTATUS_MIE);
  CHECK(log_cause[0], CAUSE_INTERRUPT | IRQ_M_TIMER);
  CHECK(log_slot[0], IRQ_M_TIMER);                 /* base + 4 * 7 */
  CHECK(log_cause[1], CAUSE_INTERRUPT | IRQ_M_SOFT);
  CHECK(log_slot[1], IRQ_M_SOFT);
  /* Exceptions still enter at base. */
  guest_arm(&guest_mtrap);
  __asm__ volatile("li a7, 0\n ecall" ::: "a7", "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.cause, CAUSE_ECALL_M);
  CSRW(mtvec, direct);
  guest_group_ok();

  guest_group("wfi");
  reset_log();
  CSRW(mie, MIP_MTIP);
  *mtimecmp = *mtime + 200;
  /* MIE is clear: WFI resumes when the interrupt is pending, without taking it. */
  do {
    __asm__ volatile("wfi");
  } while ((CSRR(mip) & MIP_MTIP) == 0);
  CHECK(log_n, 0);
  CSRS(mstatus, MSTATUS_MIE);
  wait_for(1);
  CSRC(mstatus, MSTATUS_MIE);
  CHECK(log_cause[0], CAUSE_INTERRUPT | IRQ_M_TIMER);
  guest_group_ok();

  guest_group("priority");
  reset_log();
  CSRW(mie, MIP_MTIP | MIP_MSIP);
  *msip = 1;
  *mtimecmp = 0;
  while ((CSRR(mip) & (MIP_MTIP | MIP_MSIP)) != (MIP_MTIP | MIP_MSIP)) {
  }
  CSRS(mstatus, MSTATUS_MIE);
  wait_for(2);
  CSRC(mstatus, MSTATUS_MIE);
  CHECK(log_cause[0], CAUSE_INTERRUPT | IRQ_M_SOFT);   /* MSI before MTI (§3.1.9) */
  CHECK(log_cause[1], CAUSE_INTERRUPT | IRQ_M_TIMER);
  guest_group_ok();

  guest_group("preempt lower mode");
  reset_log();
  CSRW(mie, MIP_MSIP);
  CHECK(guest_enter(PRV_U, soft_irq_from_user, 0), PRV_U);
  CHECK(log_n, 1);
  CHECK(log_cause[0], CAUSE_INTERRUPT | IRQ_M_SOFT);
  CSRW(mie, 0);
  guest_group_ok();

  return guest_pass();
}
