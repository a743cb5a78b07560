/* Page-fault rules of the translation process (priv. spec 20260120 §12.3.2 steps 3, 4, 6 and 8,
 * §12.3.1, §12.1.1.2 SUM/MXR) as software sees them in Sv39: each fault's cause (12 fetch, 13 load,
 * 15 store/AMO; 1/5/7 for access faults), trap value (the faulting VA) and PC, taken in
 * M-mode or delegated to S-mode. vm_demand has the handler that maps pages and retries. */
#include "vm.h"

#define VA_T 0x1000000000ull                  /* test pages, one per rule */
#define VA_INVALID   (VA_T + 0x0000)          /* V = 0 */
#define VA_WONLY     (VA_T + 0x1000)          /* R = 0, W = 1: reserved */
#define VA_WX        (VA_T + 0x2000)          /* R = 0, W = 1, X = 1: reserved */
#define VA_XONLY     (VA_T + 0x3000)          /* data frame, X only */
#define VA_RO        (VA_T + 0x4000)          /* data frame, R only */
#define VA_CODE_RW   (VA_T + 0x5000)          /* code page, R W (no X) */
#define VA_CODE_X    (VA_T + 0x6000)          /* code page, X only */
#define VA_USER      (VA_T + 0x7000)          /* data frame, R W U */
#define VA_CODE_U    (VA_T + 0x8000)          /* code page, R X U */
#define VA_LEVEL0_PTR (VA_T + 0x9000)         /* pointer PTE at level 0 */
#define VA_SUPER     (VA_T + 0xa000)          /* data frame, R W (U-mode space only) */
#define VA_CODE_S    (VA_T + 0xb000)          /* code page, R X (U-mode space only) */
#define VA_NOMEM     (VA_T + 0xc000)          /* R W X leaf to a PA with no memory */
#define VA_SPLIT     (VA_T + 0xd000)          /* X page, then VA_SPLIT_NEXT; frames apart */
#define VA_SPLIT_NEXT (VA_T + 0xe000)         /* mapped or not, per check */
#define VA_EDGE      (VA_T + 0xf000)          /* X page ending in 16-bit code; next unmapped */
#define PA_NOMEM 0x90000000ull                /* above 128 MiB of DRAM: nothing there */

static struct vm_space sspace, uspace;
static uint64_t frame;                        /* the data frame behind the test pages */

/* ---- single accesses with their PC ----------------------------------------------------- */
static uint64_t load_at(uint64_t va, uint64_t *pc)
{
  uint64_t v;
  __asm__ volatile(ISA_NORVC "lla %1, 1f\n mv %0, %2\n1: ld %0, 0(%3)\n" ISA_POP
                   : "=&r"(v), "=&r"(*pc) : "r"(VM_LOAD_FAULTED), "r"(va) : "memory");
  return v;
}

static uint64_t store_at(uint64_t va, uint64_t v)
{
  uint64_t pc;
  __asm__ volatile(ISA_NORVC "lla %0, 1f\n1: sd %1, 0(%2)\n" ISA_POP
                   : "=&r"(pc) : "r"(v), "r"(va) : "memory");
  return pc;
}

/* SC.D of 1; the result register keeps VM_LOAD_FAULTED when it faults. */
static uint64_t sc_at(uint64_t va)
{
  uint64_t failed = VM_LOAD_FAULTED;
  __asm__ volatile(ISA_NORVC "sc.d %0, %1, (%2)\n" ISA_POP
                   : "+&r"(failed) : "r"(1), "r"(va) : "memory");
  return failed;
}

/* Each expect_* arms the record of the level the fault goes to and checks cause, tval and
 * epc (the faulting instruction, or the target for fetches). */
static volatile struct guest_record *rec;

static void expect_load_fault(uint64_t va)
{
  uint64_t pc;
  guest_arm(rec);
  CHECK(load_at(va, &pc), VM_LOAD_FAULTED);
  CHECK_FAULT(*rec, CAUSE_LOAD_PAGE_FAULT, va);
  CHECK(rec->epc, pc);
}

static void expect_store_fault(uint64_t va)
{
  guest_arm(rec);
  uint64_t pc = store_at(va, 0xdead);
  CHECK_FAULT(*rec, CAUSE_STORE_PAGE_FAULT, va);
  CHECK(rec->epc, pc);
}

static void expect_fetch_fault(uint64_t va)
{
  guest_arm(rec);
  CHECK(vm_call(va), VM_FETCH_FAULTED);
  CHECK_FAULT(*rec, CAUSE_FETCH_PAGE_FAULT, va);
  CHECK(rec->epc, va);
}

static void expect_all_faults(uint64_t va)
{
  expect_load_fault(va);
  expect_store_fault(va);
  expect_fetch_fault(va);
}

/* ---- S-mode checks --------------------------------------------------------------------- */
static uint64_t s_invalid(uint64_t unused)
{
  (void)unused;
  expect_all_faults(VA_INVALID);             /* step 3: V = 0 */
  expect_all_faults(VA_WONLY);               /* step 3: R = 0, W = 1 */
  expect_all_faults(VA_WX);
  expect_all_faults(VA_LEVEL0_PTR);          /* step 4: pointer at level 0, i < 0 */
  return 0;
}

static uint64_t s_permissions(uint64_t unused)
{
  (void)unused;
  /* Read-only: loads and LR pass, stores and AMOs fault as stores (§12.3.1). */
  guest_arm(rec);
  CHECK(vm_ld(VA_RO + 16), 0x1234567890abcdefull);
  CHECK(vm_lr(VA_RO + 16), 0x1234567890abcdefull);
  CHECK_NO_FAULT(*rec);
  expect_store_fault(VA_RO + 24);
  guest_arm(rec);
  CHECK(vm_amoadd(VA_RO + 16, 1), VM_LOAD_FAULTED);
  CHECK_FAULT(*rec, CAUSE_STORE_PAGE_FAULT, VA_RO + 16);
  /* SC after LR: an SC may fail without writing (so without translating), but if it
   * faults the fault is a store/AMO page fault; it never writes a read-only page. */
  CHECK(vm_lr(VA_RO + 16), 0x1234567890abcdefull);
  guest_arm(rec);
  const uint64_t sc = sc_at(VA_RO + 16);
  if (rec->count) {
    CHECK(sc, VM_LOAD_FAULTED);
    CHECK_FAULT(*rec, CAUSE_STORE_PAGE_FAULT, VA_RO + 16);
  } else {
    CHECK_TRUE(sc != 0);                     /* failed: a nonzero code */
  }
  CHECK(vm_ld(VA_RO + 16), 0x1234567890abcdefull);
  /* No X: fetch faults; X only: fetch passes. */
  expect_fetch_fault(VA_CODE_RW);
  guest_arm(rec);
  CHECK(vm_ld(VA_CODE_RW), *(volatile uint64_t *)vm_code_page);
  CHECK(vm_call(VA_CODE_X), VM_CODE_RESULT);
  CHECK_NO_FAULT(*rec);
  return 0;
}

static uint64_t s_mxr(uint64_t unused)
{
  (void)unused;
  expect_load_fault(VA_XONLY + 16);          /* MXR = 0: X does not make a page readable */
  CSRS(sstatus, MSTATUS_MXR);                /* takes effect at once (§12.2.1) */
  guest_arm(rec);
  CHECK(vm_ld(VA_XONLY + 16), 0x1234567890abcdefull);
  CHECK_NO_FAULT(*rec);
  expect_store_fault(VA_XONLY + 16);         /* MXR never grants W */
  expect_load_fault(VA_WONLY);               /* nor makes a reserved encoding valid */
  CSRC(sstatus, MSTATUS_MXR);
  expect_load_fault(VA_XONLY + 16);
  return 0;
}

static uint64_t s_sum(uint64_t unused)
{
  (void)unused;
  expect_load_fault(VA_USER + 16);           /* SUM = 0: S may not touch U pages */
  expect_store_fault(VA_USER + 16);
  expect_fetch_fault(VA_CODE_U);
  CSRS(sstatus, MSTATUS_SUM);
  guest_arm(rec);
  CHECK(vm_ld(VA_USER + 16), 0x1234567890abcdefull);
  vm_sd(VA_USER + 32, 0x5151);
  CHECK(vm_ld(VA_USER + 32), 0x5151);
  CHECK_NO_FAULT(*rec);
  expect_fetch_fault(VA_CODE_U);             /* S never executes U pages, whatever SUM */
  CSRC(sstatus, MSTATUS_SUM);
  return 0;
}

/* A leaf that translates to no memory: the access itself fails, an access fault of its
 * type with the VA in stval (§3.6 PMA, §12.1.9). */
static uint64_t s_access(uint64_t unused)
{
  (void)unused;
  guest_arm(rec);
  CHECK(vm_ld(VA_NOMEM + 8), VM_LOAD_FAULTED);
  CHECK_FAULT(*rec, CAUSE_LOAD_ACCESS, VA_NOMEM + 8);
  guest_arm(rec);
  vm_sd(VA_NOMEM + 16, 1);
  CHECK_FAULT(*rec, CAUSE_STORE_ACCESS, VA_NOMEM + 16);
  guest_arm(rec);
  CHECK(vm_call(VA_NOMEM), VM_FETCH_FAULTED);
  CHECK_FAULT(*rec, CAUSE_FETCH_ACCESS, VA_NOMEM);
  return 0;
}

/* A 32-bit instruction whose halves lie in two pages (IALIGN = 16 with C): both halves are
 * translated, each through its own page. With the second page unmapped the fault names the
 * second page in stval while epc points at the instruction (§12.1.9). */
static uint64_t s_split_fetch(uint64_t mapped)
{
  guest_arm(rec);
  const uint64_t result = vm_call(VA_SPLIT + 0xffe);
  if (mapped) {
    CHECK(result, 0x5a1);
    CHECK_NO_FAULT(*rec);
  } else {
    CHECK(result, VM_FETCH_FAULTED);
    CHECK(rec->count, 1);
    CHECK(rec->cause, CAUSE_FETCH_PAGE_FAULT);
    CHECK(rec->epc, VA_SPLIT + 0xffe);
    CHECK(rec->tval, VA_SPLIT_NEXT);
  }
  /* 16-bit instructions in the last bytes of a page: nothing is fetched from the next,
   * unmapped, page. */
  guest_arm(rec);
  CHECK(vm_call(VA_EDGE + 0xffc), 13);
  CHECK_NO_FAULT(*rec);
  return 0;
}

/* ---- U-mode: runs without checks of its own, M-mode checks the records ---------------- */
static uint64_t u_load(uint64_t va)
{
  return vm_ld(va);
}

static uint64_t u_store(uint64_t va)
{
  vm_sd(va, 0x7777);
  return 0;
}

static uint64_t u_call(uint64_t va)
{
  return vm_call(va);
}

static void expect_u_fault(uint64_t (*fn)(uint64_t), uint64_t va, uint64_t result,
                           uint64_t cause)
{
  guest_arm(&guest_mtrap);
  CHECK(vm_run(PRV_U, fn, va), result);
  CHECK_FAULT(guest_mtrap, cause, va);
  CHECK(guest_mtrap.prev_priv, PRV_U);
  guest_disarm(&guest_mtrap);
}

static void build_spaces(void)
{
  frame = vm_alloc_frame();
  ((volatile uint64_t *)frame)[2] = 0x1234567890abcdefull;
  const uint64_t code = (uint64_t)vm_code_page;

  vm_space_init(&sspace, 3, 0);
  vm_map_kernel(&sspace, 1, 0);
  *vm_pte(&sspace, VA_INVALID, 0) = vm_pte_make(frame, PTE_RWX | PTE_AD);   /* V = 0 */
  vm_map(&sspace, VA_WONLY, frame, 0, PTE_W | PTE_AD);
  vm_map(&sspace, VA_WX, code, 0, PTE_W | PTE_X | PTE_AD);
  vm_map(&sspace, VA_XONLY, frame, 0, PTE_X | PTE_AD);
  vm_map(&sspace, VA_RO, frame, 0, PTE_R | PTE_AD);
  vm_map(&sspace, VA_CODE_RW, code, 0, PTE_R | PTE_W | PTE_AD);
  vm_map(&sspace, VA_CODE_X, code, 0, PTE_X | PTE_AD);
  vm_map(&sspace, VA_USER, frame, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
  vm_map(&sspace, VA_CODE_U, code, 0, PTE_R | PTE_X | PTE_U | PTE_AD);
  *vm_pte(&sspace, VA_LEVEL0_PTR, 0) = vm_pte_make((uint64_t)vm_alloc_table(), PTE_V);
  vm_map(&sspace, VA_NOMEM, PA_NOMEM, 0, PTE_RWX | PTE_AD);

  /* addi a0, zero, 0x5a1 split over two frames, then c.jr ra (0x8082). */
  const uint64_t first = vm_alloc_frame(), second = vm_alloc_frame();
  *(volatile uint16_t *)(first + 0xffe) = 0x0513;
  *(volatile uint16_t *)(second + 0) = 0x5a10;
  *(volatile uint16_t *)(second + 2) = 0x8082;
  /* c.li a0, 13; c.jr ra in the last four bytes of a page. */
  const uint64_t edge = vm_alloc_frame();
  *(volatile uint16_t *)(edge + 0xffc) = 0x4535;
  *(volatile uint16_t *)(edge + 0xffe) = 0x8082;
  __asm__ volatile("fence.i" ::: "memory");
  vm_map(&sspace, VA_EDGE, edge, 0, PTE_X | PTE_AD);
  vm_map(&sspace, VA_SPLIT, first, 0, PTE_X | PTE_AD);
  vm_map(&sspace, VA_SPLIT_NEXT, second, 0, PTE_X | PTE_AD);

  /* U-mode space: the image and devices are user pages here. */
  vm_space_init(&uspace, 3, 0);
  vm_map_kernel(&uspace, 1, PTE_U);
  vm_map(&uspace, VA_USER, frame, 0, PTE_R | PTE_W | PTE_U | PTE_AD);
  vm_map(&uspace, VA_CODE_U, code, 0, PTE_R | PTE_X | PTE_U | PTE_AD);
  vm_map(&uspace, VA_SUPER, frame, 0, PTE_R | PTE_W | PTE_AD);
  vm_map(&uspace, VA_XONLY, frame, 0, PTE_X | PTE_U | PTE_AD);
  vm_map(&uspace, VA_CODE_S, code, 0, PTE_R | PTE_X | PTE_AD);
}

int main(void)
{
  vm_init();
  build_spaces();

  guest_group("invalid ptes (M handler)");
  vm_activate(&sspace);
  rec = &guest_mtrap;
  vm_run(PRV_S, s_invalid, 0);
  CHECK(guest_mtrap.prev_priv, PRV_S);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("invalid ptes (delegated)");
  CSRW(medeleg, DELEG_PAGE_FAULTS);
  rec = &guest_strap;
  vm_run(PRV_S, s_invalid, 0);
  CHECK(guest_strap.prev_priv, PRV_S);
  guest_disarm(&guest_strap);
  guest_group_ok();

  guest_group("r/w/x");
  vm_run(PRV_S, s_permissions, 0);
  guest_group_ok();

  guest_group("mxr");
  vm_run(PRV_S, s_mxr, 0);
  guest_group_ok();

  guest_group("sum");
  vm_run(PRV_S, s_sum, 0);
  guest_group_ok();

  guest_group("access faults");
  CSRS(medeleg, (1ull << CAUSE_FETCH_ACCESS) | (1ull << CAUSE_LOAD_ACCESS) |
                (1ull << CAUSE_STORE_ACCESS));
  vm_run(PRV_S, s_access, 0);
  guest_group_ok();

  guest_group("fetch across pages");
  vm_run(PRV_S, s_split_fetch, 1);
  *vm_pte(&sspace, VA_SPLIT_NEXT, 0) = 0;
  sfence_all();
  vm_run(PRV_S, s_split_fetch, 0);
  guest_disarm(&guest_strap);
  CSRW(medeleg, 0);
  guest_group_ok();

  guest_group("user");
  vm_activate(&uspace);
  guest_arm(&guest_mtrap);
  CHECK(vm_run(PRV_U, u_load, VA_USER + 16), 0x1234567890abcdefull);
  CHECK(vm_run(PRV_U, u_store, VA_USER + 40), 0);
  CHECK(((volatile uint64_t *)frame)[5], 0x7777);
  CHECK(vm_run(PRV_U, u_call, VA_CODE_U), VM_CODE_RESULT);
  CHECK_NO_FAULT(guest_mtrap);
  expect_u_fault(u_load, VA_SUPER + 16, VM_LOAD_FAULTED, CAUSE_LOAD_PAGE_FAULT);
  expect_u_fault(u_store, VA_SUPER + 16, 0, CAUSE_STORE_PAGE_FAULT);
  expect_u_fault(u_call, VA_CODE_S, VM_FETCH_FAULTED, CAUSE_FETCH_PAGE_FAULT);
  /* SUM changes nothing for U-mode; MXR applies to U-mode loads too (§3.1.6.4). */
  CSRS(mstatus, MSTATUS_SUM);
  expect_u_fault(u_load, VA_SUPER + 16, VM_LOAD_FAULTED, CAUSE_LOAD_PAGE_FAULT);
  CSRC(mstatus, MSTATUS_SUM);
  expect_u_fault(u_load, VA_XONLY + 16, VM_LOAD_FAULTED, CAUSE_LOAD_PAGE_FAULT);
  CSRS(mstatus, MSTATUS_MXR);
  guest_arm(&guest_mtrap);
  CHECK(vm_run(PRV_U, u_load, VA_XONLY + 16), 0x1234567890abcdefull);
  CHECK_NO_FAULT(guest_mtrap);
  CSRC(mstatus, MSTATUS_MXR);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  vm_deactivate();
  return guest_pass();
}
