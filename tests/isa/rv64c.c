/* RV64C (unprivileged spec 20260120 §28): every compressed instruction of RV64IC, each
 * written with its c.* mnemonic so the 16-bit encoding is what runs; results, immediate
 * ranges and sign extension, the sp-based forms, jumps and links, C.EBREAK, the defined
 * illegal instruction 0x0000 and a reserved encoding. On RV64, the RV32 C.JAL encoding is
 * C.ADDIW. */
#include "isa.h"

#define SX(v) ((uint64_t)(int64_t)(int32_t)(v))

/* Runs code with a0 = x and a1 = y (both compressible registers); the result is a0. */
#define CX(code, x, y) ({ uint64_t r_; __asm__ volatile("mv a0, %1\n mv a1, %2\n" code "\n mv %0, a0" \
    : "=r"(r_) : "r"((uint64_t)(x)), "r"((uint64_t)(y)) : "a0", "a1", "memory"); r_; })

static uint64_t buf[4] __attribute__((aligned(16)));

int main(void)
{
  guest_trap_init();

  guest_group("c.li/c.lui/c.mv");
  CHECK(CX("c.li a0, -32", 0, 0), (uint64_t)-32);
  CHECK(CX("c.li a0, 31", 0, 0), 31);
  CHECK(CX("c.lui a0, 1", 0, 0), 0x1000);
  CHECK(CX("c.lui a0, 31", 0, 0), 0x1f000);
  CHECK(CX("c.lui a0, 0xfffe0", 0, 0), 0xfffffffffffe0000ull);   /* nzimm[17] sign bit */
  CHECK(CX("c.lui a0, 0xfffff", 0, 0), 0xfffffffffffff000ull);
  CHECK(CX("c.mv a0, a1", 1, 0x123456789ull), 0x123456789ull);
  uint64_t r;
  __asm__ volatile("li t1, 77\n c.mv t2, t1\n mv %0, t2" : "=r"(r) : : "t1", "t2");
  CHECK(r, 77);
  guest_group_ok();

  guest_group("c.addi/c.addiw/c.nop");
  CHECK(CX("c.addi a0, -32", 10, 0), (uint64_t)-22);
  CHECK(CX("c.addi a0, 31", 1, 0), 32);
  __asm__ volatile("li t3, 5\n c.addi t3, 1\n mv %0, t3" : "=r"(r) : : "t3");
  CHECK(r, 6);
  CHECK(CX("c.addiw a0, 1", 0x7fffffff, 0), SX(0x80000000));
  CHECK(CX("c.addiw a0, 0", 0x1ffffffffull, 0), SX(0xffffffff));  /* sext.w */
  CHECK(CX("c.addiw a0, -1", 0xffffffff00000000ull, 0), SX(0xffffffff));
  CHECK(CX("c.nop\n c.nop", 9, 0), 9);
  guest_group_ok();

  guest_group("c.addi16sp/c.addi4spn");
  uint64_t before, after, spn;
  __asm__ volatile("mv %0, sp\n c.addi16sp sp, -496\n mv %1, sp\n c.addi4spn a2, sp, 1020\n"
                   " mv %2, a2\n c.addi16sp sp, 496"
                   : "=&r"(before), "=&r"(after), "=&r"(spn) : : "a2", "memory");
  CHECK(before - after, 496);
  CHECK(spn - after, 1020);
  __asm__ volatile("mv %0, sp\n c.addi16sp sp, 16\n mv %1, sp\n c.addi4spn a2, sp, 4\n mv %2, a2\n"
                   " c.addi16sp sp, -16" : "=&r"(before), "=&r"(after), "=&r"(spn) : : "a2", "memory");
  CHECK(after - before, 16);
  CHECK(spn - after, 4);
  guest_group_ok();

  guest_group("c.lw/c.ld/c.sw/c.sd");
  buf[0] = 0x8000000112345678ull;
  buf[1] = 0;
  CHECK(CX("c.lw a0, 4(a1)", 0, buf), SX(0x80000001));
  CHECK(CX("c.lw a0, 0(a1)", 0, buf), 0x12345678);
  CHECK(CX("c.ld a0, 0(a1)", 0, buf), 0x8000000112345678ull);
  CX("c.sd a0, 8(a1)", 0xfedcba9876543210ull, buf);
  CHECK(buf[1], 0xfedcba9876543210ull);
  CX("c.sw a0, 12(a1)", 0x1111222233334444ull, buf);
  CHECK(buf[1], 0x3333444476543210ull);
  CHECK(CX("c.ld a0, 248(a1)", 0, (uintptr_t)buf - 240), 0x3333444476543210ull);  /* max offset */
  CHECK(CX("c.lw a0, 124(a1)", 0, (uintptr_t)buf - 120), SX(0x80000001));
  guest_group_ok();

  guest_group("c.lwsp/c.ldsp/c.swsp/c.sdsp");
  uint64_t d, w, wz;
  __asm__ volatile("c.addi16sp sp, -512\n"
                   " li t0, 0x8765432112345678\n"
                   " c.sdsp t0, 504(sp)\n c.ldsp %0, 504(sp)\n"
                   " c.sdsp t0, 248(sp)\n c.lwsp %1, 252(sp)\n"
                   " li t1, 0x7fffffff\n c.swsp t1, 0(sp)\n c.swsp x0, 4(sp)\n"
                   " c.ldsp %2, 0(sp)\n"
                   " c.addi16sp sp, 496\n c.addi16sp sp, 16"
                   : "=&r"(d), "=&r"(w), "=&r"(wz) : : "t0", "t1", "memory");
  CHECK(d, 0x8765432112345678ull);
  CHECK(w, SX(0x87654321));
  CHECK(wz, 0x7fffffff);
  guest_group_ok();

  guest_group("c.slli/c.srli/c.srai/c.andi");
  CHECK(CX("c.slli a0, 63", 1, 0), 0x8000000000000000ull);
  CHECK(CX("c.slli a0, 1", 0x4000000000000001ull, 0), 0x8000000000000002ull);
  __asm__ volatile("li t4, 3\n c.slli t4, 32\n mv %0, t4" : "=r"(r) : : "t4");
  CHECK(r, 0x300000000ull);
  CHECK(CX("c.srli a0, 63", 0x8000000000000000ull, 0), 1);
  CHECK(CX("c.srli a0, 4", 0xf0000000000000f0ull, 0), 0x0f0000000000000full);
  CHECK(CX("c.srai a0, 63", 0x8000000000000000ull, 0), 0xffffffffffffffffull);
  CHECK(CX("c.srai a0, 32", 0x8000000100000000ull, 0), 0xffffffff80000001ull);
  CHECK(CX("c.srai a0, 1", 0x4, 0), 2);
  CHECK(CX("c.andi a0, -32", 0x12345678ff, 0), 0x12345678e0);
  CHECK(CX("c.andi a0, 15", 0x12345678ff, 0), 0xf);
  guest_group_ok();

  guest_group("c.add/c.sub/c.xor/c.or/c.and");
  CHECK(CX("c.add a0, a1", 0xffffffffffffffffull, 2), 1);
  __asm__ volatile("li t5, 40\n li t6, 2\n c.add t5, t6\n mv %0, t5" : "=r"(r) : : "t5", "t6");
  CHECK(r, 42);
  CHECK(CX("c.sub a0, a1", 3, 5), (uint64_t)-2);
  CHECK(CX("c.xor a0, a1", 0xff00, 0x0ff0), 0xf0f0);
  CHECK(CX("c.or a0, a1", 0xff00, 0x0ff0), 0xfff0);
  CHECK(CX("c.and a0, a1", 0xff00, 0x0ff0), 0x0f00);
  guest_group_ok();

  guest_group("c.addw/c.subw");
  CHECK(CX("c.addw a0, a1", 0x7fffffff, 1), SX(0x80000000));
  CHECK(CX("c.addw a0, a1", 0xaaaaaaaa00000001ull, 0x5555555500000002ull), 3);
  CHECK(CX("c.subw a0, a1", 0, 1), SX(0xffffffff));
  CHECK(CX("c.subw a0, a1", 0x80000000, 1), 0x7fffffff);
  guest_group_ok();

  guest_group("c.j/c.beqz/c.bnez");
  CHECK(CX("li a0, 0\n c.j 1f\n li a0, 5\n1: c.addi a0, 1", 0, 0), 1);
  CHECK(CX("c.beqz a1, 1f\n li a0, 5\n1:", 7, 0), 7);         /* taken */
  CHECK(CX("c.beqz a1, 1f\n li a0, 5\n1:", 7, 1), 5);         /* not taken */
  CHECK(CX("c.bnez a1, 1f\n li a0, 5\n1:", 7, 0x100000000ull), 7);   /* all 64 bits count */
  CHECK(CX("c.bnez a1, 1f\n li a0, 5\n1:", 7, 0), 5);
  /* A backward loop: a0 counts the passes while a1 runs down. */
  CHECK(CX("li a0, 0\n1: c.addi a0, 1\n c.addi a1, -1\n c.bnez a1, 1b", 0, 6), 6);
  /* Branch offsets near the +-256 byte reach of CB and over 1 KiB with CJ. */
  CHECK(CX("c.beqz a1, 2f\n1: c.addi a0, 1\n c.j 3f\n .fill 120, 2, 0x0001\n"
           "2: c.addi a0, 2\n c.beqz a1, 1b\n3:", 0, 0), 3);
  CHECK(CX("c.j 2f\n1: c.addi a0, 1\n c.j 3f\n .fill 1000, 2, 0x0001\n"
           "2: c.addi a0, 4\n c.j 1b\n3:", 0, 0), 5);
  guest_group_ok();

  guest_group("c.jr/c.jalr");
  uint64_t link, at;
  __asm__ volatile("lla t0, 2f\n c.jr t0\n li %0, 0\n j 3f\n2: li %0, 1\n3:"
                   : "=&r"(r) : : "t0");
  CHECK(r, 1);
  __asm__ volatile("lla t0, 2f\n1: c.jalr t0\n c.nop\n2: mv %0, ra\n lla %1, 1b"
                   : "=&r"(link), "=&r"(at) : : "t0", "ra");
  CHECK(link - at, 2);                                         /* ra = pc + 2 */
  __asm__ volatile("li %0, 0\n lla t0, 2f\n c.jalr t0\n c.addi %0, 1\n j 3f\n"
                   "2: c.addi %0, 4\n c.jr ra\n3:" : "=&r"(r) : : "t0", "ra");
  CHECK(r, 5);
  guest_group_ok();

  guest_group("c.ebreak");
  guest_arm(&guest_mtrap);
  __asm__ volatile("lla %0, 1f\n1: c.ebreak\n" : "=r"(at) : : "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, CAUSE_BREAKPOINT);
  CHECK(guest_mtrap.epc, at);
  guest_group_ok();

  guest_group("illegal compressed");
  guest_arm(&guest_mtrap);
  __asm__ volatile("lla %0, 1f\n1: .2byte 0\n" : "=r"(at) : : "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.epc, at);
  CHECK(guest_mtrap.tval, 0);      /* the instruction bits (all zero) */
  /* C.ADDI4SPN with nzuimm = 0 is reserved (§28.5); mtval holds the 16 instruction bits. */
  guest_arm(&guest_mtrap);
  __asm__ volatile("lla %0, 1f\n1: .2byte 0x0004\n" : "=r"(at) : : "memory");
  guest_disarm(&guest_mtrap);
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, CAUSE_ILLEGAL);
  CHECK(guest_mtrap.epc, at);
  CHECK(guest_mtrap.tval, 0x0004);
  guest_group_ok();

  return guest_pass();
}
