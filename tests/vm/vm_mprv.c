/* M-mode loads and stores with mstatus.MPRV = 1 (priv. spec 20260120 §3.1.6.4): they are
 * translated and checked as if made in the mode held in MPP, with SUM and MXR applying;
 * instruction fetches are not; MPP = M or satp = Bare leaves them untranslated. The address
 * space maps only the test pages, so any other access made through it would fault. */
#include "vm.h"

#define VA_SUPER 0x1000000000ull             /* frame 0, R W */
#define VA_USER  0x1000001000ull             /* frame 1, R W U */
#define VA_XONLY 0x1000002000ull             /* frame 2, X */
#define VA_RO    0x1000003000ull             /* frame 0, R */
#define VA_AD    0x1000004000ull             /* frame 3, R W, A = D = 0 */
#define VA_NONE  0x1000005000ull             /* not mapped */

static struct vm_space space;
static uint64_t frames[4];                   /* frame i holds 0x50 + i at offset 0 */

/* MPRV is set and cleared around the one access, so nothing else the compiler emits runs
 * with it. A faulting access traps to M with MPP = M (§3.1.6.1), so the handler's own
 * accesses are untranslated; MRET back to M then leaves MPRV = 1 until the csrc. */
#define MPRV_ACCESS(insn, result, operand, addr, mode)                                 \
  __asm__ volatile(ISA_NORVC "csrc mstatus, %[mppmask]\n csrs mstatus, %[mppval]\n"     \
                   "csrs mstatus, %[mprv]\n" insn "\n csrc mstatus, %[mprv]\n" ISA_POP  \
                   : [out] "+&r"(result)                                                \
                   : [in] "r"(operand), [va] "r"(addr), [mppmask] "r"(MSTATUS_MPP),     \
                     [mppval] "r"((uint64_t)(mode) << 11), [mprv] "r"(MSTATUS_MPRV)     \
                   : "memory")

static uint64_t mprv_ld(uint64_t mpp, uint64_t va)
{
  uint64_t v = VM_LOAD_FAULTED;
  MPRV_ACCESS("ld %[out], 0(%[va])", v, 0, va, mpp);
  return v;
}

static void mprv_sd(uint64_t mpp, uint64_t va, uint64_t value)
{
  uint64_t unused = 0;
  MPRV_ACCESS("sd %[in], 0(%[va])", unused, value, va, mpp);
}

static uint64_t mprv_amoadd(uint64_t mpp, uint64_t va, uint64_t value)
{
  uint64_t old = VM_LOAD_FAULTED;
  MPRV_ACCESS("amoadd.d %[out], %[in], (%[va])", old, value, va, mpp);
  return old;
}

/* Calls vm_code_page at its physical address with MPRV = 1 and MPP = U: fetches ignore
 * MPRV, and the page is not mapped in the space. */
static uint64_t mprv_fetch(void)
{
  uint64_t result = 0;
  __asm__ volatile(ISA_NORVC "csrc mstatus, %[mppmask]\n csrs mstatus, %[mprv]\n"
                   "jalr %[code]\n mv %[out], a0\n csrc mstatus, %[mprv]\n" ISA_POP
                   : [out] "+&r"(result)
                   : [code] "r"(vm_code_page), [mppmask] "r"(MSTATUS_MPP),
                     [mprv] "r"(MSTATUS_MPRV)
                   : "ra", "a0", "memory");
  return result;
}

static uint64_t frame_word(unsigned i, unsigned word)
{
  return ((volatile uint64_t *)frames[i])[word];
}

static void expect_fault(uint64_t cause, uint64_t va)
{
  CHECK_FAULT(guest_mtrap, cause, va);
  CHECK(guest_mtrap.prev_priv, PRV_M);          /* the access was made in M-mode */
  guest_arm(&guest_mtrap);
}

int main(void)
{
  vm_init();
  for (unsigned i = 0; i < 4; i++) {
    frames[i] = vm_alloc_frame();
    *(volatile uint64_t *)frames[i] = 0x50 + i;
  }
  vm_space_init(&space, 3, 0);
  vm_map(&space, VA_SUPER, frames[0], 0, PTE_R | PTE_W | PTE_AD);
  vm_map(&space, VA_USER, frames[1], 0, PTE_R | PTE_W | PTE_U | PTE_AD);
  vm_map(&space, VA_XONLY, frames[2], 0, PTE_X | PTE_AD);
  vm_map(&space, VA_RO, frames[0], 0, PTE_R | PTE_AD);
  vm_map(&space, VA_AD, frames[3], 0, PTE_R | PTE_W);
  vm_activate(&space);
  CSRC(mstatus, MSTATUS_SUM | MSTATUS_MXR);
  guest_arm(&guest_mtrap);

  guest_group("mprv mpp=s");
  CHECK(mprv_ld(PRV_S, VA_SUPER), 0x50);
  mprv_sd(PRV_S, VA_SUPER + 8, 0x55);
  CHECK(frame_word(0, 1), 0x55);
  CHECK(mprv_amoadd(PRV_S, VA_SUPER + 8, 1), 0x55);
  CHECK(frame_word(0, 1), 0x56);
  CHECK(mprv_ld(PRV_S, VA_RO + 8), 0x56);
  CHECK_NO_FAULT(guest_mtrap);
  mprv_sd(PRV_S, VA_RO, 1);
  expect_fault(CAUSE_STORE_PAGE_FAULT, VA_RO);
  CHECK(mprv_ld(PRV_S, VA_NONE), VM_LOAD_FAULTED);
  expect_fault(CAUSE_LOAD_PAGE_FAULT, VA_NONE);
  mprv_sd(PRV_S, VA_NONE + 8, 1);
  expect_fault(CAUSE_STORE_PAGE_FAULT, VA_NONE + 8);
  guest_group_ok();

  guest_group("mprv sum");
  CHECK(mprv_ld(PRV_S, VA_USER), VM_LOAD_FAULTED);
  expect_fault(CAUSE_LOAD_PAGE_FAULT, VA_USER);
  mprv_sd(PRV_S, VA_USER + 8, 1);
  expect_fault(CAUSE_STORE_PAGE_FAULT, VA_USER + 8);
  CSRS(mstatus, MSTATUS_SUM);
  CHECK(mprv_ld(PRV_S, VA_USER), 0x51);
  mprv_sd(PRV_S, VA_USER + 8, 0x61);
  CHECK(frame_word(1, 1), 0x61);
  CSRC(mstatus, MSTATUS_SUM);
  CHECK_NO_FAULT(guest_mtrap);
  guest_group_ok();

  guest_group("mprv mpp=u");
  CHECK(mprv_ld(PRV_U, VA_USER), 0x51);
  mprv_sd(PRV_U, VA_USER + 16, 0x62);
  CHECK(frame_word(1, 2), 0x62);
  CHECK_NO_FAULT(guest_mtrap);
  CHECK(mprv_ld(PRV_U, VA_SUPER), VM_LOAD_FAULTED);
  expect_fault(CAUSE_LOAD_PAGE_FAULT, VA_SUPER);
  CSRS(mstatus, MSTATUS_SUM);                /* SUM has no effect on U-mode accesses */
  mprv_sd(PRV_U, VA_SUPER + 16, 1);
  expect_fault(CAUSE_STORE_PAGE_FAULT, VA_SUPER + 16);
  CSRC(mstatus, MSTATUS_SUM);
  CHECK(frame_word(0, 2), 0);
  guest_group_ok();

  guest_group("mprv mxr");
  CHECK(mprv_ld(PRV_S, VA_XONLY), VM_LOAD_FAULTED);
  expect_fault(CAUSE_LOAD_PAGE_FAULT, VA_XONLY);
  CSRS(mstatus, MSTATUS_MXR);
  CHECK(mprv_ld(PRV_S, VA_XONLY), 0x52);
  CHECK_NO_FAULT(guest_mtrap);
  CSRC(mstatus, MSTATUS_MXR);
  guest_group_ok();

  guest_group("mprv a/d");
  CHECK(mprv_ld(PRV_S, VA_AD), 0x53);
  CHECK(*vm_pte(&space, VA_AD, 0) & PTE_AD, PTE_A);
  mprv_sd(PRV_S, VA_AD + 8, 1);
  CHECK(*vm_pte(&space, VA_AD, 0) & PTE_AD, PTE_AD);
  guest_group_ok();

  guest_group("mprv untranslated");
  CHECK(mprv_fetch(), VM_CODE_RESULT);       /* fetches never use MPRV */
  CHECK(mprv_ld(PRV_M, frames[2]), 0x52);    /* MPP = M: physical addresses */
  mprv_sd(PRV_M, frames[2] + 8, 0x72);
  CHECK(frame_word(2, 1), 0x72);
  vm_deactivate();                           /* satp = Bare: physical for every MPP */
  CHECK(mprv_ld(PRV_S, frames[3]), 0x53);
  CHECK(mprv_ld(PRV_U, frames[1] + 8), 0x61);
  CHECK_NO_FAULT(guest_mtrap);
  guest_group_ok();

  guest_disarm(&guest_mtrap);
  return guest_pass();
}
