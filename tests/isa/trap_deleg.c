/* Trap delegation (priv. spec 20260120 §3.1.8, §12.1.7-10): exceptions set in medeleg and raised
 * in S or U mode go to stvec with scause/sepc/stval/SPP, the rest still go to M; traps taken in
 * M are never delegated; a supervisor interrupt delegated by mideleg reaches S-mode. */
#include "isa.h"

#define ILLEGAL_WORD 0xfe000033u      /* OP major opcode, funct7 = 0x7f: undefined */

static volatile uint64_t trap_pc;
static volatile uint64_t s_irq_cause;

static uint64_t illegal_here(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile("lla %0, 1f\n1: .word 0xfe000033" : "=&r"(at) : : "memory");
  trap_pc = at;
  return arg;
}

static uint64_t ecall_here(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile("li a7, 0\n lla %0, 1f\n1: ecall" : "=&r"(at) : : "a7", "memory");
  trap_pc = at;
  return arg;
}

static uint64_t ebreak_here(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile(ISA_NORVC "lla %0, 1f\n1: ebreak\n" ISA_POP : "=&r"(at) : : "memory");
  trap_pc = at;
  return arg;
}

/* S-mode body: the delegated traps land in the S handler; U code runs via SRET. */
static uint64_t supervisor(uint64_t which)
{
  guest_arm(&guest_strap);
  switch (which) {
  case 0: illegal_here(0); break;
  case 1: ebreak_here(0); break;
  case 2: guest_s_enter_user(ecall_here, 0); break;
  case 3: guest_s_enter_user(illegal_here, 0); break;
  }
  guest_disarm(&guest_strap);
  return guest_strap.count;
}

static void on_s_interrupt(uint64_t cause)
{
  s_irq_cause = cause;
  CSRC(sip, 1u << IRQ_S_SOFT);
}

/* S-mode body: SSIP was set by M; enabling SIE lets the delegated interrupt in. */
static uint64_t supervisor_irq(uint64_t unused)
{
  (void)unused;
  CSRS(sie, 1u << IRQ_S_SOFT);
  CSRS(sstatus, MSTATUS_SIE);
  for (int i = 0; i < 1000 && s_irq_cause == 0; i++)
    __asm__ volatile("nop");
  CSRC(sstatus, MSTATUS_SIE);
  CSRC(sie, 1u << IRQ_S_SOFT);
  return s_irq_cause;
}

int main(void)
{
  guest_trap_init();
  uint64_t bits = (1u << CAUSE_ILLEGAL) | (1u << CAUSE_BREAKPOINT) | (1u << CAUSE_ECALL_U);

  guest_group("medeleg");
  CSRW(medeleg, bits);
  CHECK(CSRR(medeleg) & bits, bits);
  guest_group_ok();

  guest_group("delegated from S");
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, supervisor, 0), 1);
  CHECK(guest_mtrap.count, 0);                       /* M saw nothing */
  CHECK(guest_strap.cause, CAUSE_ILLEGAL);
  CHECK(guest_strap.epc, trap_pc);
  CHECK(guest_strap.tval, ILLEGAL_WORD);
  CHECK(guest_strap.prev_priv, PRV_S);               /* SPP */
  CHECK(guest_enter(PRV_S, supervisor, 1), 1);
  CHECK(guest_strap.cause, CAUSE_BREAKPOINT);
  CHECK(guest_strap.epc, trap_pc);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("delegated from U");
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, supervisor, 2), 1);
  CHECK(guest_strap.cause, CAUSE_ECALL_U);
  CHECK(guest_strap.epc, trap_pc);
  CHECK(guest_strap.tval, 0);
  CHECK(guest_strap.prev_priv, PRV_U);
  CHECK(guest_enter(PRV_S, supervisor, 3), 1);
  CHECK(guest_strap.cause, CAUSE_ILLEGAL);
  CHECK(guest_strap.tval, ILLEGAL_WORD);
  CHECK(guest_strap.prev_priv, PRV_U);
  CHECK(guest_mtrap.count, 0);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("not delegated");
  /* ECALL from S (cause 9) is not in medeleg: M takes it. */
  guest_arm(&guest_mtrap);
  guest_arm(&guest_strap);
  guest_enter(PRV_S, ecall_here, 0);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, CAUSE_ECALL_S);
  CHECK(guest_strap.count, 0);
  /* Traps in M-mode stay in M even when delegated (§3.1.8). */
  illegal_here(0);
  CHECK(guest_mtrap.count, 2);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(guest_strap.count, 0);
  guest_disarm(&guest_strap);
  guest_disarm(&guest_mtrap);
  CSRW(medeleg, 0);
  guest_group_ok();

  guest_group("mideleg");
  CSRW(mideleg, 1u << IRQ_S_SOFT);
  CHECK(CSRR(mideleg) & (1u << IRQ_S_SOFT), 1u << IRQ_S_SOFT);
  guest_on_interrupt(PRV_S, on_s_interrupt);
  CSRS(mip, 1u << IRQ_S_SOFT);                     /* M-mode software sets SSIP */
  CHECK(CSRR(sip) & (1u << IRQ_S_SOFT), 1u << IRQ_S_SOFT);
  CHECK(guest_enter(PRV_S, supervisor_irq, 0), CAUSE_INTERRUPT | IRQ_S_SOFT);
  CHECK(CSRR(mip) & (1u << IRQ_S_SOFT), 0);
  CSRW(mideleg, 0);
  guest_group_ok();

  return guest_pass();
}
