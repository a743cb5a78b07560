/* Inter-processor interrupts through the CLINT (priv. spec 20260120 §3.1.9 mip.MSIP; msip
 * registers at 0x0200_0000 + 4 * hart as on QEMU virt): hart 0 interrupts every other hart
 * for ROUNDS rounds, each handler clears its msip, counts and acknowledges with an AMO; then
 * the other harts interrupt hart 0 one at a time. Waiting harts sleep in WFI (§3.3.3). */
#include "smp.h"

#define ROUNDS 3

#define SHARED __attribute__((aligned(64)))

static volatile uint32_t armed SHARED;   /* harts with their handler installed */
static volatile uint32_t acks SHARED;    /* acknowledgements of hart 0's IPIs */
static volatile uint32_t received[RT_MAX_HARTS] SHARED;
static volatile uint32_t turn SHARED;    /* the hart whose turn it is to interrupt hart 0 */
static volatile uint32_t finished SHARED;

static void on_interrupt(uint64_t mcause)
{
  uint64_t hart = rt_hart_id();
  if (mcause != (CAUSE_INTERRUPT | IRQ_M_SOFT))
    rt_unexpected_trap(mcause, 0, 0);
  *smp_msip(hart) = 0;
  __asm__ volatile("fence o, rw" ::: "memory");
  received[hart] = received[hart] + 1;
  if (hart == 0)
    smp_amoadd_w(&turn, 1);
  else
    smp_amoadd_w(&acks, 1);
}

/* Sets up this hart to take machine software interrupts, with mstatus.MIE still clear. */
static void arm(void)
{
  guest_trap_init();
  __asm__ volatile("csrw mie, %0" ::"r"((uint64_t)MIP_MSIP));
}

/* Sleeps until this hart's handler has run `want` times. The check and WFI run with
 * mstatus.MIE clear, so an interrupt cannot slip in between them; WFI still wakes on the
 * pending, enabled interrupt (§3.3.3). Then MIE is set until the handler has cleared the
 * pending bit, so the interrupt is taken through the trap path; a WFI that returns early
 * (it may, §3.3.3) just goes round again. */
static void sleep_until_received(uint32_t want)
{
  uint64_t hart = rt_hart_id();
  while (received[hart] < want) {
    __asm__ volatile("wfi");
    __asm__ volatile("csrs mstatus, %0" ::"r"((uint64_t)MSTATUS_MIE) : "memory");
    uint64_t mip;
    do
      __asm__ volatile("csrr %0, mip" : "=r"(mip)::"memory");
    while (mip & MIP_MSIP);
    __asm__ volatile("csrc mstatus, %0" ::"r"((uint64_t)MSTATUS_MIE) : "memory");
  }
}

void rt_secondary_main(void)
{
  uint64_t hart = rt_hart_id();
  if (hart >= SMP_NHARTS)
    return;
  arm();
  smp_amoadd_w(&armed, 1);
  sleep_until_received(ROUNDS);
  /* Reverse direction: one sender at a time, so hart 0 takes exactly one interrupt each. */
  smp_wait_at_least(&turn, (uint32_t)hart, "turn");
  __asm__ volatile("fence rw, o" ::: "memory");
  *smp_msip(0) = 1;
  smp_amoadd_w(&finished, 1);
}

int main(void)
{
  guest_on_interrupt(PRV_M, on_interrupt);
  arm();
  smp_wait_at_least(&armed, SMP_NHARTS - 1, "armed");
  for (uint32_t r = 1; r <= ROUNDS; r++) {
    for (uint64_t h = 1; h < SMP_NHARTS; h++) {
      __asm__ volatile("fence rw, o" ::: "memory");
      *smp_msip(h) = 1;
    }
    smp_wait_at_least(&acks, r * (SMP_NHARTS - 1), "acks");
  }
  printf("harts: %d\n", SMP_NHARTS);
  guest_report("acks of hart 0's ipis", smp_load_w(&acks), (uint64_t)ROUNDS * (SMP_NHARTS - 1));
  int each = 1;
  for (int h = 1; h < SMP_NHARTS; h++)
    each &= received[h] == ROUNDS;
  guest_report_ok("every other hart took each round once", each);

  smp_store_w(&turn, 1);
  sleep_until_received(SMP_NHARTS - 1);
  smp_wait_at_least(&finished, SMP_NHARTS - 1, "finished");
  guest_report("ipis taken by hart 0", received[0], SMP_NHARTS - 1);
  guest_report("msip of hart 0 after", *smp_msip(0) & 1, 0);
  return guest_pass();
}
