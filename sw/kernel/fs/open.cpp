// Opening and closing files and the calls on the file table and the working directory (Linux
// fs/open.c, fs/file.c dup/dup3, fs/d_path.c getcwd): openat with O_CREAT, O_EXCL, O_TRUNC,
// O_APPEND, O_DIRECTORY; ftruncate; chdir; getcwd, which finds each directory's name in its
// parent by inode number (there is no dentry cache). Everyone is root: no permission checks.
#include "fs/syscalls.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "proc/sched.h"

namespace {

bool wants_write(unsigned flags) { return (flags & O_ACCMODE) != O_RDONLY; }

// The inode openat opens (referenced), created when O_CREAT asks for it; under the VFS lock.
int open_inode(int dfd, const char* path, unsigned flags, unsigned mode, inode** out)
{
    if (!(flags & O_CREAT)) return filename_lookup(dfd, path, out);
    inode* dir;
    qstr last;
    int err = filename_parent(dfd, path, &dir, &last);
    if (err) return err;
    if (!S_ISDIR(dir->i_mode) || !dir->i_op) err = -ENOTDIR;
    else err = dir->i_op->lookup(dir, &last, out);
    if (err == 0 && (flags & O_EXCL)) {
        iput(*out);
        err = -EEXIST;
    } else if (err == -ENOENT) {
        err = dir->i_sb->s_rdonly ? -EROFS
              : !dir->i_op->create ? -EACCES  // Linux lookup_open: a file system that makes no files
                                   : dir->i_op->create(dir, &last, umode_t(mode & 07777), out);
    }
    iput(dir);
    return err;
}

int check_open(inode* ino, unsigned flags)
{
    if ((flags & O_DIRECTORY) && !S_ISDIR(ino->i_mode)) return -ENOTDIR;
    if (S_ISDIR(ino->i_mode)) return wants_write(flags) ? -EISDIR : 0;
    if (!S_ISREG(ino->i_mode)) return -ENXIO;  // no device files, symlinks are not followed
    if (wants_write(flags) && ino->i_sb->s_rdonly) return -EROFS;
    if ((flags & O_TRUNC) && wants_write(flags) && ino->i_size) return ino->i_op->setsize(ino, 0);
    return 0;
}

struct name_finder : dir_context {
    u64 ino;
    char* name;  // receives the entry's name, NUL-terminated (NAME_MAX + 1 bytes)
    bool found;
};

bool match_ino(dir_context* ctx, const char* name, unsigned len, u64, u64 ino, u8)
{
    auto* f = static_cast<name_finder*>(ctx);
    if (ino != f->ino || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) return true;
    __builtin_memcpy(f->name, name, len);
    f->name[len] = '\0';
    f->found = true;
    return false;
}

// The absolute path of dir into buf[PATH_MAX] (built from the end); its start, or nullptr with *err.
char* d_path(inode* dir, char* buf, char* name, int* err)
{
    inode* const top = vfs_root_inode();
    char* p = buf + PATH_MAX - 1;
    *p = '\0';
    inode* cur = igrab(dir);
    while (cur != top) {
        inode* parent;
        if (cur == proc_root_inode()) {  // a mount point: named by the mount, not by a directory entry
            parent = igrab(top);
            __builtin_memcpy(name, "proc", 5);
        } else {
            const qstr dotdot{"..", 2};
            *err = cur->i_op->lookup(cur, &dotdot, &parent);
            if (*err) break;
            name_finder f;
            f.actor = match_ino;
            f.pos = 0;
            f.ino = cur->i_ino;
            f.name = name;
            f.found = false;
            *err = parent->i_fop->iterate(parent, &f);
            if (!*err && !f.found) *err = -ENOENT;  // removed while it was the working directory
        }
        const long len = long(__builtin_strlen(name));
        if (!*err && p - buf < len + 1) *err = -ENAMETOOLONG;
        iput(cur);
        cur = parent;
        if (*err) break;
        p -= len;
        __builtin_memcpy(p, name, size_t(len));
        *--p = '/';
    }
    iput(cur);
    if (*err) return nullptr;
    if (!*p) *--p = '/';
    return p;
}

}  // namespace

long sys_openat(int dfd, const char* upath, unsigned flags, unsigned mode)
{
    const user_path path(upath);
    long err = path.err();
    if (err) return err;
    inode* ino = nullptr;
    vfs_lock();
    err = open_inode(dfd, path.get(), flags, mode, &ino);
    if (!err) {
        err = check_open(ino, flags);
        if (err) iput(ino);
    }
    vfs_unlock();
    if (err) return err;
    unmap_mapping_finish(&ino->i_data);  // O_TRUNC of a mapped file
    file* f = alloc_file(ino, flags & (O_ACCMODE | O_APPEND));
    if (!f) {
        vfs_lock();
        iput(ino);
        vfs_unlock();
        return -ENOMEM;
    }
    if (ino->i_fop->open) {
        err = ino->i_fop->open(ino, f);
        if (err) {
            f->f_inode = nullptr;  // not opened: nothing to release
            fput(f);
            vfs_lock();
            iput(ino);
            vfs_unlock();
            return err;
        }
    }
    const int fd = fd_install(f);
    if (fd < 0) fput(f);
    return fd;
}

long sys_close(int fd) { return close_fd(fd); }

long sys_ftruncate(int fd, long length)
{
    if (length < 0) return -EINVAL;
    file* f = fget(fd);
    if (!f) return -EBADF;
    long err = -EINVAL;
    if (f->f_inode && S_ISREG(f->f_inode->i_mode) && wants_write(f->f_flags) && !f->f_inode->i_op->setsize) {
        err = -EPERM;  // a file whose size is not its own (/proc)
    } else if (f->f_inode && S_ISREG(f->f_inode->i_mode) && wants_write(f->f_flags)) {
        vfs_lock();
        err = f->f_inode->i_op->setsize(f->f_inode, u64(length));
        vfs_unlock();
        unmap_mapping_finish(&f->f_inode->i_data);
    }
    fput(f);
    return err;
}

long sys_chdir(const char* upath)
{
    const user_path path(upath);
    long err = path.err();
    if (err) return err;
    vfs_lock();
    inode* ino;
    err = filename_lookup(AT_FDCWD, path.get(), &ino);
    if (!err && !S_ISDIR(ino->i_mode)) {
        iput(ino);
        err = -ENOTDIR;
    }
    if (!err) {
        iput(current->fs_pwd);
        current->fs_pwd = ino;
    }
    vfs_unlock();
    return err;
}

long sys_getcwd(char* ubuf, unsigned long size)
{
    char* buf = static_cast<char*>(kmalloc(PATH_MAX + NAME_MAX + 1, GFP_KERNEL));
    if (!buf) return -ENOMEM;
    int err = 0;
    vfs_lock();
    const char* path = d_path(current->fs_pwd ? current->fs_pwd : vfs_root_inode(), buf, buf + PATH_MAX, &err);
    vfs_unlock();
    long rc = err;
    if (path) {
        const unsigned long len = __builtin_strlen(path) + 1;
        rc = len > size ? -ERANGE : copy_to_user(ubuf, path, len) ? -EFAULT : long(len);
    }
    kfree(buf);
    return rc;
}

long sys_dup(int fd)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    const int newfd = fd_install(f);
    if (newfd < 0) fput(f);
    return newfd;
}

long sys_dup3(int oldfd, int newfd, unsigned flags)
{
    if (oldfd == newfd || (flags & ~O_CLOEXEC)) return -EINVAL;
    if (newfd < 0 || newfd >= NR_OPEN_DEFAULT) return -EBADF;
    file* f = fget(oldfd);
    if (!f) return -EBADF;
    files_struct* files = current->files;
    file* old;
    {
        spin_guard g(&files->lock);
        old = files->fd[newfd];
        files->fd[newfd] = f;
    }
    if (old) fput(old);
    return newfd;
}
