# Executes an illegal instruction with no trap handler (mtvec = 0): a guest crash.
  .section .text.init
  .globl _start
_start:
  csrw mtvec, zero
  .word 0
