/* Machine-mode start-up for memvp guest programs. Every hart enters _start in M-mode with
 * a0 = hart id and a1 = DTB address (QEMU virt with -bios none). Hart 0 sets
 * up C, runs main() and exits through the test finisher; other harts wait for it and run
 * rt_secondary_main() when the program defines it, otherwise they park in WFI. */
#include "memvp/platform.h"

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  csrw  mie, zero
  csrw  satp, zero
  csrw  medeleg, zero
  csrw  mideleg, zero

  /* Give S and U mode access to all of memory: with PMP implemented and no entry matching,
   * S/U accesses fail (priv. spec 20260120 §3.7.1). A hart without PMP CSRs may trap here; the
   * temporary mtvec then simply continues after the writes. */
  la    t0, 1f
  csrw  mtvec, t0
  li    t0, -1
  csrw  pmpaddr0, t0
  li    t0, (PMP_A_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw  pmpcfg0, t0
  .balign 4
1:
  la    t0, rt_trap_entry
  csrw  mtvec, t0

  /* One stack per hart, top down from __stacks_end. */
  li    t0, RT_MAX_HARTS
  bgeu  a0, t0, rt_park
  la    sp, __stacks_end
  slli  t0, a0, RT_STACK_SHIFT
  sub   sp, sp, t0
  bnez  a0, secondary

  la    t0, rt_boot_dtb
  sd    a1, 0(t0)

  /* Zero .bss, then set up hart 0's TLS block (.tdata is loaded in place; zero .tbss). */
  la    t0, __bss_start
  la    t1, __bss_end
2: bgeu t0, t1, 3f
  sd    zero, 0(t0)
  addi  t0, t0, 8
  j     2b
3:
  la    t0, __tbss_start
  la    t1, __tbss_end
4: bgeu t0, t1, 5f
  sb    zero, 0(t0)
  addi  t0, t0, 1
  j     4b
5:
  la    tp, __tls_base

  call  __libc_init_array
  fence rw, rw
  la    t0, rt_boot_done
  li    t1, 1
  sw    t1, 0(t0)

  li    a0, 0
  li    a1, 0
  call  main
  call  exit
  j     rt_park

secondary:
  la    t0, rt_boot_done
6: lw   t1, 0(t0)
  beqz  t1, 6b
  fence rw, rw
  .weak rt_secondary_main
  la    t0, rt_secondary_main
  beqz  t0, rt_park
  jalr  t0

  .globl rt_park
rt_park:
  csrw  mie, zero
7: wfi
  j     7b

  /* In .data, not .bss: hart 0 records the DTB before it zeroes .bss, and secondaries poll
   * rt_boot_done before .bss is zeroed. */
  .data
  .balign 8
  .globl rt_boot_dtb
rt_boot_dtb:  .dword 0
  .globl rt_boot_done
rt_boot_done: .word 0
