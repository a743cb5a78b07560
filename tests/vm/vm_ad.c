/* Accessed and dirty bits, SFENCE.VMA and ASIDs in Sv39 and Sv48 (priv. spec 20260120 §12.3.1,
 * §12.2.1, §12.1.11): hardware A/D updates for loads, stores, AMOs and fetches on pages and
 * superpages, none for faulting accesses; after a PTE change each of the four sfence.vma
 * forms makes the new mapping visible; address spaces with different ASIDs and global
 * mappings. Only architecturally guaranteed results are checked: what a stale translation
 * might return before a fence is never looked at. */
#include "vm.h"

#include <string.h>

#define VA_AD 0x1000000000ull               /* A/D pages, A = D = 0 at the start */
#define VA_AD_LOAD  (VA_AD + 0x0000)
#define VA_AD_STORE (VA_AD + 0x1000)
#define VA_AD_AMO   (VA_AD + 0x2000)
#define VA_AD_CODE  (VA_AD + 0x3000)
#define VA_AD_RO    (VA_AD + 0x4000)
#define VA_AD_CLEAN (VA_AD + 0x5000)        /* A = 1, D = 0: loads only */
#define VA_AD_MEGA  0x1000200000ull         /* 2 MiB page, A = D = 0 */
#define VA_REMAP    0x2000000000ull         /* leaf changed between two frames */
#define VA_NONLEAF  0x2000200000ull         /* its level-1 pointer changed */
#define VA_REMAP_MEGA 0x2000400000ull       /* 2 MiB leaf changed between two frames */
#define VA_PRIVATE  0x3000000000ull         /* per address space */
#define VA_GLOBAL   0x3000001000ull         /* global, the same in both spaces */
#define VA_CODE_PRIVATE 0x3000002000ull     /* per address space: code returning 0xa1 / 0xb2 */

static struct vm_space space, space_a, space_b;
static uint64_t frames[6];                  /* frame i holds value i + 1 at offset 0 */
static uint64_t asid_bits;

static void group(int levels, const char *what)
{
  static char name[64];
  snprintf(name, sizeof name, "%s %s", levels == 4 ? "sv48" : "sv39", what);
  guest_group(name);
}

static volatile uint64_t *leaf(struct vm_space *s, uint64_t va, int level)
{
  return vm_pte(s, va, level);
}

/* ---- A/D --------------------------------------------------------------------------------- */
#define AD(pte) ((pte) & PTE_AD)

static uint64_t s_access_dirty(uint64_t unused)
{
  (void)unused;
  guest_arm(&guest_mtrap);
  /* A load sets A only (§12.3.2 step 9); a later store sets D. */
  CHECK(vm_ld(VA_AD_LOAD + 8), 0);
  CHECK(AD(*leaf(&space, VA_AD_LOAD, 0)), PTE_A);
  vm_sd(VA_AD_LOAD + 8, 5);
  CHECK(AD(*leaf(&space, VA_AD_LOAD, 0)), PTE_A | PTE_D);
  /* A first store sets both; so does an AMO (a store, §12.3.1). */
  vm_sd(VA_AD_STORE, 6);
  CHECK(AD(*leaf(&space, VA_AD_STORE, 0)), PTE_A | PTE_D);
  CHECK(vm_amoadd(VA_AD_AMO, 1), 0);
  CHECK(AD(*leaf(&space, VA_AD_AMO, 0)), PTE_A | PTE_D);
  /* A fetch sets A only. */
  CHECK(vm_call(VA_AD_CODE), VM_CODE_RESULT);
  CHECK(AD(*leaf(&space, VA_AD_CODE, 0)), PTE_A);
  /* Loads from a clean page keep D clear. */
  CHECK(vm_ld(VA_AD_CLEAN), 0);
  CHECK(vm_ld(VA_AD_CLEAN + 0xff8), 0);
  CHECK(AD(*leaf(&space, VA_AD_CLEAN, 0)), PTE_A);
  /* Superpage leaves are updated in place at their level. */
  vm_sd(VA_AD_MEGA + 0x12340, 7);
  CHECK(AD(*leaf(&space, VA_AD_MEGA, 1)), PTE_A | PTE_D);
  CHECK_NO_FAULT(guest_mtrap);
  /* A store that faults on permissions updates nothing (step 8 precedes step 9; updates
   * are exact, §12.3.1); a load afterwards sets A. */
  vm_sd(VA_AD_RO, 1);
  CHECK_FAULT(guest_mtrap, CAUSE_STORE_PAGE_FAULT, VA_AD_RO);
  CHECK(AD(*leaf(&space, VA_AD_RO, 0)), 0);
  CHECK(vm_ld(VA_AD_RO), 0);
  CHECK(AD(*leaf(&space, VA_AD_RO, 0)), PTE_A);
  CHECK(guest_mtrap.count, 1);
  guest_disarm(&guest_mtrap);
  return 0;
}

/* ---- sfence.vma ------------------------------------------------------------------------- */
static uint64_t frame_value(unsigned i)
{
  return i + 1;
}

static uint64_t current_asid(void)
{
  return (CSRR(satp) & SATP_ASID_MASK) >> SATP_ASID_SHIFT;
}

/* Points the 4 KiB leaf of VA_REMAP at frame i, then fences with the given form. */
static void remap(unsigned i, int form)
{
  *leaf(&space, VA_REMAP, 0) = vm_pte_make(frames[i], PTE_R | PTE_W | PTE_AD | PTE_V);
  switch (form) {
  case 0: sfence_all(); break;
  case 1: sfence_va(VA_REMAP + 0x10); break;
  case 2: sfence_asid(current_asid()); break;
  default: sfence_va_asid(VA_REMAP + 0xff8, current_asid()); break;
  }
}

static uint64_t s_sfence(uint64_t unused)
{
  (void)unused;
  for (int form = 0; form < 4; form++) {
    const unsigned from = form & 1, to = !from;
    CHECK(vm_ld(VA_REMAP), frame_value(from));
    remap(to, form);
    CHECK(vm_ld(VA_REMAP), frame_value(to));
  }
  return 0;
}

/* A changed pointer (non-leaf) PTE needs rs1 = x0 (§12.2.1); both rs2 forms are used. */
static uint64_t s_sfence_nonleaf(uint64_t tables)
{
  uint64_t *t = (uint64_t *)tables;             /* two level-0 tables */
  volatile uint64_t *ptr = leaf(&space, VA_NONLEAF, 1);
  CHECK(vm_ld(VA_NONLEAF + 8), 0x2a);
  *ptr = vm_pte_make((uint64_t)t[1], PTE_V);
  sfence_all();
  CHECK(vm_ld(VA_NONLEAF + 8), 0x3a);
  *ptr = vm_pte_make((uint64_t)t[0], PTE_V);
  sfence_asid(current_asid());
  CHECK(vm_ld(VA_NONLEAF + 8), 0x2a);
  return 0;
}

/* The top-level pointer above VA_NONLEAF switched to a copy of its table whose entry leads to
 * the other level-0 table, and back; rs1 = x0 with both rs2 forms. */
static uint64_t s_sfence_root(uint64_t copy)
{
  volatile uint64_t *top = &space.root[(VA_NONLEAF >> (12 + 9 * (space.levels - 1))) & 0x1ff];
  const uint64_t old = *top;
  CHECK(vm_ld(VA_NONLEAF + 8), 0x2a);
  *top = vm_pte_make(copy, PTE_V);
  sfence_all();
  CHECK(vm_ld(VA_NONLEAF + 8), 0x3a);
  *top = old;
  sfence_asid(current_asid());
  CHECK(vm_ld(VA_NONLEAF + 8), 0x2a);
  return 0;
}

/* A 2 MiB leaf changed and fenced by an address inside it, away from its first page. */
static uint64_t s_sfence_mega(uint64_t unused)
{
  (void)unused;
  volatile uint64_t *pte = leaf(&space, VA_REMAP_MEGA, 1);
  CHECK(vm_ld(VA_REMAP_MEGA + 0x1ff000), 0x4a);
  *pte = vm_pte_make(SCRATCH_BASE + 2 * SIZE_2M, PTE_R | PTE_W | PTE_AD | PTE_V);
  sfence_va(VA_REMAP_MEGA + 0x123000);
  CHECK(vm_ld(VA_REMAP_MEGA + 0x1ff000), 0x5a);
  *pte = vm_pte_make(SCRATCH_BASE + SIZE_2M, PTE_R | PTE_W | PTE_AD | PTE_V);
  sfence_va_asid(VA_REMAP_MEGA + 0x1ff008, current_asid());
  CHECK(vm_ld(VA_REMAP_MEGA + 0x1ff000), 0x4a);
  return 0;
}

/* ---- ASIDs and global mappings --------------------------------------------------------- */
/* Loads satp with s. Without ASIDs the two spaces share ASID 0 and need a fence (§12.2.1). */
static void switch_to(const struct vm_space *s)
{
  CSRW(satp, vm_satp(s));
  if (asid_bits == 0)
    sfence_all();
}

static uint64_t s_asids(uint64_t levels)
{
  /* The same VA in two address spaces: each ASID sees its own page (§12.1.11: satp.ASID
   * changes take effect at once). */
  CHECK(vm_ld(VA_PRIVATE), frame_value(0));
  CHECK(vm_ld(VA_GLOBAL), frame_value(4));
  CHECK(vm_call(VA_CODE_PRIVATE), 0xa1);
  switch_to(&space_b);
  CHECK(vm_ld(VA_PRIVATE), frame_value(1));
  CHECK(vm_ld(VA_GLOBAL), frame_value(4));
  CHECK(vm_call(VA_CODE_PRIVATE), 0xb2);      /* instructions too */
  switch_to(&space_a);
  CHECK(vm_ld(VA_PRIVATE), frame_value(0));
  CHECK(vm_call(VA_CODE_PRIVATE), 0xa1);
  guest_group_ok();

  group(levels, "asid fences");
  /* A's page changes while B runs: sfence.vma x0, ASID(A) from B, then back to A. */
  switch_to(&space_b);
  *leaf(&space_a, VA_PRIVATE, 0) = vm_pte_make(frames[2], PTE_R | PTE_AD | PTE_V);
  sfence_asid(space_a.asid);
  switch_to(&space_a);
  CHECK(vm_ld(VA_PRIVATE), frame_value(2));
  /* B's page changes while A runs: sfence.vma VA, ASID(B) from A, then to B. */
  *leaf(&space_b, VA_PRIVATE, 0) = vm_pte_make(frames[3], PTE_R | PTE_AD | PTE_V);
  sfence_va_asid(VA_PRIVATE, space_b.asid);
  switch_to(&space_b);
  CHECK(vm_ld(VA_PRIVATE), frame_value(3));
  guest_group_ok();

  group(levels, "global");
  /* A global page changed in both spaces: sfence.vma VA, x0 reaches it in every space. */
  CHECK(vm_ld(VA_GLOBAL), frame_value(4));
  *leaf(&space_a, VA_GLOBAL, 0) = vm_pte_make(frames[5], PTE_R | PTE_G | PTE_AD | PTE_V);
  *leaf(&space_b, VA_GLOBAL, 0) = vm_pte_make(frames[5], PTE_R | PTE_G | PTE_AD | PTE_V);
  sfence_va(VA_GLOBAL);
  CHECK(vm_ld(VA_GLOBAL), frame_value(5));
  switch_to(&space_a);
  CHECK(vm_ld(VA_GLOBAL), frame_value(5));
  /* And back with sfence.vma x0, x0. */
  *leaf(&space_a, VA_GLOBAL, 0) = vm_pte_make(frames[4], PTE_R | PTE_G | PTE_AD | PTE_V);
  *leaf(&space_b, VA_GLOBAL, 0) = vm_pte_make(frames[4], PTE_R | PTE_G | PTE_AD | PTE_V);
  sfence_all();
  CHECK(vm_ld(VA_GLOBAL), frame_value(4));
  switch_to(&space_b);
  CHECK(vm_ld(VA_GLOBAL), frame_value(4));
  return 0;
}

/* ASIDLEN: write all ones to satp.ASID and count what sticks (§12.1.11). */
static uint64_t probe_asid_bits(const struct vm_space *s)
{
  CSRW(satp, vm_satp(s) | SATP_ASID_MASK);
  uint64_t asid = (CSRR(satp) & SATP_ASID_MASK) >> SATP_ASID_SHIFT;
  CSRW(satp, 0);
  sfence_all();
  uint64_t bits = 0;
  while (asid & 1) {
    bits++;
    asid >>= 1;
  }
  return bits;
}

/* A copy of the tables on va's path below the top level (the table at `level` and down to
 * level 1), whose level-1 entry for va points at l0_table. */
static uint64_t copy_path(uint64_t table, int level, uint64_t va, uint64_t l0_table)
{
  uint64_t *copy = vm_alloc_table();
  memcpy(copy, (const void *)table, PAGE_SIZE);
  const unsigned index = (va >> (12 + 9 * level)) & 0x1ff;
  const uint64_t next = level == 1 ? l0_table
                                   : copy_path(PTE_PA(copy[index]), level - 1, va, l0_table);
  copy[index] = vm_pte_make(next, PTE_V);
  return (uint64_t)copy;
}

static void run(int levels)
{
  vm_pool_reset();
  for (unsigned i = 0; i < 6; i++) {
    frames[i] = vm_alloc_frame();
    *(volatile uint64_t *)frames[i] = frame_value(i);
  }

  group(levels, "accessed/dirty");
  vm_space_init(&space, levels, 1);
  vm_map_kernel(&space, 1, 0);
  const uint64_t rw = PTE_R | PTE_W;
  vm_map(&space, VA_AD_LOAD, vm_alloc_frame(), 0, rw);
  vm_map(&space, VA_AD_STORE, vm_alloc_frame(), 0, rw);
  vm_map(&space, VA_AD_AMO, vm_alloc_frame(), 0, rw);
  vm_map(&space, VA_AD_CODE, (uint64_t)vm_code_page, 0, PTE_X);
  vm_map(&space, VA_AD_RO, vm_alloc_frame(), 0, PTE_R);
  vm_map(&space, VA_AD_CLEAN, vm_alloc_frame(), 0, rw | PTE_A);
  vm_map(&space, VA_AD_MEGA, SCRATCH_BASE + 3 * SIZE_2M, 1, rw);
  vm_activate(&space);
  vm_run(PRV_S, s_access_dirty, 0);
  guest_group_ok();

  group(levels, "sfence.vma forms");
  vm_map(&space, VA_REMAP, frames[0], 0, rw | PTE_AD);
  vm_run(PRV_S, s_sfence, 0);
  guest_group_ok();

  group(levels, "sfence.vma non-leaf");
  uint64_t tables[2];
  for (unsigned i = 0; i < 2; i++) {
    const uint64_t frame = vm_alloc_frame();
    ((volatile uint64_t *)frame)[1] = 0x2a + 0x10 * i;
    tables[i] = (uint64_t)vm_alloc_table();
    ((uint64_t *)tables[i])[0] = vm_pte_make(frame, rw | PTE_AD | PTE_V);
  }
  *vm_pte(&space, VA_NONLEAF, 1) = vm_pte_make(tables[0], PTE_V);
  sfence_all();
  vm_run(PRV_S, s_sfence_nonleaf, (uint64_t)tables);
  guest_group_ok();

  group(levels, "sfence.vma top-level pointer");
  const uint64_t top = space.root[(VA_NONLEAF >> (12 + 9 * (levels - 1))) & 0x1ff];
  vm_run(PRV_S, s_sfence_root, copy_path(PTE_PA(top), levels - 2, VA_NONLEAF, tables[1]));
  guest_group_ok();

  group(levels, "sfence.vma superpage");
  *(volatile uint64_t *)(SCRATCH_BASE + SIZE_2M + 0x1ff000) = 0x4a;
  *(volatile uint64_t *)(SCRATCH_BASE + 2 * SIZE_2M + 0x1ff000) = 0x5a;
  vm_map(&space, VA_REMAP_MEGA, SCRATCH_BASE + SIZE_2M, 1, rw | PTE_AD);
  sfence_all();
  vm_run(PRV_S, s_sfence_mega, 0);
  guest_group_ok();

  group(levels, "asids");
  vm_space_init(&space_a, levels, 1);
  vm_space_init(&space_b, levels, 2);
  asid_bits = probe_asid_bits(&space_a);
  for (int i = 0; i < 2; i++) {
    struct vm_space *s = i == 0 ? &space_a : &space_b;
    const uint64_t code = vm_alloc_frame();
    ((volatile uint32_t *)code)[0] = 0x00000513u | ((i == 0 ? 0xa1u : 0xb2u) << 20);
    ((volatile uint32_t *)code)[1] = 0x00008067u;               /* addi a0, zero, v; ret */
    __asm__ volatile("fence.i" ::: "memory");
    vm_map(s, VA_CODE_PRIVATE, code, 0, PTE_X | PTE_AD);
    vm_map_kernel(s, 1, PTE_G);
    vm_map(s, VA_PRIVATE, frames[i], 0, PTE_R | PTE_AD);
    vm_map(s, VA_GLOBAL, frames[4], 0, PTE_R | PTE_G | PTE_AD);
  }
  vm_activate(&space_a);
  vm_run(PRV_S, s_asids, levels);
  guest_group_ok();
  vm_deactivate();
}

int main(void)
{
  vm_init();
  run(3);
  run(4);
  return guest_pass();
}
