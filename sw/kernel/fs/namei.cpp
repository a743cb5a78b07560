// Path lookup and the name system calls (Linux fs/namei.c): a path is walked component by
// component from / or from the starting directory (the working directory or a dirfd), "."
// staying and ".." at / staying at /; mkdirat, unlinkat (AT_REMOVEDIR: rmdir) and renameat2
// hand the last component to the directory's inode operations. Symbolic links whose file
// system can read them (/proc/self) are followed; ext2's are not.
#include "fs/syscalls.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "mm/slab.h"
#include "proc/sched.h"

namespace {

bool is_name(const qstr& q, const char* s)
{
    unsigned i = 0;
    for (; s[i]; ++i)
        if (i >= q.len || q.name[i] != s[i]) return false;
    return i == q.len;
}

// The directory a relative path starts from, referenced.
int start_dir(int dfd, const char* path, inode** out)
{
    inode* const top = vfs_root_inode();
    if (path[0] == '/' || (dfd == AT_FDCWD && !current->fs_pwd)) {
        *out = igrab(top);
        return 0;
    }
    if (dfd == AT_FDCWD) {
        *out = igrab(current->fs_pwd);
        return 0;
    }
    files_struct* files = current->files;
    if (!files || dfd < 0 || dfd >= NR_OPEN_DEFAULT) return -EBADF;
    spin_guard g(&files->lock);
    file* f = files->fd[dfd];
    if (!f) return -EBADF;
    if (!f->f_inode || !S_ISDIR(f->f_inode->i_mode)) return -ENOTDIR;
    *out = igrab(f->f_inode);
    return 0;
}

bool only_slashes(const char* p, const char* end)
{
    while (p < end && *p == '/') ++p;
    return p == end;
}

int walk(inode* cur, const char* p, const char* end, bool follow_last, int depth, inode** out);

// The inode name names in dir, referenced, crossing the /proc mount point both ways (there
// is one mount besides the root: Linux's follow_mount and follow_dotdot, without a mount table).
int lookup_one(inode* dir, const qstr& name, inode** out)
{
    inode* const proc = proc_root_inode();
    if (proc && dir == vfs_root_inode() && is_name(name, "proc")) {
        *out = igrab(proc);
        return 0;
    }
    if (proc && dir == proc && is_name(name, "..")) {
        *out = igrab(vfs_root_inode());
        return 0;
    }
    return dir->i_op->lookup(dir, &name, out);
}

// Replaces *link (a symbolic link found in dir, its reference dropped) by the inode its
// target names, resolved from dir or from / (Linux pick_link); at most MAX_NESTED_LINKS deep.
int follow_link(inode* dir, inode** link, int depth)
{
    constexpr int MAX_NESTED_LINKS = 8;
    inode* ln = *link;
    if (depth >= MAX_NESTED_LINKS) {
        iput(ln);
        return -ELOOP;
    }
    char* target = static_cast<char*>(kmalloc(PATH_MAX, GFP_KERNEL));
    int n = target ? ln->i_op->get_link(ln, target, PATH_MAX - 1) : -ENOMEM;
    iput(ln);
    if (n == 0) n = -ENOENT;
    if (n > 0) n = walk(igrab(target[0] == '/' ? vfs_root_inode() : dir), target, target + n, true, depth + 1, link);
    kfree(target);
    return n < 0 ? n : 0;
}

// Walks [p, end) from cur (whose reference it takes over); the inode reached, referenced.
// Symbolic links that can be read are followed, the last one only with follow_last.
int walk(inode* cur, const char* p, const char* end, bool follow_last, int depth, inode** out)
{
    inode* const top = vfs_root_inode();
    while (p < end) {
        while (p < end && *p == '/') ++p;
        if (p == end) break;
        const char* e = p;
        while (e < end && *e != '/') ++e;
        const qstr name{p, unsigned(e - p)};
        p = e;
        if (!S_ISDIR(cur->i_mode) || !cur->i_op || !cur->i_op->lookup) {
            iput(cur);
            return -ENOTDIR;
        }
        if (is_name(name, ".") || (is_name(name, "..") && cur == top)) continue;
        inode* next;
        int err = lookup_one(cur, name, &next);
        if (!err && S_ISLNK(next->i_mode) && next->i_op && next->i_op->get_link &&
            (follow_last || !only_slashes(p, end)))
            err = follow_link(cur, &next, depth);
        iput(cur);
        if (err) return err;
        cur = next;
    }
    *out = cur;
    return 0;
}

int check_writable_dir(inode* dir)
{
    if (!S_ISDIR(dir->i_mode) || !dir->i_op) return -ENOTDIR;
    return dir->i_sb->s_rdonly ? -EROFS : 0;
}

}  // namespace

user_path::user_path(const char* upath) : buf_(static_cast<char*>(kmalloc(PATH_MAX, GFP_KERNEL))), err_(-ENOMEM)
{
    if (!buf_) return;
    const long n = strncpy_from_user(buf_, upath, PATH_MAX);
    err_ = n < 0 ? n : n >= long(PATH_MAX) ? -ENAMETOOLONG : 0;
}

user_path::~user_path() { kfree(buf_); }

int filename_lookup(int dfd, const char* path, inode** out, bool follow)
{
    if (!*path) return -ENOENT;
    inode* start;
    const int err = start_dir(dfd, path, &start);
    if (err) return err;
    return walk(start, path, path + __builtin_strlen(path), follow, 0, out);
}

int filename_parent(int dfd, const char* path, inode** dir, qstr* last)
{
    unsigned len = unsigned(__builtin_strlen(path));
    while (len > 1 && path[len - 1] == '/') --len;  // "a/b/" names b
    unsigned start = len;
    while (start > 0 && path[start - 1] != '/') --start;
    if (start == len) return len ? -EISDIR : -ENOENT;  // "/" or ""
    *last = qstr{path + start, len - start};
    inode* from;
    const int err = start_dir(dfd, path, &from);
    if (err) return err;
    return walk(from, path, path + start, true, 0, dir);
}

namespace {

// Runs op(dir, last) on the parent of the user path, under the VFS lock.
template <typename Op>
long with_parent(int dfd, const char* upath, Op op)
{
    const user_path path(upath);
    long err = path.err();
    if (err) return err;
    vfs_lock();
    inode* dir;
    qstr last;
    err = filename_parent(dfd, path.get(), &dir, &last);
    if (!err) {
        err = check_writable_dir(dir);
        if (!err) err = op(dir, &last);
        iput(dir);
    }
    vfs_unlock();
    return err;
}

}  // namespace

long sys_mkdirat(int dfd, const char* upath, unsigned mode)
{
    return with_parent(dfd, upath, [mode](inode* dir, const qstr* last) {
        return dir->i_op->mkdir ? dir->i_op->mkdir(dir, last, umode_t(mode & 07777)) : -EPERM;  // Linux vfs_mkdir
    });
}

long sys_unlinkat(int dfd, const char* upath, unsigned flags)
{
    if (flags & ~AT_REMOVEDIR) return -EINVAL;
    return with_parent(dfd, upath, [flags](inode* dir, const qstr* last) {
        if (flags & AT_REMOVEDIR) return dir->i_op->rmdir ? dir->i_op->rmdir(dir, last) : -EPERM;
        return dir->i_op->unlink ? dir->i_op->unlink(dir, last) : -EPERM;
    });
}

long sys_renameat2(int olddfd, const char* uold, int newdfd, const char* unew, unsigned flags)
{
    const user_path newpath(unew);
    if (newpath.err()) return newpath.err();
    return with_parent(olddfd, uold, [&](inode* old_dir, const qstr* old_last) -> long {
        inode* new_dir;
        qstr new_last;
        long e = filename_parent(newdfd, newpath.get(), &new_dir, &new_last);
        if (e) return e;
        e = check_writable_dir(new_dir);
        if (!e) e = new_dir->i_sb != old_dir->i_sb ? -EXDEV
                    : !old_dir->i_op->rename  ? -EPERM
                                              : old_dir->i_op->rename(old_dir, old_last, new_dir, &new_last, flags);
        iput(new_dir);
        return e;
    });
}
