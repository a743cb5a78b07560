/* RV64M (unprivileged spec 20260120 §13): MUL, MULH, MULHSU, MULHU, MULW, DIV, DIVU, REM,
 * REMU and the W forms, including the defined results of division by zero and of the
 * signed overflow INT_MIN / -1 (§13.2), and sign extension of the W results. */
#include "isa.h"

#define MIN64 0x8000000000000000ull
#define MAX64 0x7fffffffffffffffull
#define ALL1  0xffffffffffffffffull
#define SX(v) ((uint64_t)(int64_t)(int32_t)(v))

int main(void)
{
  guest_trap_init();

  guest_group("mul");
  CHECK(RR(mul, 7, 6), 42);
  CHECK(RR(mul, -7, 6), (uint64_t)-42);
  CHECK(RR(mul, 0x100000001ull, 0x100000001ull), 0x200000001ull);
  CHECK(RR(mul, MIN64, -1), MIN64);
  CHECK(RR(mul, 0x123456789abcdefull, 0x10), 0x123456789abcdef0ull);
  guest_group_ok();

  guest_group("mulh");
  CHECK(RR(mulh, MIN64, MIN64), 0x4000000000000000ull);
  CHECK(RR(mulh, -1, -1), 0);
  CHECK(RR(mulh, -1, 1), ALL1);
  CHECK(RR(mulh, MAX64, MAX64), 0x3fffffffffffffffull);
  CHECK(RR(mulh, 0x100000000ull, 0x100000000ull), 1);
  CHECK(RR(mulh, MIN64, MAX64), 0xc000000000000000ull);
  guest_group_ok();

  guest_group("mulhsu");
  /* rs1 signed, rs2 unsigned */
  CHECK(RR(mulhsu, -1, ALL1), ALL1);           /* -1 * (2^64-1) = -(2^64-1) */
  CHECK(RR(mulhsu, 1, ALL1), 0);
  CHECK(RR(mulhsu, MIN64, ALL1), 0x8000000000000000ull);
  CHECK(RR(mulhsu, 2, MIN64), 1);
  CHECK(RR(mulhsu, -2, MIN64), ALL1);
  guest_group_ok();

  guest_group("mulhu");
  CHECK(RR(mulhu, ALL1, ALL1), 0xfffffffffffffffeull);
  CHECK(RR(mulhu, MIN64, 2), 1);
  CHECK(RR(mulhu, 0x100000000ull, 0x100000000ull), 1);
  CHECK(RR(mulhu, 12345, 67890), 0);
  guest_group_ok();

  guest_group("mulw");
  CHECK(RR(mulw, 0x10000, 0x8000), SX(0x80000000));
  CHECK(RR(mulw, 0xffffffff00000003ull, 5), 15);     /* upper halves ignored */
  CHECK(RR(mulw, -3, 7), (uint64_t)-21);
  CHECK(RR(mulw, 0x7fffffff, 2), SX(0xfffffffe));
  guest_group_ok();

  guest_group("div/divu");
  CHECK(RR(div, 20, 6), 3);
  CHECK(RR(div, -20, 6), (uint64_t)-3);              /* rounds toward zero */
  CHECK(RR(div, 20, -6), (uint64_t)-3);
  CHECK(RR(div, -20, -6), 3);
  CHECK(RR(div, 5, 0), ALL1);                        /* x / 0 = -1 */
  CHECK(RR(div, MIN64, -1), MIN64);                  /* overflow */
  CHECK(RR(divu, 20, 6), 3);
  CHECK(RR(divu, -20, 6), 0x2aaaaaaaaaaaaaa7ull);
  CHECK(RR(divu, 5, 0), ALL1);                       /* 2^64 - 1 */
  CHECK(RR(divu, MIN64, -1), 0);
  guest_group_ok();

  guest_group("rem/remu");
  CHECK(RR(rem, 20, 6), 2);
  CHECK(RR(rem, -20, 6), (uint64_t)-2);              /* sign of the dividend */
  CHECK(RR(rem, 20, -6), 2);
  CHECK(RR(rem, -20, -6), (uint64_t)-2);
  CHECK(RR(rem, 5, 0), 5);                           /* x % 0 = x */
  CHECK(RR(rem, MIN64, -1), 0);
  CHECK(RR(remu, 20, 6), 2);
  CHECK(RR(remu, -20, 6), 2);                        /* (2^64 - 20) mod 6 */
  CHECK(RR(remu, -5, 0), (uint64_t)-5);
  guest_group_ok();

  guest_group("divw/divuw");
  CHECK(RR(divw, 20, 6), 3);
  CHECK(RR(divw, 0xffffffff00000014ull, 6), 3);      /* upper halves ignored */
  CHECK(RR(divw, SX(0xffffffec), 6), (uint64_t)-3);
  CHECK(RR(divw, 7, 0), ALL1);
  CHECK(RR(divw, 0x80000000, 0xffffffff), SX(0x80000000));   /* overflow */
  CHECK(RR(divuw, 0xffffffff, 1), SX(0xffffffff));   /* result sign-extended */
  CHECK(RR(divuw, 0xfffffffe, 2), 0x7fffffff);
  CHECK(RR(divuw, 7, 0), ALL1);
  CHECK(RR(divuw, 0x1ffffffffull, 0x100000000ull), ALL1);    /* divisor's low half is 0 */
  guest_group_ok();

  guest_group("remw/remuw");
  CHECK(RR(remw, 20, 6), 2);
  CHECK(RR(remw, SX(0xffffffec), 6), (uint64_t)-2);
  CHECK(RR(remw, 0x123400000007ull, 0), 7);          /* x % 0 = sext(x[31:0]) */
  CHECK(RR(remw, 0x80000000, 0x180000000ull), 0);    /* INT32_MIN rem -1 */
  CHECK(RR(remw, 0x80000000, 0xffffffff), 0);
  CHECK(RR(remuw, 0xffffffff, 0x10), 0xf);
  CHECK(RR(remuw, 0x80000005, 0), SX(0x80000005));
  CHECK(RR(remuw, 0xffffffff, 0x80000000), 0x7fffffff);
  guest_group_ok();

  guest_group("rd=x0");
  uint64_t r;
  __asm__ volatile(ISA_NORVC "li t0, 9\n div x0, t0, t0\n mul x0, t0, t0\n mv %0, x0\n" ISA_POP
                   : "=r"(r) : : "t0");
  CHECK(r, 0);
  guest_group_ok();

  return guest_pass();
}
