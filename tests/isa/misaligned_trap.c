/* memvp only, run with core.misaligned = "trap": misaligned loads and stores trap (priv. spec
 * 20260120 §3.1.15, §3.6.4 lets an implementation either perform or trap them; QEMU 7.2 and
 * memvp's default perform them, misaligned_ldst) with cause 4 or 6 and mtval = the address,
 * leaving rd and memory unchanged; misaligned AMOs raise the store/AMO cause 6 (QEMU 7.2
 * reports 4). */
#include "isa.h"

static volatile uint64_t mem[4] __attribute__((aligned(64)));
static volatile uint64_t trap_pc;

#define TRY(insn, addr) ({ uint64_t r_ = 0x5e5e5e5e; __asm__ volatile(ISA_NORVC \
    "mv t1, %1\n li t2, -1\n lla t0, 1f\n sd t0, %2\n1: " insn "\n" ISA_POP \
    : "+r"(r_) : "r"(addr), "m"(trap_pc) : "t0", "t1", "t2", "memory"); r_; })

/* The compressed forms, on the compressible registers a3 (rd), a4 (address), a5 (data). */
#define TRYC(insn, addr) ({ uint64_t r_ = 0x5e5e5e5e; __asm__ volatile( \
    "mv a3, %0\n mv a4, %1\n li a5, -1\n lla t0, 1f\n sd t0, %2\n1: " insn "\n mv %0, a3\n" \
    : "+r"(r_) : "r"(addr), "m"(trap_pc) : "t0", "a3", "a4", "a5", "memory"); r_; })

static void expect_misaligned(int line, uint64_t rd, uint64_t cause, uint64_t addr)
{
  guest_disarm(&guest_mtrap);
  guest_check_at(line, "trap count", guest_mtrap.count, 1);
  guest_check_at(line, "mcause", guest_mtrap.cause, cause);
  guest_check_at(line, "mtval", guest_mtrap.tval, addr);
  guest_check_at(line, "mepc", guest_mtrap.epc, trap_pc);
  guest_check_at(line, "rd", rd, 0x5e5e5e5e);
  guest_arm(&guest_mtrap);
}

#define LOAD_TRAPS(insn, off) do { rd = TRY(insn " %0, 0(t1)", base + (off)); \
    expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_LOAD, (uint64_t)(base + (off))); } while (0)
#define STORE_TRAPS(insn, off) do { rd = TRY(insn " t2, 0(t1)", base + (off)); \
    expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_STORE, (uint64_t)(base + (off))); } while (0)

int main(void)
{
  guest_trap_init();
  uint8_t *base = (uint8_t *)&mem[0];
  mem[0] = mem[1] = 0x0123456789abcdefull;
  uint64_t rd;

  guest_group("load misaligned");
  guest_arm(&guest_mtrap);
  LOAD_TRAPS("lh", 1);
  LOAD_TRAPS("lhu", 3);
  LOAD_TRAPS("lw", 2);
  LOAD_TRAPS("lwu", 5);
  LOAD_TRAPS("ld", 4);
  LOAD_TRAPS("ld", 15);
  rd = TRYC("c.lw a3, 0(a4)", base + 2);
  expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_LOAD, (uint64_t)(base + 2));
  rd = TRYC("c.ld a3, 8(a4)", base + 6);
  expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_LOAD, (uint64_t)(base + 14));
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("store misaligned");
  guest_arm(&guest_mtrap);
  STORE_TRAPS("sh", 1);
  STORE_TRAPS("sw", 6);
  STORE_TRAPS("sd", 4);
  STORE_TRAPS("sd", 9);
  rd = TRYC("c.sw a5, 0(a4)", base + 1);
  expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_STORE, (uint64_t)(base + 1));
  rd = TRYC("c.sd a5, 0(a4)", base + 2);
  expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_STORE, (uint64_t)(base + 2));
  guest_disarm(&guest_mtrap);
  CHECK(mem[0], 0x0123456789abcdefull);
  CHECK(mem[1], 0x0123456789abcdefull);
  guest_group_ok();

  guest_group("amo misaligned cause");
  guest_arm(&guest_mtrap);
  rd = TRY("amoadd.w %0, t2, (t1)", base + 2);
  expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_STORE, (uint64_t)(base + 2));
  rd = TRY("amoswap.d %0, t2, (t1)", base + 4);
  expect_misaligned(__LINE__, rd, CAUSE_MISALIGNED_STORE, (uint64_t)(base + 4));
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("aligned still works");
  CHECK(TRY("lh %0, 2(t1)", base), 0xffffffffffff89abull);
  CHECK(TRY("lw %0, 4(t1)", base), 0x01234567);
  guest_group_ok();

  return guest_pass();
}
