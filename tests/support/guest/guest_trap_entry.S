/* Trap entries and privilege switching of the bare-metal guest tests, one macro instantiated
 * for M-mode (mtvec, mscratch, MRET) and S-mode (stvec, sscratch, SRET), priv. spec 20260120
 * §3.3.2 and §12.1. Each level of each hart has a trap stack whose top sits in xscratch while
 * not in a handler; the C dispatcher (guest_trap.c) picks the registered handler. */
#define GUEST_ECALL_LEAVE 0x1eaf
#define GUEST_ECALL_RAISE 0x1eb0
/* The frame: x0..x31 (x0's word unused), then the pad word (index 32, the vectored slot's
 * scratch) and the vectored slot (index 33, -1 unless an interrupt came through the table):
 * 34 words, a multiple of 16 bytes, ending at the stack top. */
#define FRAME 272
#define SLOT 33

  .section .text
  .option norvc

/* FRAME_REGS op (sd|ld): x1 and x3..x31 to or from their words of the frame at sp; sp itself
 * (x2) is saved from xscratch and restored by swapping it back. */
.macro FRAME_REGS op
.irp reg, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
  \op  x\reg, \reg*8(sp)
.endr
.endm

/* CTX_REGS op (sd|ld): the enter caller's ra, sp, gp, tp and s0..s11 to or from the context
 * at t0. */
.macro CTX_REGS op
  \op  ra, 0*8(t0);  \op sp, 1*8(t0);  \op gp, 2*8(t0);  \op tp, 3*8(t0)
  \op  s0, 4*8(t0);  \op s1, 5*8(t0);  \op s2, 6*8(t0);  \op s3, 7*8(t0)
  \op  s4, 8*8(t0);  \op s5, 9*8(t0);  \op s6, 10*8(t0); \op s7, 11*8(t0)
  \op  s8, 12*8(t0); \op s9, 13*8(t0); \op s10, 14*8(t0); \op s11, 15*8(t0)
.endm

/* TRAP_LEVEL p (m|s), level (3|1), pp_shift/pp_mask: where xstatus keeps the previous
 * privilege; pie: the bit of xPIE. */
.macro TRAP_LEVEL p, level, pp_shift, pp_mask, pie
  .balign 4
  .globl guest_\p\()trap_entry
guest_\p\()trap_entry:
  csrrw sp, \p\()scratch, sp
  addi  sp, sp, -FRAME
  FRAME_REGS sd
  csrr  t0, \p\()scratch
  sd    t0, 2*8(sp)
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop

  csrr  a0, \p\()cause
  bltz  a0, 10f
  /* ECALL (causes 8, 9, 11) with a7 == LEAVE returns to the enter call of this level;
   * with a7 == RAISE it resumes after the ECALL in this handler's mode. */
  addi  t1, a0, -8
  li    t2, 4
  bgeu  t1, t2, 10f
  li    t0, GUEST_ECALL_LEAVE
  beq   a7, t0, guest_\p\()leave
  li    t0, GUEST_ECALL_RAISE
  bne   a7, t0, 10f
  li    t1, \pp_mask << \pp_shift
  csrs  \p\()status, t1
  csrr  t1, \p\()epc
  addi  t1, t1, 4
  csrw  \p\()epc, t1
  j     20f
10:
  csrr  a1, \p\()epc
  csrr  a2, \p\()tval
  csrr  a3, \p\()status
  mv    a4, sp
  li    a5, \level
  call  guest_trap_dispatch     /* returns the PC to resume at */
  csrw  \p\()epc, a0
20:
  FRAME_REGS ld
  addi  sp, sp, FRAME
  csrrw sp, \p\()scratch, sp
  \p\()ret

/* Back to the caller of the enter function: the trap stack top goes back to xscratch,
 * the saved callee-saved registers and xstatus are restored, a0 is fn's result. */
guest_\p\()leave:
  ld    a0, 10*8(sp)
  addi  t0, sp, FRAME
  csrw  \p\()scratch, t0
  la    t0, guest_\p\()ctx
  CTX_REGS ld
  ld    t1, 16*8(t0)
  csrw  \p\()status, t1
  ret

/* guest_<p>_enter(mode, fn, arg): saves the caller's context, then xRET into the trampoline
 * at the lower level with xPP = mode and xPIE = 0. */
guest_\p\()_enter:
  la    t0, guest_\p\()ctx
  CTX_REGS sd
  csrr  t1, \p\()status
  sd    t1, 16*8(t0)
  li    t1, (\pp_mask << \pp_shift) | (1 << \pie)
  csrc  \p\()status, t1
  slli  a0, a0, \pp_shift
  csrs  \p\()status, a0
  la    t1, guest_lower_trampoline
  csrw  \p\()epc, t1
  mv    a0, a1
  mv    a1, a2
  \p\()ret

  .bss
  .balign 8
guest_\p\()ctx: .skip 17*8
  .section .text
.endm

TRAP_LEVEL m, 3, 11, 3, 7
TRAP_LEVEL s, 1, 8, 1, 5

  .section .text
  .globl guest_enter
guest_enter:
  j     guest_m_enter

  .globl guest_s_enter_user
guest_s_enter_user:
  mv    a2, a1
  mv    a1, a0
  li    a0, 0
  j     guest_s_enter

/* Runs at the lower level: a0 = fn, a1 = arg; leaves with ECALL a7 = LEAVE, a0 = result. */
guest_lower_trampoline:
  mv    t0, a0
  mv    a0, a1
  jalr  t0
  li    a7, GUEST_ECALL_LEAVE
  ecall
1: j    1b

/* Vectored mtvec table (priv. spec 20260120 §3.1.7): exceptions at base, interrupt cause c at
 * base + 4c. Each interrupt slot leaves its number in the frame's slot word (where
 * guest_trap_dispatch reads it into guest_vector_slot) and joins the common entry. */
  .balign 256
  .globl guest_mvec_table
guest_mvec_table:
  j     guest_mtrap_entry
.irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  j     guest_mvec_\n
.endr
.irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
guest_mvec_\n:
  csrrw sp, mscratch, sp
  sd    t0, -(FRAME - 32*8)(sp)
  li    t0, \n
  sd    t0, -(FRAME - SLOT*8)(sp)
  ld    t0, -(FRAME - 32*8)(sp)
  csrrw sp, mscratch, sp
  j     guest_mtrap_entry
.endr
