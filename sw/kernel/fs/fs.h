// The virtual file system's objects (Linux <linux/fs.h>): a super_block per mounted file
// system, an inode per file in use, each with the operation table its file system supplies.
// File systems take names as (pointer, length) and kernel buffers; the system calls copy
// from and to user memory and serialise every operation (the VFS lock, fs/file.h).
#pragma once

#include "block/blkdev.h"
#include "kernel/list.h"
#include "kernel/mutex.h"
#include "kernel/types.h"
#include "mm/pagemap.h"

using umode_t = u16;
using loff_t = s64;

// File types in i_mode (Linux <uapi/linux/stat.h>), renameat2 flags (<uapi/linux/fs.h>) and
// getdents64's entry types (DT_*): as macros, guarded, since host builds may see the C
// library's own definitions, which have these Linux values.
#ifndef S_IFMT
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#endif
#ifndef S_ISREG
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif
#ifndef DT_UNKNOWN
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#endif

#ifndef NAME_MAX
#define NAME_MAX 255  // bytes of one name (Linux <uapi/linux/limits.h>; the host's <limits.h> agrees)
#endif

struct super_block;
struct inode;
struct file;
struct vm_area_struct;

// One name (Linux struct qstr).
struct qstr {
    const char* name;
    unsigned len;
};

// getdents: iterate calls actor once per entry until it returns false (buffer full); pos is
// the file system's cookie of the next entry, to resume from.
struct dir_context {
    bool (*actor)(dir_context* ctx, const char* name, unsigned len, u64 pos, u64 ino, u8 type);
    u64 pos;
};

struct inode_operations {
    // The inode of that name in dir, referenced; -ENOENT if there is none.
    int (*lookup)(inode* dir, const qstr* name, inode** out) = nullptr;
    // A new regular file (mode: permission bits), linked in dir and referenced in *out.
    int (*create)(inode* dir, const qstr* name, umode_t mode, inode** out) = nullptr;
    int (*mkdir)(inode* dir, const qstr* name, umode_t mode) = nullptr;
    int (*unlink)(inode* dir, const qstr* name) = nullptr;
    int (*rmdir)(inode* dir, const qstr* name) = nullptr;
    // flags: RENAME_NOREPLACE or 0 (an existing target of the same kind is replaced).
    int (*rename)(inode* old_dir, const qstr* old_name, inode* new_dir, const qstr* new_name, unsigned flags) = nullptr;
    // truncate or extend to size (Linux setattr with ATTR_SIZE).
    int (*setsize)(inode* ino, u64 size) = nullptr;
    // A symbolic link's target into buf (not NUL-terminated); its length or -errno. Links
    // without it (ext2's) are not followed.
    int (*get_link)(inode* ino, char* buf, unsigned size) = nullptr;
};

struct file_operations {
    // Bytes read into / written from a kernel buffer at pos (short at end of file), or -errno.
    long (*read)(inode* ino, void* buf, size_t len, u64 pos) = nullptr;
    long (*write)(inode* ino, const void* buf, size_t len, u64 pos) = nullptr;
    int (*iterate)(inode* dir, dir_context* ctx) = nullptr;
    // Sets up a new VMA mapping the file (vm_file, vm_ops; Linux f_op->mmap); 0 or -errno.
    int (*mmap)(file* f, vm_area_struct* vma) = nullptr;
    // Optional, for files whose contents belong to the open file rather than the inode (a
    // /proc snapshot, Linux seq_file): open sets f->private_data up, release frees it, and
    // read_file/write_file then replace read/write. No SEEK_END on such files (seq_lseek).
    int (*open)(inode* ino, file* f) = nullptr;
    void (*release)(inode* ino, file* f) = nullptr;
    long (*read_file)(file* f, void* buf, size_t len, u64 pos) = nullptr;
    long (*write_file)(file* f, const void* buf, size_t len, u64 pos) = nullptr;
};

// The page cache's mmap (mm/filemap_fault.cpp): faults read through the cache.
int generic_file_mmap(file* f, vm_area_struct* vma);

struct super_operations {
    inode* (*alloc_inode)(super_block* sb) = nullptr;
    void (*destroy_inode)(inode* ino) = nullptr;
    // Called on the last iput: writes the inode if dirty, frees it on disk if unlinked.
    void (*evict_inode)(inode* ino) = nullptr;
    int (*write_inode)(inode* ino) = nullptr;
    // Writes all metadata and waits (sync, fsync, unmount).
    int (*sync_fs)(super_block* sb) = nullptr;
    void (*put_super)(super_block* sb) = nullptr;
};

struct super_block {
    block_device* s_bdev;
    unsigned long s_blocksize;
    u8 s_blocksize_bits;
    bool s_rdonly;
    const super_operations* s_op;
    void* s_fs_info;           // the file system's (ext2_sb_info)
    inode* s_root;
    u32 s_dev;                 // st_dev: 254:0 for the root disk, 0:N for a pseudo file system
    list_head s_inodes;        // its inodes (in use, or unused with cached pages)
};

struct inode {
    super_block* i_sb;
    unsigned long i_ino;
    umode_t i_mode;
    u32 i_nlink, i_uid, i_gid;
    u64 i_size;
    s64 i_atime, i_mtime, i_ctime;
    u64 i_blocks;              // 512-byte units
    int i_count;               // references (iget / iput); 0: unused, kept for its cached pages
    bool i_dirty;              // to be written by write_inode
    u64 dirtied_when;          // ktime_get_ns when its first dirty page was dirtied; 0: none
    const inode_operations* i_op;
    const file_operations* i_fop;
    list_head i_sb_list;
    address_space i_data;      // the file's pages (regular files)
    void* i_private;           // the file system's (proc: what the inode shows)
};

// fs/inode.cpp: the inode cache of a super_block: inodes in use, and unused ones that still
// have pages in the page cache (so a file read again is found warm), found by number.
// The referenced in-memory inode of ino; *is_new tells the caller to fill it from disk (and
// iget_failed it if that fails). nullptr without memory.
inode* iget_locked(super_block* sb, unsigned long ino, bool* is_new);
void iget_failed(inode* ino);
inode* igrab(inode* ino);
void iput(inode* ino);
// Unmount: writes back and forgets every unused inode and its pages.
void evict_inodes(super_block* sb);
inline void mark_inode_dirty(inode* ino) { ino->i_dirty = true; }
// The file's data changed other than by write (a store through a shared mapping): mtime and
// ctime become now, the inode dirty when they moved (Linux file_update_time).
void file_update_time(inode* ino);
void set_nlink(inode* ino, u32 n);
void inc_nlink(inode* ino);
void drop_nlink(inode* ino);

// fs/super.cpp: mounting a block device.
struct file_system_type {
    const char* name;
    // Reads the device's super block into sb (s_bdev, s_rdonly set); 0 or -errno after
    // printing why.
    int (*fill_super)(super_block* sb);
};
inline constexpr int SB_RDONLY = 1;
// The mounted file system, or nullptr with *err set.
super_block* mount_bdev(const file_system_type* type, block_device* bdev, int flags, int* err);
// Unmounts: drops the root, syncs, put_super, forgets the device's buffers. Every other
// inode must have been released.
void kill_block_super(super_block* sb);
