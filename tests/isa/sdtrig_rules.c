/* memvp only: the Sdtrig rules (debug spec 1.0) where QEMU 7.2 chose otherwise or the spec
 * leaves a choice (sdtrig checks what both do). Two triggers behind tselect; tdata1 WARL over
 * mcontrol6 (6), mcontrol (2) and disabled (15: what writing 0 gives), tinfo naming the three;
 * action 0 only. A trigger raises a breakpoint (cause 3) before the instruction or access it
 * matches with tval = the address (QEMU: 0): an execute trigger at an instruction, load/store
 * triggers when any byte accessed is the watched one (QEMU: an 8-byte window), in the modes
 * its m/s/u bits enable. In M-mode triggers fire only while mstatus.MIE = 1 (the spec's first
 * answer to trap-handler reentrancy; QEMU fires regardless). */
#include "sdtrig.h"

static volatile uint64_t watched[4] __attribute__((aligned(32)));

/* The instruction at `here` is the one an execute trigger watches. */
extern char here[];
static void run_here(void)
{
  __asm__ volatile(ISA_NORVC ".globl here\nhere: addi zero, zero, 0\n" ISA_POP ::: "memory");
}

static void expect_breakpoint(int line, uint64_t tval, uint64_t epc)
{
  guest_check_at(line, "trap count", guest_mtrap.count, 1);
  guest_check_at(line, "mcause", guest_mtrap.cause, CAUSE_BREAKPOINT);
  guest_check_at(line, "mtval", guest_mtrap.tval, tval);
  if (epc) guest_check_at(line, "mepc", guest_mtrap.epc, epc);
  guest_arm(&guest_mtrap);
}
#define EXPECT_BREAKPOINT(tval, epc) expect_breakpoint(__LINE__, (uint64_t)(tval), (uint64_t)(epc))
#define EXPECT_NOTHING() guest_check_at(__LINE__, "trap count", guest_mtrap.count, 0)

int main(void)
{
  guest_trap_init();

  guest_group("csrs");
  CSRW(0x7a0, 1);
  CHECK(CSRR(0x7a0), 1);
  CSRW(0x7a0, 2);  /* there is no third trigger */
  CHECK(CSRR(0x7a0), 1);
  CSRW(0x7a1, 0);
  CHECK(CSRR(0x7a1), DISABLED);
  CHECK(CSRR(0x7a4), (1ull << 24) | (1 << 2) | (1 << 6) | (1 << 15));
  program(1, MCONTROL6 | T_M | T_LOAD | (1 << 12), 0x1234);  /* action 1 needs debug mode */
  CHECK(CSRR(0x7a1), MCONTROL6 | T_M | T_LOAD);
  CHECK(CSRR(0x7a2), 0x1234);
  program(1, (2ull << 60) | T_M | T_EXEC, 0x1000);  /* mcontrol: maskmax 63 */
  CHECK(CSRR(0x7a1), (2ull << 60) | (63ull << 53) | T_M | T_EXEC);
  clear_triggers();
  guest_group_ok();

  guest_group("execute");
  CSRS(mstatus, MSTATUS_MIE);
  guest_arm(&guest_mtrap);
  program(0, MCONTROL6 | T_M | T_EXEC, (uint64_t)here);
  run_here();
  EXPECT_BREAKPOINT(here, here);
  program(0, MCONTROL6 | T_U | T_EXEC, (uint64_t)here);
  run_here();  /* enabled in U-mode only (QEMU 7.2 fires here) */
  EXPECT_NOTHING();
  program(0, MCONTROL6 | T_M | T_EXEC, (uint64_t)here);
  CSRC(mstatus, MSTATUS_MIE);
  run_here();  /* MIE = 0: M-mode triggers do not fire */
  EXPECT_NOTHING();
  guest_disarm(&guest_mtrap);
  clear_triggers();
  guest_group_ok();

  guest_group("load and store");
  CSRS(mstatus, MSTATUS_MIE);
  guest_arm(&guest_mtrap);
  program(1, MCONTROL6 | T_M | T_STORE, (uint64_t)&watched[1] + 4);
  (void)watched[1];  /* a load: the store trigger does not match */
  EXPECT_NOTHING();
  watched[1] = 7;  /* the doubleword holds the watched byte */
  EXPECT_BREAKPOINT((uint64_t)&watched[1], 0);
  CHECK(watched[1], 0);  /* the store did not happen */
  watched[2] = 7;
  EXPECT_NOTHING();
  program(1, MCONTROL6 | T_M | T_LOAD, (uint64_t)&watched[2]);
  (void)watched[2];
  EXPECT_BREAKPOINT((uint64_t)&watched[2], 0);
  CSRC(mstatus, MSTATUS_MIE);
  guest_disarm(&guest_mtrap);
  clear_triggers();
  guest_group_ok();

  guest_group("user mode");
  guest_arm(&guest_mtrap);
  program(0, MCONTROL6 | T_U | T_LOAD, (uint64_t)&watched[3]);
  watched[3] = 9;  /* M-mode: not enabled there */
  CHECK(guest_enter(PRV_U, user_load, (uint64_t)&watched[0]), 0);
  EXPECT_NOTHING();
  guest_enter(PRV_U, user_load, (uint64_t)&watched[3]);
  EXPECT_BREAKPOINT((uint64_t)&watched[3], 0);
  guest_disarm(&guest_mtrap);
  clear_triggers();
  guest_group_ok();

  return guest_pass();
}
