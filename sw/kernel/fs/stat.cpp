// newfstatat and fstat (Linux fs/stat.c cp_new_stat) in the generic struct stat RISC-V uses
// (asm-generic/stat.h). The root disk reports device 254:0 (virtio-blk's usual major), the
// console character device 5:1, a pipe a FIFO; and readlinkat.
#include "fs/syscalls.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "mm/slab.h"

namespace {

struct stat_user {
    u64 st_dev, st_ino;
    u32 st_mode, st_nlink, st_uid, st_gid;
    u64 st_rdev, pad1;
    s64 st_size;
    s32 st_blksize, pad2;
    s64 st_blocks;
    s64 st_atime;
    u64 st_atime_nsec;
    s64 st_mtime;
    u64 st_mtime_nsec;
    s64 st_ctime;
    u64 st_ctime_nsec;
    u32 unused4, unused5;
};
static_assert(sizeof(stat_user) == 128);

constexpr u64 CONSOLE_RDEV = (5u << 8) | 1;
constexpr unsigned AT_SYMLINK_NOFOLLOW = 0x100;  // <uapi/linux/fcntl.h>

void fill_stat(const inode* ino, stat_user* st)
{
    *st = stat_user{};
    if (!ino) {
        st->st_mode = S_IFCHR | 0620;
        st->st_nlink = 1;
        st->st_rdev = CONSOLE_RDEV;
        // As Linux's /dev/console on devtmpfs: glibc sizes stdout's buffer by it.
        st->st_blksize = s32(PAGE_SIZE);
        return;
    }
    st->st_dev = ino->i_sb->s_dev;
    st->st_ino = ino->i_ino;
    st->st_mode = ino->i_mode;
    st->st_nlink = ino->i_nlink;
    st->st_uid = ino->i_uid;
    st->st_gid = ino->i_gid;
    st->st_size = s64(ino->i_size);
    st->st_blksize = s32(ino->i_sb->s_blocksize);
    st->st_blocks = s64(ino->i_blocks);
    st->st_atime = ino->i_atime;
    st->st_mtime = ino->i_mtime;
    st->st_ctime = ino->i_ctime;
}

}  // namespace

long sys_fstat(int fd, void* ustat)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    stat_user st;
    if (f->f_inode) vfs_lock();
    fill_stat(f->f_inode, &st);
    if (f->f_inode) vfs_unlock();
    if (f->f_pipe) {
        st.st_mode = S_IFIFO | 0600;
        st.st_rdev = 0;
        st.st_blksize = s32(PAGE_SIZE);
    }
    fput(f);
    return copy_to_user(ustat, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_newfstatat(int dfd, const char* upath, void* ustat, unsigned flags)
{
    const user_path path(upath);
    long err = path.err();
    if (err) return err;
    if (!*path.get() && (flags & AT_EMPTY_PATH)) return sys_fstat(dfd, ustat);
    stat_user st;
    vfs_lock();
    inode* ino;
    err = filename_lookup(dfd, path.get(), &ino, !(flags & AT_SYMLINK_NOFOLLOW));
    if (!err) {
        fill_stat(ino, &st);
        iput(ino);
    }
    vfs_unlock();
    if (!err && copy_to_user(ustat, &st, sizeof(st))) err = -EFAULT;
    return err;
}

long sys_readlinkat(int dfd, const char* upath, char* ubuf, int bufsiz)
{
    if (bufsiz <= 0) return -EINVAL;
    const user_path path(upath);
    long err = path.err();
    if (err) return err;
    char* target = static_cast<char*>(kmalloc(PATH_MAX, GFP_KERNEL));
    if (!target) return -ENOMEM;
    vfs_lock();
    inode* ino;
    err = filename_lookup(dfd, path.get(), &ino, false);
    if (!err) {
        if (!S_ISLNK(ino->i_mode)) err = -EINVAL;
        else if (!ino->i_op || !ino->i_op->get_link) err = -EOPNOTSUPP;
        else err = ino->i_op->get_link(ino, target, PATH_MAX);
        iput(ino);
    }
    vfs_unlock();
    if (err >= 0) {
        // Truncated to bufsiz, without a NUL (Linux readlink).
        if (err > bufsiz) err = bufsiz;
        if (copy_to_user(ubuf, target, static_cast<unsigned long>(err))) err = -EFAULT;
    }
    kfree(target);
    return err;
}
