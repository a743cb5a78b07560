// Deliberately damaged ext2 images: each gives one kernel message naming the device and the
// problem and a failed mount or -EIO, never a panic (the test's panic hook would throw) or a
// hang. Damage is done with debugfs -w or by patching bytes of the scratch copy.
#include "ext2_test_support.h"

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr unsigned BS = 1024;
constexpr off_t SB = 1024;  // the superblock's byte offset

class Ext2Damage : public Ext2Test {
protected:
    Ext2Damage() : Ext2Test(ext2_image(BS)) {}
    template <typename T>
    void patch(off_t offset, T value)
    {
        const int fd = open(scratch.path().c_str(), O_WRONLY);
        ASSERT_EQ(pwrite(fd, &value, sizeof(value), offset), ssize_t(sizeof(value)));
        close(fd);
    }
    void debugfs(const std::string& request) { ASSERT_EQ(debugfs_write(scratch.path(), request).status, 0); }
    u32 block_of(const std::string& path)
    {
        // debugfs prints its banner line, then the block number.
        const std::string out = run_command(std::string(DEBUGFS) + " -R 'bmap " + path + " 0' " + scratch.path()).output;
        return u32(std::stoul(out.substr(out.find('\n') + 1)));
    }
    // The console shows exactly one line, and it holds `what`.
    void expect_one_message(const std::string& what)
    {
        const std::string log = host_printk_take();
        EXPECT_NE(log.find(what), std::string::npos) << log;
        EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
        EXPECT_EQ(log.rfind("EXT2-fs (vda): ", 0), 0u) << log;
    }
};

}  // namespace

TEST_F(Ext2Damage, BadMagicFailsTheMount)
{
    patch<u16>(SB + 56, 0x1234);
    EXPECT_EQ(mount(), -EINVAL);
    expect_one_message("can't find an ext2 filesystem (bad magic 0x1234)");
}

TEST_F(Ext2Damage, UnsupportedIncompatFeatureFailsEveryMount)
{
    debugfs("feature extent");
    EXPECT_EQ(mount(true), -EINVAL);
    expect_one_message("couldn't mount because of unsupported optional features (40)");
}

TEST_F(Ext2Damage, UnknownRoCompatFeatureAllowsOnlyReadOnly)
{
    patch<u32>(SB + 100, EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE | 0x8000);
    EXPECT_EQ(mount(), -EROFS);
    expect_one_message("couldn't mount RDWR because of unsupported optional features (8000)");
    ASSERT_EQ(mount(true), 0);
    EXPECT_TRUE(same_bytes(read_path("/hello.txt"), host_file(ext2_tree(BS) + "/hello.txt")));
}

TEST_F(Ext2Damage, UnsupportedBlockSizeFailsTheMount)
{
    patch<u32>(SB + 24, 7);
    EXPECT_EQ(mount(), -EINVAL);
    expect_one_message("unsupported blocksize");
}

TEST_F(Ext2Damage, InodeTableOutsideItsGroupFailsTheMount)
{
    patch<u32>(2 * BS + 8, 999999);  // group 0's bg_inode_table
    EXPECT_EQ(mount(), -EINVAL);
    expect_one_message("inode table for group 0 not in group");
}

TEST_F(Ext2Damage, RootThatIsNotADirectoryFailsTheMount)
{
    debugfs("sif <2> mode 0100644");
    EXPECT_EQ(mount(), -EINVAL);
    expect_one_message("corrupt root inode");
}

TEST_F(Ext2Damage, BlockNumberBeyondTheDiskGivesEIO)
{
    debugfs("sif /odd_size block[2] 99999999");
    ASSERT_EQ(mount(), 0);
    inode* ino = walk("/odd_size");
    ASSERT_NE(ino, nullptr);
    char buf[BS];
    // Pages are read whole: the first (blocks 0-3) holds the bad block, the second is fine.
    EXPECT_EQ(ino->i_fop->read(ino, buf, sizeof(buf), PAGE_SIZE), long(5001 - PAGE_SIZE));
    EXPECT_EQ(ino->i_fop->read(ino, buf, sizeof(buf), 0), -EIO);
    expect_one_message("bad block number 99999999 in inode #");
    iput(ino);
}

TEST_F(Ext2Damage, DirectoryEntryWithBadRecLenGivesEIO)
{
    const u32 block = block_of("/sub/dir");
    patch<u16>(off_t(block) * BS + 4, 5);  // the first entry's rec_len
    ASSERT_EQ(mount(), 0);
    int err;
    EXPECT_EQ(walk("/sub/dir/file_in_subdir", &err), nullptr);
    EXPECT_EQ(err, -EIO);
    expect_one_message("bad entry in directory #");
    inode* dir = walk("/sub/dir");
    ASSERT_NE(dir, nullptr);
    struct counter : dir_context {
    } ctx;
    ctx.pos = 0;
    ctx.actor = [](dir_context*, const char*, unsigned, u64, u64, u8) { return true; };
    EXPECT_EQ(dir->i_fop->iterate(dir, &ctx), -EIO);
    host_printk_take();
    iput(dir);
}

TEST_F(Ext2Damage, EntryForADeletedInodeGivesEIO)
{
    debugfs("sif /hello.txt links_count 0");
    debugfs("sif /hello.txt dtime 12345");
    ASSERT_EQ(mount(), 0);
    int err;
    EXPECT_EQ(walk("/hello.txt", &err), nullptr);
    EXPECT_EQ(err, -EIO);
    expect_one_message("deleted inode referenced");
}

TEST_F(Ext2Damage, DeviceSmallerThanTheFileSystemFailsTheMount)
{
    ASSERT_EQ(truncate(scratch.path().c_str(), 8 << 20), 0);
    disk = std::make_unique<HostBlockDevice>(scratch.path(), false);
    EXPECT_EQ(mount(), -EINVAL);
    expect_one_message("bad geometry");
}
