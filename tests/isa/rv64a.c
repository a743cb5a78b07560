/* RV64A (unprivileged spec 20260120 §14): LR/SC success and failure rules, and every AMO in
 * its .W and .D forms: the old value returned (sign-extended for .W), the new value in
 * memory, .W touching only its word, signed vs unsigned MIN/MAX, and the aq/rl variants. */
#include "isa.h"

#define SX(v) ((uint64_t)(int64_t)(int32_t)(v))

static volatile uint64_t mem[4] __attribute__((aligned(64)));
static volatile uint64_t far_word[512] __attribute__((aligned(4096)));

#define AMO(op, addr, val) ({ uint64_t r_; __asm__ volatile(#op " %0, %2, (%1)" \
    : "=r"(r_) : "r"(addr), "r"((uint64_t)(val)) : "memory"); r_; })
#define LR(op, addr) ({ uint64_t r_; __asm__ volatile(#op " %0, (%1)" \
    : "=r"(r_) : "r"(addr) : "memory"); r_; })
#define SC(op, addr, val) ({ uint64_t r_; __asm__ volatile(#op " %0, %2, (%1)" \
    : "=&r"(r_) : "r"(addr), "r"((uint64_t)(val)) : "memory"); r_; })

/* Runs one .D AMO on mem[0] = old, checking the returned value and memory afterwards. */
#define AMO_D(op, old, val, new) do { mem[0] = (old); \
    CHECK(AMO(op, &mem[0], val), (uint64_t)(old)); CHECK(mem[0], (uint64_t)(new)); } while (0)
/* Runs one .W AMO on the upper word of mem[1] (lower word must stay intact). */
#define AMO_W(op, old, val, new) do { mem[1] = ((uint64_t)(uint32_t)(old) << 32) | 0x5a5a5a5a; \
    CHECK(AMO(op, (volatile uint8_t *)&mem[1] + 4, val), SX(old)); \
    CHECK(mem[1], ((uint64_t)(uint32_t)(new) << 32) | 0x5a5a5a5a); } while (0)

int main(void)
{
  guest_trap_init();

  guest_group("lr/sc.d");
  mem[0] = 0x1111222233334444ull;
  CHECK(LR(lr.d, &mem[0]), 0x1111222233334444ull);
  CHECK(SC(sc.d, &mem[0], 0xabcdef), 0);                 /* success writes 0 to rd */
  CHECK(mem[0], 0xabcdef);
  CHECK(SC(sc.d, &mem[0], 0x777) != 0, 1);               /* reservation used up */
  CHECK(mem[0], 0xabcdef);
  CHECK(LR(lr.d.aq, &mem[0]), 0xabcdef);
  CHECK(SC(sc.d.rl, &far_word[0], 0x999) != 0, 1);       /* not the reserved address */
  CHECK(far_word[0], 0);
  CHECK(LR(lr.d.aqrl, &mem[0]), 0xabcdef);
  CHECK(SC(sc.d.aqrl, &mem[0], 0x1234), 0);
  CHECK(mem[0], 0x1234);
  guest_group_ok();

  guest_group("lr/sc.w");
  mem[1] = 0x00000001f0000000ull;
  CHECK(LR(lr.w, &mem[1]), SX(0xf0000000));              /* sign-extended */
  CHECK(SC(sc.w, &mem[1], 0x1122334455667788ull), 0);
  CHECK(mem[1], 0x0000000155667788ull);                  /* only the word written */
  CHECK(SC(sc.w, &mem[1], 0) != 0, 1);
  CHECK(mem[1], 0x0000000155667788ull);
  guest_group_ok();

  guest_group("lr/sc loop");
  mem[2] = 40;
  for (int i = 0; i < 2; i++) {
    uint64_t tmp, fail;
    __asm__ volatile("1: lr.d %0, (%2)\n addi %0, %0, 1\n sc.d %1, %0, (%2)\n bnez %1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail) : "r"(&mem[2]) : "memory");
  }
  CHECK(mem[2], 42);
  guest_group_ok();

  guest_group("amo.d");
  AMO_D(amoswap.d, 0x1111, 0x2222, 0x2222);
  AMO_D(amoadd.d, 0xffffffffffffffffull, 2, 1);
  AMO_D(amoxor.d, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xf0f0f0f0f0f0f0f0ull);
  AMO_D(amoand.d, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0x0f000f000f000f00ull);
  AMO_D(amoor.d, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xfff0fff0fff0fff0ull);
  AMO_D(amomin.d, (uint64_t)-5, 3, (uint64_t)-5);
  AMO_D(amomin.d, 3, (uint64_t)-5, (uint64_t)-5);
  AMO_D(amomax.d, (uint64_t)-5, 3, 3);
  AMO_D(amomax.d, 0x8000000000000000ull, 0x7fffffffffffffffull, 0x7fffffffffffffffull);
  AMO_D(amominu.d, (uint64_t)-5, 3, 3);
  AMO_D(amominu.d, 2, 3, 2);
  AMO_D(amomaxu.d, (uint64_t)-5, 3, (uint64_t)-5);
  AMO_D(amomaxu.d, 0, 1, 1);
  AMO_D(amoadd.d.aq, 10, 5, 15);
  AMO_D(amoswap.d.rl, 1, 2, 2);
  AMO_D(amoor.d.aqrl, 1, 2, 3);
  guest_group_ok();

  guest_group("amo.w");
  AMO_W(amoswap.w, 0x80000000, 0x1234567812345678ull, 0x12345678);
  AMO_W(amoadd.w, 0x7fffffff, 1, 0x80000000);            /* wraps in 32 bits */
  AMO_W(amoadd.w, 0xffffffff, 0x100000001ull, 0);        /* upper half of rs2 ignored */
  AMO_W(amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0);
  AMO_W(amoand.w, 0xff00ff00, 0x0ff00ff0, 0x0f000f00);
  AMO_W(amoor.w, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0);
  AMO_W(amomin.w, 0xfffffffb, 3, 0xfffffffb);            /* -5 < 3 */
  AMO_W(amomin.w, 3, 0x00000000fffffffbull, 0xfffffffb);
  AMO_W(amomax.w, 0xfffffffb, 3, 3);
  AMO_W(amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff);
  AMO_W(amominu.w, 0xfffffffb, 3, 3);
  AMO_W(amominu.w, 3, 0xfffffffb00000002ull, 2);         /* compares 32-bit values */
  AMO_W(amomaxu.w, 0xfffffffb, 3, 0xfffffffb);
  AMO_W(amomaxu.w, 0x7fffffff, 0x80000000, 0x80000000);
  AMO_W(amoadd.w.aqrl, 1, 2, 3);
  guest_group_ok();

  guest_group("amo rd=x0");
  mem[0] = 5;
  __asm__ volatile("amoadd.d x0, %1, (%0)" :: "r"(&mem[0]), "r"(3ull) : "memory");
  CHECK(mem[0], 8);
  guest_group_ok();

  return guest_pass();
}
