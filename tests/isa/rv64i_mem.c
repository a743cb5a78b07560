/* RV64I loads and stores (unprivileged spec 20260120 §2.6, §4.3): LB/LH/LW/LD sign-extend,
 * LBU/LHU/LWU zero-extend, SB/SH/SW/SD write only their width; 12-bit signed offsets in both
 * directions; little-endian byte order. */
#include "isa.h"

static uint64_t buf[8] __attribute__((aligned(16)));

#define LOAD(op, base, off) ({ uint64_t r_; __asm__ volatile(ISA_NORVC #op " %0, %2(%1)\n" ISA_POP \
    : "=r"(r_) : "r"(base), "i"(off) : "memory"); r_; })
#define STORE(op, val, base, off) __asm__ volatile(ISA_NORVC #op " %0, %2(%1)\n" ISA_POP \
    :: "r"((uint64_t)(val)), "r"(base), "i"(off) : "memory")

int main(void)
{
  guest_trap_init();
  uint8_t *b = (uint8_t *)&buf[2];

  guest_group("store widths");
  buf[2] = 0;
  buf[3] = 0;
  STORE(sd, 0x1122334455667788ull, b, 0);
  CHECK(buf[2], 0x1122334455667788ull);
  STORE(sw, 0xaabbccddeeff0011ull, b, 0);
  CHECK(buf[2], 0x11223344eeff0011ull);
  STORE(sh, 0x9999, b, 6);
  CHECK(buf[2], 0x99993344eeff0011ull);
  STORE(sb, 0x1ab, b, 3);
  CHECK(buf[2], 0x99993344abff0011ull);
  STORE(sd, 0xdeadbeefcafef00dull, b, 8);
  CHECK(buf[3], 0xdeadbeefcafef00dull);
  STORE(sw, 0x01020304, b, -4);              /* upper half of buf[1] */
  CHECK(buf[1] >> 32, 0x01020304);
  guest_group_ok();

  guest_group("loads signed");
  buf[2] = 0x8081828384858687ull;
  CHECK(LOAD(lb, b, 0), 0xffffffffffffff87ull);
  CHECK(LOAD(lb, b, 7), 0xffffffffffffff80ull);
  CHECK(LOAD(lh, b, 2), 0xffffffffffff8485ull);
  CHECK(LOAD(lw, b, 4), 0xffffffff80818283ull);
  CHECK(LOAD(ld, b, 0), 0x8081828384858687ull);
  buf[3] = 0x7f017f027f037f04ull;
  CHECK(LOAD(lb, b, 8), 0x04);
  CHECK(LOAD(lh, b, 10), 0x7f03);
  CHECK(LOAD(lw, b, 12), 0x7f017f02);
  guest_group_ok();

  guest_group("loads unsigned");
  CHECK(LOAD(lbu, b, 0), 0x87);
  CHECK(LOAD(lbu, b, 7), 0x80);
  CHECK(LOAD(lhu, b, 6), 0x8081);
  CHECK(LOAD(lwu, b, 4), 0x80818283ull);
  CHECK(LOAD(lwu, b, 0), 0x84858687ull);
  guest_group_ok();

  guest_group("offsets");
  for (int i = 0; i < 8; i++)
    buf[i] = 0x0101010101010101ull * (uint64_t)(i + 1);
  uint8_t *mid = (uint8_t *)&buf[4];
  CHECK(LOAD(ld, mid, -32), buf[0]);
  CHECK(LOAD(ld, mid, 24), buf[7]);
  CHECK(LOAD(lbu, mid, -1), 4);
  /* Base register beyond the buffer, reaching back with the most negative offset. */
  uint8_t *far = (uint8_t *)((uintptr_t)&buf[0] + 2048);
  CHECK(LOAD(ld, far, -2048), buf[0]);
  STORE(sd, 0x5a5a, far, -2040);
  CHECK(buf[1], 0x5a5a);
  uint8_t *near = (uint8_t *)((uintptr_t)&buf[0] - 2000);
  CHECK(LOAD(ld, near, 2000), buf[0]);
  guest_group_ok();

  guest_group("load to x0");
  uint64_t r;
  __asm__ volatile(ISA_NORVC "ld x0, 0(%1)\n mv %0, x0\n" ISA_POP : "=r"(r) : "r"(b) : "memory");
  CHECK(r, 0);
  guest_group_ok();

  return guest_pass();
}
