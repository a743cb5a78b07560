// Reclaim on the host (sw/kernel/mm/swap.cpp, vmscan.cpp): pages of a file kept in memory by a
// stand-in file system enter the inactive file list, move to the active one on their second
// read, leave on truncation; shrink_inactive_list frees clean unreferenced pages (counted),
// kswapd writes dirty ones and frees them on the next pass, direct reclaim does not write; a
// page someone holds is activated, not freed; shrink_active_list refills a short inactive list;
// balance_pgdat stops at the high watermark; inactive_is_low follows Linux's ratio.
#include <cstring>

#include "fs/fs.h"
#include "fs_test_support.h"
#include "mm/pagemap.h"
#include "mm/vmscan.h"

namespace {

// A file whose page i holds bytes of value i + 1; writepage counts what it was asked to write.
struct FakeFile {
    static inline unsigned long writes = 0;

    static int fill(address_space*, page* p)
    {
        std::memset(page_address(p), int(p->index + 1), PAGE_SIZE);
        return 0;
    }
    static int readahead(address_space* m, page** pages, unsigned nr)
    {
        for (unsigned i = 0; i < nr; ++i) fill(m, pages[i]);
        return 0;
    }
    static int writepage(address_space*, page*)
    {
        ++writes;
        return 0;
    }
    static int write_begin(address_space*, u64, unsigned) { return 0; }
    static constexpr address_space_operations a_ops{fill, writepage, readahead, write_begin};

    explicit FakeFile(unsigned long pages)
    {
        ino.i_size = pages * PAGE_SIZE;
        ino.i_data.host = &ino;
        ino.i_data.a_ops = &a_ops;
        writes = 0;
    }
    ~FakeFile() { truncate_inode_pages(&ino.i_data, 0); }

    void read_all()
    {
        std::vector<char> buf(ino.i_size);
        ASSERT_EQ(generic_file_read(&ino.i_data, buf.data(), buf.size(), 0), long(buf.size()));
    }
    page* cached(unsigned long index) { return static_cast<page*>(xa_load(&ino.i_data.i_pages, index)); }

    inode ino{};
};

class Reclaim : public FsTest {
protected:
    lruvec* lv() { return &NODE_DATA(NodeId{0})->__lruvec; }
    unsigned long on(lru_list lru) { return lv()->nr_pages[lru]; }
    static u64 event(vm_event_field f) { return read_vm_event(f); }
    scan_control control(bool kswapd, gfp_t gfp = GFP_KERNEL)
    {
        scan_control sc{};
        sc.nr_to_reclaim = SWAP_CLUSTER_MAX;
        sc.gfp_mask = gfp;
        sc.kswapd = kswapd;
        sc.may_writepage = kswapd;
        return sc;
    }
};

}  // namespace

TEST_F(Reclaim, FilePagesEnterInactiveAndMoveToActiveOnTheSecondRead)
{
    FakeFile f(40);
    f.read_all();
    EXPECT_EQ(on(LRU_INACTIVE_FILE), 40u);
    EXPECT_EQ(on(LRU_ACTIVE_FILE), 0u);
    EXPECT_TRUE(PageLRU(f.cached(7)) && !PageActive(f.cached(7)));
    f.read_all();
    EXPECT_EQ(on(LRU_INACTIVE_FILE), 0u);
    EXPECT_EQ(on(LRU_ACTIVE_FILE), 40u);
    EXPECT_EQ(event(&memvp_vmstat::pgactivate), 40u);
    truncate_inode_pages(&f.ino.i_data, 0);
    EXPECT_EQ(on(LRU_ACTIVE_FILE), 0u);
}

TEST_F(Reclaim, AnonymousPagesUseTheAnonListsAndLeaveThemWhenFreed)
{
    page* p = alloc_page(GFP_KERNEL);
    lru_cache_add_anon(p);
    EXPECT_EQ(on(LRU_INACTIVE_ANON), 1u);
    EXPECT_EQ(on(LRU_INACTIVE_FILE), 0u);
    __free_page(p);
    EXPECT_EQ(on(LRU_INACTIVE_ANON), 0u);
    EXPECT_FALSE(PageLRU(p) || PageSwapBacked(p));
}

TEST_F(Reclaim, ShrinkInactiveFreesCleanPagesFromTheTail)
{
    FakeFile f(100);
    f.read_all();
    const unsigned long free_before = machine.buddy.nr_free_pages();
    scan_control sc = control(false);
    EXPECT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &sc, LRU_INACTIVE_FILE), SWAP_CLUSTER_MAX);
    // The oldest pages (the file's first ones, added first) were at the tail.
    EXPECT_EQ(f.cached(0), nullptr);
    EXPECT_EQ(f.cached(31), nullptr);
    EXPECT_NE(f.cached(32), nullptr);
    EXPECT_EQ(f.ino.i_data.nrpages, 68u);
    EXPECT_EQ(on(LRU_INACTIVE_FILE), 68u);
    EXPECT_EQ(machine.buddy.nr_free_pages(), free_before + SWAP_CLUSTER_MAX);
    EXPECT_EQ(event(&memvp_vmstat::pgscan_direct), SWAP_CLUSTER_MAX);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_direct), SWAP_CLUSTER_MAX);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_kswapd), 0u);
    EXPECT_EQ(event(&memvp_vmstat::nr_file_pages), 68u);
    // What is read again comes back from the file.
    std::vector<char> buf(PAGE_SIZE);
    ASSERT_EQ(generic_file_read(&f.ino.i_data, buf.data(), PAGE_SIZE, 5 * PAGE_SIZE), long(PAGE_SIZE));
    EXPECT_EQ(buf[100], 6);
}

TEST_F(Reclaim, KswapdWritesDirtyPagesAndFreesThemOnALaterPass)
{
    FakeFile f(0);
    const std::string data(8 * PAGE_SIZE, 'w');
    ASSERT_EQ(generic_perform_write(&f.ino.i_data, data.data(), data.size(), 0), long(data.size()));
    f.ino.i_size = data.size();
    ASSERT_EQ(event(&memvp_vmstat::nr_dirty), 8u);
    scan_control direct = control(false);
    EXPECT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &direct, LRU_INACTIVE_FILE), 0u);
    EXPECT_EQ(FakeFile::writes, 0u) << "direct reclaim leaves dirty pages to the flusher";
    scan_control kswapd = control(true);
    EXPECT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &kswapd, LRU_INACTIVE_FILE), 0u);
    EXPECT_EQ(FakeFile::writes, 8u);
    EXPECT_EQ(event(&memvp_vmstat::nr_vmscan_write), 8u);
    EXPECT_EQ(event(&memvp_vmstat::nr_dirty), 0u);
    EXPECT_EQ(event(&memvp_vmstat::nr_writeback), 0u);
    EXPECT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &kswapd, LRU_INACTIVE_FILE), 8u);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_kswapd), 8u);
    EXPECT_EQ(f.ino.i_data.nrpages, 0u);
}

TEST_F(Reclaim, PagesOthersHoldAreActivatedNotFreed)
{
    FakeFile f(4);
    f.read_all();
    page* held = find_get_page(&f.ino.i_data, 2);  // as a mapping or a read in progress would
    scan_control sc = control(false);
    EXPECT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &sc, LRU_INACTIVE_FILE), 3u);
    EXPECT_EQ(f.cached(2), held);
    EXPECT_TRUE(PageActive(held) && PageLRU(held));
    EXPECT_EQ(on(LRU_ACTIVE_FILE), 1u);
    EXPECT_EQ(event(&memvp_vmstat::pgactivate), 1u);
    put_cache_page(held);
}

TEST_F(Reclaim, WithoutGfpFsThePageCacheIsLeftAlone)
{
    FakeFile f(10);
    f.read_all();
    scan_control sc = control(false, GFP_NOFS);
    EXPECT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &sc, LRU_INACTIVE_FILE), 0u);
    EXPECT_EQ(event(&memvp_vmstat::pgscan_direct), 0u);
    EXPECT_EQ(f.ino.i_data.nrpages, 10u);
}

TEST_F(Reclaim, ShrinkLruvecDeactivatesWhenTheInactiveListIsShort)
{
    FakeFile f(64);
    f.read_all();
    f.read_all();  // all active now
    ASSERT_EQ(on(LRU_ACTIVE_FILE), 64u);
    ASSERT_TRUE(inactive_is_low(lv(), LRU_INACTIVE_FILE));
    scan_control sc = control(false);
    sc.priority = 0;
    shrink_lruvec(lv(), &sc);
    EXPECT_EQ(event(&memvp_vmstat::pgrefill), event(&memvp_vmstat::pgdeactivate));
    EXPECT_GT(event(&memvp_vmstat::pgdeactivate), 0u);
    EXPECT_FALSE(inactive_is_low(lv(), LRU_INACTIVE_FILE));
}

TEST_F(Reclaim, InactiveIsLowUsesLinuxsRatio)
{
    lruvec v{};
    v.nr_pages[LRU_INACTIVE_FILE] = 100;
    v.nr_pages[LRU_ACTIVE_FILE] = 100;
    EXPECT_FALSE(inactive_is_low(&v, LRU_INACTIVE_FILE));  // below 1 GiB the ratio is 1
    v.nr_pages[LRU_ACTIVE_FILE] = 101;
    EXPECT_TRUE(inactive_is_low(&v, LRU_INACTIVE_FILE));
    // 4 GiB in all: ratio int_sqrt(40) = 6.
    v.nr_pages[LRU_INACTIVE_FILE] = 150000;
    v.nr_pages[LRU_ACTIVE_FILE] = (4ul << 18) - 150000;
    EXPECT_FALSE(inactive_is_low(&v, LRU_INACTIVE_FILE));  // 6 * 150000 >= 898576
    v.nr_pages[LRU_INACTIVE_FILE] = 140000;
    v.nr_pages[LRU_ACTIVE_FILE] = (4ul << 18) - 140000;
    EXPECT_TRUE(inactive_is_low(&v, LRU_INACTIVE_FILE));
}

TEST_F(Reclaim, BalancePgdatStopsAtTheHighWatermark)
{
    FakeFile f(4096);
    f.read_all();
    pglist_data* pgdat = NODE_DATA(NodeId{0});
    // Watermarks that put free memory 1000 pages below high.
    const unsigned long free = machine.buddy.nr_free_pages();
    machine.buddy.setup_per_zone_wmarks((free + 1000) * 2 / 3 * 4);
    ASSERT_FALSE(pgdat_balanced(pgdat, 0));
    const unsigned long reclaimed = balance_pgdat(pgdat, 0);
    EXPECT_TRUE(pgdat_balanced(pgdat, 0));
    EXPECT_GE(reclaimed, 1000u);
    EXPECT_LT(reclaimed, 1000u + 2 * SWAP_CLUSTER_MAX) << "kswapd goes on to high, not much further";
    EXPECT_EQ(event(&memvp_vmstat::pageoutrun), 1u);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_kswapd), reclaimed);
    EXPECT_EQ(pgdat->kswapd_failures, 0u);
}

TEST_F(Reclaim, DirectReclaimReportsNoProgressWhenNothingIsReclaimable)
{
    zone* z = &NODE_DATA(NodeId{0})->node_zones[ZONE_NORMAL];
    EXPECT_EQ(do_try_to_free_pages(z, GFP_KERNEL, 0), 0u);
    FakeFile f(100);
    f.read_all();
    // Passes at falling priority, each over list size >> priority pages, until 32 are free.
    const unsigned long reclaimed = do_try_to_free_pages(z, GFP_KERNEL, 0);
    EXPECT_GE(reclaimed, SWAP_CLUSTER_MAX);
    EXPECT_LT(reclaimed, 2 * SWAP_CLUSTER_MAX);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_direct), reclaimed);
}
