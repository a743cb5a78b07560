# riscv-tests style HTIF: prints "htif\n" with console putchar commands (device 1, command 1),
# then exits with status STATUS written as two 32-bit stores, low word first (env/p riscv_test.h).
  .section .text.init
  .globl _start
_start:
  la t0, tohost
  la t3, msg
  li t4, (1 << 56) | (1 << 48)
1:
  lbu t1, 0(t3)
  beqz t1, 3f
  or t1, t1, t4
2:
  ld t2, 0(t0)             # wait until the host consumed the previous command
  bnez t2, 2b
  sd t1, 0(t0)
  addi t3, t3, 1
  j 1b
3:
  li t1, (STATUS << 1) | 1
  sw t1, 0(t0)
  sw zero, 4(t0)
  j 3b
  .data
msg:
  .asciz "htif\n"
  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
