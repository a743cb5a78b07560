/* SFENCE.VMA with rs1 = an address inside a superpage (priv. spec 20260120 §12.2.1: it orders the
 * leaf PTE that maps that address, so it covers the whole mapping) on the pages a TLB may
 * keep in smaller pieces: instruction fetches through 2 MiB and 1 GiB pages (an ITLB of
 * 4 KiB entries) and data through a 512 GiB Sv48 page. After the leaf changes and one
 * fence names a part never used, every part used before must see the new leaf. */
#include "vm.h"

#define VA_CODE_MEGA 0x1000000000ull         /* 2 MiB, X: code region A, then B */
#define VA_CODE_GIGA 0x1040000000ull         /* 1 GiB, X: DRAM */
#define VA_TERA      0x8000000000ull         /* Sv48 512 GiB, R W: PA 0 */
#define CODE_A (SCRATCH_BASE + 4 * SIZE_2M)
#define CODE_B (SCRATCH_BASE + 5 * SIZE_2M)

static struct vm_space space;
static const uint64_t code_offsets[] = {0, 0x1000, 0x5000, 0x1ff000};
#define N_CODE (sizeof code_offsets / sizeof code_offsets[0])

/* "addi a0, zero, value; ret" at pa. */
static void put_function(uint64_t pa, uint64_t value)
{
  volatile uint32_t *p = (volatile uint32_t *)pa;
  p[0] = 0x00000513u | (uint32_t)(value << 20);
  p[1] = 0x00008067u;
}

static uint64_t code_value(uint64_t region, unsigned i)
{
  return (region == CODE_A ? 1 : 0x11) + i;
}

static void expect_fetch_fault(uint64_t va)
{
  guest_arm(&guest_strap);
  CHECK(vm_call(va), VM_FETCH_FAULTED);
  CHECK_FAULT(guest_strap, CAUSE_FETCH_PAGE_FAULT, va);
  guest_disarm(&guest_strap);
}

static uint64_t s_code_mega(uint64_t unused)
{
  (void)unused;
  volatile uint64_t *pte = vm_pte(&space, VA_CODE_MEGA, 1);
  for (unsigned i = 0; i < N_CODE; i++)
    CHECK(vm_call(VA_CODE_MEGA + code_offsets[i]), code_value(CODE_A, i));
  *pte = vm_pte_make(CODE_B, PTE_X | PTE_AD | PTE_V);
  sfence_va(VA_CODE_MEGA + 0x3000);
  for (unsigned i = 0; i < N_CODE; i++)
    CHECK(vm_call(VA_CODE_MEGA + code_offsets[i]), code_value(CODE_B, i));
  *pte = vm_pte_make(CODE_B, PTE_R | PTE_AD | PTE_V);
  sfence_va(VA_CODE_MEGA + 0x7000);
  for (unsigned i = 0; i < N_CODE; i++)
    expect_fetch_fault(VA_CODE_MEGA + code_offsets[i]);
  return 0;
}

static uint64_t s_code_giga(uint64_t unused)
{
  (void)unused;
  volatile uint64_t *pte = vm_pte(&space, VA_CODE_GIGA, 2);
  const uint64_t calls[2] = {VA_CODE_GIGA + ((uint64_t)vm_code_page - DRAM_BASE),
                             VA_CODE_GIGA + (CODE_A + 0x5000 - DRAM_BASE)};
  CHECK(vm_call(calls[0]), VM_CODE_RESULT);
  CHECK(vm_call(calls[1]), code_value(CODE_A, 2));
  *pte = vm_pte_make(DRAM_BASE, PTE_R | PTE_AD | PTE_V);
  sfence_va(VA_CODE_GIGA + 0x3ff00000);
  expect_fetch_fault(calls[0]);
  expect_fetch_fault(calls[1]);
  return 0;
}

static uint64_t data_word;

static uint64_t s_tera(uint64_t unused)
{
  (void)unused;
  volatile uint64_t *pte = vm_pte(&space, VA_TERA, 3);
  /* Two parts of the page, 2 GiB apart: the CLINT's mtime and a word of the image. */
  const uint64_t mtime = VA_TERA + CLINT_MTIME;
  const uint64_t data = VA_TERA + (uint64_t)&data_word;
  vm_ld(mtime);
  vm_sd(data, 1);
  *pte &= ~PTE_W;
  sfence_va(VA_TERA + 0x4000000000ull);
  guest_arm(&guest_strap);
  vm_sd(data, 2);
  CHECK_FAULT(guest_strap, CAUSE_STORE_PAGE_FAULT, data);
  CHECK(vm_ld(data), 1);
  *pte = 0;
  sfence_va(VA_TERA + 0x7fffffff000ull);
  guest_arm(&guest_strap);
  CHECK(vm_ld(mtime), VM_LOAD_FAULTED);
  CHECK_FAULT(guest_strap, CAUSE_LOAD_PAGE_FAULT, mtime);
  guest_disarm(&guest_strap);
  return 0;
}

int main(void)
{
  vm_init();
  for (unsigned i = 0; i < N_CODE; i++) {
    put_function(CODE_A + code_offsets[i], code_value(CODE_A, i));
    put_function(CODE_B + code_offsets[i], code_value(CODE_B, i));
  }
  __asm__ volatile("fence.i" ::: "memory");
  CSRW(medeleg, DELEG_PAGE_FAULTS);

  guest_group("2M code page");
  vm_space_init(&space, 3, 0);
  vm_map_kernel(&space, 1, 0);
  vm_map(&space, VA_CODE_MEGA, CODE_A, 1, PTE_X | PTE_AD);
  vm_map(&space, VA_CODE_GIGA, DRAM_BASE, 2, PTE_X | PTE_AD);
  vm_activate(&space);
  vm_run(PRV_S, s_code_mega, 0);
  guest_group_ok();

  guest_group("1G code page");
  vm_run(PRV_S, s_code_giga, 0);
  guest_group_ok();

  guest_group("512G data page");
  vm_pool_reset();
  vm_space_init(&space, 4, 0);
  vm_map_kernel(&space, 1, 0);
  vm_map(&space, VA_TERA, 0, 3, PTE_R | PTE_W | PTE_AD);
  vm_activate(&space);
  vm_run(PRV_S, s_tera, 0);
  guest_group_ok();

  CSRW(medeleg, 0);
  vm_deactivate();
  return guest_pass();
}
