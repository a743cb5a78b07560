// Writing back a file system's dirty inodes (Linux fs/fs-writeback.c writeback_sb_inodes):
// the inodes whose pages were dirtied first go first, so that the oldest data reaches the disk
// first; a kupdate pass takes only those dirtied before its cutoff. Callers hold the VFS lock.
#include "mm/writeback.h"

#include "fs/fs.h"

namespace {

// The next inode with dirty pages after (when, ino) in (dirtied_when, i_ino) order, dirtied at
// or before older_than if that is set; nullptr when none is left.
inode* next_dirty_inode(super_block* sb, u64 when, unsigned long ino, u64 older_than)
{
    inode* best = nullptr;
    list_for_each_entry(i, &sb->s_inodes, inode, i_sb_list) {
        const u64 w = i->dirtied_when;
        if (!w || (older_than && w > older_than)) continue;
        if (w < when || (w == when && i->i_ino <= ino)) continue;
        if (!best || w < best->dirtied_when || (w == best->dirtied_when && i->i_ino < best->i_ino)) best = i;
    }
    return best;
}

}  // namespace

long writeback_sb_inodes(super_block* sb, writeback_control* wbc)
{
    const long start = wbc->nr_to_write;
    u64 when = 0;
    unsigned long ino = 0;
    while (wbc->nr_to_write > 0) {
        inode* i = next_dirty_inode(sb, when, ino, wbc->older_than);
        if (!i) break;
        when = i->dirtied_when;
        ino = i->i_ino;
        write_cache_pages(&i->i_data, wbc);  // an error leaves the pages dirty for a later pass
        if (i->i_dirty) sb->s_op->write_inode(i);
    }
    return start - wbc->nr_to_write;
}
