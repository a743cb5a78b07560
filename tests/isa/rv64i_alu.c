/* RV64I register-register and register-immediate integer instructions, LUI and AUIPC
 * (unprivileged spec 20260120 §2.4, §4.2): results, sign extension of immediates, shift
 * amounts masked to 6 bits, x0 as source and destination. */
#include "isa.h"

#define MIN64 0x8000000000000000ull
#define ALL1  0xffffffffffffffffull

int main(void)
{
  guest_trap_init();

  guest_group("add/sub");
  CHECK(RR(add, 1, 2), 3);
  CHECK(RR(add, ALL1, 1), 0);
  CHECK(RR(add, 0x7fffffffffffffffull, 1), MIN64);
  CHECK(RR(add, 0xffffffff, 1), 0x100000000ull);
  CHECK(RR(sub, 3, 5), (uint64_t)-2);
  CHECK(RR(sub, MIN64, 1), 0x7fffffffffffffffull);
  CHECK(RR(sub, 0, ALL1), 1);
  guest_group_ok();

  guest_group("addi");
  CHECK(RI(addi, 5, -6), ALL1);
  CHECK(RI(addi, 0, 2047), 2047);
  CHECK(RI(addi, 0, -2048), (uint64_t)-2048);
  CHECK(RI(addi, 0x7fffffffffffffffull, 1), MIN64);
  CHECK(RI(addi, 0x12345678, 0), 0x12345678);
  guest_group_ok();

  guest_group("slt/sltu");
  CHECK(RR(slt, (uint64_t)-1, 0), 1);
  CHECK(RR(slt, 0, (uint64_t)-1), 0);
  CHECK(RR(slt, MIN64, 0x7fffffffffffffffull), 1);
  CHECK(RR(slt, 7, 7), 0);
  CHECK(RR(sltu, (uint64_t)-1, 0), 0);
  CHECK(RR(sltu, 0, (uint64_t)-1), 1);
  CHECK(RR(sltu, 6, 7), 1);
  CHECK(RI(slti, (uint64_t)-5, -4), 1);
  CHECK(RI(slti, 3, -4), 0);
  CHECK(RI(sltiu, 3, -1), 1);      /* immediate sign-extended, then compared unsigned */
  CHECK(RI(sltiu, ALL1, -1), 0);
  CHECK(RI(sltiu, 0, 1), 1);       /* seqz */
  guest_group_ok();

  guest_group("logic");
  CHECK(RR(and, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0x0f000f000f000f00ull);
  CHECK(RR(or, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0xfff0fff0fff0fff0ull);
  CHECK(RR(xor, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0xf0f0f0f0f0f0f0f0ull);
  CHECK(RI(andi, 0x123456789abcdef0ull, -16), 0x123456789abcdef0ull);
  CHECK(RI(andi, 0x123456789abcdef0ull, 0x7f0), 0x6f0);
  CHECK(RI(ori, 0x1000, -2048), 0xfffffffffffff800ull | 0x1000);
  CHECK(RI(xori, 0x5555, -1), ~0x5555ull);   /* not */
  CHECK(RI(xori, 0x0f0f, 0x0ff), 0x0ff0);
  guest_group_ok();

  guest_group("shifts");
  CHECK(RR(sll, 1, 63), MIN64);
  CHECK(RR(sll, 1, 64), 1);                  /* only rs2[5:0] counts */
  CHECK(RR(sll, 0x21, 65 + 128), 0x42);
  CHECK(RR(srl, MIN64, 63), 1);
  CHECK(RR(srl, ALL1, 4), 0x0fffffffffffffffull);
  CHECK(RR(srl, ALL1, 0x40), ALL1);
  CHECK(RR(sra, MIN64, 63), ALL1);
  CHECK(RR(sra, 0x8000000000000010ull, 4), 0xf800000000000001ull);
  CHECK(RR(sra, 0x7000000000000000ull, 60), 7);
  CHECK(RI(slli, 3, 62), 0xc000000000000000ull);
  CHECK(RI(slli, 0xffffffff, 32), 0xffffffff00000000ull);
  CHECK(RI(srli, 0xffffffff00000000ull, 32), 0xffffffff);
  CHECK(RI(srli, ALL1, 0), ALL1);
  CHECK(RI(srai, 0xffffffff00000000ull, 32), ALL1);
  CHECK(RI(srai, 0x4000000000000000ull, 62), 1);
  guest_group_ok();

  guest_group("lui/auipc");
  uint64_t r;
  __asm__ volatile(ISA_NORVC "lui %0, 0x12345\n" ISA_POP : "=r"(r));
  CHECK(r, 0x12345000);
  __asm__ volatile(ISA_NORVC "lui %0, 0x80000\n" ISA_POP : "=r"(r));
  CHECK(r, 0xffffffff80000000ull);           /* sign-extended on RV64 */
  __asm__ volatile(ISA_NORVC "lui %0, 0xfffff\n" ISA_POP : "=r"(r));
  CHECK(r, 0xfffffffffffff000ull);
  uint64_t here, there;
  __asm__ volatile(ISA_NORVC "1: auipc %0, 0\n lla %1, 1b\n" ISA_POP : "=r"(here), "=r"(there));
  CHECK(here, there);
  __asm__ volatile(ISA_NORVC "1: auipc %0, 1\n lla %1, 1b\n" ISA_POP : "=r"(here), "=r"(there));
  CHECK(here - there, 0x1000);
  __asm__ volatile(ISA_NORVC "1: auipc %0, 0xfffff\n lla %1, 1b\n" ISA_POP : "=r"(here), "=r"(there));
  CHECK(here - there, (uint64_t)-0x1000);
  guest_group_ok();

  guest_group("x0");
  __asm__ volatile(ISA_NORVC "li t0, 5\n addi x0, t0, 1\n add %0, x0, x0\n" ISA_POP
                   : "=r"(r) : : "t0");
  CHECK(r, 0);
  __asm__ volatile(ISA_NORVC "lui x0, 1\n addi %0, x0, 7\n" ISA_POP : "=r"(r));
  CHECK(r, 7);
  CHECK(RR(sub, 0, 0), 0);
  guest_group_ok();

  return guest_pass();
}
