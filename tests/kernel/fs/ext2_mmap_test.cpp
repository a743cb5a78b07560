// File mappings over ext2 (sw/kernel/mm/filemap_fault.cpp, rmap.cpp): a fake hart touches a
// shared and a private mapping of a file; shared stores are the page cache's (dirty, written
// back, the PTE write-protected again by the write-back and re-dirtied by the next store),
// private stores are copies; fork keeps both kinds; Mapped and the file's i_mmap follow every
// step; a page past the end of file is SIGBUS; reclaim keeps mapped pages and frees them once
// unmapped, private copies live on the anon LRU. The image is checked with e2fsck and debugfs.
#include "ext2_test_support.h"

#include "fs/file.h"
#include "mm/host/vm_shims.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/rmap.h"
#include "mm/vmscan.h"

namespace {

constexpr unsigned long FILE_SIZE = 2 * PAGE_SIZE + 100;  // three pages, the last partly past the end

std::string pattern(unsigned long n)
{
    std::string s(n, '\0');
    for (unsigned long i = 0; i < n; ++i) s[i] = char('a' + i % 26);
    return s;
}

class Ext2Mmap : public Ext2Test {
protected:
    Ext2Mmap() : Ext2Test(ext2_image(4096)) {}
    void SetUp() override
    {
        ASSERT_EQ(mount(), 0) << host_printk_take();
        ASSERT_EQ(create_file("/m.bin", pattern(FILE_SIZE)), 0);
        ASSERT_EQ(sb->s_op->sync_fs(sb), 0);
        ino = walk("/m.bin");
        ASSERT_NE(ino, nullptr);
        mm = mm_alloc();
    }
    void TearDown() override
    {
        if (mm) mmput(mm);
        if (ino) iput(ino);
    }
    static u64 mapped() { return read_vm_event(&memvp_vmstat::nr_mapped); }
    static u64 dirty() { return read_vm_event(&memvp_vmstat::nr_dirty); }
    // A mapping of /m.bin opened with flags (the VMA keeps the file; this reference goes).
    unsigned long map(unsigned long prot, unsigned long type, unsigned flags, unsigned long len = 3 * PAGE_SIZE,
                      unsigned long pgoff = 0)
    {
        auto* f = static_cast<file*>(kzalloc(sizeof(file), GFP_KERNEL));
        f->f_inode = igrab(ino);
        f->f_flags = flags;
        f->f_count = 1;
        const unsigned long mask = (type & MAP_SHARED) && (flags & O_ACCMODE) != O_RDWR ? VM_MAYWRITE : 0;
        const unsigned long addr = do_mmap_file(mm, f, 0, len, prot, type, mask, pgoff);
        fput(f);
        return addr;
    }
    size_t i_mmap_count() const
    {
        size_t n = 0;
        list_for_each_entry(vma, &ino->i_data.i_mmap, vm_area_struct, shared) ++n;
        return n;
    }
    // kswapd's scan over every node's file lists, passes times: the active lists deactivated,
    // then the inactive ones reclaimed.
    static void reclaim_file_pages(int passes)
    {
        for (int i = 0; i < passes; ++i)
            for (pglist_data* pgdat : node_data) {
                if (!pgdat) continue;
                lruvec* lv = &pgdat->__lruvec;
                scan_control sc{};
                sc.nr_to_reclaim = ~0ul;
                sc.gfp_mask = GFP_KERNEL;
                sc.may_writepage = sc.kswapd = sc.may_unmap = true;
                shrink_active_list(lv->nr_pages[LRU_ACTIVE_FILE], lv, &sc, LRU_ACTIVE_FILE);
                shrink_inactive_list(lv->nr_pages[LRU_INACTIVE_FILE], lv, &sc, LRU_INACTIVE_FILE);
            }
    }
    page* cached(unsigned long index) const { return static_cast<page*>(xa_load(&ino->i_data.i_pages, index)); }
    pte_t pte_at(mm_struct* m, unsigned long va)
    {
        int level;
        pte_t* e = walk_pgtable(m->pgd, va, &level);
        return e && level == 0 ? *e : 0;
    }

    FakeHart hart;
    inode* ino = nullptr;
    mm_struct* mm = nullptr;
};

}  // namespace

TEST_F(Ext2Mmap, SharedStoresDirtyTheCacheAndReachTheDisk)
{
    const unsigned long a = map(PROT_READ | PROT_WRITE, MAP_SHARED, O_RDWR);
    ASSERT_FALSE(IS_ERR_VALUE(a));
    EXPECT_EQ(i_mmap_count(), 1u);
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, a + PAGE_SIZE + 1, &v));
    EXPECT_EQ(v, u8('a' + (PAGE_SIZE + 1) % 26));
    EXPECT_EQ(mapped(), 1u);
    EXPECT_FALSE(pte_write(pte_at(mm, a + PAGE_SIZE))) << "a read maps a shared file page read-only";
    ASSERT_TRUE(hart.read(mm, a + 2 * PAGE_SIZE + 200, &v));
    EXPECT_EQ(v, 0) << "past the end of file inside the last page reads zero";
    EXPECT_EQ(mapped(), 2u);

    ASSERT_TRUE(hart.write(mm, a + PAGE_SIZE + 1, '#'));
    EXPECT_EQ(dirty(), 1u);
    EXPECT_EQ(read_file(ino)[PAGE_SIZE + 1], '#') << "read() sees the store at once";
    // Write-back cleans the page and write-protects the PTE: the next store faults, dirties again.
    ASSERT_EQ(sb->s_op->sync_fs(sb), 0);
    EXPECT_EQ(dirty(), 0u);
    EXPECT_FALSE(pte_write(pte_at(mm, a + PAGE_SIZE)));
    const unsigned long faults = hart.faults;
    ASSERT_TRUE(hart.write(mm, a + PAGE_SIZE + 2, '$'));
    EXPECT_EQ(hart.faults, faults + 1);
    EXPECT_EQ(dirty(), 1u);

    EXPECT_EQ(do_munmap(mm, a, 3 * PAGE_SIZE), 0);
    EXPECT_EQ(mapped(), 0u);
    EXPECT_EQ(i_mmap_count(), 0u);
    EXPECT_EQ(dirty(), 1u) << "munmap leaves the dirty page to write-back";
    iput(ino);
    ino = nullptr;
    umount();
    const CommandResult r = e2fsck(scratch.path());
    EXPECT_EQ(r.status, 0) << r.output;
    std::string want = pattern(FILE_SIZE);
    want[PAGE_SIZE + 1] = '#';
    want[PAGE_SIZE + 2] = '$';
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/m.bin"), want));
}

TEST_F(Ext2Mmap, SharedStoresUpdateTheFileTimes)
{
    const unsigned long s = map(PROT_READ | PROT_WRITE, MAP_SHARED, O_RDWR);
    const unsigned long p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE, O_RDONLY);
    ASSERT_EQ(sb->s_op->sync_fs(sb), 0);
    ino->i_mtime = ino->i_ctime = 1;  // long ago
    ino->i_dirty = false;
    ASSERT_TRUE(hart.read(mm, s));
    ASSERT_TRUE(hart.write(mm, p, '!'));
    EXPECT_EQ(ino->i_mtime, 1) << "neither a read nor a private store modifies the file";
    EXPECT_FALSE(ino->i_dirty);
    ASSERT_TRUE(hart.write(mm, s + 1, '#'));
    EXPECT_GT(ino->i_mtime, 1);
    EXPECT_EQ(ino->i_ctime, ino->i_mtime);
    EXPECT_TRUE(ino->i_dirty) << "the new times are written back with the inode";
}

TEST_F(Ext2Mmap, PrivateStoresAreCopies)
{
    const unsigned long a = map(PROT_READ | PROT_WRITE, MAP_PRIVATE, O_RDONLY);
    ASSERT_FALSE(IS_ERR_VALUE(a));
    ASSERT_TRUE(hart.read(mm, a));
    EXPECT_EQ(mapped(), 1u);
    ASSERT_TRUE(hart.write(mm, a, '#'));
    EXPECT_EQ(mapped(), 0u) << "the page-cache page was replaced by a copy";
    EXPECT_EQ(dirty(), 0u);
    EXPECT_EQ(read_file(ino)[0], 'a');
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, a, &v));
    EXPECT_EQ(v, '#');
    // A write fault with no PTE yet copies at once.
    ASSERT_TRUE(hart.write(mm, a + PAGE_SIZE, '!'));
    EXPECT_EQ(mapped(), 0u);
    EXPECT_EQ(read_file(ino)[PAGE_SIZE], char('a' + PAGE_SIZE % 26));
}

TEST_F(Ext2Mmap, ForkKeepsSharedSharedAndPrivateCopyOnWrite)
{
    const unsigned long s = map(PROT_READ | PROT_WRITE, MAP_SHARED, O_RDWR);
    const unsigned long p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE, O_RDWR);
    ASSERT_TRUE(hart.write(mm, s, 'S'));
    ASSERT_TRUE(hart.read(mm, p + PAGE_SIZE));
    ASSERT_TRUE(hart.write(mm, p, 'P'));
    EXPECT_EQ(mapped(), 2u);  // page 0 (shared), page 1 (private, not yet copied)
    mm_struct* child = dup_mm(mm);
    ASSERT_NE(child, nullptr);
    EXPECT_EQ(i_mmap_count(), 4u);
    EXPECT_EQ(pte_at(child, s), 0u) << "shared file PTEs are left to the child's faults";
    EXPECT_EQ(page_mapcount(pfn_to_page(pte_pfn(pte_at(child, p + PAGE_SIZE)))), 2);
    ASSERT_TRUE(hart.write(child, s + 1, 'C'));
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, s + 1, &v));
    EXPECT_EQ(v, 'C') << "the child's shared store is the parent's";
    ASSERT_TRUE(hart.write(child, p, 'c'));
    ASSERT_TRUE(hart.write(child, p + PAGE_SIZE, 'c'));
    ASSERT_TRUE(hart.read(mm, p, &v));
    EXPECT_EQ(v, 'P');
    ASSERT_TRUE(hart.read(mm, p + PAGE_SIZE, &v));
    EXPECT_EQ(v, u8('a' + PAGE_SIZE % 26));
    mmput(child);
    EXPECT_EQ(i_mmap_count(), 2u);
    EXPECT_EQ(mapped(), 2u);
    mmput(mm);
    mm = nullptr;
    EXPECT_EQ(mapped(), 0u);
    EXPECT_EQ(i_mmap_count(), 0u);
    EXPECT_EQ(ino->i_count, 1) << "every VMA let go of the file";
}

TEST_F(Ext2Mmap, SplitsJoinIMmapAndPagesPastTheEndAreSigbus)
{
    const unsigned long a = map(PROT_READ, MAP_PRIVATE, O_RDONLY, 5 * PAGE_SIZE);
    ASSERT_EQ(do_munmap(mm, a + PAGE_SIZE, PAGE_SIZE), 0);
    EXPECT_EQ(i_mmap_count(), 2u);
    EXPECT_EQ(find_vma(mm, a + 2 * PAGE_SIZE)->vm_pgoff, 2u);
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, a + 2 * PAGE_SIZE, &v));
    EXPECT_EQ(v, u8('a' + (2 * PAGE_SIZE) % 26));
    EXPECT_EQ(handle_user_fault(mm, a + 3 * PAGE_SIZE, FAULT_FLAG_USER), VM_FAULT_SIGBUS);
    // An offset in pages.
    const unsigned long b = map(PROT_READ, MAP_PRIVATE, O_RDONLY, PAGE_SIZE, 1);
    ASSERT_TRUE(hart.read(mm, b, &v));
    EXPECT_EQ(v, u8('a' + PAGE_SIZE % 26));
}

TEST_F(Ext2Mmap, OpenModeLimitsTheMapping)
{
    EXPECT_EQ(map(PROT_READ | PROT_WRITE, MAP_SHARED, O_RDONLY), (unsigned long)-EACCES);
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDONLY);
    ASSERT_FALSE(IS_ERR_VALUE(a));
    EXPECT_EQ(do_mprotect(mm, a, PAGE_SIZE, PROT_READ | PROT_WRITE), -EACCES);
    const unsigned long b = map(PROT_READ, MAP_SHARED, O_RDWR);
    ASSERT_TRUE(hart.read(mm, b));
    EXPECT_EQ(do_mprotect(mm, b, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
    EXPECT_FALSE(pte_write(pte_at(mm, b))) << "a clean page stays write-protected";
    ASSERT_TRUE(hart.write(mm, b, 'x'));
    EXPECT_EQ(dirty(), 1u);
}

TEST_F(Ext2Mmap, TruncateStopsCountingTheMappedPage)
{
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDWR);
    ASSERT_TRUE(hart.read(mm, a + 2 * PAGE_SIZE));
    EXPECT_EQ(mapped(), 1u);
    ASSERT_EQ(ino->i_op->setsize(ino, PAGE_SIZE), 0);
    EXPECT_EQ(mapped(), 0u);
    EXPECT_EQ(pte_at(mm, a + 2 * PAGE_SIZE), 0u) << "the truncated page is unmapped";
    EXPECT_FALSE(hart.read(mm, a + 2 * PAGE_SIZE));
    EXPECT_EQ(handle_user_fault(mm, a + 2 * PAGE_SIZE, FAULT_FLAG_USER), VM_FAULT_SIGBUS);
    EXPECT_EQ(do_munmap(mm, a, 3 * PAGE_SIZE), 0);
    EXPECT_EQ(mapped(), 0u);
}

TEST_F(Ext2Mmap, TruncateDropsPrivateCopiesPastTheEndAndKeepsTheLastPage)
{
    const unsigned long s = map(PROT_READ, MAP_SHARED, O_RDWR);
    const unsigned long p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE, O_RDONLY);
    ASSERT_TRUE(hart.read(mm, s + PAGE_SIZE));
    ASSERT_TRUE(hart.read(mm, s + 2 * PAGE_SIZE));
    ASSERT_TRUE(hart.write(mm, p + 2 * PAGE_SIZE, '!'));  // a private copy of page 2
    EXPECT_EQ(mapped(), 2u);
    const unsigned long rss = mm->rss;
    // The new end lies inside page 1: it stays mapped, page 2 goes from both mappings.
    ASSERT_EQ(ino->i_op->setsize(ino, PAGE_SIZE + 1), 0);
    EXPECT_EQ(mapped(), 1u);
    EXPECT_NE(pte_at(mm, s + PAGE_SIZE), 0u);
    EXPECT_EQ(pte_at(mm, s + 2 * PAGE_SIZE), 0u);
    EXPECT_EQ(pte_at(mm, p + 2 * PAGE_SIZE), 0u) << "a private copy past the end goes too (even_cows)";
    EXPECT_EQ(mm->rss, rss - 2);
    EXPECT_EQ(handle_user_fault(mm, p + 2 * PAGE_SIZE, FAULT_FLAG_USER | FAULT_FLAG_WRITE), VM_FAULT_SIGBUS);
    EXPECT_EQ(handle_user_fault(mm, s + 2 * PAGE_SIZE, FAULT_FLAG_USER), VM_FAULT_SIGBUS);
}

TEST_F(Ext2Mmap, TruncateUnmapsABusyAddressSpaceOnceTheVfsLockIsDropped)
{
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDWR);
    ASSERT_TRUE(hart.read(mm, a + 2 * PAGE_SIZE));
    // A fault holds the mmap_lock (waiting for the VFS lock): the truncate cannot unmap there.
    mmap_write_lock(mm);
    ASSERT_EQ(ino->i_op->setsize(ino, PAGE_SIZE), 0);
    mmap_write_unlock(mm);
    EXPECT_EQ(mapped(), 0u);
    EXPECT_NE(pte_at(mm, a + 2 * PAGE_SIZE), 0u) << "left for unmap_mapping_finish";
    EXPECT_NE(ino->i_data.unmap_pending, 0u);
    unmap_mapping_finish(&ino->i_data);
    EXPECT_EQ(ino->i_data.unmap_pending, 0u);
    EXPECT_EQ(pte_at(mm, a + 2 * PAGE_SIZE), 0u);
    EXPECT_EQ(handle_user_fault(mm, a + 2 * PAGE_SIZE, FAULT_FLAG_USER), VM_FAULT_SIGBUS);
    EXPECT_EQ(mm->rss, 0u);
}

// Reclaim ages mapped pages by their PTEs' accessed bits (Linux folio_check_references) and
// unmaps those it takes (try_to_unmap). The fake hart sets no A bit itself: a leaf whose A was
// cleared faults, and the fault sets it (Svade).
TEST_F(Ext2Mmap, ReclaimAgesMappedPagesByTheirAccessedBitsAndUnmapsIdleOnes)
{
    invalidate_mapping_pages(&ino->i_data);  // the file as on disk only, its pages on no list
    ASSERT_EQ(cached(0), nullptr);
    const unsigned long s = map(PROT_READ | PROT_WRITE, MAP_SHARED, O_RDWR);
    const unsigned long p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE, O_RDONLY);
    ASSERT_TRUE(hart.read(mm, s));
    EXPECT_EQ(hart.major, 1u) << "the first fault read the file (and the rest by readahead)";
    ASSERT_TRUE(hart.write(mm, s + PAGE_SIZE + 1, '#'));
    ASSERT_TRUE(hart.write(mm, p + 2 * PAGE_SIZE, '!'));  // copied at once: page 2 is cached, unmapped
    EXPECT_EQ(hart.major, 1u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::pgmajfault), 1u);
    page* copy = pfn_to_page(pte_pfn(pte_at(mm, p + 2 * PAGE_SIZE)));
    EXPECT_TRUE(PageLRU(copy) && PageSwapBacked(copy)) << "a private copy is an anonymous page";
    page* shared0 = cached(0);
    page* shared1 = cached(1);
    ASSERT_TRUE(shared0 && shared1 && cached(2));
    EXPECT_EQ(mapped(), 2u);

    // Pass 1: both mapped pages were used through their PTE since they were mapped: kept for
    // another round, their A bits cleared without a flush; the unmapped one is freed.
    reclaim_file_pages(1);
    EXPECT_EQ(cached(0), shared0);
    EXPECT_EQ(cached(1), shared1);
    EXPECT_EQ(cached(2), nullptr) << "the unmapped page is reclaimed";
    EXPECT_FALSE(pte_young(pte_at(mm, s)));
    EXPECT_FALSE(pte_young(pte_at(mm, s + PAGE_SIZE)));
    EXPECT_TRUE(test_page_flag(shared0, PG_referenced) && test_page_flag(shared1, PG_referenced));
    EXPECT_FALSE(PageActive(shared0));
    EXPECT_EQ(mapped(), 2u);

    // Page 0 is used again: the access faults for its A bit, a minor fault.
    const unsigned long faults = hart.faults;
    ASSERT_TRUE(hart.read(mm, s));
    EXPECT_EQ(hart.faults, faults + 1);
    EXPECT_EQ(hart.major, 1u);
    EXPECT_TRUE(pte_young(pte_at(mm, s)));

    // Pass 2: page 0, used again, is activated; page 1, idle since pass 1, is unmapped; dirty and
    // referenced once, it is not written yet (RECLAIM_CLEAN).
    reclaim_file_pages(1);
    EXPECT_TRUE(PageLRU(shared0) && PageActive(shared0));
    EXPECT_NE(pte_at(mm, s), 0u);
    EXPECT_EQ(pte_at(mm, s + PAGE_SIZE), 0u) << "the idle page's PTE is gone";
    EXPECT_EQ(cached(1), shared1);
    EXPECT_EQ(mapped(), 1u);
    EXPECT_EQ(dirty(), 1u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::nr_vmscan_write), 0u);

    // Pass 3: page 0, idle now, leaves the active list and is unmapped and freed (referenced
    // once: clean, so it goes); kswapd writes page 1. Pass 4 frees it.
    reclaim_file_pages(1);
    EXPECT_EQ(cached(0), nullptr);
    EXPECT_EQ(pte_at(mm, s), 0u);
    EXPECT_EQ(mapped(), 0u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::nr_vmscan_write), 1u);
    reclaim_file_pages(1);
    EXPECT_EQ(ino->i_data.nrpages, 0u);
    EXPECT_EQ(dirty(), 0u);

    // The store reached the disk; reading it again through the mapping is a major fault.
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, s + PAGE_SIZE + 1, &v));
    EXPECT_EQ(v, '#');
    EXPECT_EQ(hart.major, 2u);
    EXPECT_EQ(read_file(ino)[PAGE_SIZE + 1], '#');
    const unsigned long before = hart.faults;
    ASSERT_TRUE(hart.read(mm, p + 2 * PAGE_SIZE, &v));
    EXPECT_EQ(v, '!') << "the private copy is an anonymous page, not the file's";
    EXPECT_EQ(hart.faults, before);
}

// Used through two PTEs since the last pass: activated at once (Linux: referenced_ptes > 1).
TEST_F(Ext2Mmap, APageUsedThroughTwoMappingsIsActivatedAtOnce)
{
    invalidate_mapping_pages(&ino->i_data);
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDONLY);
    const unsigned long b = map(PROT_READ, MAP_PRIVATE, O_RDONLY);
    ASSERT_TRUE(hart.read(mm, a));
    ASSERT_TRUE(hart.read(mm, b));
    page* p0 = cached(0);
    ASSERT_TRUE(p0);
    EXPECT_EQ(page_mapcount(p0), 2);
    reclaim_file_pages(1);
    EXPECT_TRUE(PageLRU(p0) && PageActive(p0));
    EXPECT_FALSE(pte_young(pte_at(mm, a)));
    EXPECT_FALSE(pte_young(pte_at(mm, b)));
    EXPECT_EQ(cached(1), nullptr) << "read ahead, never mapped: reclaimed";
}

// Reclaim never waits for an address space: one whose mmap_lock is held (a fault in progress)
// keeps its pages mapped and their accessed bits as they are until a later pass.
TEST_F(Ext2Mmap, ReclaimLeavesTheMappingsOfABusyAddressSpaceAlone)
{
    invalidate_mapping_pages(&ino->i_data);
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDONLY);
    ASSERT_TRUE(hart.read(mm, a));
    page* p0 = cached(0);
    mmap_write_lock(mm);
    reclaim_file_pages(3);
    mmap_write_unlock(mm);
    EXPECT_EQ(cached(0), p0);
    EXPECT_TRUE(pte_young(pte_at(mm, a)));
    EXPECT_EQ(page_mapcount(p0), 1);
    reclaim_file_pages(3);  // referenced, then idle: unmapped and freed
    EXPECT_EQ(cached(0), nullptr);
    EXPECT_EQ(pte_at(mm, a), 0u);
}

// The reclaim a fault's allocation runs may unmap the faulting address space's own pages, whose
// mmap_lock that task holds (current_fault_mm); any other task's stays out of reach.
TEST_F(Ext2Mmap, ReclaimInsideAFaultReachesTheFaultingAddressSpace)
{
    invalidate_mapping_pages(&ino->i_data);
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDONLY);
    ASSERT_TRUE(hart.read(mm, a));
    ASSERT_NE(cached(0), nullptr);
    mmap_write_lock(mm);
    set_current_fault_mm(mm);
    reclaim_file_pages(3);
    set_current_fault_mm(nullptr);
    mmap_write_unlock(mm);
    EXPECT_EQ(cached(0), nullptr);
    EXPECT_EQ(pte_at(mm, a), 0u);
    EXPECT_EQ(mapped(), 0u);
    EXPECT_EQ(mm->rss, 0u);
}

// Clearing an accessed bit flushes the PTE from the TLBs only with clear_young_flush (the
// clear_young_flush= bootarg), and only when the bit was set.
TEST_F(Ext2Mmap, ClearingAnAccessedBitFlushesOnlyWhenAskedTo)
{
    invalidate_mapping_pages(&ino->i_data);
    const unsigned long a = map(PROT_READ, MAP_SHARED, O_RDONLY);
    for (bool flush : {false, true}) {
        clear_young_flush = flush;
        ASSERT_TRUE(hart.read(mm, a));  // maps page 0, or sets A again (a fault: Svade)
        page* p0 = cached(0);
        unsigned long vm_flags = 0;
        const unsigned long before = host_tlb_flushes.pages;
        EXPECT_EQ(page_referenced(p0, &vm_flags), 1);
        EXPECT_EQ(vm_flags & VM_SHARED, VM_SHARED);
        EXPECT_EQ(host_tlb_flushes.pages - before, flush ? 1u : 0u);
        if (flush) {
            EXPECT_EQ(host_tlb_flushes.last_start, a);
        }
        EXPECT_EQ(page_referenced(p0, &vm_flags), 0) << "A is clear now";
        EXPECT_EQ(host_tlb_flushes.pages - before, flush ? 1u : 0u);
    }
    clear_young_flush = false;
}
