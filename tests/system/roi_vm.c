/* roi_vm: a translation-heavy program with a marked region of interest, for the fast-forward
 * tests (check_fast_forward.py, docs/fast-forward.md). M-mode maps all of RAM with 4 KiB Sv39
 * pages and runs the rest in S-mode: a set-up phase (a sweep over an 8 MiB table, 2048 pages,
 * beyond the reach of the default L2 TLB), then between roi_begin() and roi_end() random
 * read-modify-writes over the same table, then a short tail. It prints the checksums of both
 * phases, so QEMU and memvp print the same lines whatever ran in detail. */
#include <stdint.h>
#include <stdio.h>

#include "memvp/roi.h"
#include "memvp/rt.h"

#define RAM_BASE 0x80000000ull
#define RAM_BYTES (128ull << 20)
#define PAGE 4096ull
#define TABLE_WORDS (1u << 20) /* 8 MiB of uint64_t */
#define UPDATES (48u << 10)

/* Sv39 (priv spec §12.4): root, one level-1 table for the 1 GiB holding RAM, and the leaf
 * tables for 128 MiB of RAM. */
#define PTE_V 0x01ull
#define PTE_RWX 0x0Eull
#define PTE_AD 0xC0ull
static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t level1[512] __attribute__((aligned(4096)));
static uint64_t leaves[RAM_BYTES / PAGE] __attribute__((aligned(4096)));

static uint64_t table[TABLE_WORDS];

static uint64_t pte(uint64_t pa, uint64_t flags) { return (pa >> 12) << 10 | flags | PTE_V; }

static void map_ram(void)
{
  root[0] = pte(0, PTE_RWX | PTE_AD); /* the devices below 1 GiB, one gigapage */
  root[(RAM_BASE >> 30) & 511] = pte((uint64_t)level1, 0);
  for (uint64_t t = 0; t < RAM_BYTES / (512 * PAGE); t++)
    level1[t] = pte((uint64_t)&leaves[t * 512], 0);
  for (uint64_t p = 0; p < RAM_BYTES / PAGE; p++)
    leaves[p] = pte(RAM_BASE + p * PAGE, PTE_RWX | PTE_AD);
}

static void workload(void)
{
  uint64_t setup = 0;
  for (uint32_t i = 0; i < TABLE_WORDS; i += 64) {
    table[i] = i * 0x9E3779B97F4A7C15ull;
    setup += table[i] >> 7;
  }
  printf("roi_vm: set-up %016llx\n", (unsigned long long)setup);
  roi_begin();
  uint64_t x = 0x2545F4914F6CDD1Dull, acc = 0;
  for (uint32_t n = 0; n < UPDATES; n++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t *slot = &table[(x >> 24) & (TABLE_WORDS - 1)];
    *slot ^= x;
    acc += *slot >> 3;
  }
  roi_end();
  printf("roi_vm: region %016llx\n", (unsigned long long)acc);
  rt_exit(0);
}

int main(void)
{
  map_ram();
  uint64_t satp = (8ull << 60) | ((uint64_t)root >> 12);
  __asm__ volatile("csrw satp, %0\n sfence.vma zero, zero" : : "r"(satp) : "memory");
  uint64_t mstatus;
  __asm__ volatile("csrr %0, mstatus" : "=r"(mstatus));
  mstatus = (mstatus & ~(3ull << 11)) | (1ull << 11); /* MPP = S */
  __asm__ volatile("csrw mstatus, %0\n csrw mepc, %1\n mret" : : "r"(mstatus), "r"(workload) : "memory");
  return 1;
}
