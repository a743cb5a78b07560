/* Synchronous exceptions (priv. spec 20260120 §3.1.15-16, §3.3.1): ECALL from U, S and M with
 * causes 8, 9 and 11, EBREAK (cause 3), illegal instructions with mtval = the instruction
 * bits, MRET/SRET below their privilege; mepc points at the trapping instruction and mtval
 * is 0 for ECALL. */
#include "isa.h"

static volatile uint64_t trap_pc;

/* Runs in the mode under test: one ECALL (a7 = 0), remembering its address. */
static uint64_t do_ecall(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile("li a7, 0\n lla %0, 1f\n1: ecall" : "=&r"(at) : : "a7", "memory");
  trap_pc = at;
  return arg + 1;
}

static uint64_t do_ebreak(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile(ISA_NORVC "lla %0, 1f\n1: ebreak\n" ISA_POP : "=&r"(at) : : "memory");
  trap_pc = at;
  return arg;
}

/* An OP-major-opcode word with funct7 = 0x7f, which no standard extension defines. */
#define ILLEGAL_OP 0xfe000033u

static uint64_t do_illegal(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile("lla %0, 1f\n1: .word 0xfe000033" : "=&r"(at) : : "memory");
  trap_pc = at;
  return arg;
}

static uint64_t do_mret(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile("lla %0, 1f\n1: mret" : "=&r"(at) : : "memory");
  trap_pc = at;
  return arg;
}

static uint64_t do_sret(uint64_t arg)
{
  uint64_t at;
  __asm__ volatile("lla %0, 1f\n1: sret" : "=&r"(at) : : "memory");
  trap_pc = at;
  return arg;
}

/* Runs fn in mode with the M record armed and checks one trap of cause with tval. */
static void expect_trap(uint64_t mode, uint64_t (*fn)(uint64_t), uint64_t cause)
{
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(mode, fn, 41), fn == do_ecall ? 42 : 41);
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, cause);
  CHECK(guest_mtrap.epc, trap_pc);
  CHECK(guest_mtrap.prev_priv, mode);
}

int main(void)
{
  guest_trap_init();

  guest_group("ecall");
  expect_trap(PRV_U, do_ecall, CAUSE_ECALL_U);
  CHECK(guest_mtrap.tval, 0);
  expect_trap(PRV_S, do_ecall, CAUSE_ECALL_S);
  CHECK(guest_mtrap.tval, 0);
  expect_trap(PRV_M, do_ecall, CAUSE_ECALL_M);
  CHECK(guest_mtrap.tval, 0);
  /* Directly in M-mode, no mode switch. */
  guest_arm(&guest_mtrap);
  do_ecall(0);
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.cause, CAUSE_ECALL_M);
  CHECK(guest_mtrap.epc, trap_pc);
  guest_group_ok();

  guest_group("ebreak");
  /* mtval of a breakpoint is 0 or the faulting address (priv. spec §3.1.16). */
  expect_trap(PRV_M, do_ebreak, CAUSE_BREAKPOINT);
  CHECK_TRUE(guest_mtrap.tval == 0 || guest_mtrap.tval == trap_pc);
  expect_trap(PRV_S, do_ebreak, CAUSE_BREAKPOINT);
  expect_trap(PRV_U, do_ebreak, CAUSE_BREAKPOINT);
  guest_group_ok();

  guest_group("illegal instruction");
  expect_trap(PRV_M, do_illegal, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.tval, ILLEGAL_OP);
  expect_trap(PRV_U, do_illegal, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.tval, ILLEGAL_OP);
  guest_group_ok();

  guest_group("xret privilege");
  expect_trap(PRV_U, do_mret, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.tval, 0x30200073);                   /* mret */
  expect_trap(PRV_S, do_mret, CAUSE_ILLEGAL);
  expect_trap(PRV_U, do_sret, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.tval, 0x10200073);                   /* sret */
  guest_group_ok();

  return guest_pass();
}
