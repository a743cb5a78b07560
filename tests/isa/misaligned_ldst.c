/* Misaligned loads and stores performed by the hart, as QEMU virt and memvp's default
 * (core.misaligned = "hardware") do; priv. spec 20260120 §3.6.4 allows it. Every width and
 * offset loads and stores the right bytes, within a doubleword, across one, and across a page.
 * An access whose second page fails the PMP check (entry 0 over that page, no permissions; run
 * from S-mode) raises the access fault, one whose second page is not mapped (Sv39) the page
 * fault, with tval = the first byte of that page, the portion that faulted (§3.1.16), and
 * leaves rd and the first page unchanged. */
#include "isa.h"

#define PAGE 4096

static volatile uint8_t pages[2 * PAGE] __attribute__((aligned(PAGE)));
static volatile uint64_t mem[4] __attribute__((aligned(64)));
/* Sv39 tables: root[2] maps the gigapage at 0x80000000 to itself (code, stack, data); root[1]
 * leads through l1[0] to l0, which maps VA 0x40000000 to pages[0] and leaves 0x40001000 out. */
static uint64_t root[512] __attribute__((aligned(PAGE)));
static uint64_t l1[512] __attribute__((aligned(PAGE)));
static uint64_t l0[512] __attribute__((aligned(PAGE)));
#define SATP_SV39 (8ull << 60)
#define PTE_LEAF 0xcf /* V R W X A D */
#define MAPPED_VA 0x40000000ull

#define LD(insn, addr) ({ uint64_t r_; __asm__ volatile(ISA_NORVC insn " %0, 0(%1)\n" ISA_POP \
    : "=r"(r_) : "r"(addr) : "memory"); r_; })
#define ST(insn, addr, v) __asm__ volatile(ISA_NORVC insn " %1, 0(%0)\n" ISA_POP \
    :: "r"(addr), "r"((uint64_t)(v)) : "memory")
/* The instruction on addr with rd preset to a sentinel, which a faulting load must keep. */
#define TRY(insn, addr) ({ uint64_t r_ = 0x5e5e5e5e; __asm__ volatile(ISA_NORVC \
    insn " %0, 0(%1)\n" ISA_POP : "+r"(r_) : "r"(addr) : "memory"); r_; })

static uint64_t read_le(const volatile uint8_t *p, unsigned n)
{
  uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

static void fill(volatile uint8_t *p, unsigned n)
{
  for (unsigned i = 0; i < n; ++i) p[i] = (uint8_t)(0x11 * (i + 1) + i / 15);
}

/* S-mode: an aligned access to the first page (QEMU then holds its translation, so its fault
 * is reported on the second page as the spec says), then the access across the boundary. */
static uint64_t load_across(uint64_t addr)
{
  (void)*(volatile uint32_t *)(addr & ~(uint64_t)(PAGE - 1));
  return TRY("ld", addr);
}

static uint64_t store_across(uint64_t addr)
{
  *(volatile uint32_t *)(addr & ~(uint64_t)(PAGE - 1)) = 0;
  ST("sd", addr, 0xa1a2a3a4a5a6a7a8ull);
  return 0;
}

int main(void)
{
  guest_trap_init();
  volatile uint8_t *b = (volatile uint8_t *)&mem[0];

  guest_group("loads within a doubleword");
  fill(b, 32);
  CHECK(LD("lh", b + 1), (uint64_t)(int64_t)(int16_t)read_le(b + 1, 2));
  CHECK(LD("lhu", b + 3), read_le(b + 3, 2));
  CHECK(LD("lw", b + 2), (uint64_t)(int64_t)(int32_t)read_le(b + 2, 4));
  CHECK(LD("lwu", b + 1), read_le(b + 1, 4));
  guest_group_ok();

  guest_group("loads across a doubleword");
  CHECK(LD("lh", b + 7), (uint64_t)(int64_t)(int16_t)read_le(b + 7, 2));
  CHECK(LD("lw", b + 6), (uint64_t)(int64_t)(int32_t)read_le(b + 6, 4));
  CHECK(LD("lwu", b + 13), read_le(b + 13, 4));
  for (unsigned off = 1; off < 8; ++off) CHECK(LD("ld", b + off), read_le(b + off, 8));
  CHECK(({ uint64_t r_; __asm__ volatile("mv a4, %1\n c.ld a3, 8(a4)\n mv %0, a3"
                                         : "=r"(r_) : "r"(b + 3) : "a3", "a4", "memory"); r_; }),
        read_le(b + 11, 8));
  guest_group_ok();

  guest_group("stores");
  fill(b, 32);
  ST("sh", b + 7, 0xbeef);
  CHECK(read_le(b + 7, 2), 0xbeef);
  ST("sw", b + 13, 0xcafef00d);
  CHECK(read_le(b + 13, 4), 0xcafef00d);
  ST("sd", b + 19, 0x0102030405060708ull);
  CHECK(read_le(b + 19, 8), 0x0102030405060708ull);
  CHECK(b[18], (uint8_t)(0x11 * 19 + 18 / 15));  /* neighbours untouched */
  CHECK(b[27], (uint8_t)(0x11 * 28 + 27 / 15));
  __asm__ volatile("mv a4, %0\n li a5, 0x55667788\n c.sw a5, 0(a4)" :: "r"(b + 1) : "a4", "a5", "memory");
  CHECK(read_le(b + 1, 4), 0x55667788);
  guest_group_ok();

  guest_group("across a page");
  fill(pages + PAGE - 8, 16);
  for (unsigned off = 1; off < 8; ++off)
    CHECK(LD("ld", pages + PAGE - off), read_le(pages + PAGE - off, 8));
  CHECK(LD("lw", pages + PAGE - 2), (uint64_t)(int64_t)(int32_t)read_le(pages + PAGE - 2, 4));
  ST("sd", pages + PAGE - 3, 0x1122334455667788ull);
  CHECK(read_le(pages + PAGE - 3, 8), 0x1122334455667788ull);
  guest_group_ok();

  guest_group("fault on the second page");
  /* Entry 15: all memory RWX for S (the runtime's entry 0 moves there); entry 0: the second
   * page, no permissions (NAPOT of 4 KiB: base >> 2 | 0x1ff). */
  CSRW(pmpaddr15, -1);
  CSRW(pmpcfg2, (uint64_t)(PMP_A_NAPOT | PMP_R | PMP_W | PMP_X) << 56);
  CSRW(pmpaddr0, ((uint64_t)(pages + PAGE) >> 2) | 0x1ff);
  CSRW(pmpcfg0, PMP_A_NAPOT);
  fill(pages + PAGE - 8, 8);
  const uint64_t before = read_le(pages + PAGE - 4, 4);
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, load_across, (uint64_t)(pages + PAGE - 4)), 0x5e5e5e5e);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, 5);
  CHECK(guest_mtrap.tval, (uint64_t)(pages + PAGE));
  guest_arm(&guest_mtrap);
  guest_enter(PRV_S, store_across, (uint64_t)(pages + PAGE - 4));
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, 7);
  CHECK(guest_mtrap.tval, (uint64_t)(pages + PAGE));
  guest_disarm(&guest_mtrap);
  CHECK(read_le(pages + PAGE - 4, 4), before);  /* the first page's part was not stored */
  guest_group_ok();

  guest_group("page fault on the second page");
  root[2] = (0x80000000ull >> 12) << 10 | PTE_LEAF;
  root[1] = ((uint64_t)l1 >> 12) << 10 | 1;
  l1[0] = ((uint64_t)l0 >> 12) << 10 | 1;
  l0[0] = ((uint64_t)pages >> 12) << 10 | PTE_LEAF;
  CSRW(satp, SATP_SV39 | ((uint64_t)root >> 12));
  __asm__ volatile("sfence.vma" ::: "memory");
  fill(pages + PAGE - 8, 8);
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, load_across, MAPPED_VA + PAGE - 2), 0x5e5e5e5e);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, 13);
  CHECK(guest_mtrap.tval, MAPPED_VA + PAGE);
  guest_arm(&guest_mtrap);
  guest_enter(PRV_S, store_across, MAPPED_VA + PAGE - 6);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, 15);
  CHECK(guest_mtrap.tval, MAPPED_VA + PAGE);
  guest_disarm(&guest_mtrap);
  CSRW(satp, 0);
  __asm__ volatile("sfence.vma" ::: "memory");
  /* The store's bytes on the first page were not written: fill()'s values 3 and 4 remain. */
  CHECK(read_le(pages + PAGE - 6, 2), (uint64_t)(0x11 * 3) | (uint64_t)(0x11 * 4) << 8);
  guest_group_ok();

  return guest_pass();
}
