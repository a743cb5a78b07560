// Write-back of dirty file pages (sw/kernel/mm/page_writeback.cpp, fs/fs_writeback.cpp): the
// dirty limits from the vm.dirty_* ratios, a kupdate pass that writes only the inodes dirtied
// before its cutoff, oldest first, a pass bounded by nr_to_write, and each page under
// PG_writeback (counted as Writeback) while its writepage runs; the image stays e2fsck-clean.
#include "ext2_test_support.h"

#include "mm/writeback.h"

namespace {

class Ext2Writeback : public Ext2Test, public ::testing::WithParamInterface<unsigned> {
protected:
    Ext2Writeback() : Ext2Test(ext2_image(GetParam())) {}
    void SetUp() override { ASSERT_EQ(mount(), 0) << host_printk_take(); }
    static u64 dirty() { return read_vm_event(&memvp_vmstat::nr_dirty); }
    static u64 writeback() { return read_vm_event(&memvp_vmstat::nr_writeback); }
    // The referenced inode of a new file of pages dirty pages.
    inode* dirty_file(const std::string& path, unsigned pages, char fill)
    {
        EXPECT_EQ(create_file(path, std::string(pages * PAGE_SIZE, fill)), 0);
        return walk(path);
    }
};

// Watches the page cache's writepage calls of one mapping: the page must be under write-back,
// clean, and counted in Writeback while its I/O runs.
struct WritepageSpy {
    static inline const address_space_operations* real;
    static inline unsigned calls, under_writeback;
    static int writepage(address_space* mapping, page* p)
    {
        ++calls;
        if (test_page_flag(p, PG_writeback) && !test_page_flag(p, PG_dirty) &&
            read_vm_event(&memvp_vmstat::nr_writeback) >= 1)
            ++under_writeback;
        return real->writepage(mapping, p);
    }
};

}  // namespace

TEST(DirtyLimits, AreTheRatiosOfTheDirtyableMemory)
{
    unsigned long background, thresh;
    global_dirty_limits(10000, &background, &thresh);
    EXPECT_EQ(thresh, 2000u);      // dirty_ratio 20
    EXPECT_EQ(background, 1000u);  // dirty_background_ratio 10
    const unsigned saved = dirty_background_ratio;
    dirty_background_ratio = 30;   // never at or above the hard limit (Linux domain_dirty_limits)
    global_dirty_limits(10000, &background, &thresh);
    EXPECT_EQ(background, 1000u);
    dirty_background_ratio = saved;
}

TEST_P(Ext2Writeback, AKupdatePassWritesOnlyWhatExpired)
{
    inode* old_file = dirty_file("/old.bin", 3, 'o');
    inode* new_file = dirty_file("/new.bin", 2, 'n');
    ASSERT_TRUE(old_file && new_file);
    ASSERT_NE(old_file->dirtied_when, 0u);
    // As if old.bin had been dirtied 31 s before new.bin.
    old_file->dirtied_when = new_file->dirtied_when - 31'000'000'000ull;
    const u64 before = dirty();
    writeback_control wbc{1024, new_file->dirtied_when - 30'000'000'000ull};
    EXPECT_EQ(writeback_sb_inodes(sb, &wbc), 3);
    EXPECT_EQ(dirty(), before - 3);
    EXPECT_EQ(old_file->dirtied_when, 0u);
    EXPECT_NE(new_file->dirtied_when, 0u);
    EXPECT_EQ(writeback(), 0u);
    iput(old_file);
    iput(new_file);
    umount();
    const CommandResult r = e2fsck(scratch.path());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(debugfs_cat(scratch.path(), "/old.bin"), std::string(3 * PAGE_SIZE, 'o'));
}

TEST_P(Ext2Writeback, APassStopsAtNrToWriteOldestFirst)
{
    inode* second = dirty_file("/second.bin", 4, 's');
    inode* first = dirty_file("/first.bin", 4, 'f');
    ASSERT_TRUE(first && second);
    first->dirtied_when = second->dirtied_when - 1;  // first.bin is the older
    const u64 before = dirty();
    writeback_control wbc{6, 0};
    EXPECT_EQ(writeback_sb_inodes(sb, &wbc), 6);
    EXPECT_EQ(wbc.nr_to_write, 0);
    EXPECT_EQ(dirty(), before - 6);
    EXPECT_EQ(first->dirtied_when, 0u);     // all four written
    EXPECT_NE(second->dirtied_when, 0u);    // two of four left
    writeback_control rest{1024, 0};
    EXPECT_EQ(writeback_sb_inodes(sb, &rest), long(before - 6));
    EXPECT_EQ(dirty(), 0u);
    EXPECT_EQ(second->dirtied_when, 0u);
    iput(first);
    iput(second);
}

TEST_P(Ext2Writeback, EachPageIsUnderWritebackWhileItIsWritten)
{
    inode* ino = dirty_file("/spied.bin", 5, 'w');
    ASSERT_TRUE(ino);
    WritepageSpy::real = ino->i_data.a_ops;
    WritepageSpy::calls = WritepageSpy::under_writeback = 0;
    address_space_operations spied = *ino->i_data.a_ops;
    spied.writepage = WritepageSpy::writepage;
    ino->i_data.a_ops = &spied;
    ASSERT_EQ(filemap_write_and_wait(&ino->i_data), 0);  // sync's path: the same write-back
    ino->i_data.a_ops = WritepageSpy::real;
    EXPECT_EQ(WritepageSpy::calls, 5u);
    EXPECT_EQ(WritepageSpy::under_writeback, 5u);
    EXPECT_EQ(writeback(), 0u);
    EXPECT_EQ(dirty(), 0u);
    unsigned long index = 0;
    while (page* p = static_cast<page*>(xa_find(&ino->i_data.i_pages, &index, ~0ul))) {
        EXPECT_FALSE(test_page_flag(p, PG_writeback));
        ++index;
    }
    iput(ino);
}

INSTANTIATE_TEST_SUITE_P(BlockSizes, Ext2Writeback, ::testing::Values(1024u, 4096u));
