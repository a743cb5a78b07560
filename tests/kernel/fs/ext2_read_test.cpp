// ext2 read paths against images mke2fs -d made (1 KiB and 4 KiB blocks): every file of the
// source folder is found by path and read back byte for byte (direct, indirect and double
// indirect blocks), every directory lists what the folder holds, reads at odd offsets and past
// the end, and a read-only mount writes nothing.
#include "ext2_test_support.h"

namespace fs = std::filesystem;

namespace {

class Ext2Read : public Ext2Test, public ::testing::WithParamInterface<unsigned> {
protected:
    Ext2Read() : Ext2Test(ext2_image(GetParam())) {}
};

}  // namespace

TEST_P(Ext2Read, MountsWithDebianDefaultFeatures)
{
    ASSERT_EQ(mount(true), 0) << host_printk_take();
    EXPECT_EQ(sb->s_blocksize, GetParam());
    const ext2_super_block* es = EXT2_SB(sb)->s_es;
    EXPECT_EQ(es->s_rev_level, EXT2_DYNAMIC_REV);
    EXPECT_TRUE(es->s_feature_compat & EXT2_FEATURE_COMPAT_DIR_INDEX);
    EXPECT_TRUE(es->s_feature_compat & EXT2_FEATURE_COMPAT_RESIZE_INO);
    EXPECT_TRUE(es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
    EXPECT_TRUE(S_ISDIR(sb->s_root->i_mode));
    EXPECT_EQ(host_printk_take(), "");
}

TEST_P(Ext2Read, EveryFileMatchesTheSourceFolder)
{
    ASSERT_EQ(mount(true), 0) << host_printk_take();
    const std::string tree = ext2_tree(GetParam());
    unsigned files = 0, dirs = 0;
    for (const auto& entry : fs::recursive_directory_iterator(tree)) {
        const std::string path = entry.path().string().substr(tree.size());
        int err;
        inode* ino = walk(path, &err);
        ASSERT_NE(ino, nullptr) << path << ": " << err;
        if (entry.is_directory()) {
            ASSERT_TRUE(S_ISDIR(ino->i_mode)) << path;
            std::set<std::string> expected{".", ".."};
            for (const auto& child : fs::directory_iterator(entry.path())) expected.insert(child.path().filename().string());
            EXPECT_EQ(list_dir(ino), expected) << path;
            ++dirs;
        } else {
            ASSERT_TRUE(S_ISREG(ino->i_mode)) << path;
            EXPECT_EQ(ino->i_size, entry.file_size()) << path;
            EXPECT_TRUE(same_bytes(read_file(ino), host_file(entry.path().string()))) << path;
            ++files;
        }
        iput(ino);
    }
    EXPECT_GT(files, 310u);
    EXPECT_GT(dirs, 15u);
    EXPECT_EQ(host_printk_take(), "");
}

TEST_P(Ext2Read, PartialReadsAtOddOffsetsAndPastTheEnd)
{
    ASSERT_EQ(mount(true), 0);
    const std::string expected = host_file(ext2_tree(GetParam()) + "/big/double_indirect.bin");
    inode* ino = walk("/big/double_indirect.bin");
    ASSERT_NE(ino, nullptr);
    for (u64 pos : {0ull, 1ull, 1023ull, 4095ull, 12ull * 1024 - 3, 268ull * 1024 - 1, 500000ull}) {
        char buf[3000];
        ASSERT_EQ(ino->i_fop->read(ino, buf, sizeof(buf), pos), long(sizeof(buf))) << pos;
        EXPECT_EQ(std::string(buf, sizeof(buf)), expected.substr(pos, sizeof(buf))) << pos;
    }
    char buf[100];
    EXPECT_EQ(ino->i_fop->read(ino, buf, sizeof(buf), expected.size() - 10), 10);
    EXPECT_EQ(ino->i_fop->read(ino, buf, sizeof(buf), expected.size()), 0);
    iput(ino);
}

TEST_P(Ext2Read, MissingNamesAndWrongTypes)
{
    ASSERT_EQ(mount(true), 0);
    int err;
    EXPECT_EQ(walk("/no_such_file", &err), nullptr);
    EXPECT_EQ(err, -ENOENT);
    EXPECT_EQ(walk("/hello.txt/below", &err), nullptr);
    EXPECT_EQ(err, -ENOTDIR);
    inode* dotdot = walk("/deep/a/..");
    ASSERT_NE(dotdot, nullptr);
    EXPECT_EQ(dotdot->i_ino, walk("/deep", &err)->i_ino);
    iput(dotdot);
    iput(dotdot);  // walk("/deep") found the same in-memory inode
}

TEST_P(Ext2Read, ReadOnlyMountWritesNothing)
{
    const std::vector<char> before = scratch.bytes();
    ASSERT_EQ(mount(true), 0);
    EXPECT_TRUE(same_bytes(read_path("/hello.txt"), host_file(ext2_tree(GetParam()) + "/hello.txt")));
    umount();
    EXPECT_EQ(disk->writes, 0u);
    EXPECT_TRUE(scratch.bytes() == before);
}

INSTANTIATE_TEST_SUITE_P(BlockSizes, Ext2Read, ::testing::Values(1024u, 4096u));
