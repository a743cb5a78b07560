// Open files and the per-process file table (Linux <linux/file.h>, <linux/fdtable.h>), the
// root mount and each process's working directory (<linux/fs_struct.h>), and the path walk
// the system calls share. A file without an inode is the console: reads give end of file,
// writes go to the UART; init starts with it on fds 0, 1 and 2.
#pragma once

#include "fs/fs.h"
#include "kernel/spinlock.h"

#include "uapi/memvp.h"  // O_*, AT_*, SEEK_*

inline constexpr unsigned O_ACCMODE = 3;

struct pipe_inode_info;

struct file {
    inode* f_inode;          // nullptr: the console, or a pipe end (f_pipe)
    pipe_inode_info* f_pipe; // a pipe's read end (O_RDONLY) or write end (O_WRONLY)
    u64 f_pos;
    unsigned f_flags;        // the open flags (O_ACCMODE, O_APPEND)
    int f_count;             // file-table slots that hold it (dup, fork)
    void* private_data;      // the file system's (f_op->open), freed by f_op->release
    spinlock_t f_lock;       // f_pos and f_count
};

inline constexpr int NR_OPEN_DEFAULT = 64;

struct files_struct {
    spinlock_t lock;
    int count;               // tasks sharing it (CLONE_FILES)
    file* fd[NR_OPEN_DEFAULT];
};

// fs/file_table.cpp
// A new file for ino (its reference moves into the file); nullptr without memory.
file* alloc_file(inode* ino, unsigned flags);
// One more reference (Linux get_file); the caller holds one.
void get_file(file* f);
// Drops a reference; the last one releases the inode.
void fput(file* f);
// The current task's file at fd, referenced; nullptr if none.
file* fget(int fd);
// Puts f in the lowest free slot (at least `from`); the fd or -EMFILE. The slot takes the caller's reference.
int fd_install(file* f, int from = 0);
int close_fd(int fd);
// A file table with the console on 0, 1 and 2 (init's); nullptr without memory.
files_struct* alloc_console_files();
// fork: a copy sharing every open file; share (CLONE_FILES): the same table.
files_struct* dup_fd(files_struct* files, bool share);
// exit: drops the task's table, closing its files with the last user.
void put_files_struct(files_struct* files);

// fork and exit: the child's file table and working directory from the parent's
// (CLONE_FILES shares the table); 0 or -ENOMEM. exit_files_and_fs releases both.
struct task_struct;
int copy_files_and_fs(task_struct* parent, task_struct* child, unsigned long clone_flags);
void exit_files_and_fs(task_struct* t);

// fs/pipe.cpp
// A new pipe: its read end in files[0], its write end in files[1]; 0 or -ENOMEM.
int create_pipe_files(file* files[2]);
// What read, write and the last close do on a pipe end (sleeping while the pipe is empty or
// full and the other end is open); bytes or -errno (EPIPE without readers).
long pipe_read(file* f, char* ubuf, unsigned long len);
long pipe_write(file* f, const char* ubuf, unsigned long len);
void pipe_release(file* f);

// fs/namespace.cpp
// Mounts root= from the bootargs (after the disks were probed); prints what it did.
void mount_root();
// The root file system, or nullptr when none is mounted.
super_block* root_sb();
// The directory paths start from: the root file system's, or, with none mounted, an empty
// read-only directory (Linux's rootfs, here without the initramfs in it) that holds /proc.
inode* vfs_root_inode();
// The proc file system's root, mounted on /proc at boot (fs/proc); nullptr before.
inode* proc_root_inode();
void proc_root_init();
// Syncs and unmounts the root (the machine stops): the file system is clean on disk.
void umount_root();
// Sleeping lock over every operation on the root file system (one mounted file system).
void vfs_lock();
void vfs_unlock();

// fs/namei.cpp (callers hold vfs_lock)
// The inode at path (kernel string) relative to dfd (AT_FDCWD: the working directory),
// referenced; 0 or -errno. follow: a symbolic link as the last component is followed (not
// for lstat and readlink).
int filename_lookup(int dfd, const char* path, inode** out, bool follow = true);
// The directory that holds path's last component, referenced, and that component (pointing
// into path); -EINVAL-free: a path ending in '/' or naming / gives -ENOENT or -EISDIR as Linux.
int filename_parent(int dfd, const char* path, inode** dir, qstr* last);

// The working directory of a task (fs_struct): its inode, referenced, or nullptr for /.
void set_fs_pwd(inode* pwd);

// fs/read_write.cpp: fsync of an open file (the whole file system, fsync(2)); 0 or -errno.
int vfs_fsync(file* f);

// fs/kernel_read_file.cpp
// Reads the whole regular file at path into a vmalloc buffer (*buf, *size; vfree it);
// -ENOENT when no file system is mounted.
int kernel_read_file_from_path(const char* path, void** buf, unsigned long* size);
