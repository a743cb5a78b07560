/* bench_vm: a fixed workload that runs with address translation on, for measuring simulation
 * speed and the cost of the translation trace (scripts/bench --vm). M-mode maps all of RAM
 * with 4 KiB Sv39 pages, so the 32 MiB table the workload updates at random spans 8192 pages,
 * well beyond the reach of a Skylake-like L2 TLB (1536 x 4 KiB = 6 MiB), then runs the
 * workload in S-mode. Only the checksum is printed, so QEMU and memvp print the same line. */
#include <stdint.h>
#include <stdio.h>

#include "memvp/rt.h"

#define RAM_BASE 0x80000000ull
#define RAM_BYTES (128ull << 20)
#define PAGE 4096ull
#define TABLE_WORDS (4u << 20)        /* 32 MiB of uint64_t */
#define UPDATES (4u << 20)            /* random read-modify-writes */

/* Sv39 (priv spec §12.4): root, one level-1 table for the 1 GiB holding RAM, and the 4 KiB
 * leaf tables for 128 MiB of RAM (64 tables of 512 PTEs). */
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
  /* Devices (UART, test finisher) below 1 GiB: one gigapage, identity mapped. */
  root[0] = pte(0, PTE_RWX | PTE_AD);
  root[(RAM_BASE >> 30) & 511] = pte((uint64_t)level1, 0);
  for (uint64_t t = 0; t < RAM_BYTES / (512 * PAGE); t++)
    level1[t] = pte((uint64_t)&leaves[t * 512], 0);
  for (uint64_t p = 0; p < RAM_BYTES / PAGE; p++)
    leaves[p] = pte(RAM_BASE + p * PAGE, PTE_RWX | PTE_AD);
}

static volatile uint64_t result;

/* GUPS-like random updates with an LCG index, plus a dependent ALU chain. */
static void workload(void)
{
  uint64_t x = 0x2545F4914F6CDD1Dull, acc = 0;
  for (uint32_t i = 0; i < TABLE_WORDS; i += 512)
    table[i] = i;
  for (uint32_t n = 0; n < UPDATES; n++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t *slot = &table[(x >> 20) & (TABLE_WORDS - 1)];
    *slot ^= x;
    acc += *slot >> 3;
  }
  result = acc;
  printf("bench_vm: checksum %016llx\n", (unsigned long long)acc);
  rt_exit(0);
}

int main(void)
{
  map_ram();
  /* satp = Sv39 | root; then MRET into S-mode at workload() (priv spec §3.3.2). */
  uint64_t satp = (8ull << 60) | ((uint64_t)root >> 12);
  __asm__ volatile("csrw satp, %0\n sfence.vma zero, zero" : : "r"(satp) : "memory");
  uint64_t mstatus;
  __asm__ volatile("csrr %0, mstatus" : "=r"(mstatus));
  mstatus = (mstatus & ~(3ull << 11)) | (1ull << 11);
  __asm__ volatile("csrw mstatus, %0\n csrw mepc, %1\n mret" : : "r"(mstatus), "r"(workload) : "memory");
  return 1;
}
