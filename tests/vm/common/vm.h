/* Shared helpers of the memvp virtual-memory guest tests: Sv39/Sv48 page tables built by
 * M-mode in a static pool, an exception handler for the guest-test runtime's records that
 * resumes or retries a faulting access, running a function in S or U mode, and
 * single-instruction accesses whose fault is visible as a sentinel value. Check groups, trap
 * records and CSR macros come from the runtime (tests/support/guest) through isa.h. */
#pragma once
#include <stdint.h>

#include "isa.h"

/* ---- page-table entries (priv. spec 20260120 §12.3.1, §12.4) ------------------------------ */
#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_RWX (PTE_R | PTE_W | PTE_X)
#define PTE_AD (PTE_A | PTE_D)
#define PTE_PPN_SHIFT 10
#define PTE_FLAGS_MASK 0x3ffull
#define PTE_PA(pte) (((pte) >> PTE_PPN_SHIFT) << 12)

#define PAGE_SIZE 0x1000ull
/* Bytes mapped by one leaf at level l: 4 KiB, 2 MiB, 1 GiB, 512 GiB (§12.4, §12.5). */
#define LEVEL_SIZE(l) (1ull << (12 + 9 * (l)))
#define SIZE_2M LEVEL_SIZE(1)
#define SIZE_1G LEVEL_SIZE(2)

/* ---- satp (§12.1.11) ------------------------------------------------------------------ */
#define SATP_MODE_SV39 (8ull << 60)
#define SATP_MODE_SV48 (9ull << 60)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK (0xffffull << SATP_ASID_SHIFT)

/* ---- exception causes (§12.1.8, Table 37) ------------------------------------------- */
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15
#define DELEG_PAGE_FAULTS ((1ull << 12) | (1ull << 13) | (1ull << 15))

/* ---- physical memory the tests use --------------------------------------------------
 * The image (code, data, stacks, heap, page-table pool) lies in [DRAM_BASE, vm_image_end()).
 * Tests map their own frames from the scratch area above it, which stays clear of the DTB
 * that QEMU and memvp place in the last 2 MiB of 128 MiB of RAM. */
#define DRAM_BASE 0x80000000ull
#define SCRATCH_BASE 0x84000000ull
#define SCRATCH_END 0x87800000ull
uint64_t vm_image_end(void);        /* end of the image, rounded up to 2 MiB */

/* ---- page tables -------------------------------------------------------------------- */
struct vm_space {
  uint64_t *root;
  int levels;                        /* 3: Sv39, 4: Sv48 */
  uint64_t asid;
};

void vm_space_init(struct vm_space *s, int levels, uint64_t asid);
/* The PTE that maps va at level (0: 4 KiB leaf ... levels-1: root), creating the non-leaf
 * tables above it from the pool; fails the test if a leaf is in the way. */
volatile uint64_t *vm_pte(struct vm_space *s, uint64_t va, int level);
/* One leaf: va and pa aligned to LEVEL_SIZE(level) unless a test wants them misaligned. */
void vm_map(struct vm_space *s, uint64_t va, uint64_t pa, int level, uint64_t flags);
/* Leaves of one level covering [va, va + size). */
void vm_map_range(struct vm_space *s, uint64_t va, uint64_t pa, uint64_t size, int level,
                  uint64_t flags);
/* What every space needs to run the tests in S (or U when user != 0): the image identity
 * mapped with leaves of `level`, the scratch area identity mapped with 2 MiB pages, and the
 * devices below 1 GiB (UART, finisher) so that a failing check can still print. */
void vm_map_kernel(struct vm_space *s, int level, uint64_t extra_flags);
uint64_t vm_satp(const struct vm_space *s);
/* Loads satp for s and fences all translations (sfence.vma x0, x0). */
void vm_activate(const struct vm_space *s);
void vm_deactivate(void);
/* A zeroed 4 KiB page-table page from the pool; vm_pool_reset() reclaims them all. */
uint64_t *vm_alloc_table(void);
void vm_pool_reset(void);
/* A zeroed 4 KiB frame of the scratch area (bump allocation, reset with vm_pool_reset). */
uint64_t vm_alloc_frame(void);

static inline uint64_t vm_pte_make(uint64_t pa, uint64_t flags)
{
  return ((pa >> 12) << PTE_PPN_SHIFT) | flags;
}

static inline void sfence_all(void)
{
  __asm__ volatile("sfence.vma x0, x0" ::: "memory");
}

static inline void sfence_va(uint64_t va)
{
  __asm__ volatile("sfence.vma %0, x0" :: "r"(va) : "memory");
}

static inline void sfence_asid(uint64_t asid)
{
  __asm__ volatile("sfence.vma x0, %0" :: "r"(asid) : "memory");
}

static inline void sfence_va_asid(uint64_t va, uint64_t asid)
{
  __asm__ volatile("sfence.vma %0, %1" :: "r"(va), "r"(asid) : "memory");
}

/* ---- traps ---------------------------------------------------------------------------
 * vm_init registers one exception handler for M and S mode with the runtime; it records each
 * exception in guest_mtrap / guest_strap when armed (otherwise the test fails with exit code
 * 3) and resumes:
 * - if the level's fixup hook returns nonzero, at the faulting instruction (retry);
 * - after an instruction fetch fault, at the return address ra with a0 = VM_FETCH_FAULTED
 *   (fetch tests call the target address as a function);
 * - otherwise after the faulting instruction. */
#define VM_FETCH_FAULTED 0xfe7cfa17ull
#define VM_LOAD_FAULTED 0xbadbadbadull

typedef int (*vm_fixup_fn)(uint64_t cause, uint64_t tval);
extern vm_fixup_fn volatile vm_mfixup, vm_sfixup;

/* Installs the trap vectors, stacks and handler and empties the page-table pool. */
void vm_init(void);
/* Runs fn(arg) in mode (PRV_S or PRV_U) from M-mode via MRET with mstatus.MPRV = 0; fn's
 * result comes back through an ECALL that M-mode handles. mstatus is restored afterwards. */
uint64_t vm_run(uint64_t mode, uint64_t (*fn)(uint64_t), uint64_t arg);

/* Checks that exactly one exception with this cause and trap value was recorded. */
#define CHECK_FAULT(t, c, v) do { CHECK((t).count, 1); CHECK((t).cause, (c)); \
                                  CHECK((t).tval, (v)); } while (0)
#define CHECK_NO_FAULT(t) CHECK((t).count, 0)

/* ---- single accesses ------------------------------------------------------------------
 * Uncompressed, so that "after the faulting instruction" is 4 bytes on; a faulting load
 * leaves VM_LOAD_FAULTED in its result. */
static inline uint64_t vm_ld(uint64_t va)
{
  uint64_t v;
  __asm__ volatile(ISA_NORVC "mv %0, %1\n ld %0, 0(%2)\n" ISA_POP
                   : "=&r"(v) : "r"(VM_LOAD_FAULTED), "r"(va) : "memory");
  return v;
}

static inline void vm_sd(uint64_t va, uint64_t v)
{
  __asm__ volatile(ISA_NORVC "sd %0, 0(%1)\n" ISA_POP :: "r"(v), "r"(va) : "memory");
}

static inline uint64_t vm_amoadd(uint64_t va, uint64_t v)
{
  uint64_t old;
  __asm__ volatile(ISA_NORVC "mv %0, %1\n amoadd.d %0, %2, (%3)\n" ISA_POP
                   : "=&r"(old) : "r"(VM_LOAD_FAULTED), "r"(v), "r"(va) : "memory");
  return old;
}

static inline uint64_t vm_lr(uint64_t va)
{
  uint64_t v;
  __asm__ volatile(ISA_NORVC "mv %0, %1\n lr.d %0, (%2)\n" ISA_POP
                   : "=&r"(v) : "r"(VM_LOAD_FAULTED), "r"(va) : "memory");
  return v;
}

/* Calls the code at va (an alias of vm_code_page): VM_CODE_RESULT, or VM_FETCH_FAULTED. */
static inline uint64_t vm_call(uint64_t va)
{
  return ((uint64_t (*)(void))va)();
}

/* One page of position-independent code: at offset 0 a function returning VM_CODE_RESULT.
 * Tests map it at other addresses with other permissions. */
#define VM_CODE_RESULT 0x600d
extern char vm_code_page[];
