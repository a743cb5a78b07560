/* Zicsr (unprivileged spec 20260120 §7) and CSR access rules of priv. spec 20260120 §2.1: the six
 * CSR instructions, "no write" when rs1 = x0 or uimm = 0 for CSRRS/CSRRC and their immediate
 * forms, illegal instruction (mtval = instruction bits, §3.1.16) on writes to read-only
 * CSRs and on access above the current privilege; sstatus as a view of mstatus; misa/mhartid. */
#include "isa.h"

static uint64_t saved_mscratch;

/* Runs setup, then insn, which must raise an illegal-instruction exception in M-mode. */
#define EXPECT_ILLEGAL(setup, insn) do { uint64_t at_, bits_; guest_arm(&guest_mtrap); \
    __asm__ volatile(setup "\n lla %0, 1f\n1: " insn "\n" : "=&r"(at_) : : "t0", "memory"); \
    guest_disarm(&guest_mtrap); bits_ = insn_bits_at(at_); \
    CHECK(guest_mtrap.count, 1); CHECK(guest_mtrap.cause, CAUSE_ILLEGAL); \
    CHECK(guest_mtrap.epc, at_); CHECK(guest_mtrap.tval, bits_); } while (0)
#define EXPECT_NO_TRAP(asm_text) do { guest_arm(&guest_mtrap); \
    __asm__ volatile(asm_text : : : "t0", "memory"); guest_disarm(&guest_mtrap); \
    CHECK(guest_mtrap.count, 0); } while (0)

static uint64_t read_mstatus(uint64_t unused)
{
  (void)unused;
  return CSRR(mstatus);
}

static uint64_t read_sstatus(uint64_t unused)
{
  (void)unused;
  return CSRR(sstatus);
}

static uint64_t read_mscratch(uint64_t unused)
{
  (void)unused;
  return CSRR(mscratch);
}

/* Runs fn in mode with the M-mode record armed; returns the number of traps taken. */
static uint64_t traps_in_mode(uint64_t mode, uint64_t (*fn)(uint64_t))
{
  guest_arm(&guest_mtrap);
  guest_enter(mode, fn, 0);
  guest_disarm(&guest_mtrap);
  return guest_mtrap.count;
}

int main(void)
{
  guest_trap_init();
  saved_mscratch = CSRR(mscratch);   /* the trap stack: restored before any trap */
  uint64_t old, r;

  guest_group("csrrw/csrrs/csrrc");
  CSRW(mscratch, 0x1234);
  __asm__ volatile("csrrw %0, mscratch, %1" : "=&r"(old) : "r"(0xf0f0ull));
  CHECK(old, 0x1234);
  __asm__ volatile("csrrs %0, mscratch, %1" : "=&r"(old) : "r"(0x0f00ull));
  CHECK(old, 0xf0f0);
  __asm__ volatile("csrrc %0, mscratch, %1" : "=&r"(old) : "r"(0x00f0ull));
  CHECK(old, 0xfff0);
  CHECK(CSRR(mscratch), 0xff00);
  r = 0x55;
  __asm__ volatile("csrrw %0, mscratch, %0" : "+r"(r));   /* rd == rs1 */
  CHECK(r, 0xff00);
  CHECK(CSRR(mscratch), 0x55);
  guest_group_ok();

  guest_group("csrrwi/csrrsi/csrrci");
  __asm__ volatile("csrrwi %0, mscratch, 31" : "=r"(old));
  CHECK(old, 0x55);
  __asm__ volatile("csrrci %0, mscratch, 0x11" : "=r"(old));
  CHECK(old, 31);
  __asm__ volatile("csrrsi %0, mscratch, 0x40 >> 2" : "=r"(old));
  CHECK(old, 0x0e);
  CHECK(CSRR(mscratch), 0x1e);
  __asm__ volatile("csrwi mscratch, 0\n csrsi mscratch, 1\n csrr %0, mscratch" : "=r"(r));
  CHECK(r, 1);
  guest_group_ok();
  CSRW(mscratch, saved_mscratch);

  guest_group("read-only csrs");
  EXPECT_NO_TRAP("csrrs t0, mhartid, x0");
  EXPECT_NO_TRAP("csrrc t0, mvendorid, x0");
  EXPECT_NO_TRAP("csrrsi t0, marchid, 0");
  EXPECT_NO_TRAP("csrrci t0, mimpid, 0");
  EXPECT_ILLEGAL("", "csrrw t0, mhartid, x0");    /* CSRRW always writes */
  EXPECT_ILLEGAL("", "csrrwi x0, mhartid, 0");
  /* CSRRS/CSRRC with rs1 != x0 holding 0 also write (Zicsr §7.1); QEMU 7.2 does not trap
   * them, so that case lives in the memvp-only test csr_zero_write. */
  EXPECT_ILLEGAL("", "csrrsi x0, mhartid, 1");
  EXPECT_ILLEGAL("", "csrrci t0, mhartid, 2");
  EXPECT_ILLEGAL("li t0, 1", "csrw cycle, t0");          /* user counters are read-only */
  EXPECT_ILLEGAL("", "csrwi instret, 0");
  guest_group_ok();

  guest_group("privilege");
  CHECK(traps_in_mode(PRV_M, read_mstatus), 0);
  CHECK(traps_in_mode(PRV_S, read_mstatus), 1);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.prev_priv, PRV_S);
  CHECK(traps_in_mode(PRV_S, read_sstatus), 0);
  CHECK(traps_in_mode(PRV_S, read_mscratch), 1);
  CHECK(traps_in_mode(PRV_U, read_sstatus), 1);
  CHECK(guest_mtrap.prev_priv, PRV_U);
  CHECK(traps_in_mode(PRV_U, read_mstatus), 1);
  CHECK(guest_mtrap.tval & 0xfffff07f, 0x30002073);   /* csrrs rd, mstatus, x0 */
  guest_group_ok();

  guest_group("sstatus view");
  CSRC(mstatus, MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SUM | MSTATUS_MXR);
  CSRS(sstatus, MSTATUS_SIE);
  CHECK(CSRR(mstatus) & MSTATUS_SIE, MSTATUS_SIE);
  CSRS(mstatus, MSTATUS_MPIE);
  CHECK(CSRR(sstatus) & (MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MIE), 0);   /* M fields hidden */
  CSRC(mstatus, MSTATUS_SIE);
  CHECK(CSRR(sstatus) & MSTATUS_SIE, 0);
  CSRS(mstatus, MSTATUS_SUM);
  CHECK(CSRR(sstatus) & MSTATUS_SUM, MSTATUS_SUM);
  CSRS(sstatus, MSTATUS_MXR);
  CHECK(CSRR(mstatus) & (MSTATUS_SUM | MSTATUS_MXR), MSTATUS_SUM | MSTATUS_MXR);
  CSRC(sstatus, MSTATUS_SUM | MSTATUS_MXR);
  CHECK(CSRR(mstatus) & (MSTATUS_SUM | MSTATUS_MXR), 0);
  /* SXL and UXL read as 2 (64-bit) on RV64 (priv. spec 20260120 §3.1.6.3). */
  CHECK((CSRR(mstatus) >> 32) & 0xf, 0xa);
  CHECK((CSRR(sstatus) >> 32) & 0x3, 0x2);
  guest_group_ok();

  guest_group("misa/mhartid");
  uint64_t misa = CSRR(misa);
  CHECK(misa >> 62, 2);                                  /* MXL = 64 */
  const char *need = "IMACSU";
  for (const char *c = need; *c; c++)
    CHECK_TRUE((misa >> (*c - 'A')) & 1);
  CHECK(CSRR(mhartid), 0);
  guest_group_ok();

  return guest_pass();
}
