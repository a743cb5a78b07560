// swapon of a disk formatted by mkswap (sw/kernel/mm/swapon.cpp) and swap I/O (mm/page_io.cpp)
// over an image file: the header read from the disk, Linux's log lines, and a page written to
// its slot and read back.
#include <cstring>
#include <vector>

#include "kernel/errno.h"
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "fs_test_support.h"

namespace {

class SwaponTest : public FsTest {
protected:
    // Without readahead unless a test asks for it, so that each page read is a fault's.
    SwaponTest() : saved_page_cluster_(page_cluster) { page_cluster = 0; }
    ~SwaponTest() override
    {
        page_cluster = saved_page_cluster_;
        for (unsigned t = 0; t < MAX_SWAPFILES; ++t)
            if (swap_info[t]) {
                EXPECT_EQ(swapoff_type(t), 0);
            }
    }
    unsigned saved_page_cluster_;
};

}  // namespace

TEST_F(SwaponTest, MkswapImageIsEnabledWithItsSize)
{
    ScratchImage img(std::string(SWAP_IMAGE));  // mkswap on 4 MiB: 1024 pages, the header one
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    const std::string log = host_printk_take();
    EXPECT_EQ(log.rfind("Adding 4092k swap on /dev/vdb.  Priority:", 0), 0u) << log;
    EXPECT_NE(log.find(" extents:1 across:4092k\n"), std::string::npos) << log;
    EXPECT_EQ(total_swap_pages(), 1023u);
    EXPECT_EQ(nr_swap_pages(), 1023u);
}

TEST_F(SwaponTest, BadSignatureIsRejectedWithALogLine)
{
    ScratchImage img(std::vector<char>(1 << 20, 0));
    HostBlockDevice dev(img.path(), false, "vdb");
    EXPECT_EQ(swapon_bdev(dev.bdev()), -EINVAL);
    EXPECT_EQ(host_printk_take(), "Unable to find swap-space signature (/dev/vdb)\nswapon: /dev/vdb: error -22\n");
    EXPECT_EQ(total_swap_pages(), 0u);
}

TEST_F(SwaponTest, PageWrittenToItsSlotReadsBack)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    {
        HostBlockDevice dev(img.path(), false, "vdb");
        ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
        page* p = alloc_page(GFP_KERNEL);
        auto* bytes = static_cast<unsigned char*>(page_address(p));
        for (unsigned i = 0; i < PAGE_SIZE; ++i) bytes[i] = static_cast<unsigned char>(i * 7 + 3);
        const swp_entry_t e = get_swap_page();
        swap_cache_lock();
        ASSERT_EQ(add_to_swap_cache(p, e), 0);
        ASSERT_EQ(swap_writepage(p), 0);
        EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), 1u);
        EXPECT_FALSE(test_page_flag(p, PG_writeback));
        ASSERT_EQ(swap_duplicate(e), 0);  // the PTE that now names the slot
        delete_from_swap_cache(p);        // reclaim freed the page
        swap_cache_unlock();
        __free_page(p);

        page* q = alloc_page(GFP_KERNEL | __GFP_ZERO);
        ASSERT_EQ(swapcache_prepare(e), 0);  // the fault's swap-in
        swap_cache_lock();
        ASSERT_EQ(add_to_swap_cache(q, e), 0);
        ASSERT_EQ(swap_readpage(q), 0);
        EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpin), 1u);
        const auto* got = static_cast<const unsigned char*>(page_address(q));
        for (unsigned i = 0; i < PAGE_SIZE; ++i) ASSERT_EQ(got[i], static_cast<unsigned char>(i * 7 + 3)) << i;
        delete_from_swap_cache(q);
        swap_cache_unlock();
        __free_page(q);
        swap_free(e);
        EXPECT_EQ(nr_swap_pages(), 1023u);
        EXPECT_EQ(swapoff_type(0), 0);
        const std::vector<char> disk = img.bytes();
        const unsigned long at = swp_offset(e) * PAGE_SIZE;
        EXPECT_EQ(static_cast<unsigned char>(disk[at + 1]), 10u) << "slot N is the device's page N";
    }
}

namespace {

// Reclaim at priority 0 as kswapd would run it, over node 0's lists.
void reclaim_passes(int passes)
{
    for (int i = 0; i < passes; ++i) {
        scan_control sc{};
        sc.nr_to_reclaim = ~0ul;
        sc.gfp_mask = GFP_KERNEL;
        sc.priority = 0;
        sc.may_writepage = sc.may_unmap = sc.may_swap = true;
        sc.kswapd = true;
        shrink_lruvec(&NODE_DATA(NodeId{0})->__lruvec, &sc);
    }
}

u8 pattern(unsigned long page, unsigned long byte) { return u8(page * 31 + byte * 7 + 1); }

}  // namespace

// Anonymous pages shared by fork go to swap through reclaim (every PTE replaced by the entry,
// the slot counting both), come back on fault (the first a major fault, the other process's a
// swap-cache hit), copy on write as before, and every slot is freed when the processes go.
TEST_F(SwaponTest, ForkSharedAnonymousPagesSwapOutAndBack)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    constexpr unsigned long N = 64;
    mm_struct* parent = mm_alloc();
    const unsigned long base = do_mmap(parent, 0, N * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    FakeHart hart;
    for (unsigned long i = 0; i < N; ++i) {
        ASSERT_TRUE(hart.write(parent, base + i * PAGE_SIZE, 0));
        u8* b = FakeHart::byte_at(parent, base + i * PAGE_SIZE);
        for (unsigned long j = 0; j < PAGE_SIZE; ++j) b[j] = pattern(i, j);
    }
    mm_struct* child = dup_mm(parent);
    reclaim_passes(4);  // activated (two PTEs used it), deactivated with A cleared, swapped
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), N);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pgsteal_anon), N);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pgsteal_file), 0u);
    EXPECT_GE(read_vm_event(&memvp_vmstat::pgscan_anon), N);
    EXPECT_EQ(parent->rss, 0u);
    EXPECT_EQ(child->rss, 0u);
    EXPECT_EQ(parent->swapents, N);
    EXPECT_EQ(child->swapents, N);
    EXPECT_EQ(nr_swap_pages(), 1023 - N);
    EXPECT_EQ(total_swapcache_pages(), 0u);
    int level = 0;
    const pte_t* e = walk_pgtable(parent->pgd, base, &level);
    ASSERT_TRUE(is_swap_pte(*e));
    EXPECT_EQ(swap_count(pte_to_swp_entry(*e)), 2u) << "the parent's and the child's PTE";

    for (unsigned long i = 0; i < N; ++i) ASSERT_TRUE(hart.read(parent, base + i * PAGE_SIZE));
    EXPECT_EQ(hart.major, N);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpin), N);
    EXPECT_EQ(total_swapcache_pages(), N) << "the child's entries still name the slots";
    FakeHart child_hart;
    for (unsigned long i = 0; i < N; ++i) ASSERT_TRUE(child_hart.read(child, base + i * PAGE_SIZE));
    EXPECT_EQ(child_hart.major, 0u) << "swap-cache hits";
    EXPECT_EQ(total_swapcache_pages(), N) << "clean copies: swap is less than half full";
    EXPECT_EQ(swap_count(pte_to_swp_entry(*e)), 0u) << "no entry names the slots any more";
    EXPECT_EQ(nr_swap_pages(), 1023 - N) << "the slots stay with the cached pages";
    for (unsigned long i = 0; i < N; ++i)
        for (unsigned long j = 0; j < PAGE_SIZE; ++j) {
            ASSERT_EQ(*FakeHart::byte_at(parent, base + i * PAGE_SIZE + j), pattern(i, j)) << i << " " << j;
            ASSERT_EQ(*FakeHart::byte_at(child, base + i * PAGE_SIZE + j), pattern(i, j)) << i << " " << j;
        }
    ASSERT_TRUE(hart.write(parent, base, 0xee));  // shared: copied
    EXPECT_EQ(*FakeHart::byte_at(child, base), pattern(0, 0));
    EXPECT_EQ(total_swapcache_pages(), N) << "the child still maps the original";

    const unsigned long written = read_vm_event(&memvp_vmstat::pswpout);
    reclaim_passes(4);  // out again, then gone with the processes
    EXPECT_GT(parent->swapents, 0u);
    EXPECT_LE(read_vm_event(&memvp_vmstat::pswpout) - written, 1u) << "only the parent's copy is written";
    mmput(parent);
    mmput(child);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    EXPECT_EQ(total_swapcache_pages(), 0u);
}

namespace {

// n anonymous pages of a fresh process, each byte pattern(page, byte), swapped out by reclaim.
unsigned long map_and_swap_out(mm_struct* mm, FakeHart& hart, unsigned long n)
{
    const unsigned long base = do_mmap(mm, 0, n * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    for (unsigned long i = 0; i < n; ++i) {
        EXPECT_TRUE(hart.write(mm, base + i * PAGE_SIZE, 0));
        u8* b = FakeHart::byte_at(mm, base + i * PAGE_SIZE);
        for (unsigned long j = 0; j < PAGE_SIZE; ++j) b[j] = pattern(i, j);
    }
    reclaim_passes(4);
    EXPECT_EQ(mm->rss, 0u);
    EXPECT_EQ(mm->swapents, n);
    return base;
}

}  // namespace

// Linux do_swap_page with should_try_to_free_swap: a page read back keeps its slot while swap is
// less than half full, so reclaim frees it again without a write; a write fault, or a write to
// a page already read back, frees the slot (the copy on swap is stale), and reclaim writes the
// page again.
TEST_F(SwaponTest, SwapInKeepsACleanCopyUntilWritten)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    constexpr unsigned long N = 64;
    mm_struct* mm = mm_alloc();
    FakeHart hart;
    const unsigned long base = map_and_swap_out(mm, hart, N);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), N);
    EXPECT_FALSE(vm_swap_full());

    for (unsigned long i = 0; i < N; ++i) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    EXPECT_EQ(hart.major, N);
    EXPECT_EQ(total_swapcache_pages(), N) << "each page read back stays in the swap cache";
    EXPECT_EQ(nr_swap_pages(), 1023 - N) << "with its slot";
    reclaim_passes(4);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), N) << "clean copies are freed without a write";
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pgsteal_anon), 2 * N);
    EXPECT_EQ(mm->swapents, N);
    EXPECT_EQ(total_swapcache_pages(), 0u);
    EXPECT_EQ(nr_swap_pages(), 1023 - N);

    // Page 0 read back, then written: its slot goes at the write (do_wp_page). Page 1 written
    // straight away: its slot goes at the fault (do_swap_page).
    ASSERT_TRUE(hart.read(mm, base));
    EXPECT_EQ(total_swapcache_pages(), 1u);
    ASSERT_TRUE(hart.write(mm, base + 1, 0xaa));
    ASSERT_TRUE(hart.write(mm, base + PAGE_SIZE + 1, 0xbb));
    EXPECT_EQ(hart.major, N + 2);
    EXPECT_EQ(total_swapcache_pages(), 0u);
    EXPECT_EQ(nr_swap_pages(), 1023 - N + 2);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::cow_copies), 0u) << "both reused in place";
    reclaim_passes(4);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), N + 2) << "the two written pages go out again";
    EXPECT_EQ(nr_swap_pages(), 1023 - N);
    for (unsigned long i = 0; i < N; ++i)
        for (unsigned long j = 0; j < PAGE_SIZE; j += 97) {
            ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE + j));
            const u8 want = i == 0 && j == 1 ? 0xaa : i == 1 && j == 1 ? 0xbb : pattern(i, j);
            ASSERT_EQ(*FakeHart::byte_at(mm, base + i * PAGE_SIZE + j), want) << i << " " << j;
        }
    mmput(mm);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    EXPECT_EQ(total_swapcache_pages(), 0u);
}

// Linux vm_swap_full: with more than half the slots in use, a page read back gives up its slot.
TEST_F(SwaponTest, SwapInFreesTheSlotWhenSwapIsHalfFull)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    constexpr unsigned long N = 600;  // of 1023 slots
    mm_struct* mm = mm_alloc();
    FakeHart hart;
    const unsigned long base = map_and_swap_out(mm, hart, N);
    EXPECT_TRUE(vm_swap_full());
    // Read back until half the slots are free again (1023 - 600 + k >= 512 at k = 89): those
    // pages give up their slots, the later ones keep them.
    for (unsigned long i = 0; i < 100; ++i) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    EXPECT_EQ(nr_swap_pages(), 1023 - N + 89);
    EXPECT_EQ(total_swapcache_pages(), 100u - 89);
    EXPECT_FALSE(vm_swap_full());
    for (unsigned long i = 0; i < 100; ++i) ASSERT_EQ(*FakeHart::byte_at(mm, base + i * PAGE_SIZE + 5), pattern(i, 5)) << i;
    mmput(mm);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    EXPECT_EQ(total_swapcache_pages(), 0u);
}

// Linux swap_cluster_readahead with page-cluster 3: reading back a swapped-out range faults
// for some pages and finds the others read ahead in the swap cache. Every page is read from
// swap exactly once, either for its fault or ahead of it, and each read ahead is then a hit.
TEST_F(SwaponTest, ReadaheadReadsTheWindowAroundAFault)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    constexpr unsigned long N = 64;
    mm_struct* mm = mm_alloc();
    FakeHart hart;
    const unsigned long base = map_and_swap_out(mm, hart, N);
    page_cluster = 3;
    for (unsigned long i = 0; i < N; ++i) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    const unsigned long ra = read_vm_event(&memvp_vmstat::swap_ra);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpin), N) << "each page read once";
    EXPECT_EQ(hart.major + ra, N) << "for its fault or ahead of it";
    EXPECT_EQ(read_vm_event(&memvp_vmstat::swap_ra_hit), ra) << "every page read ahead was used";
    // Slot 256 + i holds page i (cluster 1, filled in the order reclaim took them). Linux's
    // windows: page 0 one slot (no hits, not next to the last fault), page 1 two (next to it:
    // 256 is cached already), page 2 two (259 ahead), page 4 four after one hit (261..263),
    // page 8 eight after three (7 ahead), and eight from then on at pages 16, 24, ... 56.
    EXPECT_EQ(hart.major, 11u);
    EXPECT_EQ(ra, 1u + 3u + 7u * 7u);
    EXPECT_EQ(total_swapcache_pages(), N);
    for (unsigned long i = 0; i < N; ++i) ASSERT_EQ(*FakeHart::byte_at(mm, base + i * PAGE_SIZE + 9), pattern(i, 9)) << i;

    // Out again (clean copies: no write), then read back with page-cluster 0: no readahead.
    reclaim_passes(4);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), N);
    page_cluster = 0;
    const unsigned long major = hart.major;
    for (unsigned long i = 0; i < N; ++i) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    EXPECT_EQ(hart.major - major, N);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::swap_ra), ra);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpin), 2 * N);
    mmput(mm);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    EXPECT_EQ(total_swapcache_pages(), 0u);
}

// Readahead pages nobody faults on are on the inactive anon list, clean: reclaim frees them
// without a write, and an unmap of their entries frees them with their slots.
TEST_F(SwaponTest, UnusedReadaheadPagesAreReclaimedOrFreedWithTheirSlots)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    constexpr unsigned long N = 64;
    mm_struct* mm = mm_alloc();
    FakeHart hart;
    const unsigned long base = map_and_swap_out(mm, hart, N);
    page_cluster = 3;
    // Adjacent faults open a window of two, its hit widens it to four: pages 0 to 4 leave three
    // read ahead and unused.
    for (unsigned long i = 0; i < 5; ++i) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    const unsigned long ra = read_vm_event(&memvp_vmstat::swap_ra);
    EXPECT_EQ(total_swapcache_pages(), hart.major + ra);
    EXPECT_GE(ra - read_vm_event(&memvp_vmstat::swap_ra_hit), 3u);
    reclaim_passes(4);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), N) << "nothing written again";
    EXPECT_EQ(total_swapcache_pages(), 0u);
    for (unsigned long i = 0; i < N; i += 16) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    EXPECT_EQ(do_munmap(mm, base, N * PAGE_SIZE), 0);
    EXPECT_EQ(total_swapcache_pages(), 0u) << "the cached pages went with their entries";
    EXPECT_EQ(nr_swap_pages(), 1023u);
    mmput(mm);
}

// Linux 5.9 anonymous workingset detection: a page reclaimed from the swap cache leaves a
// shadow at its slot; read back, it counts as a refault, the shadow gone.
TEST_F(SwaponTest, SwappedOutPagesRefaultThroughTheirShadows)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    constexpr unsigned long N = 64;
    mm_struct* mm = mm_alloc();
    FakeHart hart;
    const unsigned long base = map_and_swap_out(mm, hart, N);
    EXPECT_FALSE(xa_empty(&swap_info[0]->shadows));
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_refault_anon), 0u);
    for (unsigned long i = 0; i < N; ++i) ASSERT_TRUE(hart.read(mm, base + i * PAGE_SIZE));
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_refault_anon), N);
    EXPECT_TRUE(xa_empty(&swap_info[0]->shadows)) << "each shadow taken by its refault";
    mmput(mm);
}

// The refault distance against the workingset size: the file lists plus, while swap has a free
// slot, the active anon list. Active before: restored (PG_workingset).
TEST_F(SwaponTest, AnonRefaultActivatesWithinFileAndActiveAnonLists)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    lruvec* lv = &NODE_DATA(NodeId{0})->__lruvec;
    ASSERT_EQ(lv->nr_pages[LRU_ACTIVE_FILE] + lv->nr_pages[LRU_INACTIVE_FILE] + lv->nr_pages[LRU_ACTIVE_ANON], 0u);
    std::vector<page*> active;
    for (int i = 0; i < 10; ++i) {
        page* a = alloc_page(GFP_KERNEL);
        set_page_flag(a, PG_active);
        lru_cache_add_anon(a);
        active.push_back(a);
    }
    page* victim = alloc_page(GFP_KERNEL);
    set_page_flag(victim, PG_workingset);
    void* shadow = workingset_eviction(victim);  // the clock moves on by this eviction
    workingset_age_nonresident(lv, 9);           // distance 10: fits the 10 active pages
    page* p = alloc_page(GFP_KERNEL);
    workingset_refault_anon(p, shadow);
    EXPECT_TRUE(PageActive(p));
    EXPECT_TRUE(test_page_flag(p, PG_workingset));
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_activate_anon), 1u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_restore_anon), 1u);

    shadow = workingset_eviction(victim);
    workingset_age_nonresident(lv, 10);  // distance 11: one too far
    page* q = alloc_page(GFP_KERNEL);
    workingset_refault_anon(q, shadow);
    EXPECT_FALSE(PageActive(q));
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_refault_anon), 2u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_activate_anon), 1u);

    ASSERT_EQ(swapoff_type(0), 0);  // no swap: the active anon list is no working set
    shadow = workingset_eviction(victim);
    page* r = alloc_page(GFP_KERNEL);
    workingset_refault_anon(r, shadow);  // distance 1
    EXPECT_FALSE(PageActive(r));
    EXPECT_EQ(read_vm_event(&memvp_vmstat::workingset_activate_anon), 1u);
    for (page* x : {p, q, r, victim}) __free_page(x);
    for (page* a : active) __free_page(a);
}

// Linux get_scan_count's split with vm.swappiness: anon : file = swappiness : 200 - swappiness
// (rounded up), both alike at priority 0, file only without a free swap slot.
TEST_F(SwaponTest, GetScanCountWeighsAnonAgainstFileBySwappiness)
{
    lruvec lv{};
    lv.nr_pages[LRU_INACTIVE_ANON] = 4000;
    lv.nr_pages[LRU_ACTIVE_ANON] = 400;
    lv.nr_pages[LRU_INACTIVE_FILE] = 2000;
    lv.nr_pages[LRU_ACTIVE_FILE] = 2000;
    scan_control sc{};
    sc.may_swap = true;
    sc.priority = 2;
    unsigned long nr[NR_LRU_LISTS];
    const unsigned saved = vm_swappiness;
    get_scan_count(&lv, &sc, nr);
    EXPECT_EQ(nr[LRU_INACTIVE_ANON], 0u) << "no swap: SCAN_FILE";
    EXPECT_EQ(nr[LRU_INACTIVE_FILE], 500u);

    ScratchImage img(std::string(SWAP_IMAGE));
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    struct Row {
        unsigned swappiness;
        int priority;
        unsigned long inactive_anon, active_anon, inactive_file;
    };
    for (const Row& r : {Row{60, 2, 300, 30, 350}, Row{0, 2, 0, 0, 500}, Row{100, 2, 500, 50, 250},
                         Row{200, 2, 1000, 100, 0}, Row{60, 0, 4000, 400, 2000}, Row{0, 0, 0, 0, 2000}}) {
        vm_swappiness = r.swappiness;
        sc.priority = r.priority;
        get_scan_count(&lv, &sc, nr);
        EXPECT_EQ(nr[LRU_INACTIVE_ANON], r.inactive_anon) << r.swappiness << " at " << r.priority;
        EXPECT_EQ(nr[LRU_ACTIVE_ANON], r.active_anon) << r.swappiness << " at " << r.priority;
        EXPECT_EQ(nr[LRU_INACTIVE_FILE], r.inactive_file) << r.swappiness << " at " << r.priority;
    }
    sc.may_swap = false;  // node reclaim without RECLAIM_UNMAP
    vm_swappiness = 60;
    get_scan_count(&lv, &sc, nr);
    EXPECT_EQ(nr[LRU_INACTIVE_ANON], 0u);
    vm_swappiness = saved;
}
