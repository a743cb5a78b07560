/* clone(fn, stack, flags, arg) as C libraries offer it (glibc sysdeps/unix/sysv/linux/riscv/
 * clone.S): the child starts on its own stack, so it cannot return through the caller's
 * frames; it calls fn(arg) and exits (exit, not exit_group) with fn's result. Returns the
 * child's id, or -1 with errno set. */
/* __NR_clone and __NR_exit of uapi/memvp.h (a C header, not for the assembler). */
#define NR_CLONE 220
#define NR_EXIT 93

  .text
  .globl clone
  .type clone, @function
clone:
  /* a0 = fn, a1 = stack top, a2 = flags, a3 = arg. fn and arg go on the child's stack. */
  andi  a1, a1, -16
  addi  a1, a1, -16
  sd    a0, 0(a1)
  sd    a3, 8(a1)
  mv    a0, a2              /* flags */
  li    a2, 0               /* parent_tid */
  li    a3, 0               /* tls */
  li    a4, 0               /* child_tid */
  li    a7, NR_CLONE
  ecall
  beqz  a0, 1f
  li    t0, -4096
  bleu  a0, t0, 2f          /* unsigned: [-4095, -1] are errors */
  neg   a0, a0
  tail  __clone_error
2:
  ret
1:
  ld    t0, 0(sp)
  ld    a0, 8(sp)
  jalr  t0
  li    a7, NR_EXIT
  ecall
3:
  j     3b
  .size clone, . - clone
