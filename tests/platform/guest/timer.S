# Boot state and the CLINT timer: checks a0 = mhartid and that a1 points at a DTB (magic
# 0xd00dfeed, big-endian); harts other than 0 then park, hart 0 sleeps in WFI until mtime reaches mtimecmp = mtime + 100 and
# passes from the machine timer interrupt handler. Fails with code 9 (bad boot state) or 8.
  .section .text.init
  .globl _start
_start:
  csrr t0, mhartid
  bne a0, t0, bad_boot
  lwu t0, 0(a1)
  li t1, 0xedfe0dd0
  bne t0, t1, bad_boot
  bnez a0, park
  la t0, handler
  csrw mtvec, t0
  li t0, 0x0200bff8        # mtime
  ld t1, 0(t0)
  addi t1, t1, 100
  li t0, 0x02004000        # mtimecmp of hart 0
  sd t1, 0(t0)
  li t0, 1 << 7            # mie.MTIE
  csrw mie, t0
  csrsi mstatus, 1 << 3    # mstatus.MIE
1:
  wfi
  j 1b
  .align 2                 # mtvec needs a 4-byte aligned base (MODE in bits 1:0)
handler:
  csrr t0, mcause
  li t1, (1 << 63) | 7     # machine timer interrupt
  bne t0, t1, bad_cause
  li t0, 0x0200bff8        # the interrupt came no earlier than mtimecmp
  ld t1, 0(t0)
  li t0, 0x02004000
  ld t2, 0(t0)
  bltu t1, t2, bad_cause
  li t0, 0x100000
  li t1, 0x5555
  sw t1, 0(t0)
2:
  j 2b
park:
  csrw mie, zero
  wfi
  j park
bad_cause:
  li t1, (8 << 16) | 0x3333
  j fail
bad_boot:
  li t1, (9 << 16) | 0x3333
fail:
  li t0, 0x100000
  sw t1, 0(t0)
  j fail
