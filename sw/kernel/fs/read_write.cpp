// read, write and their variants, lseek, fsync and sync (Linux fs/read_write.c, fs/sync.c).
// Data moves between user memory and the file system through a kernel bounce buffer, one
// chunk at a time, the file system called under the VFS lock; the console file (no inode)
// reads end of file and writes to the UART. fsync writes the whole file system back (its
// dirty inodes and buffers) and flushes the disk's cache: ext2 has no per-file list to do less.
#include "fs/syscalls.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/slab.h"
#include "mm/writeback.h"
#include "proc/sched.h"

namespace {

constexpr unsigned long CHUNK = 4096;
constexpr int UIO_MAXIOV = 1024;

struct iovec {
    void* iov_base;
    unsigned long iov_len;
};

long console_write_user(const char* ubuf, unsigned long len)
{
    char chunk[256];
    for (unsigned long done = 0; done < len;) {
        const unsigned long n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        if (copy_from_user(chunk, ubuf + done, n)) return done ? long(done) : -EFAULT;
        console_write(chunk, n);
        done += n;
    }
    return long(len);
}

// One chunk through the file's own calls (a /proc snapshot) or its inode's. A file system
// without a write for it refuses as Linux's /proc does (proc_reg_write: -EIO).
long rw_one(file* f, char* kbuf, unsigned long len, u64 pos, bool write)
{
    inode* ino = f->f_inode;
    const file_operations* fop = ino->i_fop;
    if (write) {
        if (fop->write_file) return fop->write_file(f, kbuf, len, pos);
        return fop->write ? fop->write(ino, kbuf, len, pos) : -EIO;
    }
    if (fop->read_file) return fop->read_file(f, kbuf, len, pos);
    return fop->read ? fop->read(ino, kbuf, len, pos) : -EINVAL;
}

// Reads or writes len bytes of f's file at *pos (advanced), through a bounce buffer.
long file_rw(file* f, char* ubuf, unsigned long len, u64* pos, bool write)
{
    inode* ino = f->f_inode;
    if (S_ISDIR(ino->i_mode)) return -EISDIR;
    if (write ? (f->f_flags & O_ACCMODE) == O_RDONLY : (f->f_flags & O_ACCMODE) == O_WRONLY) return -EBADF;
    char* kbuf = static_cast<char*>(kmalloc(CHUNK, GFP_KERNEL));
    if (!kbuf) return -ENOMEM;
    long done = 0, err = 0;
    while (static_cast<unsigned long>(done) < len) {
        const unsigned long want = len - static_cast<unsigned long>(done) < CHUNK ? len - static_cast<unsigned long>(done) : CHUNK;
        if (write && copy_from_user(kbuf, ubuf + done, want)) {
            err = -EFAULT;
            break;
        }
        // Files with their own read and write (proc) need no VFS lock: sysctl writes such as
        // drop_caches take it themselves.
        const bool locked = !ino->i_fop->read_file;
        if (locked) vfs_lock();
        if (write && (f->f_flags & O_APPEND)) *pos = ino->i_size;
        const long n = rw_one(f, kbuf, want, *pos, write);
        if (locked) vfs_unlock();
        if (write && n > 0) balance_dirty_pages_ratelimited();
        if (n <= 0) {
            err = n;
            break;
        }
        if (!write && copy_to_user(ubuf + done, kbuf, static_cast<unsigned long>(n))) {
            err = -EFAULT;
            break;
        }
        *pos += u64(n);
        done += n;
        if (static_cast<unsigned long>(n) < want) break;
    }
    kfree(kbuf);
    return done ? done : err;
}

long do_rw(int fd, char* ubuf, unsigned long len, long pos, bool write)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    long rc;
    if (f->f_pipe) {
        rc = pos >= 0 ? -ESPIPE : write ? pipe_write(f, ubuf, len) : pipe_read(f, ubuf, len);
    } else if (!f->f_inode) {
        rc = pos >= 0 ? -ESPIPE : write ? console_write_user(ubuf, len) : 0;
    } else if (pos >= 0) {
        u64 p = u64(pos);
        rc = file_rw(f, ubuf, len, &p, write);
    } else {
        rc = file_rw(f, ubuf, len, &f->f_pos, write);
    }
    fput(f);
    return rc;
}

long do_rwv(int fd, const void* uiov, int iovcnt, bool write)
{
    if (iovcnt < 0 || iovcnt > UIO_MAXIOV) return -EINVAL;
    long total = 0;
    for (int i = 0; i < iovcnt; ++i) {
        iovec v;
        if (copy_from_user(&v, static_cast<const iovec*>(uiov) + i, sizeof(v))) return total ? total : -EFAULT;
        if (!v.iov_len) continue;
        const long n = do_rw(fd, static_cast<char*>(v.iov_base), v.iov_len, -1, write);
        if (n < 0) return total ? total : n;
        total += n;
        if (static_cast<unsigned long>(n) < v.iov_len) break;
    }
    return total;
}

int sync_root()
{
    super_block* sb = root_sb();
    if (!sb || sb->s_rdonly) return 0;
    vfs_lock();
    const int err = sb->s_op->sync_fs(sb);
    vfs_unlock();
    return err;
}

}  // namespace

long sys_read(int fd, char* ubuf, unsigned long len) { return do_rw(fd, ubuf, len, -1, false); }
long sys_write(int fd, const char* ubuf, unsigned long len)
{
    // A task without a file table (none should reach here) still has the console on 1 and 2.
    if (!current->files && (fd == 1 || fd == 2)) return console_write_user(ubuf, len);
    return do_rw(fd, const_cast<char*>(ubuf), len, -1, true);
}

long sys_pread64(int fd, char* ubuf, unsigned long len, long pos)
{
    return pos < 0 ? -EINVAL : do_rw(fd, ubuf, len, pos, false);
}

long sys_pwrite64(int fd, const char* ubuf, unsigned long len, long pos)
{
    return pos < 0 ? -EINVAL : do_rw(fd, const_cast<char*>(ubuf), len, pos, true);
}

long sys_readv(int fd, const void* uiov, int iovcnt) { return do_rwv(fd, uiov, iovcnt, false); }
long sys_writev(int fd, const void* uiov, int iovcnt) { return do_rwv(fd, uiov, iovcnt, true); }

long sys_lseek(int fd, long offset, int whence)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    long rc;
    if (!f->f_inode) {
        rc = -ESPIPE;
    } else {
        const long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? long(f->f_pos) : long(f->f_inode->i_size);
        if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) rc = -EINVAL;
        else if (whence == SEEK_END && f->f_inode->i_fop->read_file) rc = -EINVAL;  // seq_lseek
        else if (base + offset < 0) rc = -EINVAL;
        else f->f_pos = u64(rc = base + offset);
    }
    fput(f);
    return rc;
}

int vfs_fsync(file* f) { return f->f_inode ? sync_root() : -EINVAL; }

long sys_fsync(int fd)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    const long rc = vfs_fsync(f);
    fput(f);
    return rc;
}

long sys_sync()
{
    sync_root();
    return 0;
}
