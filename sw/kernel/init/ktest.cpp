// The table of kernel self-tests (bootargs ktest=NAME), and ktest=fault.
#include "init/ktest.h"

#include "kernel/printk.h"

namespace {

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

}  // namespace

int run_ktest(const char* name)
{
    static const ktest tests[] = {
        {"buddy", ktest_buddy},
        {"slab", ktest_slab},
        {"sched", ktest_sched},
        {"asid", ktest_asid},
        {"numa", ktest_numa},
        {"uaccess", ktest_uaccess},
        {"fault", ktest_fault},
        {"spawn", ktest_spawn},
    };
    for (const ktest& t : tests)
        if (streq(t.name, name)) return t.run();
    return -1;
}

// ktest=fault: a kernel load from an unmapped address must end in panic(), which names the
// fault and stops the machine with failure code 255 (tests/kernel/boot expects exactly that).
int ktest_fault()
{
    printk("ktest fault: loading from 0xdead000 in the kernel\n");
    const unsigned long v = *reinterpret_cast<volatile unsigned long*>(0xdead000UL);
    printk("ktest fault: FAIL the load returned %#lx\n", v);
    return 1;
}
