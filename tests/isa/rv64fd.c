/* RV64F and RV64D (unprivileged spec 20260120 §21-22) with mstatus.FS (priv. spec §3.1.6.6):
 * FS = Off traps F/D instructions and fcsr; writes make FS Dirty and set SD; NaN boxing;
 * the canonical NaN; each rounding mode and dynamic frm; fflags; FMIN/FMAX and compares with
 * signalling NaNs and signed zeros; FCLASS; FCVT saturation (Table 23); loads, stores, moves
 * and the compressed double loads/stores. Operands travel as bits through FMV. */
#include "isa.h"

#define MSTATUS_FS (3ull << 13)
#define MSTATUS_SD (1ull << 63)
#define NX 1
#define UF 2
#define OF 4
#define DZ 8
#define NV 16
#define S_QNAN 0x7fc00000ull
#define S_SNAN 0x7f800001ull
#define D_QNAN 0x7ff8000000000000ull
#define D_SNAN 0x7ff0000000000001ull
#define S_ONE 0x3f800000ull
#define S_TWO 0x40000000ull
#define S_THREE 0x40400000ull
#define S_INF 0x7f800000ull
#define S_NEG0 0x80000000ull
#define D_ONE 0x3ff0000000000000ull
#define D_THREE 0x4008000000000000ull
#define D_NEG0 0x8000000000000000ull
#define D_MAX 0x7fefffffffffffffull
#define BOX(v) (0xffffffff00000000ull | (v))

/* Reads and clears fflags. */
static uint64_t flags(void)
{
  uint64_t f;
  __asm__ volatile("csrrw %0, fflags, zero" : "=r"(f));
  return f;
}

/* Single: operands and result as the 64-bit f register contents. */
#define F2(op, a, b, rm) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    "fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" #op " ft2, ft0, ft1" rm "\n fmv.x.d %0, ft2\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); r_; })
#define F1(op, a, rm) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    "fmv.d.x ft0, %1\n" #op " ft2, ft0" rm "\n fmv.x.d %0, ft2\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)) : "ft0", "ft2"); r_; })
#define F3(op, a, b, c, rm) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    "fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft3, %3\n" #op " ft2, ft0, ft1, ft3" rm "\n" \
    "fmv.x.d %0, ft2\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3"); r_; })
/* f -> x (compares, classify, conversions to integers). */
#define X1(op, a, rm) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    "fmv.d.x ft0, %1\n" #op " %0, ft0" rm "\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)) : "ft0"); r_; })
#define X2(op, a, b) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    "fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" #op " %0, ft0, ft1\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1"); r_; })
/* x -> f (conversions from integers). */
#define FX(op, a, rm) ({ uint64_t r_; __asm__ volatile(ISA_NORVC \
    #op " ft2, %1" rm "\n fmv.x.d %0, ft2\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)) : "ft2"); r_; })

static void fadd_s_off(void) { __asm__ volatile(ISA_NORVC "fadd.s ft0, ft0, ft0\n" ISA_POP ::: "ft0"); }
static void read_fcsr(void) { __asm__ volatile("csrr t0, fcsr" ::: "t0"); }

int main(void)
{
  guest_trap_init();

  guest_group("FS off");
  CSRC(mstatus, MSTATUS_FS);
  CHECK(CSRR(mstatus) & (MSTATUS_FS | MSTATUS_SD), 0);
  guest_arm(&guest_mtrap);
  fadd_s_off();
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, 2);
  read_fcsr();
  CHECK(guest_mtrap.count, 2);
  CHECK(guest_mtrap.cause, 2);
  guest_disarm(&guest_mtrap);
  guest_group_ok();

  guest_group("FS dirty");
  CSRS(mstatus, 1ull << 13);  /* Initial */
  CHECK(CSRR(mstatus) & (MSTATUS_FS | MSTATUS_SD), 1ull << 13);
  CHECK(F2(fadd.s, BOX(S_ONE), BOX(S_ONE), ""), BOX(S_TWO));
  CHECK(CSRR(mstatus) & (MSTATUS_FS | MSTATUS_SD), MSTATUS_FS | MSTATUS_SD);
  CHECK(CSRR(sstatus) & (MSTATUS_FS | MSTATUS_SD), MSTATUS_FS | MSTATUS_SD);
  guest_group_ok();

  guest_group("fcsr");
  CSRW(fcsr, 0xff);
  CHECK(CSRR(fcsr), 0xff);
  CHECK(CSRR(frm), 7);
  CHECK(CSRR(fflags), 0x1f);
  CSRW(frm, 1);
  CHECK(CSRR(fcsr), 0x3f);
  CSRW(fcsr, 0);
  guest_group_ok();

  guest_group("nan boxing");
  /* A single whose upper half is not all ones reads as the canonical NaN. */
  CHECK(F2(fadd.s, S_ONE, BOX(S_ONE), ""), BOX(S_QNAN));
  CHECK(F2(fsgnj.s, 0x0000000012345678ull, BOX(S_ONE), ""), BOX(S_QNAN));
  CHECK(X1(fclass.s, 0x00000000ffc00000ull, ""), 1 << 9);
  CHECK(X1(fmv.x.w, 0x00000000bf800000ull, ""), 0xffffffffbf800000ull);
  CHECK(FX(fmv.w.x, 0x123456789abcdef0ull, ""), BOX(0x9abcdef0ull));
  CHECK(F1(fcvt.d.s, BOX(S_ONE), ""), D_ONE);
  CHECK(flags(), 0);
  guest_group_ok();

  guest_group("arith");
  CHECK(F2(fsub.s, BOX(S_ONE), BOX(S_THREE), ""), BOX(0xc0000000ull));
  CHECK(F2(fmul.d, D_THREE, D_THREE, ""), 0x4022000000000000ull);
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", rne"), BOX(0x3eaaaaabull));
  CHECK(flags(), NX);
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", rtz"), BOX(0x3eaaaaaaull));
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", rdn"), BOX(0x3eaaaaaaull));
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", rup"), BOX(0x3eaaaaabull));
  CHECK(F2(fdiv.d, D_ONE, D_THREE, ", rtz"), 0x3fd5555555555555ull);
  CHECK(F2(fdiv.d, D_ONE, D_THREE, ", rup"), 0x3fd5555555555556ull);
  CHECK(flags(), NX);
  CHECK(F2(fdiv.d, D_ONE, 0, ""), 0x7ff0000000000000ull);
  CHECK(flags(), DZ);
  CHECK(F2(fdiv.d, 0, 0, ""), D_QNAN);
  CHECK(flags(), NV);
  CHECK(F2(fadd.s, BOX(S_INF), BOX(S_INF | S_NEG0), ""), BOX(S_QNAN));
  CHECK(flags(), NV);
  CHECK(F2(fadd.d, D_SNAN, D_ONE, ""), D_QNAN);
  CHECK(flags(), NV);
  CHECK(F2(fadd.d, D_QNAN | 5, D_ONE, ""), D_QNAN);  /* payloads are not propagated */
  CHECK(flags(), 0);
  CHECK(F2(fmul.d, D_MAX, D_THREE, ""), 0x7ff0000000000000ull);
  CHECK(flags(), OF | NX);
  CHECK(F2(fmul.d, D_MAX, D_THREE, ", rtz"), D_MAX);
  CHECK(flags(), OF | NX);
  CHECK(F2(fmul.s, BOX(0x00800000ull), BOX(0x3e800000ull), ""), BOX(0x00200000ull));  /* exact tiny */
  CHECK(flags(), 0);
  CHECK(F2(fmul.s, BOX(0x00800001ull), BOX(0x3e800000ull), ""), BOX(0x00200000ull));  /* inexact tiny */
  CHECK(flags(), UF | NX);
  /* tininess is detected after rounding (§21.2 by IEEE 754's option): a result that rounds to
   * the smallest normal with an unbounded exponent is not tiny */
  CHECK(F2(fmul.s, BOX(0x3f800001ull), BOX(0x007fffffull), ""), BOX(0x00800000ull));
  CHECK(flags(), NX);
  CHECK(F2(fmul.d, 0x3ff0000000000001ull, 0x000fffffffffffffull, ""), 0x0010000000000000ull);
  CHECK(flags(), NX);
  /* RMM: ties away from zero, otherwise as RNE */
  CHECK(F2(fadd.s, BOX(S_ONE), BOX(0x33800000ull), ", rmm"), BOX(0x3f800001ull));   /* 1 + 2^-24 */
  CHECK(F2(fadd.s, BOX(S_ONE), BOX(0x33800000ull), ", rne"), BOX(S_ONE));
  CHECK(F2(fsub.d, D_ONE | D_NEG0, 0x3ca0000000000000ull, ", rmm"), 0xbff0000000000001ull);  /* -1 - 2^-53 */
  CHECK(F2(fadd.d, D_ONE, 0x3c90000000000000ull, ", rmm"), D_ONE);                 /* 1 + 2^-54 */
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", rmm"), BOX(0x3eaaaaabull));
  CHECK(FX(fcvt.s.w, 16777217, ", rmm"), BOX(0x4b800001ull));
  CHECK(F1(fcvt.s.d, 0x3ff0000010000000ull, ", rmm"), BOX(0x3f800001ull));
  CHECK(flags(), NX);
  CHECK(F2(fadd.d, D_ONE, D_ONE | D_NEG0, ""), 0);
  CHECK(F2(fadd.d, D_ONE, D_ONE | D_NEG0, ", rdn"), D_NEG0);
  CHECK(F1(fsqrt.d, 0x4010000000000000ull, ""), 0x4000000000000000ull);
  CHECK(F1(fsqrt.s, BOX(S_NEG0), ""), BOX(S_NEG0));
  CHECK(F1(fsqrt.s, BOX(0xbf800000ull), ""), BOX(S_QNAN));
  CHECK(flags(), NV);
  guest_group_ok();

  guest_group("dynamic rm");
  CSRW(frm, 1);  /* RTZ */
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ""), BOX(0x3eaaaaaaull));
  CSRW(frm, 3);  /* RUP */
  CHECK(F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", dyn"), BOX(0x3eaaaaabull));
  CSRW(frm, 5);  /* reserved: DYN traps */
  guest_arm(&guest_mtrap);
  (void)F2(fdiv.s, BOX(S_ONE), BOX(S_THREE), ", dyn");
  CHECK(guest_mtrap.count, 1);
  CHECK(guest_mtrap.cause, 2);
  guest_disarm(&guest_mtrap);
  CSRW(frm, 0);
  flags();
  guest_group_ok();

  guest_group("fused");
  CHECK(F3(fmadd.d, D_THREE, D_THREE, D_ONE, ""), 0x4024000000000000ull);      /* 10 */
  CHECK(F3(fmsub.d, D_THREE, D_THREE, D_ONE, ""), 0x4020000000000000ull);      /* 8 */
  CHECK(F3(fnmsub.d, D_THREE, D_THREE, D_ONE, ""), 0xc020000000000000ull);     /* -8 */
  CHECK(F3(fnmadd.d, D_THREE, D_THREE, D_ONE, ""), 0xc024000000000000ull);     /* -10 */
  CHECK(F3(fmadd.s, BOX(S_THREE), BOX(S_ONE), BOX(S_ONE), ""), BOX(0x40800000ull));
  /* one rounding: (1 + 2^-12)^2 - 1 keeps the 2^-24 term a separate multiply would lose */
  CHECK(F3(fmsub.s, BOX(0x3f800800ull), BOX(0x3f800800ull), BOX(S_ONE), ""), BOX(0x3a000400ull));
  CHECK(flags(), 0);
  CHECK(F3(fmadd.s, BOX(S_INF), 0xffffffff00000000ull, BOX(S_ONE), ""), BOX(S_QNAN));  /* inf * 0 */
  CHECK(flags(), NV);
  CHECK(F3(fmadd.d, 0, 0xfff0000000000000ull, D_QNAN, ""), D_QNAN);  /* 0 * -inf + qNaN: still NV */
  CHECK(flags(), NV);
  CHECK(F3(fmadd.d, D_QNAN, D_ONE, D_ONE, ""), D_QNAN);
  CHECK(flags(), 0);
  guest_group_ok();

  guest_group("sign injection");
  CHECK(F2(fsgnj.s, BOX(S_ONE), BOX(S_NEG0), ""), BOX(0xbf800000ull));
  CHECK(F2(fsgnjn.s, BOX(S_ONE), BOX(S_NEG0), ""), BOX(S_ONE));
  CHECK(F2(fsgnjx.s, BOX(0xbf800000ull), BOX(S_NEG0), ""), BOX(S_ONE));
  CHECK(F2(fsgnj.d, D_SNAN, D_NEG0, ""), D_SNAN | D_NEG0);  /* NaNs pass unchanged */
  CHECK(F2(fsgnjn.d, D_ONE, D_ONE, ""), D_ONE | D_NEG0);
  CHECK(F2(fsgnjx.d, D_ONE | D_NEG0, D_ONE | D_NEG0, ""), D_ONE);
  CHECK(flags(), 0);
  guest_group_ok();

  guest_group("min/max");
  CHECK(F2(fmin.s, BOX(S_ONE), BOX(S_THREE), ""), BOX(S_ONE));
  CHECK(F2(fmax.s, BOX(S_ONE), BOX(S_THREE), ""), BOX(S_THREE));
  CHECK(F2(fmin.d, 0, D_NEG0, ""), D_NEG0);
  CHECK(F2(fmax.d, D_NEG0, 0, ""), 0);
  CHECK(F2(fmin.d, D_QNAN, D_ONE, ""), D_ONE);
  CHECK(flags(), 0);
  CHECK(F2(fmax.d, D_SNAN, D_ONE, ""), D_ONE);
  CHECK(flags(), NV);
  CHECK(F2(fmin.s, BOX(S_SNAN), BOX(S_QNAN), ""), BOX(S_QNAN));
  CHECK(flags(), NV);
  guest_group_ok();

  guest_group("compare");
  CHECK(X2(feq.d, D_ONE, D_ONE), 1);
  CHECK(X2(feq.d, 0, D_NEG0), 1);
  CHECK(X2(flt.d, D_NEG0, 0), 0);
  CHECK(X2(fle.d, D_NEG0, 0), 1);
  CHECK(X2(flt.s, BOX(0xbf800000ull), BOX(S_ONE)), 1);
  CHECK(X2(fle.s, BOX(S_THREE), BOX(S_ONE)), 0);
  CHECK(flags(), 0);
  CHECK(X2(feq.s, BOX(S_QNAN), BOX(S_ONE)), 0);
  CHECK(flags(), 0);
  CHECK(X2(feq.s, BOX(S_SNAN), BOX(S_ONE)), 0);
  CHECK(flags(), NV);
  CHECK(X2(flt.d, D_QNAN, D_ONE), 0);
  CHECK(flags(), NV);
  CHECK(X2(fle.d, D_ONE, D_QNAN), 0);
  CHECK(flags(), NV);
  guest_group_ok();

  guest_group("fclass");
  CHECK(X1(fclass.d, 0xfff0000000000000ull, ""), 1 << 0);
  CHECK(X1(fclass.d, D_ONE | D_NEG0, ""), 1 << 1);
  CHECK(X1(fclass.d, D_NEG0 | 1, ""), 1 << 2);
  CHECK(X1(fclass.d, D_NEG0, ""), 1 << 3);
  CHECK(X1(fclass.d, 0, ""), 1 << 4);
  CHECK(X1(fclass.d, 1, ""), 1 << 5);
  CHECK(X1(fclass.d, D_ONE, ""), 1 << 6);
  CHECK(X1(fclass.d, 0x7ff0000000000000ull, ""), 1 << 7);
  CHECK(X1(fclass.d, D_SNAN, ""), 1 << 8);
  CHECK(X1(fclass.d, D_QNAN, ""), 1 << 9);
  CHECK(X1(fclass.s, BOX(S_SNAN), ""), 1 << 8);
  CHECK(X1(fclass.s, BOX(0x00000001ull), ""), 1 << 5);
  guest_group_ok();

  guest_group("fcvt to int");
  CHECK(X1(fcvt.w.s, BOX(0x3fc00000ull), ", rne"), 2);          /* 1.5 */
  CHECK(flags(), NX);
  CHECK(X1(fcvt.w.s, BOX(0x40200000ull), ", rne"), 2);          /* 2.5: ties to even */
  CHECK(X1(fcvt.w.s, BOX(0x40200000ull), ", rmm"), 3);          /* ties away */
  CHECK(X1(fcvt.w.s, BOX(0xc0200000ull), ", rmm"), (uint64_t)-3);
  CHECK(X1(fcvt.w.s, BOX(0xc0200000ull), ", rdn"), (uint64_t)-3);
  CHECK(X1(fcvt.w.s, BOX(0xc0200000ull), ", rup"), (uint64_t)-2);
  CHECK(X1(fcvt.w.s, BOX(0xc0200000ull), ", rtz"), (uint64_t)-2);
  CHECK(flags(), NX);
  CHECK(X1(fcvt.w.s, BOX(0x4f000000ull), ", rtz"), 0x7fffffff);   /* 2^31 */
  CHECK(flags(), NV);
  CHECK(X1(fcvt.w.s, BOX(0xcf000000ull), ", rtz"), 0xffffffff80000000ull);  /* -2^31: exact */
  CHECK(flags(), 0);
  CHECK(X1(fcvt.w.d, D_QNAN, ", rtz"), 0x7fffffff);
  CHECK(X1(fcvt.w.d, 0xfff0000000000000ull, ", rtz"), 0xffffffff80000000ull);
  CHECK(flags(), NV);
  CHECK(X1(fcvt.wu.d, D_ONE | D_NEG0, ", rtz"), 0);
  CHECK(flags(), NV);
  CHECK(X1(fcvt.wu.d, 0xbfd0000000000000ull, ", rtz"), 0);        /* -0.25 -> 0 */
  CHECK(flags(), NX);
  CHECK(X1(fcvt.wu.d, 0x41efffffffe00000ull, ", rtz"), 0xffffffffffffffffull);  /* 2^32-1 */
  CHECK(X1(fcvt.wu.d, D_QNAN, ", rtz"), 0xffffffffffffffffull);
  CHECK(X1(fcvt.l.d, 0x43e0000000000000ull, ", rtz"), 0x7fffffffffffffffull);  /* 2^63 */
  CHECK(X1(fcvt.l.d, 0xc3e0000000000000ull, ", rtz"), 0x8000000000000000ull);
  CHECK(X1(fcvt.lu.d, 0x43f0000000000000ull, ", rtz"), 0xffffffffffffffffull); /* 2^64 */
  CHECK(X1(fcvt.lu.s, BOX(S_INF), ", rtz"), 0xffffffffffffffffull);
  CHECK(X1(fcvt.l.s, BOX(S_INF | S_NEG0), ", rtz"), 0x8000000000000000ull);
  CHECK(flags(), NV);
  guest_group_ok();

  guest_group("fcvt from int");
  CHECK(FX(fcvt.s.w, (uint64_t)-1, ""), BOX(0xbf800000ull));
  CHECK(FX(fcvt.s.wu, 0xffffffffull, ", rtz"), BOX(0x4f7fffffull));
  CHECK(FX(fcvt.s.wu, 0xffffffffull, ", rne"), BOX(0x4f800000ull));
  CHECK(flags(), NX);
  CHECK(FX(fcvt.d.w, 0x80000000ull, ""), 0xc1e0000000000000ull);  /* low 32 bits, signed */
  CHECK(FX(fcvt.d.wu, 0xffffffff80000000ull, ""), 0x41e0000000000000ull);
  CHECK(FX(fcvt.d.l, (uint64_t)-3, ""), D_THREE | D_NEG0);
  CHECK(FX(fcvt.d.lu, 0xffffffffffffffffull, ", rtz"), 0x43efffffffffffffull);
  CHECK(FX(fcvt.d.lu, 0xffffffffffffffffull, ", rup"), 0x43f0000000000000ull);
  CHECK(flags(), NX);
  guest_group_ok();

  guest_group("fcvt s/d");
  CHECK(F1(fcvt.s.d, D_THREE, ""), BOX(S_THREE));
  CHECK(F1(fcvt.s.d, 0x3fd5555555555555ull, ", rtz"), BOX(0x3eaaaaaaull));
  CHECK(F1(fcvt.s.d, 0x3fd5555555555555ull, ", rup"), BOX(0x3eaaaaabull));
  CHECK(flags(), NX);
  CHECK(F1(fcvt.s.d, D_MAX, ""), BOX(S_INF));
  CHECK(flags(), OF | NX);
  CHECK(F1(fcvt.s.d, D_SNAN, ""), BOX(S_QNAN));
  CHECK(flags(), NV);
  CHECK(F1(fcvt.d.s, BOX(S_SNAN), ""), D_QNAN);
  CHECK(flags(), NV);
  CHECK(F1(fcvt.d.s, BOX(0x00000001ull), ""), 0x36a0000000000000ull);  /* subnormal: exact */
  CHECK(flags(), 0);
  guest_group_ok();

  guest_group("load/store");
  static volatile uint64_t mem[4];
  uint64_t r;
  mem[0] = 0x0123456789abcdefull;
  __asm__ volatile(ISA_NORVC "flw ft0, 0(%1)\n fmv.x.d %0, ft0\n" ISA_POP : "=r"(r) : "r"(mem) : "ft0", "memory");
  CHECK(r, BOX(0x89abcdefull));
  __asm__ volatile(ISA_NORVC "fld ft0, 0(%0)\n fsw ft0, 8(%0)\n fsd ft0, 16(%0)\n" ISA_POP
                   :: "r"(mem) : "ft0", "memory");
  CHECK(mem[1] & 0xffffffff, 0x89abcdefull);
  CHECK(mem[2], 0x0123456789abcdefull);
  mem[3] = D_THREE;
  register volatile uint64_t *base __asm__("a5") = mem;  /* c.fld/c.fsd take x8-x15 */
  __asm__ volatile("c.fld fs1, 24(%1)\n c.fsd fs1, 0(%1)\n fmv.x.d %0, fs1\n"
                   : "=r"(r) : "r"(base) : "fs1", "memory");
  CHECK(r, D_THREE);
  CHECK(mem[0], D_THREE);
  __asm__ volatile("addi sp, sp, -16\n sd %1, 8(sp)\n c.fldsp ft0, 8(sp)\n c.fsdsp ft0, 0(sp)\n"
                   "ld %0, 0(sp)\n addi sp, sp, 16\n"
                   : "=&r"(r) : "r"(D_ONE) : "ft0", "memory");
  CHECK(r, D_ONE);
  guest_group_ok();

  return guest_pass();
}
