// The dispatch table of the kernel self-tests (bootargs ktest=NAME), one lib/test_NAME.cpp each
// (Linux keeps its in-kernel tests in lib/test_*.c).
#include "lib/ktest.h"

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
        {"fp_off", ktest_fp_off},
        {"spawn", ktest_spawn},
        {"blk", ktest_blk},
    };
    for (const ktest& t : tests)
        if (streq(t.name, name)) return t.run();
    return -1;
}
