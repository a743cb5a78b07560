// Dropping clean caches on request (Linux fs/drop_caches.c, /proc/sys/vm/drop_caches as memvp's
// own call): 1 drops the page cache's clean pages and the unused inodes that held them, 2 the
// buffer cache's unused clean buffers, 3 both. Dirty data is written first (Linux leaves it,
// and tells users to run sync before), so everything cached can go.
#include "fs/buffer_head.h"
#include "fs/syscalls.h"

#include "kernel/errno.h"

long sys_drop_caches(int what)
{
    if (what < 1 || what > 3) return -EINVAL;
    super_block* sb = root_sb();
    if (sb) {
        vfs_lock();
        if (!sb->s_rdonly) sb->s_op->sync_fs(sb);
        if (what & 1) {
            evict_inodes(sb);
            list_for_each_entry(ino, &sb->s_inodes, inode, i_sb_list) invalidate_mapping_pages(&ino->i_data);
        }
        vfs_unlock();
    }
    if (what & 2) shrink_buffers(~0ul);
    return 0;
}
