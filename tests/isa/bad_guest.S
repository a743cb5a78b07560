/* memvp only: a guest that crashes its hart. mtvec points at an address where nothing is
 * mapped (0x7000_0000, between the devices and DRAM of QEMU virt's memory map), then an illegal
 * instruction traps there and the fetch faults again at the same vector forever. memvp must
 * detect this, stop with exit status 4 and print the hart, PC and cause on stderr. */
  .section .text
  .globl main
main:
  li    t0, 0x70000000
  csrw  mtvec, t0
  .word 0xfe000033          /* undefined OP-major encoding: illegal instruction */
1: j    1b
