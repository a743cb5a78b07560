/* Privilege transitions (priv. spec 20260120 §3.1.6.1, §3.3.2, §12.1.1): MRET and SRET restore
 * xIE from xPIE, set xPIE to 1 and xPP to U; taking a trap saves the previous mode in MPP
 * and MIE in MPIE, then clears MIE; mstatus.TVM, TW and TSR trap satp/SFENCE.VMA, WFI and
 * SRET in S-mode (§3.1.6.6). MRET clearing MPRV is checked by priv_strict (memvp only). */
#include "isa.h"

static uint64_t mode_of(uint64_t unused)
{
  (void)unused;
  return isa_current_mode();
}

/* In S-mode: SRET from S to S with SPP = S, SPIE = 1, SIE = 0; returns sstatus afterwards. */
static uint64_t sret_to_self(uint64_t unused)
{
  (void)unused;
  uint64_t after;
  CSRC(sstatus, MSTATUS_SIE);
  CSRS(sstatus, MSTATUS_SPP | MSTATUS_SPIE);
  __asm__ volatile("lla t0, 1f\n csrw sepc, t0\n sret\n1: csrr %0, sstatus"
                   : "=r"(after) : : "t0", "memory");
  CSRC(sstatus, MSTATUS_SIE);
  return after;
}

/* One ECALL that the M-mode record takes (nothing is delegated in this test). */
static uint64_t ecall_here(uint64_t unused)
{
  (void)unused;
  __asm__ volatile("li a7, 0\n ecall" ::: "a7", "memory");
  return 0;
}

static uint64_t s_satp(uint64_t unused)
{
  (void)unused;
  return CSRR(satp);
}

static uint64_t s_sfence(uint64_t unused)
{
  (void)unused;
  __asm__ volatile("sfence.vma" ::: "memory");
  return 0;
}

static uint64_t s_wfi(uint64_t unused)
{
  (void)unused;
  __asm__ volatile("wfi" ::: "memory");
  return 0;
}

/* SRET from S to S (SPP = S): continues right after it unless TSR traps it. */
static uint64_t s_sret(uint64_t unused)
{
  (void)unused;
  CSRS(sstatus, MSTATUS_SPP);
  __asm__ volatile("lla t0, 1f\n csrw sepc, t0\n sret\n1:" ::: "t0", "memory");
  return 0;
}

/* Traps (0 or 1, all illegal instruction) taken by running fn in S-mode. */
static uint64_t s_traps(uint64_t (*fn)(uint64_t))
{
  guest_arm(&guest_mtrap);
  guest_enter(PRV_S, fn, 0);
  guest_disarm(&guest_mtrap);
  if (guest_mtrap.count)
    CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  return guest_mtrap.count;
}

int main(void)
{
  guest_trap_init();
  CSRW(mie, 0);                        /* no interrupt can be taken while MIE is toggled */

  guest_group("mret");
  CSRC(mstatus, MSTATUS_MIE | MSTATUS_MPP);
  CSRS(mstatus, MSTATUS_MPIE | MSTATUS_MPP);  /* MPP = M */
  __asm__ volatile("lla t0, 1f\n csrw mepc, t0\n mret\n1:" ::: "t0", "memory");
  uint64_t st = CSRR(mstatus);
  CHECK(st & MSTATUS_MIE, MSTATUS_MIE);            /* MIE <- MPIE */
  CHECK(st & MSTATUS_MPIE, MSTATUS_MPIE);          /* MPIE <- 1 */
  CHECK(st & MSTATUS_MPP, 0);                      /* MPP <- U */
  CSRC(mstatus, MSTATUS_MIE | MSTATUS_MPIE);
  CSRS(mstatus, MSTATUS_MPP);
  __asm__ volatile("lla t0, 1f\n csrw mepc, t0\n mret\n1:" ::: "t0", "memory");
  st = CSRR(mstatus);
  CHECK(st & (MSTATUS_MIE | MSTATUS_MPIE), MSTATUS_MPIE);   /* MIE <- 0, MPIE <- 1 */
  CHECK(isa_current_mode(), PRV_M);
  CHECK(guest_enter(PRV_S, mode_of, 0), PRV_S);
  CHECK(guest_enter(PRV_U, mode_of, 0), PRV_U);
  CHECK(guest_enter(PRV_M, mode_of, 0), PRV_M);
  guest_group_ok();

  /* MRET to a mode below M also clears MPRV (priv. spec 20260120 §3.1.6.4); QEMU 7.2 keeps it,
   * so that check lives in the memvp-only test priv_strict. */

  guest_group("trap entry");
  /* From M with MIE = 1: MPIE <- 1, MIE <- 0, MPP <- M. */
  CSRS(mstatus, MSTATUS_MIE);
  guest_arm(&guest_mtrap);
  ecall_here(0);
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.status & (MSTATUS_MIE | MSTATUS_MPIE), MSTATUS_MPIE);
  CHECK(guest_mtrap.status & MSTATUS_MPP, MSTATUS_MPP);
  CHECK(CSRR(mstatus) & MSTATUS_MIE, MSTATUS_MIE);        /* MRET restored it */
  CSRC(mstatus, MSTATUS_MIE);
  /* From M with MIE = 0: MPIE <- 0. */
  guest_arm(&guest_mtrap);
  ecall_here(0);
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.status & (MSTATUS_MIE | MSTATUS_MPIE), 0);
  /* From U: MPP <- U. */
  guest_arm(&guest_mtrap);
  guest_enter(PRV_U, ecall_here, 0);
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.cause, CAUSE_ECALL_U);
  CHECK(guest_mtrap.status & MSTATUS_MPP, 0);
  CHECK(guest_mtrap.prev_priv, PRV_U);
  guest_group_ok();

  guest_group("sret");
  uint64_t sst = guest_enter(PRV_S, sret_to_self, 0);
  CHECK(sst & MSTATUS_SIE, MSTATUS_SIE);           /* SIE <- SPIE */
  CHECK(sst & MSTATUS_SPIE, MSTATUS_SPIE);         /* SPIE <- 1 */
  CHECK(sst & MSTATUS_SPP, 0);                     /* SPP <- U */
  /* SRET executed in M-mode goes to the mode in SPP (here U). */
  CSRC(mstatus, MSTATUS_SPP);
  guest_arm(&guest_mtrap);
  __asm__ volatile("lla t0, 1f\n csrw sepc, t0\n sret\n1: csrr t0, sstatus\n" ::: "t0", "memory");
  GUEST_RAISE();
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);                       /* sstatus is not readable from U */
  CHECK(guest_mtrap.prev_priv, PRV_U);
  guest_group_ok();

  guest_group("tvm/tw/tsr");
  CSRC(mstatus, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR);
  CHECK(s_traps(s_satp), 0);
  CHECK(s_traps(s_sfence), 0);
  CHECK(s_traps(s_sret), 0);
  CSRS(mstatus, MSTATUS_TVM);
  CHECK(CSRR(mstatus) & MSTATUS_TVM, MSTATUS_TVM);
  CHECK(s_traps(s_satp), 1);
  CHECK(s_traps(s_sfence), 1);
  CHECK(guest_mtrap.tval, 0x12000073);               /* sfence.vma x0, x0 */
  CSRC(mstatus, MSTATUS_TVM);
  CSRS(mstatus, MSTATUS_TSR);
  CHECK(s_traps(s_sret), 1);
  CHECK(guest_mtrap.tval, 0x10200073);               /* sret */
  CSRC(mstatus, MSTATUS_TSR);
  /* TW = 1: a WFI in S that no interrupt ends must trap (the time limit may be 0). */
  CSRW(mie, 0);
  CSRS(mstatus, MSTATUS_TW);
  CHECK(s_traps(s_wfi), 1);
  CHECK(guest_mtrap.tval, 0x10500073);               /* wfi */
  CSRC(mstatus, MSTATUS_TW);
  guest_group_ok();

  return guest_pass();
}
