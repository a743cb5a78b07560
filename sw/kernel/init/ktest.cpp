// The table of kernel self-tests (bootargs ktest=NAME) and a small seeded generator they share.
#include "init/ktest.h"

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
    };
    for (const ktest& t : tests)
        if (streq(t.name, name)) return t.run();
    return -1;
}
