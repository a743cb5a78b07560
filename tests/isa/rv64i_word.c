/* RV64I word instructions (unprivileged spec 20260120 §4.2): ADDIW, SLLIW, SRLIW, SRAIW,
 * ADDW, SUBW, SLLW, SRLW, SRAW operate on the low 32 bits, ignore the upper 32 bits of
 * their sources, take shift amounts from 5 bits, and sign-extend the 32-bit result. */
#include "isa.h"

#define SX(v) ((uint64_t)(int64_t)(int32_t)(v))

int main(void)
{
  guest_trap_init();

  guest_group("addw/subw");
  CHECK(RR(addw, 0x7fffffff, 1), SX(0x80000000));
  CHECK(RR(addw, 0xffffffff00000001ull, 0x1234500000002ull), 3);  /* upper halves ignored */
  CHECK(RR(addw, 0xffffffff, 0xffffffff), SX(0xfffffffe));
  CHECK(RR(subw, 0, 1), SX(0xffffffff));
  CHECK(RR(subw, 0x80000000, 1), 0x7fffffff);
  CHECK(RR(subw, 0x100000000ull, 0), 0);
  guest_group_ok();

  guest_group("addiw");
  CHECK(RI(addiw, 0x7fffffff, 1), SX(0x80000000));
  CHECK(RI(addiw, 0x123456789ull, 0), SX(0x23456789));     /* sext.w */
  CHECK(RI(addiw, 0xffffffff80000000ull, -1), 0x7fffffff);
  CHECK(RI(addiw, 0, -2048), (uint64_t)-2048);
  CHECK(RI(addiw, 0x00000000fffff800ull, 2047), SX(0xffffffff));
  guest_group_ok();

  guest_group("shiftw");
  CHECK(RR(sllw, 1, 31), SX(0x80000000));
  CHECK(RR(sllw, 1, 32), 1);                 /* only rs2[4:0] counts */
  CHECK(RR(sllw, 0xffffffff00000003ull, 1), 6);
  CHECK(RR(srlw, 0x80000000, 31), 1);
  CHECK(RR(srlw, 0xffffffff80000000ull, 0), SX(0x80000000));
  CHECK(RR(srlw, 0x1ffffffffull, 33), 0x7fffffff);
  CHECK(RR(sraw, 0x80000000, 31), SX(0xffffffff));
  CHECK(RR(sraw, 0x7fffffff80000000ull, 4), SX(0xf8000000));
  CHECK(RR(sraw, 0x40000000, 62), 1);        /* 62 & 31 = 30 */
  CHECK(RI(slliw, 0x12345678, 4), SX(0x23456780));
  CHECK(RI(slliw, 0x3, 31), SX(0x80000000));
  CHECK(RI(srliw, 0xffffffff00000000ull | 0x80000000, 4), 0x08000000);
  CHECK(RI(srliw, 0xffffffff, 0), SX(0xffffffff));
  CHECK(RI(sraiw, 0x80000000, 4), SX(0xf8000000));
  CHECK(RI(sraiw, 0x123456789ull, 0), SX(0x23456789));
  CHECK(RI(sraiw, 0x7fffffff, 30), 1);
  guest_group_ok();

  return guest_pass();
}
