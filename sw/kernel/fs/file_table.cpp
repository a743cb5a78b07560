// Open files and file tables (Linux fs/file_table.c, fs/file.c): a file is shared by the slots
// that hold it (dup, fork) and released with the last; a table is shared by the tasks of a
// CLONE_FILES group and copied by fork. Releasing a file's inode takes the VFS lock.
#include "fs/file.h"

#include "kernel/errno.h"
#include "mm/slab.h"
#include "proc/sched.h"
#include "uapi/memvp.h"

file* alloc_file(inode* ino, unsigned flags)
{
    auto* f = static_cast<file*>(kzalloc(sizeof(file), GFP_KERNEL));
    if (!f) return nullptr;
    f->f_inode = ino;
    f->f_flags = flags;
    f->f_count = 1;
    spin_lock_init(&f->f_lock);
    return f;
}

void fput(file* f)
{
    unsigned long flags = spin_lock_irqsave(&f->f_lock);
    const int left = --f->f_count;
    spin_unlock_irqrestore(&f->f_lock, flags);
    if (left) return;
    if (f->f_pipe) pipe_release(f);
    if (f->f_inode && f->f_inode->i_fop->release) f->f_inode->i_fop->release(f->f_inode, f);
    if (f->f_inode) {
        vfs_lock();
        iput(f->f_inode);
        vfs_unlock();
    }
    kfree(f);
}

void get_file(file* f)
{
    unsigned long flags = spin_lock_irqsave(&f->f_lock);
    ++f->f_count;
    spin_unlock_irqrestore(&f->f_lock, flags);
}

file* fget(int fd)
{
    files_struct* files = current->files;
    if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT) return nullptr;
    spin_guard g(&files->lock);
    file* f = files->fd[fd];
    if (f) get_file(f);
    return f;
}

int fd_install(file* f, int from)
{
    files_struct* files = current->files;
    if (!files) return -EMFILE;
    spin_guard g(&files->lock);
    for (int fd = from < 0 ? 0 : from; fd < NR_OPEN_DEFAULT; ++fd) {
        if (!files->fd[fd]) {
            files->fd[fd] = f;
            return fd;
        }
    }
    return -EMFILE;
}

int close_fd(int fd)
{
    files_struct* files = current->files;
    if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT) return -EBADF;
    file* f;
    {
        spin_guard g(&files->lock);
        f = files->fd[fd];
        files->fd[fd] = nullptr;
    }
    if (!f) return -EBADF;
    fput(f);
    return 0;
}

files_struct* alloc_console_files()
{
    auto* files = static_cast<files_struct*>(kzalloc(sizeof(files_struct), GFP_KERNEL));
    file* console = files ? alloc_file(nullptr, O_RDWR) : nullptr;
    if (!console) {
        kfree(files);
        return nullptr;
    }
    spin_lock_init(&files->lock);
    files->count = 1;
    console->f_count = 3;
    files->fd[0] = files->fd[1] = files->fd[2] = console;
    return files;
}

files_struct* dup_fd(files_struct* old, bool share)
{
    if (share) {
        spin_guard g(&old->lock);
        ++old->count;
        return old;
    }
    auto* files = static_cast<files_struct*>(kzalloc(sizeof(files_struct), GFP_KERNEL));
    if (!files) return nullptr;
    spin_lock_init(&files->lock);
    files->count = 1;
    spin_guard g(&old->lock);
    for (int fd = 0; fd < NR_OPEN_DEFAULT; ++fd) {
        files->fd[fd] = old->fd[fd];
        if (files->fd[fd]) get_file(files->fd[fd]);
    }
    return files;
}

void put_files_struct(files_struct* files)
{
    {
        spin_guard g(&files->lock);
        if (--files->count) return;
    }
    for (file* f : files->fd)
        if (f) fput(f);
    kfree(files);
}

int copy_files_and_fs(task_struct* parent, task_struct* child, unsigned long clone_flags)
{
    child->files = parent->files ? dup_fd(parent->files, clone_flags & CLONE_FILES) : alloc_console_files();
    if (!child->files) return -ENOMEM;
    if (parent->fs_pwd) {
        vfs_lock();
        child->fs_pwd = igrab(parent->fs_pwd);
        vfs_unlock();
    }
    return 0;
}

void exit_files_and_fs(task_struct* t)
{
    files_struct* files = t->files;
    inode* pwd = t->fs_pwd;
    t->files = nullptr;
    t->fs_pwd = nullptr;
    if (files) put_files_struct(files);
    if (pwd) {
        vfs_lock();
        iput(pwd);
        vfs_unlock();
    }
}
