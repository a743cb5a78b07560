/* Default M-mode trap vector of the runtime: any trap a program did not ask for is reported
 * with mcause/mepc/mtval and ends the run (exit code 3). Programs that expect traps install
 * their own mtvec. */
  .section .text
  .balign 4
  .globl rt_trap_entry
rt_trap_entry:
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  andi  sp, sp, -16
  call  rt_unexpected_trap
1: j    1b
