// ktest=fp_off: kernel code runs with sstatus.FS = Off (asm/switch_to.h), so an F/D
// instruction in the kernel is an illegal instruction (priv spec §3.1.6.6), which ends in
// panic() like any other unexpected kernel trap, instead of touching a user task's f registers.
#include "lib/ktest.h"

#include "kernel/printk.h"

int ktest_fp_off()
{
    printk("ktest fp_off: fmv.d.x f0, zero in the kernel\n");
    __asm__ volatile(".option push\n.option arch, +d\nfmv.d.x f0, zero\n.option pop");
    printk("ktest fp_off: FAIL the F/D instruction ran\n");
    return 1;
}
