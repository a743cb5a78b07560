// The root file system (Linux init/do_mounts.c mount_root, fs/namespace.c): root=/dev/NAME in
// the bootargs mounts that disk's ext2 as /, read-only unless rw is given, once the disks have
// been probed; when the machine stops (init exits) it is synced and unmounted, so the image is
// clean. Every operation on it runs under one sleeping lock.
#include "fs/file.h"

#include "boot/bootargs.h"
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"

namespace {

super_block* root;
mutex vfs_mutex;  // set up by mount_root, before any file exists

}  // namespace

void vfs_lock() { mutex_lock(&vfs_mutex); }

void vfs_unlock() { mutex_unlock(&vfs_mutex); }

super_block* root_sb() { return root; }

void mount_root()
{
    mutex_init(&vfs_mutex);
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
