/* The other A/D scheme of priv. spec 20260120 §12.3.1 (Svade): an access to a page with A = 0, or
 * a store to one with D = 0, raises a page fault and leaves the PTE alone; the S-mode
 * handler sets the bits and retries. memvp only, run with
 * --set mmu.hardware_ad_update=false (QEMU 7.2 always updates A/D in hardware). */
#include "vm.h"

#define VA_T 0x1000000000ull
#define VA_FRESH (VA_T + 0x0000)              /* A = 0, D = 0 */
#define VA_CLEAN (VA_T + 0x1000)              /* A = 1, D = 0 */
#define VA_CODE  (VA_T + 0x2000)              /* code page, X, A = 0 */
#define VA_AMO   (VA_T + 0x3000)              /* A = 1, D = 0 */
#define VA_DIRTY (VA_T + 0x4000)              /* A = 1, D = 1 */
#define VA_MEGA  (VA_T + SIZE_2M)             /* 2 MiB page, A = 0, D = 0 */
#define VA_END   (VA_T + 2 * SIZE_2M)

static struct vm_space space;
static uint64_t faults, pte_ad_at_fault;

static int leaf_level(uint64_t va)
{
  return va >= VA_MEGA ? 1 : 0;
}

/* Sets A, and D for a store/AMO fault, on the leaf of tval; remembers what it found. */
static int ad_fixup(uint64_t cause, uint64_t tval)
{
  if (tval < VA_T || tval >= VA_END)
    return 0;
  volatile uint64_t *pte = vm_pte(&space, tval, leaf_level(tval));
  pte_ad_at_fault = *pte & PTE_AD;
  *pte |= PTE_A | (cause == CAUSE_STORE_PAGE_FAULT ? PTE_D : 0);
  sfence_va(tval);
  faults++;
  return 1;
}

static uint64_t ad(uint64_t va)
{
  return *vm_pte(&space, va, leaf_level(va)) & PTE_AD;
}

/* One access that must fault once with cause (the PTE still as it was, ad_before) and then
 * succeed. */
#define EXPECT_ONE_FAULT(access, cause, va, ad_before) do {          \
    guest_arm(&guest_strap);                                               \
    faults = 0;                                                      \
    access;                                                          \
    CHECK(faults, 1);                                                \
    CHECK_FAULT(guest_strap, (cause), (va));                            \
    CHECK(pte_ad_at_fault, (ad_before));                             \
  } while (0)

static uint64_t s_svade(uint64_t unused)
{
  (void)unused;
  guest_group("load on A=0");
  EXPECT_ONE_FAULT(CHECK(vm_ld(VA_FRESH + 8), 0x11), CAUSE_LOAD_PAGE_FAULT, VA_FRESH + 8, 0);
  CHECK(ad(VA_FRESH), PTE_A);
  guest_group_ok();

  guest_group("store on D=0");
  EXPECT_ONE_FAULT(vm_sd(VA_FRESH + 16, 5), CAUSE_STORE_PAGE_FAULT, VA_FRESH + 16, PTE_A);
  CHECK(ad(VA_FRESH), PTE_AD);
  EXPECT_ONE_FAULT(vm_sd(VA_CLEAN, 6), CAUSE_STORE_PAGE_FAULT, VA_CLEAN, PTE_A);
  CHECK(vm_ld(VA_CLEAN), 6);
  CHECK(ad(VA_CLEAN), PTE_AD);
  guest_group_ok();

  guest_group("amo on D=0");
  EXPECT_ONE_FAULT(CHECK(vm_amoadd(VA_AMO, 2), 0), CAUSE_STORE_PAGE_FAULT, VA_AMO, PTE_A);
  CHECK(vm_ld(VA_AMO), 2);
  guest_group_ok();

  guest_group("fetch on A=0");
  EXPECT_ONE_FAULT(CHECK(vm_call(VA_CODE), VM_CODE_RESULT), CAUSE_FETCH_PAGE_FAULT, VA_CODE, 0);
  CHECK(ad(VA_CODE), PTE_A);
  guest_group_ok();

  guest_group("superpage store on A=0");
  EXPECT_ONE_FAULT(vm_sd(VA_MEGA + 0x12340, 7), CAUSE_STORE_PAGE_FAULT, VA_MEGA + 0x12340, 0);
  CHECK(ad(VA_MEGA), PTE_AD);
  CHECK(vm_ld(VA_MEGA + 0x12340), 7);
  guest_group_ok();

  guest_group("no fault with A=D=1");
  guest_arm(&guest_strap);
  vm_sd(VA_DIRTY, 8);
  CHECK(vm_ld(VA_DIRTY), 8);
  CHECK(vm_ld(VA_FRESH + 8), 0x11);
  vm_sd(VA_MEGA, 9);
  CHECK_NO_FAULT(guest_strap);
  guest_disarm(&guest_strap);
  return 0;
}

int main(void)
{
  vm_init();
  const uint64_t rw = PTE_R | PTE_W;
  const uint64_t fresh = vm_alloc_frame();
  ((volatile uint64_t *)fresh)[1] = 0x11;
  vm_space_init(&space, 3, 0);
  vm_map_kernel(&space, 1, 0);
  vm_map(&space, VA_FRESH, fresh, 0, rw);
  vm_map(&space, VA_CLEAN, vm_alloc_frame(), 0, rw | PTE_A);
  vm_map(&space, VA_CODE, (uint64_t)vm_code_page, 0, PTE_X);
  vm_map(&space, VA_AMO, vm_alloc_frame(), 0, rw | PTE_A);
  vm_map(&space, VA_DIRTY, vm_alloc_frame(), 0, rw | PTE_AD);
  vm_map(&space, VA_MEGA, SCRATCH_BASE + SIZE_2M, 1, rw);
  vm_activate(&space);
  CSRW(medeleg, DELEG_PAGE_FAULTS);
  vm_sfixup = ad_fixup;
  vm_run(PRV_S, s_svade, 0);
  vm_sfixup = 0;
  CSRW(medeleg, 0);
  guest_group_ok();
  vm_deactivate();
  return guest_pass();
}
