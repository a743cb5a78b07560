#!/usr/bin/env python3
"""Random RV64GC program generator for differential testing of memvp against QEMU.

From a seed it writes one bare-metal assembly program (M-mode, no runtime) for QEMU virt's
memory map: a prologue (trap handler, FS = Dirty, MPRV off, random integer and floating-point
registers), then blocks of random instructions over RV64IMAFDC + Zicsr. After each block the
program saves all 32 x and 32 f registers, fflags, frm and the data area and prints one line
through the NS16550A UART: a hash of that state (default) or, with --full, every value. A trap
handler prints mcause, mepc and mtval of each trap and resumes after the faulting instruction.
The program ends through the SiFive test finisher. Both machines run the same ELF, so their
consoles must agree byte for byte; tools/memvp_random_diff.py builds, runs and compares.

The stream is valid by construction: every load/store/AMO address is inside the data area
(the base register is set by `la` right before), branches and jumps only go forward over
whole units, and the only traps are the deliberate ones of trap_unit(). Each block is
delimited by `# block N` comments so that a failing block can be shown.

    memvp_random_gen.py --seed 7 [--blocks 60] [--units 40] [--full] -o prog.S
"""
import argparse
import random
import sys

DATA_SIZE = 2048          # bytes of the data area every memory access stays in
UART = 0x10000000
FINISHER = 0x100000
SAVE_X, SAVE_F, SAVE_CSR = 0, 256, 512   # offsets in the save area (x0..31, f0..31, fflags, frm)
TRAP_SAVE = 1024                         # trap handler's save area offset

RMS = ["rne", "rtz", "rdn", "rup", "rmm", "dyn"]

SPECIAL_X = [0, 1, 2, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff,
             0xffffffff80000000, 0x7fffffff, 0xffffffff, 0x80000000, 0xfffffffffffffffe,
             0x100000000, 0xffffffff7fffffff, 31, 32, 63, 64]
SPECIAL_D = [0x0, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
             0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000,
             0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
             0x3ff0000000000000, 0xbff0000000000000, 0x3fe0000000000000, 0x43e0000000000000,
             0xc3e0000000000000, 0x41dfffffffc00000, 0x41e0000000000000, 0xc1e0000000200000,
             0x43f0000000000000, 0x4330000000000001, 0x3ca0000000000000, 0x7fe0000000000000]
SPECIAL_S = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
             0x7f800001, 0x7fa00000, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff,
             0x3f800000, 0xbf800000, 0x3f000000, 0x4f000000, 0xcf000000, 0x4effffff,
             0x5f000000, 0xdf000000, 0x4b000001, 0x33800000, 0x4f800000]

INT_R = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
         "addw", "subw", "sllw", "srlw", "sraw",
         "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
         "mulw", "divw", "divuw", "remw", "remuw"]
INT_I = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"]
SHIFT_I = [("slli", 64), ("srli", 64), ("srai", 64), ("slliw", 32), ("srliw", 32), ("sraiw", 32)]
BRANCH = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]
LOADS = [("lb", 1), ("lh", 2), ("lw", 4), ("ld", 8), ("lbu", 1), ("lhu", 2), ("lwu", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)]
AMO_OPS = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu",
           "amomaxu"]
FP_R_RM = ["fadd", "fsub", "fmul", "fdiv"]
FP_R = ["fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax"]
FP_CMP = ["feq", "flt", "fle"]
FP_FMA = ["fmadd", "fmsub", "fnmsub", "fnmadd"]


class Gen:
    """One program: self.rng drives every choice, so a seed gives the same text everywhere."""

    def __init__(self, seed, blocks, units):
        self.rng = random.Random(seed)
        self.seed, self.blocks, self.units = seed, blocks, units
        self.label = 0

    # --- operands -------------------------------------------------------------------------
    def r(self, lo=1):
        return self.rng.randrange(lo, 32)

    def rc(self):
        """A register of the compressed set x8..x15."""
        return self.rng.randrange(8, 16)

    def f(self):
        return self.rng.randrange(32)

    def rm(self):
        return self.rng.choice(RMS)

    def xval(self):
        c = self.rng.random()
        if c < 0.45:
            return self.rng.choice(SPECIAL_X)
        if c < 0.6:
            return self.rng.randrange(-64, 64) & (2**64 - 1)
        if c < 0.7:
            return (1 << self.rng.randrange(64)) + self.rng.choice([-1, 0, 1]) & (2**64 - 1)
        return self.rng.getrandbits(64)

    def fval(self):
        """A 64-bit f-register image: a double, a NaN-boxed single or (rarely) an unboxed one."""
        c = self.rng.random()
        if c < 0.3:
            return self.rng.choice(SPECIAL_D)
        if c < 0.6:
            s = self.rng.choice(SPECIAL_S)
        elif c < 0.75:
            s = self.rng.getrandbits(32)
            if self.rng.random() < 0.3:
                s &= 0x807fffff              # subnormal or zero
        elif c < 0.95:
            d = self.rng.getrandbits(64)
            if self.rng.random() < 0.3:
                d &= 0x800fffffffffffff
            elif self.rng.random() < 0.5:   # near 1.0 (exponent 1020..1027): rounding at work
                d = (d & 0x800fffffffffffff) | (self.rng.randrange(1020, 1028) << 52)
            return d
        else:
            return self.rng.getrandbits(64)  # not NaN-boxed unless by chance: reads as qNaN
        return 0xffffffff00000000 | s

    def new_label(self):
        self.label += 1
        return f".Lu{self.label}"

    # --- units: lists of lines executed as a whole (branches skip whole units) --------------
    def int_unit(self):
        c = self.rng.random()
        if c < 0.45:
            return [f"{self.rng.choice(INT_R)} x{self.r(0)}, x{self.r(0)}, x{self.r(0)}"]
        if c < 0.65:
            return [f"{self.rng.choice(INT_I)} x{self.r(0)}, x{self.r(0)}, {self.rng.randrange(-2048, 2048)}"]
        if c < 0.8:
            op, width = self.rng.choice(SHIFT_I)
            return [f"{op} x{self.r(0)}, x{self.r(0)}, {self.rng.randrange(width)}"]
        if c < 0.87:
            return [f"lui x{self.r(0)}, {self.rng.randrange(1 << 20)}"]
        if c < 0.9:
            return [f"auipc x{self.r(0)}, {self.rng.randrange(1 << 20)}"]
        if c < 0.98:
            return [f"li x{self.r()}, {self.xval():#x}"]
        return [self.rng.choice(["fence", "fence rw, rw", "fence.tso", "fence.i", "fence r, w"])]

    def rvc_unit(self):
        """One compressed instruction other than loads, stores and jumps (immediates as §27)."""
        rng = self.rng
        nz = lambda lo, hi: rng.choice([v for v in (rng.randrange(lo, hi), 1) if v != 0])
        k = rng.randrange(14)
        if k == 0:
            rd = rng.choice([r for r in range(1, 32) if r != 2])
            line = f"c.lui x{rd}, {rng.randrange(1, 32) if rng.random() < 0.5 else rng.randrange(0xfffe0, 0x100000)}"
        elif k == 1:
            line = f"c.li x{self.r()}, {rng.randrange(-32, 32)}"
        elif k == 2:
            line = f"c.addi x{self.r()}, {nz(-32, 32)}"
        elif k == 3:
            line = f"c.addiw x{self.r()}, {rng.randrange(-32, 32)}"
        elif k == 4:
            line = f"c.slli x{self.r()}, {rng.randrange(1, 64)}"
        elif k == 5:
            line = f"c.{rng.choice(['srli', 'srai'])} x{self.rc()}, {rng.randrange(1, 64)}"
        elif k == 6:
            line = f"c.andi x{self.rc()}, {rng.randrange(-32, 32)}"
        elif k == 7:
            line = f"c.mv x{self.r()}, x{self.r()}"
        elif k == 8:
            line = f"c.add x{self.r()}, x{self.r()}"
        elif k == 9:
            op = rng.choice(["sub", "xor", "or", "and", "subw", "addw"])
            line = f"c.{op} x{self.rc()}, x{self.rc()}"
        elif k == 10:
            line = f"c.addi16sp sp, {nz(-32, 32) * 16}"
        elif k == 11:
            line = f"c.addi4spn x{self.rc()}, sp, {rng.randrange(1, 256) * 4}"
        elif k == 12:
            line = "c.nop"
        else:
            line = f"c.li x{self.r()}, {rng.randrange(-32, 32)}"
        return [".option rvc", line, ".option norvc"]

    def address(self, width, aligned):
        """A data-area offset for an access of `width` bytes, naturally aligned if asked; the
        rest are misaligned half the time (core.misaligned = hardware on memvp; QEMU performs
        them too, and the spec allows either, priv. spec §3.6.4 / unpriv. §2.6)."""
        if aligned or self.rng.random() < 0.5:
            return self.rng.randrange(0, DATA_SIZE - width + 1, width)
        return self.rng.randrange(0, DATA_SIZE - width + 1)

    def mem_unit(self):
        rng = self.rng
        c = rng.random()
        if c < 0.55:                              # integer or FP load/store, 32-bit encoding
            fp = rng.random() < 0.25
            if fp:
                op, width = rng.choice([("flw", 4), ("fld", 8), ("fsw", 4), ("fsd", 8)])
                data = f"f{self.f()}"
            else:
                op, width = rng.choice(LOADS + STORES)
                data = f"x{self.r(0)}"
            a = self.address(width, False)
            imm = rng.randrange(-2048, 2048)
            rb = self.r()
            return [f"la x{rb}, rnd_data{a - imm:+d}", f"{op} {data}, {imm}(x{rb})"]
        if c < 0.8:                               # compressed load/store
            op, width, scale, span, sp_form = rng.choice([
                ("c.lw", 4, 4, 32, False), ("c.ld", 8, 8, 32, False), ("c.sw", 4, 4, 32, False),
                ("c.sd", 8, 8, 32, False), ("c.fld", 8, 8, 32, False), ("c.fsd", 8, 8, 32, False),
                ("c.lwsp", 4, 4, 64, True), ("c.ldsp", 8, 8, 64, True), ("c.swsp", 4, 4, 64, True),
                ("c.sdsp", 8, 8, 64, True), ("c.fldsp", 8, 8, 64, True), ("c.fsdsp", 8, 8, 64, True)])
            imm = rng.randrange(span) * scale
            a = self.address(width, False)
            if "f" in op[2:4]:
                data = f"f{self.f()}" if sp_form else f"f{self.rc()}"   # f8..f15 without SP
            elif op in ("c.lwsp", "c.ldsp"):
                data = f"x{self.r()}"                # rd != x0
            elif sp_form:
                data = f"x{self.r(0)}"
            else:
                data = f"x{self.rc()}"
            rb = 2 if sp_form else self.rc()
            base = "sp" if sp_form else f"x{rb}"
            return [f"la x{rb}, rnd_data{a - imm:+d}", ".option rvc",
                    f"{op} {data}, {imm}({base})", ".option norvc"]
        if c < 0.92:                              # AMO: naturally aligned (see exclusions)
            width = rng.choice([4, 8])
            a = self.address(width, True)
            rb = self.r()
            sfx = rng.choice(["", ".aq", ".rl", ".aqrl"])
            op = rng.choice(AMO_OPS)
            return [f"la x{rb}, rnd_data+{a}",
                    f"{op}.{'w' if width == 4 else 'd'}{sfx} x{self.r(0)}, x{self.r(0)}, (x{rb})"]
        return self.lrsc_unit()

    def lrsc_unit(self):
        """LR/SC to one aligned address with only ALU operations on other registers between, or
        an SC with no reservation (fails, rd = 1 on both). Reservation-set size, SCs after
        intervening stores or traps, and LR/SC of different sizes or addresses are left to the
        implementation (unpriv. spec §14.2), so the stream never produces them."""
        rng = self.rng
        sz = rng.choice(["w", "d"])
        width = 4 if sz == "w" else 8
        a = self.address(width, True)
        rb = self.r()
        out = [f"la x{rb}, rnd_data+{a}"]
        if rng.random() < 0.2:
            return out + [f"sc.{sz} x{self.r(0)}, x{self.r(0)}, (x{rb})"]
        rd = rng.choice([r for r in range(0, 32) if r != rb])
        out.append(f"lr.{sz}{rng.choice(['', '.aq', '.aqrl'])} x{rd}, (x{rb})")
        for _ in range(rng.randrange(3)):
            out.append(f"{rng.choice(INT_R[:15])} x{rng.choice([r for r in range(32) if r != rb])}, "
                       f"x{self.r(0)}, x{self.r(0)}")
        out.append(f"sc.{sz}{rng.choice(['', '.rl', '.aqrl'])} x{self.r(0)}, x{self.r(0)}, (x{rb})")
        return out

    def fp_unit(self):
        rng = self.rng
        t = rng.choice(["s", "d"])
        c = rng.random()
        if c < 0.25:
            return [f"{rng.choice(FP_R_RM)}.{t} f{self.f()}, f{self.f()}, f{self.f()}, {self.rm()}"]
        if c < 0.35:
            return [f"{rng.choice(FP_FMA)}.{t} f{self.f()}, f{self.f()}, f{self.f()}, f{self.f()}, {self.rm()}"]
        if c < 0.4:
            return [f"fsqrt.{t} f{self.f()}, f{self.f()}, {self.rm()}"]
        if c < 0.52:
            return [f"{rng.choice(FP_R)}.{t} f{self.f()}, f{self.f()}, f{self.f()}"]
        if c < 0.6:
            return [f"{rng.choice(FP_CMP)}.{t} x{self.r(0)}, f{self.f()}, f{self.f()}"]
        if c < 0.64:
            return [f"fclass.{t} x{self.r(0)}, f{self.f()}"]
        if c < 0.74:                               # float -> integer: saturation, NaN, inf
            it = rng.choice(["w", "wu", "l", "lu"])
            return [f"fcvt.{it}.{t} x{self.r(0)}, f{self.f()}, {self.rm()}"]
        if c < 0.8:                                # integer -> float
            it = rng.choice(["w", "wu", "l", "lu"])
            exact = t == "d" and it in ("w", "wu")
            return [f"fcvt.{t}.{it} f{self.f()}, x{self.r(0)}" + ("" if exact else f", {self.rm()}")]
        if c < 0.85:
            if t == "s":
                return [f"fcvt.s.d f{self.f()}, f{self.f()}, {self.rm()}"]
            return [f"fcvt.d.s f{self.f()}, f{self.f()}"]
        if c < 0.9:
            return [f"fmv.x.{'w' if t == 's' else 'd'} x{self.r(0)}, f{self.f()}"]
        if c < 0.95:
            return [f"fmv.{'w' if t == 's' else 'd'}.x f{self.f()}, x{self.r(0)}"]
        v = self.fval()                            # a special operand into an f register
        rt = self.r()
        return [f"li x{rt}, {v:#x}", f"fmv.d.x f{self.f()}, x{rt}"]

    def csr_unit(self):
        """fflags/frm/fcsr accesses. frm values 5..7 are writable (WARL holds any 3 bits, §21.2)
        and make the next dynamic-rounding instruction illegal: rare on purpose."""
        rng = self.rng
        c = rng.random()
        csr = rng.choice(["fflags", "frm", "fcsr"])
        if c < 0.3:
            return [f"csrr x{self.r(0)}, {csr}"]
        if c < 0.6:
            imm = rng.randrange(5) if csr == "frm" else rng.randrange(32)
            if rng.random() < 0.05:
                imm = rng.randrange(32)
            return [f"{rng.choice(['csrrwi', 'csrrsi', 'csrrci'])} x{self.r(0)}, {csr}, {imm}"]
        if c < 0.75:
            return [f"{rng.choice(['csrrs', 'csrrc'])} x{self.r(0)}, {csr}, x{self.r(0)}"]
        if c < 0.8:
            return [f"csrrw x{self.r(0)}, {csr}, x{self.r(0)}"]
        if c < 0.9:
            # mstatus (FS/SD, and MPP/MPIE after an MRET) and the last trap's mcause/mepc;
            # not mtval, which a breakpoint leaves implementation-defined
            return [f"csrr x{self.r(0)}, {rng.choice(['mstatus', 'mstatus', 'mcause', 'mepc', 'mtvec'])}"]
        return [f"fsrmi x{self.r(0)}, {rng.randrange(5)}"]

    def trap_unit(self):
        """A deliberate trap; the handler prints mcause/mepc/mtval and skips the instruction.
        Misaligned AMO/SC are left out: QEMU 7.2 reports cause 4 where the spec says 6
        (tests/isa/README.md), a QEMU bug."""
        rng = self.rng
        k = rng.randrange(9)
        if k == 0:
            return ["ecall"]
        if k == 1:
            return [rng.choice(["ebreak", ".option rvc\nc.ebreak\n.option norvc"])]
        if k == 2:
            return [".option rvc", "c.unimp", ".option norvc"]
        if k == 3:                                  # write to a read-only CSR (Zicsr §7.1)
            return [f"csrw {rng.choice(['mvendorid', 'marchid', 'mimpid', 'mhartid'])}, x{self.r(0)}"]
        if k == 4:                                  # reserved rounding mode 5 or 6 (§21.2)
            f7 = rng.choice([0x00, 0x01, 0x04, 0x05, 0x08, 0x09, 0x0c, 0x0d])
            return [f".insn r 0x53, {rng.choice([5, 6])}, {f7:#x}, f{self.f()}, f{self.f()}, f{self.f()}"]
        if k == 5:                                  # misaligned LR: cause 4, mtval = address
            sz = rng.choice(["w", "d"])
            a = rng.randrange(0, DATA_SIZE - 8) | 1
            rb = self.r()
            return [f"la x{rb}, rnd_data+{a}", f"lr.{sz} x{self.r(0)}, (x{rb})"]
        if k == 6:                                  # F/D instruction or fcsr access, FS = Off
            rt = self.r()
            fp = self.fp_unit()
            while any(f"x{rt}," in ln or ln.endswith(f"x{rt}") for ln in fp) or fp[0].startswith("li"):
                fp = self.fp_unit()
            if rng.random() < 0.3:
                fp = [f"csrr x{self.r(0)}, {rng.choice(['fflags', 'frm', 'fcsr'])}"]
            return [f"li x{rt}, 0x6000", f"csrc mstatus, x{rt}"] + fp + [f"csrs mstatus, x{rt}"]
        if k == 7:                                  # load/store access fault: nothing at 0
            op = rng.choice(["ld", "lw", "sd", "sb"])
            rb = self.r()
            return [f"li x{rb}, {rng.randrange(0, 0x800, 8):#x}", f"{op} x{self.r(0)}, 0(x{rb})"]
        return [".word 0x00007083"]                 # LOAD with funct3 = 7: reserved in RV64

    def branch_unit(self, skip_label):
        rng = self.rng
        c = rng.random()
        if c < 0.6:
            return [f"{rng.choice(BRANCH)} x{self.r(0)}, x{self.r(0)}, {skip_label}"]
        if c < 0.7:
            return [".option rvc", f"c.{rng.choice(['beqz', 'bnez'])} x{self.rc()}, {skip_label}",
                    ".option norvc"]
        if c < 0.8:
            return [f"jal x{self.r(0)}, {skip_label}"]
        if c < 0.85:
            return [".option rvc", f"c.j {skip_label}", ".option norvc"]
        rb = self.r()
        if c < 0.95:
            off = rng.randrange(-16, 17) * 2
            return [f"la x{rb}, {skip_label}{-off:+d}", f"jalr x{self.r(0)}, {off}(x{rb})"]
        return [f"la x{rb}, {skip_label}", ".option rvc",
                f"c.{rng.choice(['jr', 'jalr'])} x{rb}", ".option norvc"]

    def block(self, n):
        units, pending = [], {}
        for i in range(self.units):
            c = self.rng.random()
            if c < 0.3:
                u = self.int_unit()
            elif c < 0.4:
                u = self.rvc_unit()
            elif c < 0.55:
                u = self.mem_unit()
            elif c < 0.85:
                u = self.fp_unit()
            elif c < 0.91:
                u = self.csr_unit()
            elif c < 0.93:
                u = self.trap_unit()
            else:
                lab = self.new_label()
                u = self.branch_unit(lab)
                target = min(self.units, i + 1 + self.rng.randrange(4))
                pending.setdefault(target, []).append(lab)
            units.append((pending.pop(i, []), u))
        lines = [f"# block {n}", f"rnd_block_{n}:"]
        for labels, u in units:
            lines += [f"{lab}:" for lab in labels] + u
        lines += [f"{lab}:" for lab in pending.pop(self.units, [])]
        lines += [f"# end block {n}"]
        lines += ["csrrw sp, mscratch, sp", "sd x1, 8(sp)"]
        lines += [f"sd x{i}, {8 * i}(sp)" for i in range(3, 32)]
        lines += ["csrr x5, mscratch", "sd x5, 16(sp)", "csrw mscratch, sp",
                  f"li a0, {n}", "call rnd_dump", "csrr sp, mscratch"]
        lines += ["ld x1, 8(sp)"] + [f"ld x{i}, {8 * i}(sp)" for i in range(3, 32)]
        lines += ["ld sp, 16(sp)"]
        return lines

    # --- the fixed parts ----------------------------------------------------------------
    def prologue(self):
        out = ["_start:",
               "csrr t0, mhartid", "bnez t0, rnd_park",
               "la t0, rnd_trap", "csrw mtvec, t0",
               "la t0, rnd_save", "csrw mscratch, t0",       # the save area, for dump and trap
               "li t0, 1 << 17", "csrc mstatus, t0",          # MPRV off
               "li t0, 3 << 13", "csrs mstatus, t0",          # FS = Dirty (stays Dirty: §3.1.6.6)
               "csrw mie, zero", "fscsr zero",
               "la x31, rnd_init_f"]
        out += [f"fld f{i}, {8 * i}(x31)" for i in range(32)]
        out += ["la x31, rnd_init_x"] + [f"ld x{i}, {8 * i}(x31)" for i in range(1, 32)]
        return out

    def epilogue(self):
        return ["# end of program",
                f"li t0, {FINISHER:#x}", "li t1, 0x5555", "sw t1, 0(t0)",
                "rnd_park: wfi", "j rnd_park"]

    @staticmethod
    def runtime(full):
        """The dump (a0 = block number, sp = save area holding x1..x31) and the trap handler."""
        out = [
            # putc a0: polled NS16550A (LSR bit 5 = THR empty); clobbers t0, t1
            ".macro RND_PUTC", f"li t0, {UART:#x}", "1: lbu t1, 5(t0)", "andi t1, t1, 0x20",
            "beqz t1, 1b", "sb a0, 0(t0)", ".endm",
            # puthex a1 with a2 digits; clobbers a0, a2, t0-t2
            "rnd_puthex:", "addi a2, a2, -1", "slli t2, a2, 2", "srl a0, a1, t2", "andi a0, a0, 15",
            "addi a0, a0, 48", "li t2, 58", "blt a0, t2, 2f", "addi a0, a0, 39", "2:", "RND_PUTC",
            "bnez a2, rnd_puthex", "ret",
            # putc a0 preserving ra
            "rnd_putc:", "RND_PUTC", "ret",
            "rnd_dump:", "mv s11, ra", "mv s10, a0",
        ]
        out += [f"fsd f{i}, {SAVE_F + 8 * i}(sp)" for i in range(32)]
        out += ["frflags t0", f"sd t0, {SAVE_CSR}(sp)", "frrm t0", f"sd t0, {SAVE_CSR + 8}(sp)"]
        # s0 = hash of the data area (FNV-1a over dwords)
        out += ["li s0, 0xcbf29ce484222325", "li s1, 0x100000001b3", "la s2, rnd_data",
                f"li s3, {DATA_SIZE // 8}",
                "3: ld t0, 0(s2)", "xor s0, s0, t0", "mul s0, s0, s1", "addi s2, s2, 8",
                "addi s3, s3, -1", "bnez s3, 3b"]
        # "b<block> " prefix
        out += ["li a0, 98", "call rnd_putc", "mv a1, s10", "li a2, 4", "call rnd_puthex"]
        nvals = SAVE_CSR // 8 + 2                  # x0..x31, f0..f31, fflags, frm
        if not full:
            # one hash of registers, CSRs and the data area hash
            out += ["mv s4, s0", "mv s2, sp", f"li s3, {nvals}",
                    "4: ld t0, 0(s2)", "xor s4, s4, t0", "mul s4, s4, s1", "addi s2, s2, 8",
                    "addi s3, s3, -1", "bnez s3, 4b",
                    "li a0, 32", "call rnd_putc", "mv a1, s4", "li a2, 16", "call rnd_puthex",
                    "li a0, 10", "call rnd_putc"]
        else:
            # one line per value: " <index> <value>", index 1..31 x, 32..63 f, 64 fflags,
            # 65 frm, 66 data hash
            out += [f"sd s0, {SAVE_CSR + 16}(sp)", "li a0, 10", "call rnd_putc",
                    "li s3, 1", f"li s5, {nvals + 1}",
                    "5: li a0, 32", "call rnd_putc", "mv a1, s3", "li a2, 2", "call rnd_puthex",
                    "li a0, 32", "call rnd_putc", "slli t0, s3, 3", "add t0, t0, sp",
                    "ld a1, 0(t0)", "li a2, 16", "call rnd_puthex", "li a0, 10", "call rnd_putc",
                    "addi s3, s3, 1", "blt s3, s5, 5b"]
        out += ["mv ra, s11", "ret"]
        # The trap handler: prints "t <mcause> <mepc> <mtval>" and resumes after the faulting
        # instruction. mtval of a breakpoint is 0 or the address (priv. spec §3.1.16), which
        # QEMU and memvp choose differently: printed as 0 for cause 3.
        t = TRAP_SAVE
        # (aligned with RVC on: GNU as 2.40 misplaces the padding of a .balign under norvc)
        out += [".option rvc", ".balign 4", ".option norvc", "rnd_trap:", "csrrw sp, mscratch, sp", f"sd x1, {t + 8}(sp)"]
        out += [f"sd x{i}, {t + 8 * i}(sp)" for i in range(3, 32)]
        out += ["csrr t0, mscratch", f"sd t0, {t + 16}(sp)", "csrw mscratch, sp",
                "li a0, 116", "call rnd_putc", "li a0, 32", "call rnd_putc",
                "csrr a1, mcause", "li a2, 16", "call rnd_puthex", "li a0, 32", "call rnd_putc",
                "csrr a1, mepc", "li a2, 16", "call rnd_puthex", "li a0, 32", "call rnd_putc",
                "csrr a1, mtval", "csrr t0, mcause", "li t1, 3", "bne t0, t1, 6f", "li a1, 0",
                "6: li a2, 16", "call rnd_puthex", "li a0, 10", "call rnd_putc",
                # skip the instruction: 16 bits unless its low bits are 11 (§1.5)
                "csrr t0, mepc", "lhu t1, 0(t0)", "andi t1, t1, 3", "li t2, 3", "addi t0, t0, 2",
                "bne t1, t2, 7f", "addi t0, t0, 2", "7: csrw mepc, t0",
                f"ld x1, {t + 8}(sp)"]
        out += [f"ld x{i}, {t + 8 * i}(sp)" for i in range(3, 32)]
        out += [f"ld sp, {t + 16}(sp)", "mret"]
        return out

    def data(self):
        out = [".data", ".balign 64", "rnd_init_x:"]
        out += [f".dword {self.xval():#x}" for _ in range(32)]
        out += ["rnd_init_f:"] + [f".dword {self.fval():#x}" for _ in range(32)]
        # the data area straddles a page boundary (1 KiB each side), so misaligned accesses
        # also split across pages
        out += [".balign 4096", f".skip {4096 - DATA_SIZE // 2}", "rnd_data:"]
        for _ in range(DATA_SIZE // 8):
            c = self.rng.random()
            v = self.fval() if c < 0.3 else self.xval() if c < 0.5 else self.rng.getrandbits(64)
            out.append(f".dword {v:#x}")
        out += [".balign 64", "rnd_save:", f".zero {TRAP_SAVE + 256}"]
        return out

    def program(self, full):
        body = []
        for n in range(self.blocks):
            body += self.block(n)
        out = [f"# memvp random differential test program: seed {self.seed}, "
               f"{self.blocks} blocks of {self.units} units",
               ".section .text.init, \"ax\", @progbits", ".globl _start",
               # no linker relaxation: gp holds random values (no gp-relative `la`), and the
               # trap vector's alignment must survive
               ".option norelax", ".option norvc"]
        return "\n".join(out + self.prologue() + body + self.epilogue() + self.runtime(full)
                         + self.data()) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--blocks", type=int, default=60)
    ap.add_argument("--units", type=int, default=40, help="random units per block")
    ap.add_argument("--full", action="store_true", help="print every value, not a hash")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    text = Gen(a.seed, a.blocks, a.units).program(a.full)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
