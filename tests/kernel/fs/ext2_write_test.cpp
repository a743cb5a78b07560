// ext2 write paths on scratch copies of the build's images (1 KiB and 4 KiB blocks): create,
// write (up to double and triple indirect blocks, sparse), truncate, unlink, mkdir, rmdir,
// rename, many files in one directory, an indexed directory changed, a full disk. After each
// the file system is unmounted and e2fsck -fn must find it clean, and debugfs must read back
// the bytes written.
#include "ext2_test_support.h"

namespace {

std::string pattern(size_t size, unsigned seed)
{
    std::string s(size, '\0');
    u32 x = seed * 2654435761u + 1;
    for (char& c : s) {
        x = x * 1103515245u + 12345u;
        c = char(x >> 16);
    }
    return s;
}

class Ext2Write : public Ext2Test, public ::testing::WithParamInterface<unsigned> {
protected:
    Ext2Write() : Ext2Test(ext2_image(GetParam())) {}
    void SetUp() override { ASSERT_EQ(mount(), 0) << host_printk_take(); }
    // Unmounts, then e2fsck must call the image clean.
    void expect_clean()
    {
        umount();
        const CommandResult r = e2fsck(scratch.path());
        EXPECT_EQ(r.status, 0) << r.output;
        EXPECT_NE(r.output.find("Pass 5"), std::string::npos) << r.output;
        EXPECT_EQ(host_printk_take(), "");
    }
    std::string tree_file(const std::string& path) { return host_file(ext2_tree(GetParam()) + path); }
    int set_size(const std::string& path, u64 size)
    {
        inode* ino = walk(path);
        if (!ino) return -ENOENT;
        const int err = ino->i_op->setsize(ino, size);
        iput(ino);
        return err;
    }
    long write_at(const std::string& path, const std::string& data, u64 pos)
    {
        inode* ino = walk(path);
        if (!ino) return -ENOENT;
        const long n = ino->i_fop->write(ino, data.data(), data.size(), pos);
        iput(ino);
        return n;
    }
    int mkdir(const std::string& path)
    {
        return at_parent(path, [](inode* dir, const qstr* q) { return dir->i_op->mkdir(dir, q, 0755); });
    }
    int unlink(const std::string& path)
    {
        return at_parent(path, [](inode* dir, const qstr* q) { return dir->i_op->unlink(dir, q); });
    }
    int rmdir(const std::string& path)
    {
        return at_parent(path, [](inode* dir, const qstr* q) { return dir->i_op->rmdir(dir, q); });
    }
    int rename(const std::string& from, const std::string& to, unsigned flags = 0)
    {
        std::string from_name, to_name;
        inode* from_dir = parent_of(from, &from_name);
        inode* to_dir = parent_of(to, &to_name);
        const qstr a{from_name.c_str(), unsigned(from_name.size())}, b{to_name.c_str(), unsigned(to_name.size())};
        const int err = from_dir->i_op->rename(from_dir, &a, to_dir, &b, flags);
        iput(from_dir);
        iput(to_dir);
        return err;
    }
    u32 free_blocks() { return EXT2_SB(sb)->s_es->s_free_blocks_count; }
};

}  // namespace

TEST_P(Ext2Write, CreateWriteAndMkdirAreReadBackByDebugfs)
{
    const std::string small = "written by the memvp kernel's ext2\n";
    const std::string big = pattern(1200 * 1024 + 333, 1);  // double indirect on 1 KiB blocks
    ASSERT_EQ(create_file("/new.txt", small), 0);
    ASSERT_EQ(create_file("/big.bin", big), 0);
    ASSERT_EQ(mkdir("/newdir"), 0);
    ASSERT_EQ(mkdir("/newdir/sub"), 0);
    ASSERT_EQ(create_file("/newdir/sub/inner", "inner\n"), 0);
    ASSERT_EQ(create_file("/empty_new", ""), 0);
    EXPECT_EQ(create_file("/new.txt", "again"), -EEXIST);
    EXPECT_EQ(mkdir("/newdir"), -EEXIST);
    EXPECT_TRUE(same_bytes(read_path("/big.bin"), big));
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/new.txt"), small));
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/big.bin"), big));
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/newdir/sub/inner"), "inner\n"));
    ASSERT_EQ(mount(), 0);
    EXPECT_TRUE(same_bytes(read_path("/big.bin"), big));
}

TEST_P(Ext2Write, OverwriteInsideAndAppendToExistingFiles)
{
    std::string expected = tree_file("/odd_size");
    const std::string patch = pattern(3000, 2);
    ASSERT_EQ(write_at("/odd_size", patch, 700), long(patch.size()));
    expected.replace(700, patch.size(), patch);
    ASSERT_EQ(write_at("/odd_size", "tail", expected.size()), 4);
    expected += "tail";
    // A write past the end leaves a hole that reads as zeros.
    ASSERT_EQ(write_at("/odd_size", "far", expected.size() + 10000), 3);
    expected += std::string(10000, '\0') + "far";
    EXPECT_TRUE(same_bytes(read_path("/odd_size"), expected));
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/odd_size"), expected));
}

TEST_P(Ext2Write, TruncateShrinksAndExtendsWithZeros)
{
    const u32 before = free_blocks();
    std::string expected = tree_file("/victims/truncate_me").substr(0, 5000);
    ASSERT_EQ(set_size("/victims/truncate_me", 5000), 0);
    EXPECT_GT(free_blocks(), before + 250 * 1024 / GetParam());
    ASSERT_EQ(set_size("/victims/truncate_me", 9000), 0);
    expected += std::string(4000, '\0');
    EXPECT_TRUE(same_bytes(read_path("/victims/truncate_me"), expected));
    ASSERT_EQ(set_size("/big/four_mib.bin", 0), 0);
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/victims/truncate_me"), expected));
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/big/four_mib.bin"), ""));
}

TEST_P(Ext2Write, UnlinkAndRmdirFreeWhatTheyHeld)
{
    const u32 free_before = free_blocks();
    const u32 inodes_before = EXT2_SB(sb)->s_es->s_free_inodes_count;
    ASSERT_EQ(unlink("/big/four_mib.bin"), 0);
    EXPECT_GE(free_blocks(), free_before + (4u << 20) / GetParam());
    EXPECT_EQ(EXT2_SB(sb)->s_es->s_free_inodes_count, inodes_before + 1);
    EXPECT_EQ(unlink("/victims/unlink_me"), 0);
    EXPECT_EQ(unlink("/victims/unlink_me"), -ENOENT);
    EXPECT_EQ(unlink("/empty_dir"), -EISDIR);
    EXPECT_EQ(rmdir("/hello.txt"), -ENOTDIR);
    EXPECT_EQ(rmdir("/deep/a"), -ENOTEMPTY);
    EXPECT_EQ(rmdir("/empty_dir"), 0);
    EXPECT_EQ(rmdir("/deep/a/b/c/d/e/f/g/h/."), -EINVAL);
    ASSERT_EQ(unlink("/deep/a/b/c/d/e/f/g/h/leaf.txt"), 0);
    ASSERT_EQ(rmdir("/deep/a/b/c/d/e/f/g/h"), 0);
    int err;
    EXPECT_EQ(walk("/empty_dir", &err), nullptr);
    EXPECT_EQ(err, -ENOENT);
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/victims/rename_me"), tree_file("/victims/rename_me")));
}

TEST_P(Ext2Write, RenameFilesAndDirectories)
{
    ASSERT_EQ(rename("/victims/rename_me", "/sub/renamed"), 0);
    ASSERT_EQ(rename("/victims/old_dir", "/deep/moved_dir"), 0);  // its '..' follows it
    ASSERT_EQ(rename("/odd_size", "/hello.txt"), 0);              // replaces a file
    EXPECT_EQ(rename("/one_block_1k", "/indirect", RENAME_NOREPLACE), -EEXIST);
    EXPECT_EQ(rename("/deep", "/deep/a/b/inside"), -EINVAL);      // not below itself
    EXPECT_EQ(rename("/sub", "/hello.txt"), -ENOTDIR);
    EXPECT_EQ(rename("/indirect", "/empty_dir"), -EISDIR);
    EXPECT_EQ(rename("/sub/dir", "/deep/a"), -ENOTEMPTY);
    ASSERT_EQ(rename("/sub/dir", "/empty_dir"), 0);               // replaces an empty directory
    ASSERT_EQ(rename("/indirect", "/indirect_same_dir"), 0);
    inode* moved = walk("/deep/moved_dir/..");
    inode* deep = walk("/deep");
    EXPECT_EQ(moved, deep);
    iput(moved);
    iput(deep);
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/sub/renamed"), tree_file("/victims/rename_me")));
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/deep/moved_dir/inner.txt"), tree_file("/victims/old_dir/inner.txt")));
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/hello.txt"), tree_file("/odd_size")));
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/empty_dir/file_in_subdir"), tree_file("/sub/dir/file_in_subdir")));
}

TEST_P(Ext2Write, ManyFilesInOneDirectory)
{
    for (int i = 0; i < 600; ++i) ASSERT_EQ(create_file("/many/new_" + std::to_string(i), std::to_string(i)), 0) << i;
    for (int i = 0; i < 600; i += 3) ASSERT_EQ(unlink("/many/new_" + std::to_string(i)), 0) << i;
    for (int i = 0; i < 300; i += 2) {
        char name[32];
        std::snprintf(name, sizeof(name), "/many/file_%04d", i);
        ASSERT_EQ(unlink(name), 0) << name;
    }
    inode* dir = walk("/many");
    const std::set<std::string> names = list_dir(dir);
    iput(dir);
    EXPECT_EQ(names.size(), 2u + 400u + 150u);
    EXPECT_TRUE(names.count("new_599") && !names.count("new_597") && names.count("file_0001") && !names.count("file_0000"));
    EXPECT_TRUE(same_bytes(read_path("/many/new_598"), "598"));
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/many/new_400"), "400"));
}

TEST_P(Ext2Write, IndexedDirectoryIsLinearOnceChanged)
{
    umount();
    ASSERT_LE(run_command(std::string(E2FSCK) + " -fyD " + scratch.path()).status, 1);  // builds htree indexes
    ASSERT_EQ(mount(), 0);
    inode* dir = walk("/many");
    ASSERT_TRUE(EXT2_I(dir)->i_flags & EXT2_INDEX_FL);
    iput(dir);
    ASSERT_EQ(create_file("/many/added_after_index", "x"), 0);
    ASSERT_EQ(unlink("/many/file_0100"), 0);
    dir = walk("/many");
    EXPECT_FALSE(EXT2_I(dir)->i_flags & EXT2_INDEX_FL);
    iput(dir);
    expect_clean();
    EXPECT_TRUE(same_bytes(debugfs_cat(scratch.path(), "/many/added_after_index"), "x"));
}

TEST_P(Ext2Write, SparseFileReachesTripleIndirectBlocks)
{
    // On 1 KiB blocks triple indirect starts at block 12 + 256 + 65536 (64.3 MiB); on 4 KiB
    // blocks this offset is in the double-indirect range.
    const u64 far = 70ull << 20;
    const u32 before = free_blocks();
    ASSERT_EQ(create_file("/sparse", "head"), 0);
    const std::string tail = pattern(5000, 3);
    ASSERT_EQ(write_at("/sparse", tail, far), long(tail.size()));
    inode* ino = walk("/sparse");
    EXPECT_EQ(ino->i_size, far + tail.size());
    char buf[8];
    EXPECT_EQ(ino->i_fop->read(ino, buf, sizeof(buf), far / 2), 8);
    EXPECT_EQ(std::string(buf, 8), std::string(8, '\0'));
    iput(ino);
    umount();
    const CommandResult r = e2fsck(scratch.path());
    EXPECT_EQ(r.status, 0) << r.output;
    const std::string bytes = debugfs_cat(scratch.path(), "/sparse");
    ASSERT_EQ(bytes.size(), far + tail.size());
    EXPECT_EQ(bytes.substr(0, 4), "head");
    EXPECT_EQ(bytes.substr(far), tail);
    ASSERT_EQ(mount(), 0);
    ASSERT_EQ(set_size("/sparse", 0), 0);
    EXPECT_EQ(free_blocks(), before - 0u * 1) << "every block, indirect ones included, is freed";
    ASSERT_EQ(unlink("/sparse"), 0);
    expect_clean();
}

TEST_P(Ext2Write, AFullDiskGivesAShortWriteThenENOSPC)
{
    const std::string chunk = pattern(1 << 20, 4);
    ASSERT_EQ(create_file("/filler", ""), 0);
    u64 pos = 0;
    long n = 0;
    while ((n = write_at("/filler", chunk, pos)) == long(chunk.size())) pos += chunk.size();
    EXPECT_GE(n, 0);
    pos += u64(n);
    EXPECT_EQ(write_at("/filler", chunk, pos), -ENOSPC);
    EXPECT_EQ(free_blocks(), 0u);
    EXPECT_EQ(create_file("/after_full", "x"), -ENOSPC);
    ASSERT_EQ(unlink("/filler"), 0);
    ASSERT_EQ(create_file("/after_free", "x"), 0);
    expect_clean();
}

INSTANTIATE_TEST_SUITE_P(BlockSizes, Ext2Write, ::testing::Values(1024u, 4096u));
