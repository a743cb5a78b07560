/* Physical memory protection (priv. spec 20260120 §3.7) as QEMU virt has it: 16 entries in
 * pmpcfg0/pmpcfg2 and pmpaddr0-15. From S- and U-mode: NAPOT, TOR and NA4 regions grant R/W/X,
 * the lowest-numbered matching entry decides, an entry must match the whole access (even an
 * M-mode access), no match fails; fetches fault with cause 1, loads 5, stores 7, tval = the address. PTE reads of the
 * page-table walk are checked too (an access fault of the original access type, §12.3.2). A
 * locked entry binds M-mode and ignores writes, with its TOR bottom. Entry 15 opens all memory
 * (the runtime's entry 0 moved there) so that S and U code runs. */
#include "isa.h"

#define PMP_A_TOR 0x08
#define PMP_A_NA4 0x10
#define PMP_L 0x80
#define PAGE 4096
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7
#define SATP_SV39 (8ull << 60)
#define PTE_LEAF 0xcf /* V R W X A D */

static volatile uint64_t area[4][PAGE / 8] __attribute__((aligned(PAGE)));
static volatile uint64_t lockbuf[8] __attribute__((aligned(64)));
static uint64_t root[512] __attribute__((aligned(PAGE)));
static uint64_t l1[512] __attribute__((aligned(PAGE)));

/* A function alone in its page, so that a PMP entry over that page covers nothing else. */
uint64_t xpage_fn(uint64_t);
__asm__(".section .text.xpage, \"ax\"\n .balign 4096\n .globl xpage_fn\n"
        "xpage_fn:\n li a0, 42\n ret\n .balign 4096\n .previous\n");

#define LOAD(addr) ({ uint64_t r_ = 0x5e5e5e5e; __asm__ volatile(ISA_NORVC "ld %0, 0(%1)\n" ISA_POP \
    : "+r"(r_) : "r"(addr) : "memory"); r_; })
#define LOADW(addr) ({ uint64_t r_ = 0x5e5e5e5e; __asm__ volatile(ISA_NORVC "lw %0, 0(%1)\n" ISA_POP \
    : "+r"(r_) : "r"(addr) : "memory"); r_; })
#define STORE(addr, v) __asm__ volatile(ISA_NORVC "sd %1, 0(%0)\n" ISA_POP :: "r"(addr), "r"(v) : "memory")

static uint64_t napot_page(const volatile void *p) { return ((uint64_t)p >> 2) | 0x1ff; }

/* pmp<i>cfg = cfg (entries 0-15), the other entries of the CSR kept. */
static void set_cfg(unsigned i, uint64_t cfg)
{
  const unsigned shift = 8 * (i % 8);
  uint64_t v = i < 8 ? CSRR(pmpcfg0) : CSRR(pmpcfg2);
  v = (v & ~(0xffull << shift)) | (cfg << shift);
  if (i < 8) CSRW(pmpcfg0, v); else CSRW(pmpcfg2, v);
  __asm__ volatile("sfence.vma" ::: "memory");  /* §3.7.2: PMP changes are fenced */
}

#define SET_ADDR(i, v) CSRW(pmpaddr##i, (v))

static void expect_fault(int line, uint64_t cause, uint64_t tval)
{
  guest_check_at(line, "trap count", guest_mtrap.count, 1);
  guest_check_at(line, "mcause", guest_mtrap.cause, cause);
  guest_check_at(line, "mtval", guest_mtrap.tval, tval);
  guest_arm(&guest_mtrap);
}
#define EXPECT_FAULT(cause, tval) expect_fault(__LINE__, cause, (uint64_t)(tval))
#define EXPECT_NO_FAULT() guest_check_at(__LINE__, "trap count", guest_mtrap.count, 0)

/* Run in S or U through guest_enter: one access each, the argument its address. */
static uint64_t s_load(uint64_t a) { return LOAD(a); }
static uint64_t s_loadw(uint64_t a) { return LOADW(a); }
static uint64_t s_store(uint64_t a) { STORE(a, (uint64_t)0x77); return 0; }
static uint64_t s_amoadd(uint64_t a)
{
  uint64_t r = 0x5e5e5e5e;
  __asm__ volatile("amoadd.d %0, %2, (%1)" : "+r"(r) : "r"(a), "r"((uint64_t)1) : "memory");
  return r;
}
static uint64_t s_lr(uint64_t a)
{
  uint64_t r = 0x5e5e5e5e;
  __asm__ volatile("lr.d %0, (%1)" : "+r"(r) : "r"(a) : "memory");
  return r;
}

/* A fetch fault from S-mode: recorded, then the code it meant to run runs in M-mode (which
 * the unlocked entries do not restrict) and guest_enter returns as usual. */
static uint64_t resume_in_m(const struct guest_trap *t)
{
  guest_record(t);
  CSRS(mstatus, MSTATUS_MPP);
  return t->epc;
}

int main(void)
{
  guest_trap_init();

  guest_group("csrs");
  CHECK(CSRR(pmpcfg0) & 0xff, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X);
  SET_ADDR(3, 0x12345678);
  CHECK(CSRR(pmpaddr3), 0x12345678);
  CSRW(pmpcfg2, 0x0f00);
  CHECK(CSRR(pmpcfg2), 0x0f00);
  guest_arm(&guest_mtrap);
  __asm__ volatile("csrr t0, 0x3a1" ::: "t0");  /* pmpcfg1 does not exist on RV64 */
  EXPECT_FAULT(CAUSE_ILLEGAL, 0x3a1022f3);
  __asm__ volatile("csrr t0, 0x3a3" ::: "t0");
  EXPECT_FAULT(CAUSE_ILLEGAL, 0x3a3022f3);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  /* Entry 15 opens everything; entries 0-14 start off. */
  SET_ADDR(15, -1);
  CSRW(pmpcfg2, (uint64_t)(PMP_A_NAPOT | PMP_R | PMP_W | PMP_X) << 56);
  CSRW(pmpcfg0, 0);

  guest_group("napot read only");
  SET_ADDR(0, napot_page(area[0]));
  set_cfg(0, PMP_A_NAPOT | PMP_R);
  area[0][5] = 0xabcd;
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, s_load, (uint64_t)&area[0][5]), 0xabcd);
  CHECK(guest_enter(PRV_U, s_load, (uint64_t)&area[0][5]), 0xabcd);
  EXPECT_NO_FAULT();
  guest_enter(PRV_S, s_store, (uint64_t)&area[0][6]);
  EXPECT_FAULT(CAUSE_STORE_ACCESS, &area[0][6]);
  guest_enter(PRV_U, s_store, (uint64_t)&area[0][7]);
  EXPECT_FAULT(CAUSE_STORE_ACCESS, &area[0][7]);
  CHECK(guest_enter(PRV_S, s_amoadd, (uint64_t)&area[0][5]), 0x5e5e5e5e);  /* an AMO writes */
  EXPECT_FAULT(CAUSE_STORE_ACCESS, &area[0][5]);
  CHECK(guest_enter(PRV_S, s_lr, (uint64_t)&area[0][5]), 0xabcd);  /* LR only reads */
  EXPECT_NO_FAULT();
  area[0][8] = 1;  /* M-mode: the unlocked entry does not apply */
  CHECK(area[0][6] + area[0][7], 0);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("tor");
  SET_ADDR(1, (uint64_t)&area[1][0] >> 2);
  SET_ADDR(2, (uint64_t)&area[1][8] >> 2);  /* 64 bytes from area[1] */
  set_cfg(2, PMP_A_TOR);
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, s_load, (uint64_t)&area[1][0]), 0x5e5e5e5e);
  EXPECT_FAULT(CAUSE_LOAD_ACCESS, &area[1][0]);
  guest_enter(PRV_S, s_loadw, (uint64_t)&area[1][7] + 4);
  EXPECT_FAULT(CAUSE_LOAD_ACCESS, (uint64_t)&area[1][7] + 4);
  CHECK(guest_enter(PRV_S, s_load, (uint64_t)&area[1][8]), 0);
  EXPECT_NO_FAULT();
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("na4 and whole accesses");
  area[2][1] = 0x1111222233334444ull;
  SET_ADDR(3, ((uint64_t)&area[2][1]) >> 2);  /* the 4 bytes at area[2] + 8 */
  set_cfg(3, PMP_A_NA4 | PMP_R);
  guest_arm(&guest_mtrap);
  LOAD(&area[2][1]);  /* a partial match fails even in M-mode with the entry unlocked */
  EXPECT_FAULT(CAUSE_LOAD_ACCESS, &area[2][1]);
  CHECK(LOADW(&area[2][1]), 0x33334444);
  CHECK(guest_enter(PRV_S, s_loadw, (uint64_t)&area[2][1]), 0x33334444);
  EXPECT_NO_FAULT();
  guest_enter(PRV_S, s_load, (uint64_t)&area[2][1]);  /* 8 bytes, the entry matches 4 */
  EXPECT_FAULT(CAUSE_LOAD_ACCESS, &area[2][1]);
  guest_enter(PRV_S, s_store, (uint64_t)&area[2][0]);  /* outside it: entry 15 */
  EXPECT_NO_FAULT();
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("priority");
  SET_ADDR(4, napot_page(area[3]));
  SET_ADDR(5, napot_page(area[3]));
  set_cfg(4, PMP_A_NAPOT);
  set_cfg(5, PMP_A_NAPOT | PMP_R | PMP_W);
  guest_arm(&guest_mtrap);
  guest_enter(PRV_S, s_store, (uint64_t)&area[3][1]);
  EXPECT_FAULT(CAUSE_STORE_ACCESS, &area[3][1]);
  set_cfg(4, PMP_A_NAPOT | PMP_R | PMP_W);
  set_cfg(5, PMP_A_NAPOT);
  guest_enter(PRV_S, s_store, (uint64_t)&area[3][1]);
  EXPECT_NO_FAULT();
  CHECK(area[3][1], 0x77);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("fetch");
  SET_ADDR(6, napot_page((void *)xpage_fn));
  set_cfg(6, PMP_A_NAPOT | PMP_R);
  guest_on_exception(PRV_M, resume_in_m);
  guest_arm(&guest_mtrap);
  CHECK(guest_enter(PRV_S, xpage_fn, 0), 42);
  EXPECT_FAULT(CAUSE_FETCH_ACCESS, xpage_fn);
  set_cfg(6, PMP_A_NAPOT | PMP_R | PMP_X);
  CHECK(guest_enter(PRV_U, xpage_fn, 0), 42);
  EXPECT_NO_FAULT();
  guest_disarm(&guest_mtrap);
  guest_on_exception(PRV_M, 0);
  guest_group_ok();

  guest_group("no matching entry");
  set_cfg(15, 0);
  guest_arm(&guest_mtrap);
  /* M-mode with MPRV = 1 and MPP = S: the load is checked as S's (§3.1.6.4). */
  uint64_t r = 0x5e5e5e5e;
  __asm__ volatile(ISA_NORVC "csrc mstatus, %3\n csrs mstatus, %2\n ld %0, 0(%1)\n csrc mstatus, %3\n" ISA_POP
                   : "+r"(r) : "r"(&lockbuf[2]), "r"(MSTATUS_MPRV | (1ull << 11)), "r"(MSTATUS_MPRV | MSTATUS_MPP)
                   : "memory");
  EXPECT_FAULT(CAUSE_LOAD_ACCESS, &lockbuf[2]);
  CHECK(r, 0x5e5e5e5e);
  CHECK(lockbuf[2], 0);  /* M-mode itself is not restricted */
  guest_disarm(&guest_mtrap);
  set_cfg(15, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X);
  guest_group_ok();

  guest_group("page-table walk");
  /* Sv39: root[2] maps the gigapage at 0x80000000 to itself (code, stack, data); root[1]
   * points to l1, whose entry 0 maps VA 0x40000000 to the 2 MiB holding area[0]. */
  const uint64_t data_2m = (uint64_t)area[0] & ~((1ull << 21) - 1);
  root[2] = (0x80000000ull >> 12) << 10 | PTE_LEAF;
  root[1] = ((uint64_t)l1 >> 12) << 10 | 1;
  l1[0] = (data_2m >> 12) << 10 | PTE_LEAF;
  const uint64_t va = 0x40000000ull + ((uint64_t)&area[0][5] - data_2m);
  SET_ADDR(7, napot_page(l1));
  set_cfg(7, PMP_A_NAPOT);  /* l1 cannot be read by the walker */
  CSRW(satp, SATP_SV39 | ((uint64_t)root >> 12));
  __asm__ volatile("sfence.vma" ::: "memory");
  guest_arm(&guest_mtrap);
  guest_enter(PRV_S, s_load, va);
  EXPECT_FAULT(CAUSE_LOAD_ACCESS, va);  /* not a page fault */
  guest_enter(PRV_S, s_store, va);
  EXPECT_FAULT(CAUSE_STORE_ACCESS, va);
  set_cfg(7, PMP_A_NAPOT | PMP_R);
  CHECK(guest_enter(PRV_S, s_load, va), 0xabcd);
  EXPECT_NO_FAULT();
  SET_ADDR(7, napot_page(root));
  set_cfg(7, PMP_A_NAPOT);  /* now the root table: S cannot even fetch */
  guest_on_exception(PRV_M, resume_in_m);
  CHECK(guest_enter(PRV_S, xpage_fn, 0), 42);
  guest_check_at(__LINE__, "mcause", guest_mtrap.cause, CAUSE_FETCH_ACCESS);
  guest_on_exception(PRV_M, 0);
  guest_disarm(&guest_mtrap);
  CSRW(satp, 0);
  __asm__ volatile("sfence.vma" ::: "memory");
  set_cfg(7, 0);
  guest_group_ok();

  guest_group("lock");
  CSRW(pmpcfg0, 0);
  SET_ADDR(13, (uint64_t)&lockbuf[0] >> 2);
  SET_ADDR(14, (uint64_t)&lockbuf[8] >> 2);
  set_cfg(14, PMP_L | PMP_A_TOR | PMP_R);
  guest_arm(&guest_mtrap);
  CHECK(LOAD(&lockbuf[1]), 0);
  EXPECT_NO_FAULT();
  STORE(&lockbuf[1], (uint64_t)5);  /* locked: R/W/X bind M-mode too */
  EXPECT_FAULT(CAUSE_STORE_ACCESS, &lockbuf[1]);
  guest_disarm(&guest_mtrap);
  CHECK(lockbuf[1], 0);
  SET_ADDR(14, 0);  /* ignored: the entry is locked */
  CHECK(CSRR(pmpaddr14), (uint64_t)&lockbuf[8] >> 2);
  SET_ADDR(13, 0);  /* ignored: the bottom of a locked TOR entry */
  CHECK(CSRR(pmpaddr13), (uint64_t)&lockbuf[0] >> 2);
  set_cfg(14, 0);
  CHECK((CSRR(pmpcfg2) >> 48) & 0xff, PMP_L | PMP_A_TOR | PMP_R);
  set_cfg(8, PMP_A_NAPOT | PMP_R);  /* the other entries of pmpcfg2 stay writable */
  CHECK(CSRR(pmpcfg2) & 0xff, PMP_A_NAPOT | PMP_R);
  set_cfg(8, 0);
  guest_group_ok();

  return guest_pass();
}
