/* Translation faults where QEMU 7.2 departs from priv. spec 20260120, run on memvp only: an AMO
 * that the translation refuses reports a store/AMO page fault (§12.3.1: "AMOs never raise
 * load page-fault exceptions"), and a page-table entry that cannot be read (no memory at
 * its address) raises an access fault of the access type (§12.3.2 step 2). QEMU 7.2 reports
 * a load page fault for the first and a page fault for the second. */
#include "vm.h"

#define VA_INVALID 0x1000000000ull           /* V = 0 */
#define VA_XONLY   0x1000001000ull           /* X only: not readable */
#define VA_NONE    0x1000003000ull           /* no leaf at all */
#define VA_BADPTR  0x1000200000ull           /* level-1 pointer to a table with no memory */
#define PA_NOMEM   0x90000000ull             /* above 128 MiB of DRAM */

static struct vm_space space;

static void expect_amo_fault(uint64_t va)
{
  guest_arm(&guest_strap);
  CHECK(vm_amoadd(va, 1), VM_LOAD_FAULTED);
  CHECK_FAULT(guest_strap, CAUSE_STORE_PAGE_FAULT, va);
  guest_disarm(&guest_strap);
}

static uint64_t s_amo(uint64_t unused)
{
  (void)unused;
  guest_group("amo on invalid pte");
  expect_amo_fault(VA_INVALID + 8);
  expect_amo_fault(VA_NONE + 16);
  guest_group_ok();
  guest_group("amo on unreadable page");
  expect_amo_fault(VA_XONLY + 24);
  guest_group_ok();

  guest_group("pte access fault");
  guest_arm(&guest_strap);
  CHECK(vm_ld(VA_BADPTR + 8), VM_LOAD_FAULTED);
  CHECK_FAULT(guest_strap, CAUSE_LOAD_ACCESS, VA_BADPTR + 8);
  guest_arm(&guest_strap);
  vm_sd(VA_BADPTR + 16, 1);
  CHECK_FAULT(guest_strap, CAUSE_STORE_ACCESS, VA_BADPTR + 16);
  guest_arm(&guest_strap);
  CHECK(vm_amoadd(VA_BADPTR + 24, 1), VM_LOAD_FAULTED);
  CHECK_FAULT(guest_strap, CAUSE_STORE_ACCESS, VA_BADPTR + 24);
  guest_arm(&guest_strap);
  CHECK(vm_call(VA_BADPTR), VM_FETCH_FAULTED);
  CHECK_FAULT(guest_strap, CAUSE_FETCH_ACCESS, VA_BADPTR);
  guest_disarm(&guest_strap);
  return 0;
}

int main(void)
{
  vm_init();
  const uint64_t frame = vm_alloc_frame();
  vm_space_init(&space, 3, 0);
  vm_map_kernel(&space, 1, 0);
  *vm_pte(&space, VA_INVALID, 0) = vm_pte_make(frame, PTE_R | PTE_W | PTE_AD);
  vm_map(&space, VA_XONLY, frame, 0, PTE_X | PTE_AD);
  *vm_pte(&space, VA_BADPTR, 1) = vm_pte_make(PA_NOMEM, PTE_V);
  vm_activate(&space);
  CSRW(medeleg, DELEG_PAGE_FAULTS | (1ull << CAUSE_FETCH_ACCESS) | (1ull << CAUSE_LOAD_ACCESS) |
                (1ull << CAUSE_STORE_ACCESS));
  vm_run(PRV_S, s_amo, 0);
  CSRW(medeleg, 0);
  guest_group_ok();
  vm_deactivate();
  return guest_pass();
}
