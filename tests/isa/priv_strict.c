/* memvp only: two rules of the specs that QEMU 7.2 does not follow. CSRRS/CSRRC whose rs1
 * is not x0 write the CSR even when rs1 holds 0, so on a read-only CSR they raise an illegal
 * instruction (Zicsr §9.1, priv. spec 1.12 §2.1); MRET to a mode below M clears MPRV
 * (priv. spec 1.12 §3.1.6.3). */
#include "isa.h"

static uint64_t ecall_here(uint64_t unused)
{
  (void)unused;
  __asm__ volatile("li a7, 0\n ecall" ::: "a7", "memory");
  return 0;
}

int main(void)
{
  isa_init();

  isa_group("csrrs zero write");
  uint64_t at;
  isa_arm(&isa_mtrap);
  __asm__ volatile("li t0, 0\n lla %0, 1f\n1: csrrs t0, mhartid, t0" : "=&r"(at) : : "t0", "memory");
  isa_disarm(&isa_mtrap);
  CHECK(isa_mtrap.count, 1);
  CHECK(isa_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(isa_mtrap.epc, at);
  CHECK(isa_mtrap.tval, insn_bits_at(at));
  isa_arm(&isa_mtrap);
  __asm__ volatile("li t0, 0\n csrrc x0, mvendorid, t0" ::: "t0", "memory");
  isa_disarm(&isa_mtrap);
  CHECK(isa_mtrap.count, 1);
  CHECK(isa_mtrap.cause, CAUSE_ILLEGAL);
  isa_group_ok();

  isa_group("mret clears mprv");
  CSRS(mstatus, MSTATUS_MPRV);
  isa_arm(&isa_mtrap);
  isa_enter_mode(PRV_S, ecall_here, 0);
  isa_disarm(&isa_mtrap);
  CHECK(isa_mtrap.cause, CAUSE_ECALL_S);
  CHECK(isa_mtrap.status & MSTATUS_MPRV, 0);
  CSRC(mstatus, MSTATUS_MPRV);
  isa_group_ok();

  return isa_pass();
}
