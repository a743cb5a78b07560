/* F and D on pseudo-random operands, for parity with QEMU: every arithmetic, fused, min/max,
 * compare, classify and conversion instruction runs in each rounding mode (RNE, RTZ, RDN, RUP,
 * RMM through frm) on operands drawn from a fixed generator, biased towards the special values
 * of §21 (signed zeros, infinities, quiet and signalling NaNs, subnormals, the extremes, ties);
 * each instruction prints one hash of all its results and fflags. */
#include "isa.h"

#define ROUNDS 1000  /* per instruction and rounding mode; 6000 also agrees with QEMU */

static uint64_t state = 0x243f6a8885a308d3ull;
static uint64_t next(void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static const uint32_t special_s[] = {
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc00001,
  0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000,
  0x3f000000, 0x4b000001, 0x33800000, 0x4f000000, 0xcf000000, 0x5f000000, 0x4f800000,
};
static const uint64_t special_d[] = {
  0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
  0x7ff0000000000001ull, 0xfff8000000000001ull, 1, 0x800fffffffffffffull, 0x0010000000000000ull,
  0x7fefffffffffffffull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull,
  0x4330000000000001ull, 0x3ca0000000000000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
  0x43e0000000000000ull, 0x43f0000000000000ull, 0x41efffffffe00000ull,
};

/* A single, NaN-boxed (now and then not, which reads as the canonical NaN). */
static uint64_t operand_s(void)
{
  const uint64_t r = next();
  uint32_t v;
  switch (r & 7) {
    case 0: case 1: v = special_s[(r >> 8) % (sizeof special_s / sizeof special_s[0])]; break;
    case 2: v = (uint32_t)(r >> 32) & 0x807fffff; break;                              /* subnormal */
    case 3: v = ((uint32_t)(r >> 32) & 0x807fffff) | ((uint32_t)(124 + (r >> 8) % 8) << 23); break;
    case 4: v = 0x3f800000 | ((uint32_t)(r >> 40) & 0x3); break;                       /* near ties */
    default: v = (uint32_t)(r >> 32);
  }
  return ((r >> 16) & 63) == 0 ? v : 0xffffffff00000000ull | v;
}

static uint64_t operand_d(void)
{
  const uint64_t r = next();
  switch (r & 7) {
    case 0: case 1: return special_d[(r >> 8) % (sizeof special_d / sizeof special_d[0])];
    case 2: return next() & 0x800fffffffffffffull;
    case 3: return (next() & 0x800fffffffffffffull) | ((1020 + (r >> 8) % 8) << 52);
    case 4: return 0x3ff0000000000000ull | ((r >> 40) & 0x3);
    default: return next();
  }
}

static uint64_t operand_x(void)
{
  const uint64_t r = next();
  switch (r & 7) {
    case 0: return (r >> 8) & 0xff;
    case 1: return (uint64_t)-(int64_t)((r >> 8) & 0xff);
    case 2: return 1ull << ((r >> 8) % 64);
    case 3: return (1ull << ((r >> 8) % 64)) + ((r >> 16) & 1 ? 1 : -1ull);
    case 4: return 0x1000001ull << ((r >> 8) % 36);                                     /* ties */
    default: return next();
  }
}

typedef uint64_t (*fp_fn)(uint64_t, uint64_t, uint64_t);

#define DEF_F2(fn, insn) static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
  __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn " ft2, ft0, ft1\n fmv.x.d %0, ft2\n" \
    : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2"); (void)c; return r; }
#define DEF_F3(fn, insn) static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
  __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft3, %3\n" insn " ft2, ft0, ft1, ft3\n" \
    "fmv.x.d %0, ft2\n" : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3"); return r; }
#define DEF_F1(fn, insn) static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
  __asm__ volatile("fmv.d.x ft0, %1\n" insn " ft2, ft0\n fmv.x.d %0, ft2\n" \
    : "=r"(r) : "r"(a) : "ft0", "ft2"); (void)b; (void)c; return r; }
#define DEF_X2(fn, insn) static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
  __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn " %0, ft0, ft1\n" \
    : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1"); (void)c; return r; }
#define DEF_X1(fn, insn) static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
  __asm__ volatile("fmv.d.x ft0, %1\n" insn " %0, ft0\n" : "=r"(r) : "r"(a) : "ft0"); \
  (void)b; (void)c; return r; }
#define DEF_FX(fn, insn) static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
  __asm__ volatile(insn " ft2, %1\n fmv.x.d %0, ft2\n" : "=r"(r) : "r"(a) : "ft2"); \
  (void)b; (void)c; return r; }

#define FMT_OPS(t) \
  DEF_F2(fadd_##t, "fadd." #t) DEF_F2(fsub_##t, "fsub." #t) DEF_F2(fmul_##t, "fmul." #t) \
  DEF_F2(fdiv_##t, "fdiv." #t) DEF_F1(fsqrt_##t, "fsqrt." #t) \
  DEF_F3(fmadd_##t, "fmadd." #t) DEF_F3(fmsub_##t, "fmsub." #t) \
  DEF_F3(fnmsub_##t, "fnmsub." #t) DEF_F3(fnmadd_##t, "fnmadd." #t) \
  DEF_F2(fsgnj_##t, "fsgnj." #t) DEF_F2(fsgnjn_##t, "fsgnjn." #t) DEF_F2(fsgnjx_##t, "fsgnjx." #t) \
  DEF_F2(fmin_##t, "fmin." #t) DEF_F2(fmax_##t, "fmax." #t) \
  DEF_X2(feq_##t, "feq." #t) DEF_X2(flt_##t, "flt." #t) DEF_X2(fle_##t, "fle." #t) \
  DEF_X1(fclass_##t, "fclass." #t) \
  DEF_X1(fcvt_w_##t, "fcvt.w." #t) DEF_X1(fcvt_wu_##t, "fcvt.wu." #t) \
  DEF_X1(fcvt_l_##t, "fcvt.l." #t) DEF_X1(fcvt_lu_##t, "fcvt.lu." #t) \
  DEF_FX(fcvt_##t##_w, "fcvt." #t ".w") DEF_FX(fcvt_##t##_wu, "fcvt." #t ".wu") \
  DEF_FX(fcvt_##t##_l, "fcvt." #t ".l") DEF_FX(fcvt_##t##_lu, "fcvt." #t ".lu")
FMT_OPS(s)
FMT_OPS(d)
DEF_F1(fcvt_s_d, "fcvt.s.d")
DEF_F1(fcvt_d_s, "fcvt.d.s")
DEF_X1(fmv_x_w, "fmv.x.w")
DEF_FX(fmv_w_x, "fmv.w.x")

enum kind { S, D, X };
struct op { const char *name; fp_fn fn; enum kind in; };

#define FMT_TABLE(t, K) \
  {"fadd." #t, fadd_##t, K}, {"fsub." #t, fsub_##t, K}, {"fmul." #t, fmul_##t, K}, \
  {"fdiv." #t, fdiv_##t, K}, {"fsqrt." #t, fsqrt_##t, K}, {"fmadd." #t, fmadd_##t, K}, \
  {"fmsub." #t, fmsub_##t, K}, {"fnmsub." #t, fnmsub_##t, K}, {"fnmadd." #t, fnmadd_##t, K}, \
  {"fsgnj." #t, fsgnj_##t, K}, {"fsgnjn." #t, fsgnjn_##t, K}, {"fsgnjx." #t, fsgnjx_##t, K}, \
  {"fmin." #t, fmin_##t, K}, {"fmax." #t, fmax_##t, K}, {"feq." #t, feq_##t, K}, \
  {"flt." #t, flt_##t, K}, {"fle." #t, fle_##t, K}, {"fclass." #t, fclass_##t, K}, \
  {"fcvt.w." #t, fcvt_w_##t, K}, {"fcvt.wu." #t, fcvt_wu_##t, K}, {"fcvt.l." #t, fcvt_l_##t, K}, \
  {"fcvt.lu." #t, fcvt_lu_##t, K}, {"fcvt." #t ".w", fcvt_##t##_w, X}, \
  {"fcvt." #t ".wu", fcvt_##t##_wu, X}, {"fcvt." #t ".l", fcvt_##t##_l, X}, \
  {"fcvt." #t ".lu", fcvt_##t##_lu, X}

static const struct op ops[] = {
  FMT_TABLE(s, S), FMT_TABLE(d, D),
  {"fcvt.s.d", fcvt_s_d, D}, {"fcvt.d.s", fcvt_d_s, S}, {"fmv.x.w", fmv_x_w, S}, {"fmv.w.x", fmv_w_x, X},
};

static uint64_t mix(uint64_t h, uint64_t v)
{
  for (int i = 0; i < 8; i++) h = (h ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3ull;
  return h;
}

int main(void)
{
  CSRS(mstatus, 1ull << 13);  /* FS = Initial */
  uint64_t instructions = 0;
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (uint64_t rm = 0; rm <= 4; rm++) {
      CSRW(frm, rm);
      for (int n = 0; n < ROUNDS; n++) {
        uint64_t a, b, c;
        if (ops[i].in == S) { a = operand_s(); b = operand_s(); c = operand_s(); }
        else if (ops[i].in == D) { a = operand_d(); b = operand_d(); c = operand_d(); }
        else { a = operand_x(); b = c = 0; }
        CSRW(fflags, 0);
        h = mix(h, ops[i].fn(a, b, c));
        h = mix(h, CSRR(fflags));
        instructions++;
      }
    }
    printf("%s: %016lx\n", ops[i].name, (unsigned long)h);
  }
  printf("instructions: %lu\n", (unsigned long)instructions);
  return guest_pass();
}
