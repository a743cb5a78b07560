/* Trap entry points of the virtual-memory tests for M-mode (mtvec) and S-mode (stvec), the
 * M-to-S/U switch vm_run, and a page of position-independent code that tests alias at other
 * virtual addresses (priv. spec 1.12 §3.1.6, §3.3.2, §4.1). Each level keeps the top of its
 * trap stack in xscratch while it is not handling a trap. */
#define ECALL_LEAVE 0x1eaf
#define FRAME 256

  .section .text
  .option norvc

/* VM_TRAP_LEVEL p (m|s), level number, pp_shift/pp_mask: where xstatus keeps the previous
 * privilege. The C dispatcher gets (cause, epc, tval, previous privilege, frame, level) and
 * returns the PC to resume at; it may change saved registers in the frame. */
.macro VM_TRAP_LEVEL p, level, pp_shift, pp_mask
  .balign 4
  .globl vm_\p\()trap_entry
vm_\p\()trap_entry:
  csrrw sp, \p\()scratch, sp
  addi  sp, sp, -FRAME
  sd x1, 1*8(sp);   sd x3, 3*8(sp);   sd x4, 4*8(sp);   sd x5, 5*8(sp)
  sd x6, 6*8(sp);   sd x7, 7*8(sp);   sd x8, 8*8(sp);   sd x9, 9*8(sp)
  sd x10, 10*8(sp); sd x11, 11*8(sp); sd x12, 12*8(sp); sd x13, 13*8(sp)
  sd x14, 14*8(sp); sd x15, 15*8(sp); sd x16, 16*8(sp); sd x17, 17*8(sp)
  sd x18, 18*8(sp); sd x19, 19*8(sp); sd x20, 20*8(sp); sd x21, 21*8(sp)
  sd x22, 22*8(sp); sd x23, 23*8(sp); sd x24, 24*8(sp); sd x25, 25*8(sp)
  sd x26, 26*8(sp); sd x27, 27*8(sp); sd x28, 28*8(sp); sd x29, 29*8(sp)
  sd x30, 30*8(sp); sd x31, 31*8(sp)
  csrr  t0, \p\()scratch
  sd    t0, 2*8(sp)
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop

  csrr  a0, \p\()cause
.if \level == 3
  /* ECALL from S or U (causes 8, 9) with a7 == LEAVE ends vm_run. */
  addi  t1, a0, -8
  li    t2, 2
  bgeu  t1, t2, 10f
  li    t0, ECALL_LEAVE
  beq   a7, t0, vm_mleave
10:
.endif
  csrr  a1, \p\()epc
  csrr  a2, \p\()tval
  csrr  a3, \p\()status
  srli  a3, a3, \pp_shift
  andi  a3, a3, \pp_mask
  mv    a4, sp
  li    a5, \level
  call  vm_trap_dispatch
  csrw  \p\()epc, a0
  ld x1, 1*8(sp);   ld x3, 3*8(sp);   ld x4, 4*8(sp);   ld x5, 5*8(sp)
  ld x6, 6*8(sp);   ld x7, 7*8(sp);   ld x8, 8*8(sp);   ld x9, 9*8(sp)
  ld x10, 10*8(sp); ld x11, 11*8(sp); ld x12, 12*8(sp); ld x13, 13*8(sp)
  ld x14, 14*8(sp); ld x15, 15*8(sp); ld x16, 16*8(sp); ld x17, 17*8(sp)
  ld x18, 18*8(sp); ld x19, 19*8(sp); ld x20, 20*8(sp); ld x21, 21*8(sp)
  ld x22, 22*8(sp); ld x23, 23*8(sp); ld x24, 24*8(sp); ld x25, 25*8(sp)
  ld x26, 26*8(sp); ld x27, 27*8(sp); ld x28, 28*8(sp); ld x29, 29*8(sp)
  ld x30, 30*8(sp); ld x31, 31*8(sp)
  addi  sp, sp, FRAME
  csrrw sp, \p\()scratch, sp
  \p\()ret
.endm

VM_TRAP_LEVEL m, 3, 11, 3
VM_TRAP_LEVEL s, 1, 8, 1

/* Back in M-mode from vm_run's lower-level function: the trap stack top returns to
 * mscratch, the callee-saved registers and mstatus of the vm_run caller are restored and
 * a0 (the function's result, saved in the frame) is returned. */
vm_mleave:
  ld    a0, 10*8(sp)
  addi  t0, sp, FRAME
  csrw  mscratch, t0
  la    t0, vm_run_ctx
  ld    ra, 0*8(t0);  ld sp, 1*8(t0);  ld gp, 2*8(t0);  ld tp, 3*8(t0)
  ld    s0, 4*8(t0);  ld s1, 5*8(t0);  ld s2, 6*8(t0);  ld s3, 7*8(t0)
  ld    s4, 8*8(t0);  ld s5, 9*8(t0);  ld s6, 10*8(t0); ld s7, 11*8(t0)
  ld    s8, 12*8(t0); ld s9, 13*8(t0); ld s10, 14*8(t0); ld s11, 15*8(t0)
  ld    t1, 16*8(t0)
  csrw  mstatus, t1
  ret

/* uint64_t vm_run(mode, fn, arg): saves the caller's context, then MRET into the
 * trampoline in `mode` with MPIE = 0 and MPRV = 0 (§3.1.6.3). */
  .globl vm_run
vm_run:
  la    t0, vm_run_ctx
  sd    ra, 0*8(t0);  sd sp, 1*8(t0);  sd gp, 2*8(t0);  sd tp, 3*8(t0)
  sd    s0, 4*8(t0);  sd s1, 5*8(t0);  sd s2, 6*8(t0);  sd s3, 7*8(t0)
  sd    s4, 8*8(t0);  sd s5, 9*8(t0);  sd s6, 10*8(t0); sd s7, 11*8(t0)
  sd    s8, 12*8(t0); sd s9, 13*8(t0); sd s10, 14*8(t0); sd s11, 15*8(t0)
  csrr  t1, mstatus
  sd    t1, 16*8(t0)
  li    t1, (3 << 11) | (1 << 7) | (1 << 17)
  csrc  mstatus, t1
  slli  a0, a0, 11
  csrs  mstatus, a0
  la    t1, vm_lower_trampoline
  csrw  mepc, t1
  mv    a0, a2
  mv    t0, a1
  mret

/* Runs at the lower level: t0 = fn, a0 = arg; leaves with ECALL a7 = LEAVE, a0 = result. */
vm_lower_trampoline:
  jalr  t0
  li    a7, ECALL_LEAVE
  ecall
1: j    1b

  .bss
  .balign 8
vm_run_ctx: .skip 17*8

/* The code page: nothing else shares it, so aliases of it map only this code. */
  .section .text.vm_code_page, "ax", @progbits
  .balign 4096
  .globl vm_code_page
vm_code_page:
  li    a0, 0x600d
  ret
  .balign 4096
