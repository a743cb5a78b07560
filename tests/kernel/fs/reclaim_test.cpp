// Reclaim on the host (sw/kernel/mm/swap.cpp, vmscan.cpp): pages of a file kept in memory by a
// stand-in file system enter the inactive file list, move to the active one on their second
// read, leave on truncation; shrink_inactive_list frees clean unreferenced pages (counted),
// kswapd writes dirty ones and frees them on the next pass, direct reclaim does not write; a
// page someone holds or maps is activated, not freed; shrink_active_list refills a short
// inactive list; balance_pgdat stops at the high watermark; inactive_is_low follows Linux's
// ratio; a seeded random mix keeps the lists, the counters and the files' bytes consistent; a
// refault within the active list's size comes back active (workingset).
#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <random>

#include "fs/fs.h"
#include "fs_test_support.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/vmscan.h"

namespace {

// A file on a stand-in disk (bytes in memory), whose page i starts out holding bytes of value
// i + 1; writepage stores the page and counts the writes.
struct FakeFile {
    static inline unsigned long writes = 0;
    static inline std::map<const inode*, FakeFile*> files;

    static FakeFile* of(const address_space* m) { return files.at(m->host); }
    static int fill(address_space* m, page* p)
    {
        const std::vector<char>& disk = of(m)->disk;
        const unsigned long at = p->index * PAGE_SIZE;
        const unsigned long n = at < disk.size() ? std::min(PAGE_SIZE, disk.size() - at) : 0;
        std::memset(page_address(p), 0, PAGE_SIZE);
        if (n) std::memcpy(page_address(p), disk.data() + at, n);
        return 0;
    }
    static int readahead(address_space* m, page** pages, unsigned nr)
    {
        for (unsigned i = 0; i < nr; ++i) fill(m, pages[i]);
        return 0;
    }
    static int writepage(address_space* m, page* p)
    {
        std::vector<char>& disk = of(m)->disk;
        const unsigned long at = p->index * PAGE_SIZE;
        if (disk.size() < at + PAGE_SIZE) disk.resize(at + PAGE_SIZE);
        std::memcpy(disk.data() + at, page_address(p), PAGE_SIZE);
        ++writes;
        return 0;
    }
    static int write_begin(address_space*, u64, unsigned) { return 0; }
    static constexpr address_space_operations a_ops{fill, writepage, readahead, write_begin};

    explicit FakeFile(unsigned long pages)
    {
        for (unsigned long i = 0; i < pages; ++i) disk.insert(disk.end(), PAGE_SIZE, char(i + 1));
        ino.i_size = pages * PAGE_SIZE;
        ino.i_data.host = &ino;
        ino.i_data.a_ops = &a_ops;
        files[&ino] = this;
        writes = 0;
    }
    ~FakeFile()
    {
        truncate_inode_pages(&ino.i_data, 0);
        files.erase(&ino);
    }
    FakeFile(const FakeFile&) = delete;
    FakeFile& operator=(const FakeFile&) = delete;

    void read_all()
    {
        std::vector<char> buf(ino.i_size);
        ASSERT_EQ(generic_file_read(&ino.i_data, buf.data(), buf.size(), 0), long(buf.size()));
    }
    page* cached(unsigned long index) { return static_cast<page*>(xa_load(&ino.i_data.i_pages, index)); }

    inode ino{};
    std::vector<char> disk;
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
        sc.may_unmap = true;
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
    EXPECT_EQ(event(&memvp_vmstat::pgscan_file), SWAP_CLUSTER_MAX);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_file), SWAP_CLUSTER_MAX);
    EXPECT_EQ(event(&memvp_vmstat::pgscan_anon), 0u);
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_anon), 0u);
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

namespace {

// Every list walked: its length is its count, each page's flags name that list, a file page is
// in its file's cache at its index; the file lists hold every cached page (nothing is isolated
// between steps).
void check_lru_census(lruvec* lv, unsigned long anon_pages)
{
    unsigned long file_pages = 0;
    for (unsigned l = 0; l < NR_LRU_LISTS; ++l) {
        const lru_list lru = lru_list(l);
        unsigned long n = 0;
        list_for_each_entry(p, &lv->lists[lru], page, lru) {
            ++n;
            ASSERT_TRUE(PageLRU(p));
            ASSERT_EQ(page_lru(p), lru);
            ASSERT_GT(page_ref_count(p), 0);
            if (is_file_lru(lru)) {
                ASSERT_NE(p->mapping, nullptr);
                ASSERT_EQ(xa_load(&p->mapping->i_pages, p->index), p);
            }
        }
        ASSERT_EQ(n, lv->nr_pages[lru]) << "list " << l;
        if (is_file_lru(lru)) file_pages += n;
    }
    ASSERT_EQ(file_pages, read_vm_event(&memvp_vmstat::nr_file_pages));
    ASSERT_EQ(lv->nr_pages[LRU_INACTIVE_ANON] + lv->nr_pages[LRU_ACTIVE_ANON], anon_pages);
}

}  // namespace

// A seeded random mix of reads, writes, truncations, anonymous pages coming and going and
// reclaim passes of every kind, checked after each step by the census above, by the bytes read
// against a model of the files, and at the end by every page coming back to the allocator.
TEST_F(Reclaim, RandomMixKeepsListsCountsAndDataConsistent)
{
    constexpr unsigned kFiles = 3, kPages = 96;
    std::mt19937 rng{20261207};
    std::vector<std::unique_ptr<FakeFile>> files;
    std::vector<std::vector<char>> model(kFiles);
    for (unsigned i = 0; i < kFiles; ++i) {
        files.push_back(std::make_unique<FakeFile>(kPages));
        for (unsigned long pg = 0; pg < kPages; ++pg) model[i].insert(model[i].end(), PAGE_SIZE, char(pg + 1));
    }
    std::vector<page*> anon;
    const unsigned long free_at_start = machine.nr_free();
    for (int step = 0; step < 3000; ++step) {
        const unsigned f = rng() % kFiles;
        address_space* m = &files[f]->ino.i_data;
        const unsigned long size = files[f]->ino.i_size;
        const unsigned long pos = size ? rng() % size : 0, len = 1 + rng() % (6 * PAGE_SIZE);
        switch (rng() % 8) {
        case 0:
        case 1: {  // read and compare
            std::vector<char> buf(len);
            const long n = generic_file_read(m, buf.data(), len, pos);
            ASSERT_EQ(n, long(std::min(len, size - pos)));
            ASSERT_EQ(std::memcmp(buf.data(), model[f].data() + pos, size_t(n)), 0) << "step " << step;
            break;
        }
        case 2: {  // write inside the file
            const unsigned long n = std::min(len, size - pos);
            std::vector<char> buf(n, char('a' + rng() % 26));
            ASSERT_EQ(generic_perform_write(m, buf.data(), n, pos), long(n));
            std::memcpy(model[f].data() + pos, buf.data(), n);
            break;
        }
        case 3: {  // truncate to a page boundary; the dropped pages' data is gone
            if (rng() % 4) break;
            const unsigned long keep = (rng() % (kPages + 1)) * PAGE_SIZE;
            if (keep >= size) break;
            truncate_inode_pages(m, keep);
            files[f]->ino.i_size = keep;
            files[f]->disk.resize(keep);
            model[f].resize(keep);
            break;
        }
        case 4:  // anonymous pages
            if (anon.size() < 64 && rng() % 2) {
                page* p = alloc_page(GFP_KERNEL);
                lru_cache_add_anon(p);
                anon.push_back(p);
            } else if (!anon.empty()) {
                const size_t k = rng() % anon.size();
                __free_page(anon[k]);
                anon.erase(anon.begin() + long(k));
            }
            break;
        default: {  // reclaim
            scan_control sc = control(rng() % 2, rng() % 5 ? GFP_KERNEL : GFP_NOFS);
            sc.priority = int(rng() % (DEF_PRIORITY + 1));
            if (rng() % 3 == 0) shrink_active_list(1 + rng() % SWAP_CLUSTER_MAX, lv(), &sc, LRU_ACTIVE_FILE);
            else shrink_lruvec(lv(), &sc);
            break;
        }
        }
        ASSERT_NO_FATAL_FAILURE(check_lru_census(lv(), anon.size())) << "step " << step;
    }
    // The files read back whole, then everything returns to the allocator.
    for (unsigned f = 0; f < kFiles; ++f) {
        std::vector<char> buf(files[f]->ino.i_size);
        ASSERT_EQ(generic_file_read(&files[f]->ino.i_data, buf.data(), buf.size(), 0), long(buf.size()));
        EXPECT_TRUE(buf == model[f]) << "file " << f;
    }
    for (page* p : anon) __free_page(p);
    files.clear();
    EXPECT_EQ(read_vm_event(&memvp_vmstat::nr_file_pages), 0u);
    for (unsigned l = 0; l < NR_LRU_LISTS; ++l) EXPECT_EQ(lv()->nr_pages[l], 0u);
    EXPECT_EQ(machine.nr_free(), free_at_start);
    EXPECT_GT(read_vm_event(&memvp_vmstat::pgsteal_kswapd) + read_vm_event(&memvp_vmstat::pgsteal_direct), 0u);
    EXPECT_GT(read_vm_event(&memvp_vmstat::nr_vmscan_write), 0u);
}

TEST_F(Reclaim, ARefaultWithinTheActiveListComesBackActive)
{
    FakeFile hot(100), cold(10);
    hot.read_all();
    hot.read_all();  // 100 pages on the active list
    cold.read_all();
    scan_control sc = control(false);
    ASSERT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &sc, LRU_INACTIVE_FILE), 10u);
    ASSERT_EQ(cold.ino.i_data.nrpages, 0u);
    // Read again after 10 evictions: a distance under 100, so the working set had room for it.
    cold.read_all();
    EXPECT_EQ(event(&memvp_vmstat::workingset_refault_file), 10u);
    EXPECT_EQ(event(&memvp_vmstat::workingset_activate_file), 10u);
    EXPECT_EQ(event(&memvp_vmstat::workingset_restore_file), 0u);  // never active before
    EXPECT_TRUE(PageActive(cold.cached(3)));
    EXPECT_EQ(on(LRU_ACTIVE_FILE), 110u);
    EXPECT_TRUE(xa_empty(&cold.ino.i_data.shadows));
}

TEST_F(Reclaim, ARefaultFartherThanTheActiveListStaysInactive)
{
    FakeFile f(64);
    f.read_all();
    scan_control sc = control(false);
    sc.nr_to_reclaim = ~0ul;
    sc.priority = 0;
    shrink_lruvec(lv(), &sc);
    ASSERT_EQ(f.ino.i_data.nrpages, 0u);
    f.read_all();  // no active list at all: nothing fits
    EXPECT_EQ(event(&memvp_vmstat::workingset_refault_file), 64u);
    EXPECT_EQ(event(&memvp_vmstat::workingset_activate_file), 0u);
    EXPECT_EQ(on(LRU_INACTIVE_FILE), 64u);
}

TEST_F(Reclaim, TruncationDropsTheShadowsOfWhatItRemoves)
{
    FakeFile f(8);
    f.read_all();
    scan_control sc = control(false);
    ASSERT_EQ(shrink_inactive_list(SWAP_CLUSTER_MAX, lv(), &sc, LRU_INACTIVE_FILE), 8u);
    ASSERT_FALSE(xa_empty(&f.ino.i_data.shadows));
    truncate_inode_pages(&f.ino.i_data, 4 * PAGE_SIZE);
    unsigned long index = 0;
    EXPECT_NE(xa_find(&f.ino.i_data.shadows, &index, ~0ul), nullptr);
    index = 4;
    EXPECT_EQ(xa_find(&f.ino.i_data.shadows, &index, ~0ul), nullptr);
    truncate_inode_pages(&f.ino.i_data, 0);
    EXPECT_TRUE(xa_empty(&f.ino.i_data.shadows));
}

// Linux __node_reclaim: nothing when the node's file pages are not above 1% of it (FULL);
// otherwise passes from priority 4 until the pages asked for are free, writing dirty pages only
// with RECLAIM_WRITE (counted as direct reclaim, as Linux counts it).
TEST_F(Reclaim, NodeReclaimFreesCleanPagesAndWritesOnlyWithReclaimWrite)
{
    pglist_data* node = NODE_DATA(NodeId{0});
    unsigned long managed = 0;
    for (const zone& z : node->node_zones) managed += z.managed_pages;
    {
        FakeFile few(managed / 100);
        few.read_all();
        node_reclaim_mode = RECLAIM_ZONE;
        EXPECT_EQ(__node_reclaim(node, GFP_KERNEL, 0), NODE_RECLAIM_FULL);
    }
    FakeFile f(managed / 100 + 64);
    f.read_all();
    const unsigned long cached = f.ino.i_data.nrpages;
    // Order 3 asks for 8 pages; a pass at priority 4 looks at 1/16 of the list and frees them.
    const long freed = __node_reclaim(node, GFP_KERNEL, 3);
    EXPECT_GE(freed, 8);
    EXPECT_EQ(f.ino.i_data.nrpages, cached - static_cast<unsigned long>(freed));
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_direct), static_cast<u64>(freed));
    EXPECT_EQ(event(&memvp_vmstat::pgsteal_kswapd), 0u);

    // Every page dirty: RECLAIM_ZONE alone writes none and frees none; with RECLAIM_WRITE a pass
    // writes them, and a later pass of the same call (lower priority) frees them, clean now:
    // the stand-in disk writes at once.
    std::vector<char> buf(f.ino.i_size, 'w');
    ASSERT_EQ(generic_perform_write(&f.ino.i_data, buf.data(), buf.size(), 0), long(buf.size()));
    FakeFile::writes = 0;
    EXPECT_EQ(__node_reclaim(node, GFP_KERNEL, 0), 0);
    EXPECT_EQ(FakeFile::writes, 0u);
    node_reclaim_mode = RECLAIM_ZONE | RECLAIM_WRITE;
    const long written_then_freed = __node_reclaim(node, GFP_KERNEL, 0);
    EXPECT_GT(FakeFile::writes, 0u);
    EXPECT_GT(written_then_freed, 0);
    EXPECT_LE(static_cast<unsigned long>(written_then_freed), FakeFile::writes);
    node_reclaim_mode = 0;
}
