/* The body of sv39_basic and sv48_basic, one function over the number of levels: an identity
 * map of the image in 4 KiB pages, aliases at the top of both canonical halves, superpages of
 * every size the mode has (§12.4, §12.5), misaligned superpages and non-canonical addresses,
 * whose page faults are delegated to S-mode and checked through scause and stval (§12.1.9),
 * and a 1 GiB leaf changed and fenced by an address it maps (§12.2.1). */
#include "basic.h"

#include "vm.h"

static uint64_t shared_page[512] __attribute__((aligned(4096)));

static int levels;
static struct vm_space space;
static const char *mode_name;

/* Virtual addresses of the test mappings; the lower half ends at 2^(VA bits - 1). */
static uint64_t va_top_low(void)
{
  return (1ull << (12 + 9 * levels - 1)) - PAGE_SIZE;
}
#define VA_TOP_HIGH 0xfffffffffffff000ull   /* last page of the upper half */
#define VA_MEGA 0x100000000ull               /* two 2 MiB pages -> SCRATCH_BASE */
#define VA_GIGA 0x140000000ull               /* 1 GiB page -> DRAM_BASE */
#define VA_BAD_MEGA 0x180000000ull           /* 2 MiB leaf, pa 4 KiB aligned only */
#define VA_BAD_GIGA 0x200000000ull           /* 1 GiB leaf, pa 2 MiB aligned only */
#define VA_TERA 0x8000000000ull              /* Sv48: 512 GiB page -> pa 0 */
#define VA_BAD_TERA 0x10000000000ull         /* Sv48: 512 GiB leaf, pa 1 GiB aligned only */

static void group(const char *what)
{
  static char name[64];
  snprintf(name, sizeof name, "%s %s", mode_name, what);
  guest_group(name);
}

static uint64_t s_satp(uint64_t unused)
{
  (void)unused;
  return CSRR(satp);
}

/* In S-mode: writes through one address, reads through the other, both ways. */
static uint64_t s_alias(uint64_t alias)
{
  const uint64_t ident = (uint64_t)shared_page;
  vm_sd(ident + 8, 0x1111222233334444ull);
  CHECK(vm_ld(alias + 8), 0x1111222233334444ull);
  vm_sd(alias + 0xff8, 0x5555666677778888ull);
  CHECK(vm_ld(ident + 0xff8), 0x5555666677778888ull);
  CHECK(vm_amoadd(alias + 8, 1), 0x1111222233334444ull);
  CHECK(shared_page[1], 0x1111222233334445ull);
  return 0;
}

/* Offsets across both megapages: pa = SCRATCH_BASE + offset (§12.3.2 step 10). */
static const uint64_t mega_offsets[] = {0, 0x1000, 0x1ffff8, 0x200000, 0x3ff000};
#define N_MEGA_OFFSETS (sizeof mega_offsets / sizeof mega_offsets[0])

static uint64_t s_mega(uint64_t unused)
{
  (void)unused;
  for (unsigned i = 0; i < N_MEGA_OFFSETS; i++)
    CHECK(vm_ld(VA_MEGA + mega_offsets[i]), (i + 1) * 0x9e3779b97f4a7c15ull);
  vm_sd(VA_MEGA + 0x123450, 0xfeedface);
  CHECK(*(volatile uint64_t *)(SCRATCH_BASE + 0x123450), 0xfeedface);
  return 0;
}

/* Through a leaf that maps pa_base at va_base: the shared page and a scratch word. */
static uint64_t s_big(uint64_t va_base, uint64_t pa_base)
{
  const uint64_t shared = va_base + ((uint64_t)shared_page - pa_base);
  shared_page[7] = 0xabcdef;
  CHECK(vm_ld(shared + 7 * 8), 0xabcdef);
  vm_sd(shared + 9 * 8, 0x7777);
  CHECK(shared_page[9], 0x7777);
  CHECK(vm_ld(va_base + (SCRATCH_BASE + 0x123450 - pa_base)), 0xfeedface);
  return 0;
}

static uint64_t s_giga(uint64_t unused)
{
  (void)unused;
  return s_big(VA_GIGA, DRAM_BASE);
}

static uint64_t s_tera(uint64_t unused)
{
  (void)unused;
  return s_big(VA_TERA + DRAM_BASE, DRAM_BASE);
}

/* A superpage leaf made read-only is fenced by an address inside it that was never used
 * (§12.2.1: rs1 may be any address within the mapping); stores through the parts that were
 * used must then fault. va_base maps pa_base at level. (vm_superpage_fence does the same
 * for 512 GiB pages and for fetches.) */
static void fence_superpage(uint64_t va_base, uint64_t pa_base, int level, uint64_t unused_off)
{
  const uint64_t used[2] = {va_base + ((uint64_t)shared_page - pa_base),
                            va_base + (SCRATCH_BASE + 0x123450 - pa_base)};
  volatile uint64_t *pte = vm_pte(&space, va_base, level);
  for (unsigned i = 0; i < 2; i++)
    vm_sd(used[i] + 64, i);
  *pte &= ~PTE_W;
  sfence_va(va_base + unused_off);
  for (unsigned i = 0; i < 2; i++) {
    guest_arm(&guest_strap);
    vm_sd(used[i] + 64, 1);
    CHECK_FAULT(guest_strap, CAUSE_STORE_PAGE_FAULT, used[i] + 64);
    CHECK(vm_ld(used[i] + 64), i);
  }
  guest_disarm(&guest_strap);
  *pte |= PTE_W;
  sfence_va(va_base + unused_off + 0x1000);
  vm_sd(used[0] + 64, 5);
  CHECK(shared_page[8], 5);
}

static uint64_t s_fence_superpages(uint64_t unused)
{
  (void)unused;
  fence_superpage(VA_GIGA, DRAM_BASE, 2, 0x3ff00000);
  return 0;
}

/* A load, a store and a fetch at va must each take one page fault to S; stval = va when
 * check_tval. */
static void expect_faults(uint64_t va, int check_tval)
{
  guest_arm(&guest_strap);
  CHECK(vm_ld(va), VM_LOAD_FAULTED);
  CHECK(guest_strap.count, 1);
  CHECK(guest_strap.cause, CAUSE_LOAD_PAGE_FAULT);
  if (check_tval)
    CHECK(guest_strap.tval, va);
  guest_arm(&guest_strap);
  vm_sd(va, 1);
  CHECK(guest_strap.count, 1);
  CHECK(guest_strap.cause, CAUSE_STORE_PAGE_FAULT);
  if (check_tval)
    CHECK(guest_strap.tval, va);
  guest_arm(&guest_strap);
  CHECK(vm_call(va), VM_FETCH_FAULTED);
  CHECK(guest_strap.count, 1);
  CHECK(guest_strap.cause, CAUSE_FETCH_PAGE_FAULT);
  if (check_tval)
    CHECK(guest_strap.tval, va);
  guest_disarm(&guest_strap);
}

static uint64_t s_misaligned(uint64_t unused)
{
  (void)unused;
  expect_faults(VA_BAD_MEGA + 0x1238, 1);
  expect_faults(VA_BAD_GIGA + 0x201000, 1);
  if (levels == 4)
    expect_faults(VA_BAD_TERA + 0x40000010, 1);
  return 0;
}

/* Non-canonical addresses (§12.4: bits 63..39 must equal bit 38; §12.5: 63..48 = bit 47).
 * stval may hold a converted invalid address (§12.1.9, stval is WARL), so only the cause is
 * checked. */
static uint64_t s_noncanonical(uint64_t unused)
{
  (void)unused;
  const unsigned top = 12 + 9 * levels - 1;          /* 38 or 47 */
  expect_faults(1ull << (top + 1), 0);                /* just above the lower half */
  expect_faults(~0ull << top << 1, 0);                /* just below the upper half */
  expect_faults(0x5a5a000000000000ull, 0);
  return 0;
}

int vm_basic_main(int vm_levels)
{
  levels = vm_levels;
  mode_name = levels == 4 ? "sv48" : "sv39";
  vm_init();

  group("4K identity");
  vm_space_init(&space, levels, 0);
  vm_map_kernel(&space, 0, 0);
  vm_map(&space, va_top_low(), (uint64_t)shared_page, 0, PTE_R | PTE_W | PTE_AD);
  vm_map(&space, VA_TOP_HIGH, (uint64_t)shared_page, 0, PTE_R | PTE_W | PTE_AD);
  vm_map_range(&space, VA_MEGA, SCRATCH_BASE, 2 * SIZE_2M, 1, PTE_R | PTE_W | PTE_AD);
  vm_map(&space, VA_GIGA, DRAM_BASE, 2, PTE_R | PTE_W | PTE_AD);
  vm_map(&space, VA_BAD_MEGA, SCRATCH_BASE + PAGE_SIZE, 1, PTE_RWX | PTE_AD);
  vm_map(&space, VA_BAD_GIGA, DRAM_BASE + SIZE_2M, 2, PTE_RWX | PTE_AD);
  if (levels == 4) {
    vm_map(&space, VA_TERA, 0, 3, PTE_R | PTE_W | PTE_AD);
    vm_map(&space, VA_BAD_TERA, SIZE_1G, 3, PTE_RWX | PTE_AD);
  }
  vm_activate(&space);
  CHECK(vm_run(PRV_S, s_satp, 0), vm_satp(&space));
  guest_group_ok();

  group("alias low half");
  vm_run(PRV_S, s_alias, va_top_low());
  guest_group_ok();

  group("alias high half");
  vm_run(PRV_S, s_alias, VA_TOP_HIGH);
  guest_group_ok();

  group("2M pages");
  for (unsigned i = 0; i < N_MEGA_OFFSETS; i++)
    *(volatile uint64_t *)(SCRATCH_BASE + mega_offsets[i]) = (i + 1) * 0x9e3779b97f4a7c15ull;
  vm_run(PRV_S, s_mega, 0);
  guest_group_ok();

  group("1G page");
  vm_run(PRV_S, s_giga, 0);
  guest_group_ok();

  if (levels == 4) {
    group("512G page");
    vm_run(PRV_S, s_tera, 0);
    guest_group_ok();
  }

  CSRW(medeleg, DELEG_PAGE_FAULTS);
  group("misaligned superpages");
  vm_run(PRV_S, s_misaligned, 0);
  guest_group_ok();

  group("non-canonical");
  vm_run(PRV_S, s_noncanonical, 0);
  guest_group_ok();

  group("superpage fences");
  vm_run(PRV_S, s_fence_superpages, 0);
  guest_group_ok();
  CSRW(medeleg, 0);

  vm_deactivate();
  return guest_pass();
}
