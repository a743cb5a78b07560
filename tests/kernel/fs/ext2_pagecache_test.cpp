// The page cache under ext2 (sw/kernel/mm/filemap.cpp, fs/ext2/aops.cpp): a file read once is
// served from the cache afterwards, also after its last iput (the inode stays cached with its
// pages); a cold sequential read takes one request per 128 KiB of readahead; writes dirty pages that
// sync writes back; truncate and unlink drop pages; the Cached and Dirty counters follow, and
// unmounting leaves none.
#include "ext2_test_support.h"

namespace {

class Ext2PageCache : public Ext2Test, public ::testing::WithParamInterface<unsigned> {
protected:
    Ext2PageCache() : Ext2Test(ext2_image(GetParam())) {}
    void SetUp() override { ASSERT_EQ(mount(), 0) << host_printk_take(); }
    static u64 cached() { return read_vm_event(&memvp_vmstat::nr_file_pages); }
    static u64 dirty() { return read_vm_event(&memvp_vmstat::nr_dirty); }
};

}  // namespace

TEST_P(Ext2PageCache, ASecondReadComesFromTheCache)
{
    const std::string expected = host_file(ext2_tree(GetParam()) + "/big/four_mib.bin");
    const u64 pages = (expected.size() + PAGE_SIZE - 1) / PAGE_SIZE;
    const u64 before = cached();
    const unsigned long reads_before = disk->reads;
    EXPECT_TRUE(same_bytes(read_path("/big/four_mib.bin"), expected));
    EXPECT_EQ(cached(), before + pages);
    const unsigned long cold_reads = disk->reads - reads_before;
    // Readahead: about one request per 128 KiB (mke2fs -d lays the blocks out adjacent; the
    // pages of a batch are mostly adjacent in memory, a break costs one more request), plus a
    // few dozen for the indirect blocks, the directories and the inode table on the way: far
    // fewer than one per page.
    EXPECT_GE(cold_reads, pages / RA_PAGES);
    EXPECT_LE(cold_reads, 2 * (pages / RA_PAGES) + 40);
    EXPECT_TRUE(same_bytes(read_path("/big/four_mib.bin"), expected));  // walk and read again
    EXPECT_EQ(disk->reads - reads_before, cold_reads) << "the warm read touched the disk";
    EXPECT_EQ(cached(), before + pages);
}

TEST_P(Ext2PageCache, WritesDirtyPagesThatSyncWritesBack)
{
    ASSERT_EQ(create_file("/dirty.bin", std::string(3 * PAGE_SIZE + 10, 'd')), 0);
    EXPECT_EQ(dirty(), 4u);
    const unsigned long writes = disk->writes;
    ASSERT_EQ(sb->s_op->sync_fs(sb), 0);
    EXPECT_EQ(dirty(), 0u);
    EXPECT_GT(disk->writes, writes);
    EXPECT_GE(cached(), 4u);
}

TEST_P(Ext2PageCache, TruncateAndUnlinkDropPages)
{
    const std::string expected = host_file(ext2_tree(GetParam()) + "/victims/truncate_me");
    EXPECT_TRUE(same_bytes(read_path("/victims/truncate_me"), expected));
    const u64 full = cached();
    inode* ino = walk("/victims/truncate_me");
    ASSERT_EQ(ino->i_op->setsize(ino, PAGE_SIZE + 1), 0);
    EXPECT_EQ(cached(), full - (expected.size() + PAGE_SIZE - 1) / PAGE_SIZE + 2);
    EXPECT_EQ(ino->i_data.nrpages, 2u);
    iput(ino);
    ASSERT_EQ(at_parent("/victims/truncate_me", [](inode* dir, const qstr* q) { return dir->i_op->unlink(dir, q); }), 0);
    EXPECT_EQ(cached(), full - (expected.size() + PAGE_SIZE - 1) / PAGE_SIZE);
}

TEST_P(Ext2PageCache, UnmountLeavesNoCachedOrDirtyPages)
{
    read_path("/big/double_indirect.bin");
    ASSERT_EQ(create_file("/left_dirty", "x"), 0);
    EXPECT_GT(cached(), 0u);
    umount();
    EXPECT_EQ(cached(), 0u);
    EXPECT_EQ(dirty(), 0u);
    const CommandResult r = e2fsck(scratch.path());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/left_dirty"), "x"));
}

INSTANTIATE_TEST_SUITE_P(BlockSizes, Ext2PageCache, ::testing::Values(1024u, 4096u));
