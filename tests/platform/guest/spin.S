# Never ends: stopped by --max-cycles.
  .section .text.init
  .globl _start
_start:
  addi t0, t0, 1
  j _start
