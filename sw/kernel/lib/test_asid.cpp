// ktest=asid: the ASID allocator's generations (asm/mmu_context.h) with the ASIDs limited to 4
// (three for user address spaces). Hart 0 loads empty address spaces one after another while,
// on a second hart, a kernel thread keeps one loaded: within a generation every mm gets its
// own ASID and satp carries it; running out starts a new generation in which the ASIDs
// loaded on some hart are kept, the next mm gets the one left, and hart 0 flushes its TLB.
#include "lib/ktest.h"

#include "asm/csr.h"
#include "asm/mmu_context.h"
#include "kernel/printk.h"
#include "mm/mm.h"
#include "mm/vm_event.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

constexpr unsigned NR_MMS = 5;
constexpr unsigned long ASID_LIMIT = 4;

mm_struct* mms[NR_MMS];
volatile int holder_ready, holder_release;
volatile unsigned holder_hart;

unsigned long satp_asid() { return csr_read(satp) >> SATP_ASID_SHIFT & SATP_ASID_MASK; }

// On another hart: keep mms[1] loaded until released.
int asid_holder(void*)
{
    holder_hart = smp_processor_id();
    use_mm(mms[1]);
    __atomic_store_n(&holder_ready, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&holder_release, __ATOMIC_ACQUIRE)) cpu_relax();
    switch_to_kernel_mm();
    return 0;
}

}  // namespace

int ktest_asid()
{
    int errors = 0;
    auto check = [&errors](bool ok, const char* what) {
        printk("ktest asid: %s: %s\n", what, ok ? "yes" : "no");
        if (!ok) ++errors;
    };
    if (!asids_enabled() || nr_cpu_ids < 2) {
        printk("ktest asid: needs ASIDs and two harts\n");
        return 1;
    }
    const unsigned long old_limit = asid_set_limit(ASID_LIMIT);
    for (mm_struct*& mm : mms)
        if (!(mm = mm_alloc())) return 2;
    printk("ktest asid: ASIDs limited to %lu (ASID 0 is the kernel's)\n", ASID_LIMIT);

    const unsigned long long gen0 = asid_generation_now();
    unsigned long a[NR_MMS] = {};
    for (unsigned i = 0; i < 3; ++i) {
        use_mm(mms[i]);
        a[i] = mm_asid(mms[i]);
        if (satp_asid() != a[i]) ++errors;
    }
    printk("ktest asid: first three address spaces got ASIDs %lu %lu %lu\n", a[0], a[1], a[2]);
    check(a[0] && a[1] && a[2] && a[0] != a[1] && a[1] != a[2] && a[0] != a[2] && asid_generation_now() == gen0,
          "distinct ASIDs within one generation, satp carries them");

    // mms[1] stays loaded on another hart; hart 0 has mms[2] loaded.
    if (!kthread_run(asid_holder, nullptr, "ktest-asid")) return 2;
    while (!__atomic_load_n(&holder_ready, __ATOMIC_ACQUIRE)) cpu_relax();
    const u64 flushes = read_vm_event(&memvp_vmstat::tlb_local_flushes);
    use_mm(mms[3]);
    a[3] = mm_asid(mms[3]);
    printk("ktest asid: the fourth address space started generation +%llu and got ASID %lu\n",
           asid_generation_now() - gen0, a[3]);
    check(asid_generation_now() == gen0 + 1, "running out started a new generation");
    check(mm_asid(mms[1]) == a[1], "the ASID loaded on the other hart was kept");
    check(a[3] == a[0], "the new address space got the ASID nobody had loaded");
    check(satp_asid() == a[3] && read_vm_event(&memvp_vmstat::tlb_local_flushes) > flushes,
          "hart 0 flushed its TLB when it switched");
    // mms[2] lost its ASID to no one (hart 0 had it loaded at the rollover): it keeps it too.
    use_mm(mms[2]);
    check(mm_asid(mms[2]) == a[2] && asid_generation_now() == gen0 + 1, "hart 0's own ASID was kept as well");
    // mms[0] is of the old generation and every ASID is taken: another rollover.
    use_mm(mms[0]);
    check(asid_generation_now() == gen0 + 2, "an old-generation mm with no ASID free rolls over again");

    switch_to_kernel_mm();
    __atomic_store_n(&holder_release, 1, __ATOMIC_RELEASE);
    check(do_wait4(-1, nullptr, 0) > 0, "the other hart's thread exited");
    printk("ktest asid: the other hart's thread ran on hart %u\n", holder_hart);
    for (mm_struct* mm : mms) mmput(mm);
    asid_set_limit(old_limit);
    printk("ktest asid: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
