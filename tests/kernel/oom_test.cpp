// The OOM killer's policy on the host (mm/oom_kill.cpp): oom_badness's arithmetic in Linux's
// integer order, select_bad_process (never -1000, init or kernel threads; ties to the later
// task), /proc/PID/oom_score, the log lines byte for byte, the rss split and the oom_reaper's
// unmapping of an address space, and when the page allocator calls the OOM hook and when not.
#include "mm/mmap_lock.h"
#include "mm/oom.h"
#include "mm/pagemap.h"
#include "vm_test_support.h"

namespace {

oom_candidate task(int pid, unsigned long anon, int adj, unsigned long pgtables = 0)
{
    oom_candidate c{};
    c.pid = pid;
    c.oom_score_adj = adj;
    c.rss_anon = anon;
    c.pgtables = pgtables;
    std::snprintf(c.comm, sizeof(c.comm), "task%d", pid);
    return c;
}

TEST(OomBadness, IsRssPlusSwapPlusPageTablesWithoutAdjustment)
{
    oom_candidate c = task(2, 1000, 0, 7);
    c.rss_file = 20;
    c.rss_shmem = 3;
    c.swapents = 40;
    EXPECT_EQ(oom_badness(c, 7040), 1000 + 20 + 3 + 40 + 7);
}

TEST(OomBadness, ScalesTheAdjustmentByWholeThousandthsOfTotalPages)
{
    // Linux: adj *= totalpages / 1000, the division first: 7040 pages give 7 per step, not 7.04.
    EXPECT_EQ(oom_badness(task(2, 772, 500, 7), 7040), 772 + 7 + 500 * 7);
    EXPECT_EQ(oom_badness(task(2, 772, 500, 7), 999), 772 + 7);  // under 1000 pages: no effect
    EXPECT_EQ(oom_badness(task(2, 100, -999, 0), 7040), 100 - 999 * 7);
    EXPECT_EQ(oom_badness(task(2, 0, 1000, 0), 262144), 1000 * 262);
}

TEST(OomBadness, NeverForMinusThousandUnkillableOrReaped)
{
    EXPECT_EQ(oom_badness(task(2, 1UL << 30, OOM_SCORE_ADJ_MIN), 7040), OOM_BADNESS_NEVER);
    oom_candidate init = task(1, 5000, 1000);
    init.unkillable = true;
    EXPECT_EQ(oom_badness(init, 7040), OOM_BADNESS_NEVER);
    oom_candidate reaped = task(3, 5000, 0);
    reaped.mm_oom_skip = true;
    EXPECT_EQ(oom_badness(reaped, 7040), OOM_BADNESS_NEVER);
}

TEST(OomScore, IsBadnessInThousandthsOfTotalPagesPlusThousandTimesTwoThirds)
{
    EXPECT_EQ(proc_oom_score(task(2, 1541, 0, 9), 7040), (1000 + 1550 * 1000 / 7040) * 2 / 3);
    EXPECT_EQ(proc_oom_score(task(2, 1541, 0, 9), 7040), 813);
    EXPECT_EQ(proc_oom_score(task(3, 772, 500, 7), 7040), 1071);
    EXPECT_EQ(proc_oom_score(task(4, 2564, -1000, 10), 7040), 0);
    // All of memory: 2000 * 2 / 3; with +1000 on top the badness is twice that.
    EXPECT_EQ(proc_oom_score(task(5, 7040, 0), 7040), 1333);
    EXPECT_EQ(proc_oom_score(task(5, 7040, 1000), 7040), (1000 + (7040 + 7000) * 1000 / 7040) * 2 / 3);
}

TEST(SelectBadProcess, ChoosesTheHighestBadnessNeverMinusThousand)
{
    // Experiment 4's figures: C has the most memory but -1000, B the adjustment that wins.
    const oom_candidate c[] = {task(2, 1541, 0, 9), task(3, 772, 500, 7), task(4, 2564, -1000, 10)};
    long points = 0;
    EXPECT_EQ(select_bad_process(c, 3, 7040, &points), 1);
    EXPECT_EQ(points, 4279);
    // Without B's adjustment A has the most among the killable.
    const oom_candidate d[] = {task(2, 1541, 0, 9), task(3, 772, 0, 7), task(4, 2564, -1000, 10)};
    EXPECT_EQ(select_bad_process(d, 3, 7040, &points), 0);
    EXPECT_EQ(points, 1550);
}

TEST(SelectBadProcess, TieGoesToTheLaterTaskAndNoOneMeansMinusOne)
{
    const oom_candidate tie[] = {task(2, 500, 0), task(3, 500, 0), task(4, 499, 0)};
    EXPECT_EQ(select_bad_process(tie, 3, 7040, nullptr), 1);
    oom_candidate init = task(1, 9000, 0);
    init.unkillable = true;
    const oom_candidate none[] = {init, task(2, 500, -1000)};
    long points = 0;
    EXPECT_EQ(select_bad_process(none, 2, 7040, &points), -1);
    EXPECT_EQ(points, OOM_BADNESS_NEVER);
    EXPECT_EQ(select_bad_process(nullptr, 0, 7040, nullptr), -1);
}

TEST(SelectBadProcess, NegativeBadnessStillBeatsNothing)
{
    // adj -999 can push points below zero; such a task is still killable and chosen if alone.
    const oom_candidate c[] = {task(2, 100, -999), task(3, 50, -1000)};
    long points = 0;
    EXPECT_EQ(select_bad_process(c, 2, 7040, &points), 0);
    EXPECT_EQ(points, 100 - 999 * 7);
}

template <typename Fill>
std::string line(Fill fill)
{
    char buf[512];
    seq_buf s(buf, sizeof(buf));
    fill(&s);
    return s.str();
}

TEST(OomLog, KillLineIsLinuxs)
{
    oom_candidate c = task(3, 772, 500, 7);
    std::snprintf(c.comm, sizeof(c.comm), "oom_choice");
    c.total_vm = 2819;
    c.rss_shmem = 1;
    EXPECT_EQ(line([&](seq_buf* s) { oom_kill_line(s, c); }),
              "Out of memory: Killed process 3 (oom_choice) total-vm:11276kB, anon-rss:3088kB, file-rss:0kB, "
              "shmem-rss:4kB, UID:0 pgtables:28kB oom_score_adj:500\n");
    EXPECT_EQ(line([&](seq_buf* s) { oom_reaped_line(s, c); }),
              "oom_reaper: reaped process 3 (oom_choice), now anon-rss:3088kB, file-rss:0kB, shmem-rss:4kB\n");
}

TEST(OomLog, DumpTasksIsLinuxsTable)
{
    oom_candidate c = task(4, 2564, -1000, 10);
    c.total_vm = 4611;
    EXPECT_EQ(line(dump_tasks_header),
              "Tasks state (memory values in pages):\n"
              "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents "
              "oom_score_adj name\n");
    EXPECT_EQ(line([&](seq_buf* s) { dump_tasks_row(s, c); }),
              "[      4]     0     4     4611     2564     2564        0         0    40960        0         -1000 "
              "task4\n");
}

TEST(OomLog, HeaderNamesTheGfpFlagsCompositeFirst)
{
    EXPECT_EQ(line([](seq_buf* s) { oom_header_line(s, "leak", GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0, -5); }),
              "leak invoked oom-killer: gfp_mask=0x8fa(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0, oom_score_adj=-5\n");
    EXPECT_EQ(line([](seq_buf* s) { format_gfp_flags(s, GFP_KERNEL | __GFP_COMP | (1u << 30)); }),
              "GFP_KERNEL|__GFP_COMP|0x40000000");
}

// --- an address space's figures and its reaping ---

class OomMmTest : public VmTest {};

TEST_P(OomMmTest, SplitsRssIntoAnonAndShmemAndCountsTotalVm)
{
    mm_struct* mm = mm_alloc();
    const unsigned long priv = mmap_anon(mm, 64 * PAGE_SIZE);
    const unsigned long shared = mmap_anon(mm, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
    hart.write_range(mm, priv, 40 * PAGE_SIZE, 1);
    hart.read_range(mm, priv + 40 * PAGE_SIZE, 24 * PAGE_SIZE);  // the zero page: in no rss
    hart.write_range(mm, shared, 10 * PAGE_SIZE, 2);
    oom_candidate c{};
    oom_fill_mm_counts(mm, &c, false);
    EXPECT_EQ(c.rss_anon, 40u);
    EXPECT_EQ(c.rss_shmem, 10u);
    EXPECT_EQ(c.rss_file, 0u);
    EXPECT_EQ(c.rss(), mm->rss);
    EXPECT_EQ(c.total_vm, 80u);
    EXPECT_EQ(c.pgtables, mm->nr_ptes);
    EXPECT_FALSE(c.mm_oom_skip);
    mmput(mm);
}

TEST_P(OomMmTest, PageCachePagesCountAsFile)
{
    mm_struct* mm = mm_alloc();
    const unsigned long priv = mmap_anon(mm, 4 * PAGE_SIZE);
    hart.write_range(mm, priv, 4 * PAGE_SIZE, 1);
    // A page of some file's page cache mapped here (as a file mapping would map it).
    int level = 0;
    page* p = pfn_to_page(pte_pfn(*walk_pgtable(mm->pgd, priv, &level)));
    address_space fake{};
    p->mapping = &fake;
    oom_candidate c{};
    oom_fill_mm_counts(mm, &c, false);
    p->mapping = nullptr;
    EXPECT_EQ(c.rss_file, 1u);
    EXPECT_EQ(c.rss_anon, 3u);
    mmput(mm);
}

TEST_P(OomMmTest, BusyLockCountsAllAsAnonUnlessTheCallerHoldsIt)
{
    mm_struct* mm = mm_alloc();
    const unsigned long shared = mmap_anon(mm, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
    hart.write_range(mm, shared, 4 * PAGE_SIZE, 2);
    mmap_write_lock(mm);
    oom_candidate c{};
    oom_fill_mm_counts(mm, &c, false);
    EXPECT_EQ(c.rss_anon, 4u);
    EXPECT_EQ(c.rss_shmem, 0u);
    EXPECT_EQ(c.total_vm, 0u);
    oom_fill_mm_counts(mm, &c, true);
    EXPECT_EQ(c.rss_anon, 0u);
    EXPECT_EQ(c.rss_shmem, 4u);
    EXPECT_EQ(c.total_vm, 4u);
    mmap_write_unlock(mm);
    mmput(mm);
}

TEST_P(OomMmTest, ReaperFreesPrivatePagesKeepsSharedAndMarksTheMm)
{
    mm_struct* mm = mm_alloc();
    const unsigned long priv = mmap_anon(mm, 2 * MiB);
    const unsigned long shared = mmap_anon(mm, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
    hart.write_range(mm, priv, 2 * MiB, 1);
    hart.write_range(mm, shared, 8 * PAGE_SIZE, 2);
    const unsigned long free_before = machine->nr_free();
    // Someone holds the lock: the reaper must not wait for it.
    mmap_read_lock(mm);
    EXPECT_FALSE(oom_reap_mm(mm));
    mmap_read_unlock(mm);
    EXPECT_FALSE(mm->oom_skip);
    ASSERT_TRUE(oom_reap_mm(mm));
    EXPECT_TRUE(mm->oom_skip);
    EXPECT_GE(machine->nr_free() - free_before, 2 * MiB / PAGE_SIZE);
    oom_candidate c{};
    oom_fill_mm_counts(mm, &c, false);
    EXPECT_EQ(c.rss_anon, 0u);
    EXPECT_EQ(c.rss_shmem, 8u);
    EXPECT_TRUE(c.mm_oom_skip);
    EXPECT_EQ(oom_badness(c, 8192), OOM_BADNESS_NEVER);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(OomMmTest);

// --- the page allocator's side: when out_of_memory is called ---

struct OomLog {
    int calls = 0;
    gfp_t gfp = 0;
    unsigned order = 0;
    page* victim_page = nullptr;  // what "killing" frees
    BuddyAllocator* buddy = nullptr;
};

bool fake_out_of_memory(gfp_t gfp, unsigned order, void* ctx)
{
    auto* log = static_cast<OomLog*>(ctx);
    ++log->calls;
    log->gfp = gfp;
    log->order = order;
    if (!log->victim_page) return false;  // nothing left to kill
    log->buddy->__free_pages(log->victim_page, 4);
    log->victim_page = nullptr;
    return true;
}

class OomAllocTest : public ::testing::Test {
protected:
    OomAllocTest() : m({{0, 1024}})
    {
        m.buddy.setup_per_zone_wmarks(400);  // min 100 pages
        log.buddy = &m.buddy;
        log.victim_page = m.buddy.alloc_pages(GFP_KERNEL, 4);
        m.buddy.set_oom_hooks(oom_hooks{fake_out_of_memory, &log});
        // Down to the min watermark: the next GFP_KERNEL page needs the OOM killer.
        while (m.buddy.nr_free_pages() > 100) EXPECT_NE(m.buddy.alloc_pages(GFP_ATOMIC, 0), nullptr);
    }

    MmMachine m;
    OomLog log;
};

TEST_F(OomAllocTest, KillsThenRetriesTheAllocation)
{
    EXPECT_NE(m.buddy.alloc_pages(GFP_HIGHUSER_MOVABLE, 0), nullptr);
    EXPECT_EQ(log.calls, 1);
    EXPECT_EQ(log.gfp, GFP_HIGHUSER_MOVABLE);
    // 16 pages came back; after them, no victim is left and the allocation fails.
    for (int i = 0; i < 15; ++i) EXPECT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(log.calls, 1);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(log.calls, 2);
}

TEST_F(OomAllocTest, CostlyNoretryThisnodeAndNoFsFailWithoutKilling)
{
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, PAGE_ALLOC_COSTLY_ORDER + 1), nullptr);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL | __GFP_NORETRY, 0), nullptr);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL | __GFP_THISNODE, 0), nullptr);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_NOIO, 0), nullptr);
    EXPECT_EQ(log.calls, 0);
    // A costly order is still allowed up to PAGE_ALLOC_COSTLY_ORDER.
    EXPECT_NE(m.buddy.alloc_pages(GFP_KERNEL, PAGE_ALLOC_COSTLY_ORDER), nullptr);
    EXPECT_EQ(log.calls, 1);
    EXPECT_EQ(log.order, PAGE_ALLOC_COSTLY_ORDER);
}

TEST_F(OomAllocTest, AllocationsThatMayNotSleepNeverKill)
{
    while (m.buddy.alloc_pages(GFP_ATOMIC, 0)) {
    }
    EXPECT_EQ(m.buddy.alloc_pages(GFP_NOWAIT, 0), nullptr);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_ATOMIC, 0), nullptr);
    EXPECT_EQ(log.calls, 0);
}

// Direct reclaim that claims progress on every call, and frees an order-4 block on the call
// `frees_at`.
struct ReclaimLog {
    int calls = 0;
    int frees_at = 0;
    page* held = nullptr;
    BuddyAllocator* buddy = nullptr;
};

unsigned long reclaim_one(zone*, gfp_t, unsigned, void* ctx)
{
    auto* r = static_cast<ReclaimLog*>(ctx);
    if (++r->calls == r->frees_at) r->buddy->__free_pages(r->held, 4);
    return 1;
}

unsigned long reclaim_nothing(zone*, gfp_t, unsigned, void* ctx)
{
    ++static_cast<ReclaimLog*>(ctx)->calls;
    return 0;
}

TEST_F(OomAllocTest, ReclaimWithProgressIsRetriedBeforeTheOomKiller)
{
    ReclaimLog r;
    r.buddy = &m.buddy;
    m.buddy.set_reclaim_hooks(reclaim_hooks{nullptr, reclaim_one, &r});
    // Progress that frees 16 pages on the third round serves the allocation without a kill
    // (they are the OOM killer's victim's, so afterwards it has none).
    r.held = log.victim_page;
    log.victim_page = nullptr;
    r.frees_at = 3;
    EXPECT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(r.calls, 3);
    EXPECT_EQ(log.calls, 0);
    // Progress that never serves it: MAX_RECLAIM_RETRIES rounds, then the OOM killer.
    while (m.buddy.nr_free_pages() > 100) ASSERT_NE(m.buddy.alloc_pages(GFP_ATOMIC, 0), nullptr);
    r.calls = 0;
    r.frees_at = 0;
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(r.calls, MAX_RECLAIM_RETRIES);
    EXPECT_EQ(log.calls, 1);
}

TEST_F(OomAllocTest, ReclaimWithoutProgressGoesStraightToTheOomKiller)
{
    ReclaimLog r;
    m.buddy.set_reclaim_hooks(reclaim_hooks{nullptr, reclaim_nothing, &r});
    EXPECT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(r.calls, 1);
    EXPECT_EQ(log.calls, 1);
}

}  // namespace
