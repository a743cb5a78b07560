/* Zihpm (priv spec 20260120 §3.1.10-12, §12.1.4) with memvp's event selectors (docs/core.md,
 * "Performance counters"): mhpmevent is WARL over the selectors memvp has; a counter whose
 * selector is 0 holds what was written; mcounteren and scounteren gate hpmcounterN per bit in
 * S and U; an inhibited counter holds its value and resumes from it; S-mode loads through
 * Sv39 4 KiB pages count L1 DTLB misses and walks. Run with caches and DDR4
 * (MEMVP_ISA_MEMVP_ARGS_zihpm): loads of 64 lines nobody touched before miss the L1D and the
 * L2 and are read from DRAM, each once. Counters 5-11 count the seven MMU events from main's
 * first instruction; nothing translates before (crt0 runs in M-mode), so the totals printed at
 * the end, read in M-mode, are the run's whole MMU statistics (isa.zihpm_stats checks them
 * against memvp's --stats JSON). */
#include "isa.h"

#define PAGE 4096
#define NPAGES 16
#define SATP_SV39 (8ull << 60)
#define PTE_LEAF 0xcf /* V R W X A D */
#define MAPPED_VA 0x40000000ull

enum { EV_NONE, EV_L1_ITLB_MISS, EV_L1_DTLB_MISS, EV_L2_TLB_MISS, EV_PAGE_WALK, EV_WALK_CYCLES, EV_PWC_HIT,
       EV_TLB_FLUSH, EV_L1I_MISS, EV_L1D_MISS, EV_L2_MISS, EV_DRAM_READ, EV_DRAM_WRITE, EV_REMOTE_ACCESS };

static volatile uint64_t pages[NPAGES][PAGE / 8] __attribute__((aligned(PAGE)));
static uint64_t root[512] __attribute__((aligned(PAGE)));
static uint64_t l1[512] __attribute__((aligned(PAGE)));
static uint64_t l0[512] __attribute__((aligned(PAGE)));

/* hpmcounter3 read in the calling mode; ~0 when the read trapped. */
static uint64_t read_hpm3(uint64_t unused)
{
  (void)unused;
  uint64_t before = guest_mtrap.count, v;
  __asm__ volatile("csrr %0, hpmcounter3" : "=r"(v) : : "memory");
  return guest_mtrap.count == before ? v : ~0ull;
}

static uint64_t read_hpm4(uint64_t unused)
{
  (void)unused;
  uint64_t before = guest_mtrap.count, v;
  __asm__ volatile("csrr %0, hpmcounter4" : "=r"(v) : : "memory");
  return guest_mtrap.count == before ? v : ~0ull;
}

static uint64_t hpm3_in(uint64_t mode, uint64_t mcounteren, uint64_t scounteren)
{
  CSRW(mcounteren, mcounteren);
  CSRW(scounteren, scounteren);
  guest_arm(&guest_mtrap);
  uint64_t v = guest_enter(mode, read_hpm3, 0);
  guest_disarm(&guest_mtrap);
  return v;
}

/* S-mode: one load from each mapped page. */
static uint64_t touch_pages(uint64_t unused)
{
  (void)unused;
  uint64_t sum = 0;
  for (unsigned i = 0; i < NPAGES; i++)
    sum += *(volatile uint64_t *)(MAPPED_VA + (uint64_t)i * PAGE);
  return sum;
}

static void map_pages(void)
{
  root[2] = (0x80000000ull >> 12) << 10 | PTE_LEAF;
  root[1] = ((uint64_t)l1 >> 12) << 10 | 1;
  l1[0] = ((uint64_t)l0 >> 12) << 10 | 1;
  for (unsigned i = 0; i < NPAGES; i++) {
    pages[i][0] = i + 1;
    l0[i] = ((uint64_t)pages[i] >> 12) << 10 | PTE_LEAF;
  }
}

/* 64 lines of RAM 64 MiB in, which nothing else touches: one load each. On numa2 that is node
 * 1's memory, remote for hart 0 (zihpm_numa2 defines ZIHPM_REMOTE). */
#define FRESH_RAM 0x84000000ull
#define FRESH_LINES 64
#ifdef ZIHPM_REMOTE
#define FRESH_REMOTE FRESH_LINES
#else
#define FRESH_REMOTE 0
#endif

static void load_lines(uint64_t addr)
{
  __asm__ volatile("li t0, %1\n1: ld t1, 0(%0)\n addi %0, %0, 64\n addi t0, t0, -1\n bnez t0, 1b"
                   : "+r"(addr) : "i"(FRESH_LINES) : "t0", "t1", "memory");
}

static void start_memory_counters(void)
{
  CSRW(mhpmevent12, EV_L1I_MISS);
  CSRW(mhpmevent13, EV_L1D_MISS);
  CSRW(mhpmevent14, EV_L2_MISS);
  CSRW(mhpmevent15, EV_DRAM_READ);
  CSRW(mhpmevent16, EV_DRAM_WRITE);
  CSRW(mhpmevent17, EV_REMOTE_ACCESS);
}

static void start_whole_run_counters(void)
{
  CSRW(mhpmevent5, EV_L1_ITLB_MISS);
  CSRW(mhpmevent6, EV_L1_DTLB_MISS);
  CSRW(mhpmevent7, EV_L2_TLB_MISS);
  CSRW(mhpmevent8, EV_PAGE_WALK);
  CSRW(mhpmevent9, EV_WALK_CYCLES);
  CSRW(mhpmevent10, EV_PWC_HIT);
  CSRW(mhpmevent11, EV_TLB_FLUSH);
  CSRW(mhpmcounter5, 0);
  CSRW(mhpmcounter6, 0);
  CSRW(mhpmcounter7, 0);
  CSRW(mhpmcounter8, 0);
  CSRW(mhpmcounter9, 0);
  CSRW(mhpmcounter10, 0);
  CSRW(mhpmcounter11, 0);
}

int main(void)
{
  start_whole_run_counters();
  guest_trap_init();

  guest_group("selectors");
  CHECK(CSRR(mhpmevent3), EV_NONE);
  CSRW(mhpmevent3, EV_L1_DTLB_MISS);
  CHECK(CSRR(mhpmevent3), EV_L1_DTLB_MISS);
  CSRW(mhpmevent3, EV_TLB_FLUSH);
  CHECK(CSRR(mhpmevent3), EV_TLB_FLUSH);
  CSRW(mhpmevent3, EV_REMOTE_ACCESS);
  CHECK(CSRR(mhpmevent3), EV_REMOTE_ACCESS);
  CSRW(mhpmevent3, EV_REMOTE_ACCESS + 1); /* no such selector: WARL 0 */
  CHECK(CSRR(mhpmevent3), EV_NONE);
  CSRW(mhpmevent31, ~0ull);
  CHECK(CSRR(mhpmevent31), EV_NONE);
  CHECK(CSRR(mhpmevent9), EV_WALK_CYCLES);
  guest_group_ok();

  guest_group("counter without an event holds its value");
  CSRW(mhpmcounter4, 12345);
  __asm__ volatile(".rept 20\n nop\n .endr");
  CHECK(CSRR(mhpmcounter4), 12345);
  CHECK(CSRR(hpmcounter4), 12345);
  CSRW(mhpmcounter31, 7);
  CHECK(CSRR(hpmcounter31), 7);
  guest_group_ok();

  guest_group("counteren");
  CSRW(mhpmcounter3, 99);
  CHECK(hpm3_in(PRV_S, 0, 0), ~0ull);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(hpm3_in(PRV_S, 1u << 3, 0), 99);
  CHECK(hpm3_in(PRV_S, 1u << 4, 1u << 3), ~0ull);   /* bit 4 is counter 4's */
  CHECK(hpm3_in(PRV_U, 1u << 3, 0), ~0ull);        /* U also needs scounteren */
  CHECK(hpm3_in(PRV_U, 1u << 3, 1u << 3), 99);
  CHECK(hpm3_in(PRV_U, 0, 1u << 3), ~0ull);
  CHECK(hpm3_in(PRV_M, 0, 0), 99);                 /* M is never gated */
  CSRW(mcounteren, 1u << 4);
  CSRW(scounteren, 1u << 4);
  CHECK(guest_enter(PRV_U, read_hpm4, 0), 12345);
  guest_group_ok();

  guest_group("L1 DTLB misses and walks in S-mode");
  map_pages();
  CSRW(satp, SATP_SV39 | ((uint64_t)root >> 12));
  __asm__ volatile("sfence.vma" ::: "memory");
  CSRW(mhpmevent3, EV_L1_DTLB_MISS);
  CSRW(mhpmevent4, EV_PAGE_WALK);
  CSRW(mhpmcounter3, 0);
  CSRW(mhpmcounter4, 0);
  uint64_t flushes = CSRR(mhpmcounter11);
  CHECK(guest_enter(PRV_S, touch_pages, 0), NPAGES * (NPAGES + 1) / 2);
  uint64_t misses = CSRR(mhpmcounter3), walks = CSRR(mhpmcounter4);
  CHECK_TRUE(misses >= NPAGES);  /* each page once, besides the code's and stack's gigapage */
  CHECK_TRUE(walks >= NPAGES);
  CHECK(CSRR(mhpmcounter3), misses); /* M-mode translates nothing */
  __asm__ volatile("sfence.vma" ::: "memory");
  CHECK(CSRR(mhpmcounter11), flushes + 1);
  guest_group_ok();

  guest_group("mcountinhibit");
  CSRW(mcountinhibit, 1u << 3);
  uint64_t held = CSRR(mhpmcounter3);
  walks = CSRR(mhpmcounter4);
  guest_enter(PRV_S, touch_pages, 0);   /* after the sfence.vma: every page misses again */
  CHECK(CSRR(mhpmcounter3), held);
  CHECK_TRUE(CSRR(mhpmcounter4) >= walks + NPAGES);
  CSRW(mhpmcounter3, 500);              /* a write while inhibited is what it resumes from */
  CHECK(CSRR(mhpmcounter3), 500);
  CSRW(mcountinhibit, 0);
  CHECK(CSRR(mhpmcounter3), 500);
  __asm__ volatile("sfence.vma" ::: "memory");
  guest_enter(PRV_S, touch_pages, 0);
  CHECK_TRUE(CSRR(mhpmcounter3) >= 500 + NPAGES);
  CSRW(satp, 0);
  guest_group_ok();

  guest_group("cache and DRAM events of M-mode loads");
  start_memory_counters();
  uint64_t d[6];
  /* Nine times through the same code, 64 new lines each, the last measured: by then its own
   * fetches and stack hit the caches, and the L1D victims of its loads are the clean lines of
   * the earlier rounds (8 ways), so only the loads of lines never touched miss and nothing is
   * written back. */
  for (unsigned round = 0; round < 9; round++) {
    uint64_t c0 = CSRR(mhpmcounter12), c1 = CSRR(mhpmcounter13), c2 = CSRR(mhpmcounter14);
    uint64_t c3 = CSRR(mhpmcounter15), c4 = CSRR(mhpmcounter16), c5 = CSRR(mhpmcounter17);
    load_lines(FRESH_RAM + round * 0x10000);
    d[0] = CSRR(mhpmcounter12) - c0, d[1] = CSRR(mhpmcounter13) - c1, d[2] = CSRR(mhpmcounter14) - c2;
    d[3] = CSRR(mhpmcounter15) - c3, d[4] = CSRR(mhpmcounter16) - c4, d[5] = CSRR(mhpmcounter17) - c5;
  }
  CHECK(d[0], 0);            /* L1I misses */
  CHECK(d[1], FRESH_LINES);  /* L1D misses */
  CHECK(d[2], FRESH_LINES);  /* L2 misses */
  CHECK(d[3], FRESH_LINES);  /* DRAM reads */
  CHECK(d[4], 0);            /* DRAM writes */
  CHECK(d[5], FRESH_REMOTE); /* remote-node accesses */
  guest_group_ok();

  /* The whole run's MMU events, for isa.zihpm_stats. */
  printf("zihpm: l1_itlb_miss %lu l1_dtlb_miss %lu l2_tlb_miss %lu page_walk %lu walk_cycles %lu pwc_hit %lu tlb_flush %lu\n",
         (unsigned long)CSRR(mhpmcounter5), (unsigned long)CSRR(mhpmcounter6), (unsigned long)CSRR(mhpmcounter7),
         (unsigned long)CSRR(mhpmcounter8), (unsigned long)CSRR(mhpmcounter9), (unsigned long)CSRR(mhpmcounter10),
         (unsigned long)CSRR(mhpmcounter11));
  return guest_pass();
}
