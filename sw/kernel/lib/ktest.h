// Kernel self-tests run instead of init when bootargs say ktest=NAME: each returns 0 when
// every check held (the machine then passes through the finisher) or a failure code.
#pragma once

struct ktest {
    const char* name;
    int (*run)();
};

int ktest_buddy();
int ktest_slab();
int ktest_sched();
int ktest_asid();
int ktest_numa();
int ktest_uaccess();
int ktest_fault();
int ktest_fp_off();
int ktest_spawn();
int ktest_blk();

// Runs the named test; -1 if there is none of that name.
int run_ktest(const char* name);

// xorshift64* (Vigna): the tests' reproducible random sequence.
struct ktest_rng {
    unsigned long long state;
    unsigned long long next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    }
    unsigned below(unsigned n) { return unsigned((next() >> 33) % n); }
};
