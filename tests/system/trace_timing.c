/* trace_timing: brackets two translated loads of the same address with mcycle reads, so that
 * check_trace_timing.py can hold memvp's translation trace against the hart's own clock: the
 * first load walks the page table, the second hits the L1 DTLB. M-mode loads are translated
 * through MPRV with MPP = S (priv spec §3.1.6.4) under an Sv39 map of 1 GiB identity pages.
 * Prints the three cycle counts and the address; memvp only (the figures are timing). */
#include <stdint.h>
#include <stdio.h>

#include "memvp/rt.h"

static uint64_t root[512] __attribute__((aligned(4096)));
static volatile uint64_t target[512] __attribute__((aligned(4096)));

int main(void)
{
  /* 1 GiB leaves: devices at 0, RAM at 0x8000_0000; R|W|X|A|D|V (§12.3.1). */
  root[0] = (0ull >> 12) << 10 | 0xCF;
  root[2] = (0x80000000ull >> 12) << 10 | 0xCF;
  uint64_t satp = (8ull << 60) | ((uint64_t)root >> 12);
  __asm__ volatile("csrw satp, %0\n sfence.vma zero, zero" : : "r"(satp) : "memory");

  uint64_t c0, c1, c2, v0, v1;
  const uint64_t mprv_mpp_s = (1ull << 17) | (1ull << 11);
  __asm__ volatile(
      "csrs mstatus, %[mprv]\n"
      "csrr %[c0], mcycle\n"
      "ld %[v0], 0(%[addr])\n"
      "csrr %[c1], mcycle\n"
      "ld %[v1], 0(%[addr])\n"
      "csrr %[c2], mcycle\n"
      "csrc mstatus, %[mprv]\n"
      : [c0] "=&r"(c0), [c1] "=&r"(c1), [c2] "=&r"(c2), [v0] "=&r"(v0), [v1] "=&r"(v1)
      : [addr] "r"(&target[7]), [mprv] "r"(mprv_mpp_s)
      : "memory");
  __asm__ volatile("csrw satp, zero\n sfence.vma zero, zero" : : : "memory");
  printf("va %llx\ncycles %llu %llu %llu\n", (unsigned long long)(uintptr_t)&target[7],
         (unsigned long long)c0, (unsigned long long)c1, (unsigned long long)c2);
  return (int)(v0 + v1);
}
