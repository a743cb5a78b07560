// Mounting and unmounting a file system on a block device (Linux fs/super.c mount_bdev,
// kill_block_super): the super_block is set up here, its contents by the file system.
#include "fs/buffer_head.h"
#include "fs/fs.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/slab.h"

super_block* mount_bdev(const file_system_type* type, block_device* bdev, int flags, int* err)
{
    auto* sb = static_cast<super_block*>(kzalloc(sizeof(super_block), GFP_KERNEL));
    if (!sb) {
        *err = -ENOMEM;
        return nullptr;
    }
    sb->s_bdev = bdev;
    sb->s_dev = 254u << 8;  // virtio-blk's usual major, as the root disk
    sb->s_rdonly = (flags & SB_RDONLY) || bdev->read_only;
    INIT_LIST_HEAD(&sb->s_inodes);
    *err = type->fill_super(sb);
    if (*err) {
        invalidate_bdev(bdev);
        kfree(sb);
        return nullptr;
    }
    return sb;
}

void kill_block_super(super_block* sb)
{
    iput(sb->s_root);
    if (!sb->s_rdonly) sb->s_op->sync_fs(sb);
    evict_inodes(sb);
    if (!list_empty(&sb->s_inodes))
        printk("VFS: busy inodes on %s after unmount\n", sb->s_bdev->name);
    sb->s_op->put_super(sb);
    invalidate_bdev(sb->s_bdev);
    kfree(sb);
}
