# Prints a line on the NS16550A UART, then passes through the SiFive test finisher.
  .section .text.init
  .globl _start
_start:
  li t0, 0x10000000
  la t1, msg
1:
  lbu t2, 5(t0)            # LSR: wait for THRE, as a driver does
  andi t2, t2, 0x20
  beqz t2, 1b
  lbu t2, 0(t1)
  beqz t2, 2f
  sb t2, 0(t0)
  addi t1, t1, 1
  j 1b
2:
  li t0, 0x100000
  li t1, 0x5555
  sw t1, 0(t0)
3:
  j 3b
  .data
msg:
  .asciz "hello from memvp\n"
