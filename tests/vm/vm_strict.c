/* Page-fault causes of AMOs where QEMU 7.2 departs from priv. spec 1.12 §4.3.1 ("AMOs
 * never raise load page-fault exceptions"; an AMO on an unreadable page raises a store/AMO
 * page fault): run on memvp only. An AMO that the translation refuses for any reason
 * reports cause 15 with stval = the address. */
#include "vm.h"

#define VA_INVALID 0x1000000000ull           /* V = 0 */
#define VA_XONLY   0x1000001000ull           /* X only: not readable */
#define VA_NONE    0x1000003000ull           /* no leaf at all */

static struct vm_space space;

static void expect_amo_fault(uint64_t va)
{
  vm_arm(&vm_strap);
  CHECK(vm_amoadd(va, 1), VM_LOAD_FAULTED);
  CHECK_FAULT(vm_strap, CAUSE_STORE_PAGE_FAULT, va);
  vm_disarm(&vm_strap);
}

static uint64_t s_amo(uint64_t unused)
{
  (void)unused;
  isa_group("amo on invalid pte");
  expect_amo_fault(VA_INVALID + 8);
  expect_amo_fault(VA_NONE + 16);
  isa_group_ok();
  isa_group("amo on unreadable page");
  expect_amo_fault(VA_XONLY + 24);
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
  vm_activate(&space);
  CSRW(medeleg, DELEG_PAGE_FAULTS);
  vm_run(PRV_S, s_amo, 0);
  CSRW(medeleg, 0);
  isa_group_ok();
  vm_deactivate();
  return isa_pass();
}
