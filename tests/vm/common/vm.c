/* Page tables and trap handling of the virtual-memory tests (see vm.h): a static pool of
 * page-table pages, Sv39/Sv48 mapping by walking the radix tree of priv. spec 20260120 §12.3.2
 * in software, and the exception handler vm_init registers with the guest-test runtime. */
#include "vm.h"

#include <string.h>

#define POOL_PAGES 160

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned pool_used;
static uint64_t scratch_next = SCRATCH_BASE;

vm_fixup_fn volatile vm_mfixup, vm_sfixup;

uint64_t vm_image_end(void)
{
  extern char _end[];
  return ((uint64_t)_end + SIZE_2M - 1) & ~(SIZE_2M - 1);
}

static uint64_t vm_exception(const struct guest_trap *t);

void vm_init(void)
{
  guest_trap_init();
  guest_on_exception(PRV_M, vm_exception);
  guest_on_exception(PRV_S, vm_exception);
  CSRW(mie, 0);
  CSRW(medeleg, 0);
  vm_pool_reset();
}

void vm_pool_reset(void)
{
  pool_used = 0;
  scratch_next = SCRATCH_BASE;
}

uint64_t *vm_alloc_table(void)
{
  if (pool_used == POOL_PAGES)
    guest_fail(__LINE__, "page-table pool exhausted");
  uint64_t *page = pool[pool_used++];
  memset(page, 0, PAGE_SIZE);
  return page;
}

uint64_t vm_alloc_frame(void)
{
  if (scratch_next >= SCRATCH_END)
    guest_fail(__LINE__, "scratch frames exhausted");
  uint64_t pa = scratch_next;
  scratch_next += PAGE_SIZE;
  memset((void *)pa, 0, PAGE_SIZE);
  return pa;
}

void vm_space_init(struct vm_space *s, int levels, uint64_t asid)
{
  s->root = vm_alloc_table();
  s->levels = levels;
  s->asid = asid;
}

/* VPN[i] of va: bits 12 + 9i .. 20 + 9i (§12.4 Figure 68, §12.5). */
static unsigned vpn(uint64_t va, int i)
{
  return (va >> (12 + 9 * i)) & 0x1ff;
}

volatile uint64_t *vm_pte(struct vm_space *s, uint64_t va, int level)
{
  volatile uint64_t *table = s->root;
  for (int i = s->levels - 1; i > level; i--) {
    volatile uint64_t *pte = &table[vpn(va, i)];
    if (!(*pte & PTE_V)) {
      /* Non-leaf PTEs keep D, A and U clear (§12.3.1). */
      *pte = vm_pte_make((uint64_t)vm_alloc_table(), PTE_V);
    } else if (*pte & PTE_RWX) {
      guest_fail(__LINE__, "a leaf is in the way of a deeper mapping");
    }
    table = (volatile uint64_t *)PTE_PA(*pte);
  }
  return &table[vpn(va, level)];
}

void vm_map(struct vm_space *s, uint64_t va, uint64_t pa, int level, uint64_t flags)
{
  *vm_pte(s, va, level) = vm_pte_make(pa, flags | PTE_V);
}

void vm_map_range(struct vm_space *s, uint64_t va, uint64_t pa, uint64_t size, int level,
                  uint64_t flags)
{
  for (uint64_t off = 0; off < size; off += LEVEL_SIZE(level))
    vm_map(s, va + off, pa + off, level, flags);
}

void vm_map_kernel(struct vm_space *s, int level, uint64_t extra_flags)
{
  const uint64_t flags = PTE_RWX | PTE_AD | extra_flags;
  vm_map_range(s, DRAM_BASE, DRAM_BASE, vm_image_end() - DRAM_BASE, level, flags);
  vm_map_range(s, SCRATCH_BASE, SCRATCH_BASE, SCRATCH_END - SCRATCH_BASE, 1,
               PTE_R | PTE_W | PTE_AD | extra_flags);
  vm_map(s, 0, 0, 2, PTE_R | PTE_W | PTE_AD | extra_flags);
}

uint64_t vm_satp(const struct vm_space *s)
{
  const uint64_t mode = s->levels == 4 ? SATP_MODE_SV48 : SATP_MODE_SV39;
  return mode | (s->asid << SATP_ASID_SHIFT) | ((uint64_t)s->root >> 12);
}

void vm_activate(const struct vm_space *s)
{
  CSRW(satp, vm_satp(s));
  sfence_all();
}

void vm_deactivate(void)
{
  CSRW(satp, 0);
  sfence_all();
}

uint64_t vm_run(uint64_t mode, uint64_t (*fn)(uint64_t), uint64_t arg)
{
  /* MRET leaves MPRV set only when it returns to M-mode (§3.1.6.4); clear it for fn. */
  const uint64_t status = CSRR(mstatus);
  CSRC(mstatus, MSTATUS_MPRV);
  const uint64_t result = guest_enter(mode, fn, arg);
  CSRW(mstatus, status);
  return result;
}

/* Every exception of the virtual-memory tests, in M and S mode: see vm.h. */
static uint64_t vm_exception(const struct guest_trap *t)
{
  vm_fixup_fn fixup = t->level == PRV_M ? vm_mfixup : vm_sfixup;
  guest_record(t);
  if (fixup && fixup(t->cause, t->tval))
    return t->epc;
  if (t->cause == CAUSE_FETCH_PAGE_FAULT || t->cause == CAUSE_FETCH_ACCESS) {
    t->regs[10] = VM_FETCH_FAULTED;
    return t->regs[1];
  }
  return t->epc + insn_len_at(t->epc);
}
