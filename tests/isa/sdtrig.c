/* Sdtrig (debug spec 1.0) as QEMU virt and memvp both have it: tselect over two triggers,
 * tinfo offering mcontrol (2) and mcontrol6 (6), and with action 0 a breakpoint exception
 * (cause 3, mepc = the instruction) before an execute, load or store that an M- or U-enabled
 * trigger matches. The checks keep to what both do: triggers set while mstatus.MIE = 1 in
 * M-mode, exact addresses, tval either 0 (QEMU 7.2) or the address (memvp); sdtrig_rules
 * checks memvp's own choices. */
#include "sdtrig.h"

static volatile uint64_t watched[4] __attribute__((aligned(32)));

extern char there[];
static void run_there(void)
{
  __asm__ volatile(ISA_NORVC ".globl there\nthere: addi zero, zero, 0\n" ISA_POP ::: "memory");
}

static void expect_breakpoint(int line, uint64_t addr, uint64_t epc)
{
  guest_check_at(line, "trap count", guest_mtrap.count, 1);
  guest_check_at(line, "mcause", guest_mtrap.cause, CAUSE_BREAKPOINT);
  guest_check_at(line, "mtval is 0 or the address", guest_mtrap.tval == 0 || guest_mtrap.tval == addr, 1);
  if (epc) guest_check_at(line, "mepc", guest_mtrap.epc, epc);
  guest_arm(&guest_mtrap);
}
#define EXPECT_BREAKPOINT(addr, epc) expect_breakpoint(__LINE__, (uint64_t)(addr), (uint64_t)(epc))
#define EXPECT_NOTHING() guest_check_at(__LINE__, "trap count", guest_mtrap.count, 0)

int main(void)
{
  guest_trap_init();

  guest_group("csrs");
  CSRW(0x7a0, 1);
  CHECK(CSRR(0x7a0), 1);
  CSRW(0x7a0, 2);  /* there is no third trigger */
  CHECK(CSRR(0x7a0), 1);
  CHECK(CSRR(0x7a4) & ((1 << 2) | (1 << 6)), (1 << 2) | (1 << 6));
  program(1, MCONTROL6 | T_M | T_EXEC, 0x1000);
  CHECK(CSRR(0x7a1), MCONTROL6 | T_M | T_EXEC);
  CHECK(CSRR(0x7a2), 0x1000);
  program(0, MCONTROL | T_U | T_STORE, 0x2000);
  CHECK(CSRR(0x7a1) >> 60, 2);
  CHECK(CSRR(0x7a1) & 0xffff, T_U | T_STORE);
  CSRW(0x7a0, 1);
  CHECK(CSRR(0x7a2), 0x1000);  /* each trigger keeps its own tdata */
  clear_triggers();
  guest_group_ok();

  CSRS(mstatus, MSTATUS_MIE);  /* mie = 0: no interrupt is taken */
  guest_group("execute");
  guest_arm(&guest_mtrap);
  program(0, MCONTROL6 | T_M | T_EXEC, (uint64_t)there);
  run_there();
  EXPECT_BREAKPOINT(there, there);
  program(0, 0, 0);
  program(1, MCONTROL | T_M | T_EXEC, (uint64_t)there);
  run_there();
  EXPECT_BREAKPOINT(there, there);
  guest_disarm(&guest_mtrap);
  clear_triggers();
  guest_group_ok();

  guest_group("load and store");
  guest_arm(&guest_mtrap);
  program(1, MCONTROL6 | T_M | T_STORE, (uint64_t)&watched[1]);
  (void)watched[1];  /* a load: the store trigger does not match */
  EXPECT_NOTHING();
  watched[1] = 7;
  EXPECT_BREAKPOINT(&watched[1], 0);
  CHECK(watched[1], 0);  /* the store did not happen */
  watched[2] = 7;
  watched[0] = 7;
  EXPECT_NOTHING();
  program(1, MCONTROL6 | T_M | T_LOAD, (uint64_t)&watched[2]);
  (void)watched[2];
  EXPECT_BREAKPOINT(&watched[2], 0);
  (void)watched[3];
  (void)watched[1];
  EXPECT_NOTHING();
  guest_disarm(&guest_mtrap);
  clear_triggers();
  guest_group_ok();
  CSRC(mstatus, MSTATUS_MIE);

  guest_group("user mode");
  guest_arm(&guest_mtrap);
  program(0, MCONTROL6 | T_U | T_LOAD, (uint64_t)&watched[3]);
  watched[3] = 9;
  CHECK(guest_enter(PRV_U, user_load, (uint64_t)&watched[0]), 7);
  EXPECT_NOTHING();
  guest_enter(PRV_U, user_load, (uint64_t)&watched[3]);
  EXPECT_BREAKPOINT(&watched[3], 0);
  guest_disarm(&guest_mtrap);
  clear_triggers();
  guest_group_ok();

  return guest_pass();
}
