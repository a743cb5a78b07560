/* Trap delegation (priv. spec 1.12 §3.1.8, §4.1.7-10): exceptions set in medeleg and raised in
 * S or U mode go to stvec with scause/sepc/stval/SPP, the rest still go to M; traps taken in
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
  isa_arm(&isa_strap);
  switch (which) {
  case 0: illegal_here(0); break;
  case 1: ebreak_here(0); break;
  case 2: isa_s_enter_user(ecall_here, 0); break;
  case 3: isa_s_enter_user(illegal_here, 0); break;
  }
  isa_disarm(&isa_strap);
  return isa_strap.count;
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
  isa_init();
  uint64_t bits = (1u << CAUSE_ILLEGAL) | (1u << CAUSE_BREAKPOINT) | (1u << CAUSE_ECALL_U);

  isa_group("medeleg");
  CSRW(medeleg, bits);
  CHECK(CSRR(medeleg) & bits, bits);
  isa_group_ok();

  isa_group("delegated from S");
  isa_arm(&isa_mtrap);
  CHECK(isa_enter_mode(PRV_S, supervisor, 0), 1);
  CHECK(isa_mtrap.count, 0);                       /* M saw nothing */
  CHECK(isa_strap.cause, CAUSE_ILLEGAL);
  CHECK(isa_strap.epc, trap_pc);
  CHECK(isa_strap.tval, ILLEGAL_WORD);
  CHECK(isa_strap.prev_priv, PRV_S);               /* SPP */
  CHECK(isa_enter_mode(PRV_S, supervisor, 1), 1);
  CHECK(isa_strap.cause, CAUSE_BREAKPOINT);
  CHECK(isa_strap.epc, trap_pc);
  isa_disarm(&isa_mtrap);
  isa_group_ok();

  isa_group("delegated from U");
  isa_arm(&isa_mtrap);
  CHECK(isa_enter_mode(PRV_S, supervisor, 2), 1);
  CHECK(isa_strap.cause, CAUSE_ECALL_U);
  CHECK(isa_strap.epc, trap_pc);
  CHECK(isa_strap.tval, 0);
  CHECK(isa_strap.prev_priv, PRV_U);
  CHECK(isa_enter_mode(PRV_S, supervisor, 3), 1);
  CHECK(isa_strap.cause, CAUSE_ILLEGAL);
  CHECK(isa_strap.tval, ILLEGAL_WORD);
  CHECK(isa_strap.prev_priv, PRV_U);
  CHECK(isa_mtrap.count, 0);
  isa_disarm(&isa_mtrap);
  isa_group_ok();

  isa_group("not delegated");
  /* ECALL from S (cause 9) is not in medeleg: M takes it. */
  isa_arm(&isa_mtrap);
  isa_arm(&isa_strap);
  isa_enter_mode(PRV_S, ecall_here, 0);
  CHECK(isa_mtrap.count, 1);
  CHECK(isa_mtrap.cause, CAUSE_ECALL_S);
  CHECK(isa_strap.count, 0);
  /* Traps in M-mode stay in M even when delegated (§3.1.8). */
  illegal_here(0);
  CHECK(isa_mtrap.count, 2);
  CHECK(isa_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(isa_strap.count, 0);
  isa_disarm(&isa_strap);
  isa_disarm(&isa_mtrap);
  CSRW(medeleg, 0);
  isa_group_ok();

  isa_group("mideleg");
  CSRW(mideleg, 1u << IRQ_S_SOFT);
  CHECK(CSRR(mideleg) & (1u << IRQ_S_SOFT), 1u << IRQ_S_SOFT);
  isa_strap.on_interrupt = on_s_interrupt;
  CSRS(mip, 1u << IRQ_S_SOFT);                     /* M-mode software sets SSIP */
  CHECK(CSRR(sip) & (1u << IRQ_S_SOFT), 1u << IRQ_S_SOFT);
  CHECK(isa_enter_mode(PRV_S, supervisor_irq, 0), CAUSE_INTERRUPT | IRQ_S_SOFT);
  CHECK(CSRR(mip) & (1u << IRQ_S_SOFT), 0);
  CSRW(mideleg, 0);
  isa_group_ok();

  return isa_pass();
}
