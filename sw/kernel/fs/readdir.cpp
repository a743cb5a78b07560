// getdents64 (Linux fs/readdir.c): the directory's entries as struct linux_dirent64 records
// (d_ino, d_off = the cookie of the next entry, d_reclen rounded up to 8, d_type, the name),
// as many as fit in the caller's buffer; the file position is the file system's cookie.
#include "fs/syscalls.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "mm/slab.h"

namespace {

constexpr unsigned long GETDENTS_MAX = 32768;  // bytes gathered per call

struct linux_dirent64 {
    u64 d_ino;
    s64 d_off;
    u16 d_reclen;
    u8 d_type;
    char d_name[];
};

struct getdents_ctx : dir_context {
    char* buf;
    unsigned long size, used;
    bool full;  // an entry did not fit
};

bool filldir64(dir_context* ctx, const char* name, unsigned len, u64 next, u64 ino, u8 type)
{
    auto* g = static_cast<getdents_ctx*>(ctx);
    const unsigned long reclen = ALIGN(offsetof(linux_dirent64, d_name) + len + 1, 8);
    if (g->used + reclen > g->size) {
        g->full = true;
        return false;
    }
    auto* d = reinterpret_cast<linux_dirent64*>(g->buf + g->used);
    d->d_ino = ino;
    d->d_off = s64(next);
    d->d_reclen = u16(reclen);
    d->d_type = type;
    __builtin_memcpy(d->d_name, name, len);
    __builtin_memset(d->d_name + len, 0, reclen - offsetof(linux_dirent64, d_name) - len);
    g->used += reclen;
    return true;
}

}  // namespace

long sys_getdents64(int fd, void* udirent, unsigned long count)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    long rc = -ENOTDIR;
    if (f->f_inode && S_ISDIR(f->f_inode->i_mode)) {
        getdents_ctx g;
        g.actor = filldir64;
        g.size = count < GETDENTS_MAX ? count : GETDENTS_MAX;
        g.used = 0;
        g.full = false;
        g.buf = static_cast<char*>(kmalloc(g.size ? g.size : 1, GFP_KERNEL));
        rc = -ENOMEM;
        if (g.buf) {
            vfs_lock();
            g.pos = f->f_pos;
            rc = f->f_inode->i_fop->iterate(f->f_inode, &g);
            f->f_pos = g.pos;
            vfs_unlock();
            if (rc == 0 && g.used == 0 && g.full) rc = -EINVAL;  // not even one fits
            if (rc == 0) rc = copy_to_user(udirent, g.buf, g.used) ? -EFAULT : long(g.used);
            kfree(g.buf);
        }
    }
    fput(f);
    return rc;
}
