/* memvp only: two rules of the specs that QEMU 7.2 does not follow. CSRRS/CSRRC whose rs1
 * is not x0 write the CSR even when rs1 holds 0, so on a read-only CSR they raise an illegal
 * instruction (Zicsr §7.1, priv. spec 20260120 §2.1); MRET to a mode below M clears MPRV
 * (priv. spec 20260120 §3.1.6.4). */
#include "isa.h"

static uint64_t ecall_here(uint64_t unused)
{
  (void)unused;
  __asm__ volatile("li a7, 0\n ecall" ::: "a7", "memory");
  return 0;
}

int main(void)
{
  guest_trap_init();

  guest_group("csrrs zero write");
  uint64_t at;
  guest_arm(&guest_mtrap);
  __asm__ volatile("li t0, 0\n lla %0, 1f\n1: csrrs t0, mhartid, t0" : "=&r"(at) : : "t0", "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.epc, at);
  CHECK(guest_mtrap.tval, insn_bits_at(at));
  guest_arm(&guest_mtrap);
  __asm__ volatile("li t0, 0\n csrrc x0, mvendorid, t0" ::: "t0", "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  guest_group_ok();

  guest_group("mret clears mprv");
  CSRS(mstatus, MSTATUS_MPRV);
  guest_arm(&guest_mtrap);
  guest_enter(PRV_S, ecall_here, 0);
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.cause, CAUSE_ECALL_S);
  CHECK(guest_mtrap.status & MSTATUS_MPRV, 0);
  CSRC(mstatus, MSTATUS_MPRV);
  guest_group_ok();

  return guest_pass();
}
