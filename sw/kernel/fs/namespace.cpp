// The root file system (Linux init/do_mounts.c mount_root, fs/namespace.c): root=/dev/NAME in
// the bootargs mounts that disk's ext2 as /, read-only unless rw is given, once the disks have
// been probed; when the machine stops (init exits) it is synced and unmounted, so the image is
// clean. Every operation on it runs under one sleeping lock, which reclaim takes too. The proc
// file system is mounted on /proc whether or not there is a root disk.
#include "fs/file.h"

#include "boot/bootargs.h"
#include "fs/ext2/ext2.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/pagemap.h"
#include "proc/sched.h"

namespace {

super_block* root;
mutex vfs_mutex;             // set up by mount_root, before any file exists
task_struct* vfs_owner;      // the task holding it (reclaim inside a file operation)
constexpr int RECLAIM_LOCK_TRIES = 4;

}  // namespace

void vfs_lock()
{
    mutex_lock(&vfs_mutex);
    vfs_owner = current;
}

void vfs_unlock()
{
    vfs_owner = nullptr;
    mutex_unlock(&vfs_mutex);
}

pc_lock page_cache_reclaim_lock(bool wait)
{
    if (!root) return pc_lock::busy;  // no file system: no page cache, and vfs_mutex is not set up
    if (__atomic_load_n(&vfs_owner, __ATOMIC_RELAXED) == current) return pc_lock::nested;
    if (wait) {
        vfs_lock();
        return pc_lock::taken;
    }
    // Direct reclaim may hold locks the VFS lock's holder waits for, so it does not sleep on
    // it: it yields a few times for the holder to finish.
    for (int i = 0; i < RECLAIM_LOCK_TRIES; ++i) {
        if (mutex_trylock(&vfs_mutex)) {
            vfs_owner = current;
            return pc_lock::taken;
        }
        schedule();
    }
    return pc_lock::busy;
}

void page_cache_reclaim_unlock(pc_lock held)
{
    if (held == pc_lock::taken) vfs_unlock();
}

super_block* root_sb() { return root; }

// The root directory without a root disk (Linux's rootfs before the initramfs fills it): empty
// but for the /proc mount point, read-only, never freed.
namespace {

int rootfs_lookup(inode* dir, const qstr* name, inode** out)
{
    if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.') {
        *out = igrab(dir);
        return 0;
    }
    return -ENOENT;
}

int rootfs_iterate(inode* dir, dir_context* ctx)
{
    static const char* const names[] = {".", "..", "proc"};
    for (; ctx->pos < 3; ++ctx->pos) {
        const char* n = names[ctx->pos];
        const u64 ino = ctx->pos < 2 ? dir->i_ino : proc_root_inode() ? proc_root_inode()->i_ino : 0;
        if (ctx->pos == 2 && !proc_root_inode()) continue;
        if (!ctx->actor(ctx, n, unsigned(__builtin_strlen(n)), ctx->pos + 1, ino, DT_DIR)) break;
    }
    return 0;
}

void rootfs_noop(inode*) {}

const inode_operations rootfs_iops = {.lookup = rootfs_lookup};
const file_operations rootfs_fops = {.iterate = rootfs_iterate};
const super_operations rootfs_sops = {.evict_inode = rootfs_noop};
super_block rootfs_sb;
inode rootfs_root;

inode* rootfs_inode()
{
    if (!rootfs_root.i_sb) {
        rootfs_sb.s_rdonly = true;
        rootfs_sb.s_blocksize = PAGE_SIZE;
        rootfs_sb.s_op = &rootfs_sops;
        rootfs_sb.s_root = &rootfs_root;
        INIT_LIST_HEAD(&rootfs_sb.s_inodes);
        rootfs_root.i_sb = &rootfs_sb;
        rootfs_root.i_ino = 1;
        rootfs_root.i_mode = S_IFDIR | 0755;
        rootfs_root.i_nlink = 3;
        rootfs_root.i_count = 1;  // never released
        rootfs_root.i_op = &rootfs_iops;
        rootfs_root.i_fop = &rootfs_fops;
        INIT_LIST_HEAD(&rootfs_root.i_sb_list);
    }
    return &rootfs_root;
}

}  // namespace

inode* vfs_root_inode() { return root ? root->s_root : rootfs_inode(); }

void mount_root()
{
    mutex_init(&vfs_mutex);
    proc_root_init();
    if (!kernel_opts.root) return;
    block_device* bdev = blkdev_get_by_name(kernel_opts.root);
    if (!bdev) {
        printk("VFS: Cannot open root device \"%s\": no such disk\n", kernel_opts.root);
        return;
    }
    int err;
    root = mount_bdev(&ext2_fs_type, bdev, kernel_opts.root_rw ? 0 : SB_RDONLY, &err);
    if (!root) {
        printk("VFS: Cannot mount root device \"%s\" as ext2: error %d\n", kernel_opts.root, err);
        return;
    }
    printk("VFS: Mounted root (ext2 filesystem) %s on device %s.\n", root->s_rdonly ? "readonly" : "read-write",
           bdev->name);
}

void umount_root()
{
    if (!root) return;
    vfs_lock();
    kill_block_super(root);
    root = nullptr;
    vfs_unlock();
}
