/* User-mode entry of memvp programs. The kernel starts a process here with sp pointing at
 * argc, then argv[] (NULL-terminated), envp[] (NULL-terminated) and the auxiliary vector
 * (the Linux ELF ABI; RISC-V psABI "Process Initialization"). gp and tp are set up here:
 * gp for linker relaxation, tp at the program's TLS block (picolibc keeps errno there;
 * RISC-V TLS variant I with an empty TCB, so tp points at .tdata). */
  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  la    tp, __tls_base
  ld    a0, 0(sp)          /* argc */
  addi  a1, sp, 8          /* argv */
  slli  t0, a0, 3
  add   a2, a1, t0
  addi  a2, a2, 8          /* envp = argv + argc + 1 */
  andi  sp, sp, -16
  li    ra, 0              /* end of the call chain for a debugger */
  call  __libc_start_main
1:
  j     1b
  .size _start, . - _start
