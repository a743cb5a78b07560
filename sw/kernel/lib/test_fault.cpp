// ktest=fault: the one self-test that must end in panic(), so tests/kernel/boot can check
// that a kernel fault is reported and stops the machine with failure code 255.
#include "lib/ktest.h"

#include "kernel/printk.h"

// A kernel load from an unmapped address must end in panic(), which names the fault.
int ktest_fault()
{
    printk("ktest fault: loading from 0xdead000 in the kernel\n");
    const unsigned long v = *reinterpret_cast<volatile unsigned long*>(0xdead000UL);
    printk("ktest fault: FAIL the load returned %#lx\n", v);
    return 1;
}
