// Shared pieces of the ext2 tests: the build's images and the folders they were made from, a
// mount of a scratch copy through the host disk, path walks and whole-file reads through the
// code under test, and the e2fsprogs checks (e2fsck -fn, debugfs cat) run on the result.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fs/ext2/ext2.h"
#include "fs_test_support.h"

struct CommandResult {
    int status;
    std::string output;
};

inline CommandResult run_command(const std::string& cmd)
{
    CommandResult r{-1, ""};
    std::FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return r;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) r.output.append(buf, n);
    const int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string ext2_image(unsigned block_size) { return std::string(EXT2_IMAGE_DIR) + "/ext2_" + std::to_string(block_size) + ".img"; }
inline std::string ext2_tree(unsigned block_size) { return std::string(EXT2_IMAGE_DIR) + "/ext2_" + std::to_string(block_size) + "_tree"; }

inline std::string host_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Equal byte strings; on a mismatch says where, without printing the (large) contents.
inline ::testing::AssertionResult same_bytes(const std::string& got, const std::string& want)
{
    if (got == want) return ::testing::AssertionSuccess();
    size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
    return ::testing::AssertionFailure() << "sizes " << got.size() << " and " << want.size() << ", first difference at byte "
                                         << i << ": \"" << got.substr(i, 40) << "\" vs \"" << want.substr(i, 40) << "\"";
}

// e2fsck -fn: forced check, changing nothing; status 0 means clean.
inline CommandResult e2fsck(const std::string& image) { return run_command(std::string(E2FSCK) + " -fn " + image); }

inline std::string debugfs_cat(const std::string& image, const std::string& path)
{
    const std::string out = image + ".cat";  // beside the scratch image: unique per test
    std::system((std::string(DEBUGFS) + " -R 'cat " + path + "' " + image + " >" + out + " 2>/dev/null").c_str());
    std::string bytes = host_file(out);
    std::remove(out.c_str());
    return bytes;
}

inline CommandResult debugfs_write(const std::string& image, const std::string& request)
{
    return run_command(std::string(DEBUGFS) + " -w -R '" + request + "' " + image);
}

// An ext2 test: a scratch copy of an image, its disk and (once mounted) its super_block.
class Ext2Test : public FsTest {
protected:
    explicit Ext2Test(const std::string& image) : scratch(image), disk(std::make_unique<HostBlockDevice>(scratch.path(), false)) {}
    ~Ext2Test() override
    {
        if (sb) kill_block_super(sb);
        forget(disk->bdev());
    }
    // 0 or the mount's error.
    int mount(bool read_only = false)
    {
        int err = 0;
        sb = mount_bdev(&ext2_fs_type, disk->bdev(), read_only ? SB_RDONLY : 0, &err);
        return err;
    }
    void umount()
    {
        kill_block_super(sb);
        sb = nullptr;
    }
    // The inode at an absolute path, referenced; nullptr with *err.
    inode* walk(const std::string& path, int* err = nullptr)
    {
        int dummy;
        if (!err) err = &dummy;
        inode* cur = igrab(sb->s_root);
        size_t pos = 1;
        while (pos < path.size()) {
            const size_t end = std::min(path.find('/', pos), path.size());
            const std::string name = path.substr(pos, end - pos);
            pos = end + 1;
            if (name.empty()) continue;
            inode* next = nullptr;
            const qstr q{name.c_str(), unsigned(name.size())};
            *err = cur->i_op && cur->i_op->lookup ? cur->i_op->lookup(cur, &q, &next) : -ENOTDIR;
            iput(cur);
            if (*err) return nullptr;
            cur = next;
        }
        *err = 0;
        return cur;
    }
    // The directory holding path and the last name of path.
    inode* parent_of(const std::string& path, std::string* name)
    {
        const size_t slash = path.rfind('/');
        *name = path.substr(slash + 1);
        return walk(slash == 0 ? "/" : path.substr(0, slash));
    }
    std::string read_file(inode* ino)
    {
        std::string data(ino->i_size, '\0');
        const long n = ino->i_fop->read(ino, data.data(), data.size(), 0);
        EXPECT_EQ(n, long(data.size()));
        return data;
    }
    std::string read_path(const std::string& path)
    {
        inode* ino = walk(path);
        if (!ino) return "<missing>";
        std::string data = read_file(ino);
        iput(ino);
        return data;
    }
    std::set<std::string> list_dir(inode* dir)
    {
        struct collector : dir_context {
            std::set<std::string> names;
        } c;
        c.pos = 0;
        c.actor = [](dir_context* ctx, const char* name, unsigned len, u64, u64, u8) {
            static_cast<collector*>(ctx)->names.insert(std::string(name, len));
            return true;
        };
        EXPECT_EQ(dir->i_fop->iterate(dir, &c), 0);
        return c.names;
    }
    // Runs op(dir, name) on the parent of path; its result.
    template <typename Op>
    int at_parent(const std::string& path, Op op)
    {
        std::string name;
        inode* dir = parent_of(path, &name);
        if (!dir) return -ENOENT;
        const qstr q{name.c_str(), unsigned(name.size())};
        const int err = op(dir, &q);
        iput(dir);
        return err;
    }
    int create_file(const std::string& path, const std::string& data)
    {
        return at_parent(path, [&](inode* dir, const qstr* q) {
            inode* ino;
            int err = dir->i_op->create(dir, q, 0644, &ino);
            if (err) return err;
            const long n = data.empty() ? 0 : ino->i_fop->write(ino, data.data(), data.size(), 0);
            iput(ino);
            return n == long(data.size()) ? 0 : int(n < 0 ? n : -EIO);
        });
    }

    ScratchImage scratch;
    std::unique_ptr<HostBlockDevice> disk;
    super_block* sb = nullptr;
};
