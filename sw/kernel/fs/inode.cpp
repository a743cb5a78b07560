// The inode cache (Linux fs/inode.c): a super_block's inodes on its s_inodes list, one
// in-memory inode per inode number, found again by iget_locked. The last iput of a linked
// inode with cached pages keeps it, unused, with its pages (Linux keeps every inode until
// reclaim; here only those whose pages make them worth it); otherwise, and for an unlinked
// inode, it goes to the file system's evict_inode and is freed. Callers hold the VFS lock.
#include "fs/fs.h"

#include "kernel/panic.h"
#include "kernel/timekeeping.h"

namespace {

void destroy(inode* ino)
{
    list_del(&ino->i_sb_list);
    truncate_inode_pages(&ino->i_data, 0);
    ino->i_sb->s_op->destroy_inode(ino);
}

}  // namespace

inode* iget_locked(super_block* sb, unsigned long ino, bool* is_new)
{
    list_for_each_entry(i, &sb->s_inodes, inode, i_sb_list) {
        if (i->i_ino == ino) {
            ++i->i_count;
            *is_new = false;
            return i;
        }
    }
    inode* i = sb->s_op->alloc_inode(sb);
    if (!i) return nullptr;
    i->i_sb = sb;
    i->i_ino = ino;
    i->i_count = 1;
    i->dirtied_when = 0;
    i->i_data = address_space{i, xarray{}, 0, nullptr, xarray{}, {}, 0};
    INIT_LIST_HEAD(&i->i_data.i_mmap);
    list_add(&i->i_sb_list, &sb->s_inodes);
    *is_new = true;
    return i;
}

void iget_failed(inode* ino)
{
    if (--ino->i_count == 0) destroy(ino);
}

inode* igrab(inode* ino)
{
    ++ino->i_count;
    return ino;
}

void iput(inode* ino)
{
    if (!ino) return;
    if (ino->i_count <= 0) panic("iput: inode %lu has no references", ino->i_ino);
    if (--ino->i_count) return;
    if (ino->i_nlink && ino->i_data.nrpages) {
        if (ino->i_dirty) ino->i_sb->s_op->write_inode(ino);
        return;  // unused, cached
    }
    ino->i_sb->s_op->evict_inode(ino);
    destroy(ino);
}

void evict_inodes(super_block* sb)
{
    list_for_each_entry_safe(i, &sb->s_inodes, inode, i_sb_list) {
        if (i->i_count) continue;
        if (!sb->s_rdonly) filemap_write_and_wait(&i->i_data);
        sb->s_op->evict_inode(i);
        destroy(i);
    }
}

void set_nlink(inode* ino, u32 n)
{
    ino->i_nlink = n;
    mark_inode_dirty(ino);
}

void file_update_time(inode* ino)
{
    const s64 now = s64(ktime_get_real_seconds());
    if (ino->i_mtime == now && ino->i_ctime == now) return;  // Linux inode_needs_update_time
    ino->i_mtime = ino->i_ctime = now;
    mark_inode_dirty(ino);
}

void inc_nlink(inode* ino) { set_nlink(ino, ino->i_nlink + 1); }

void drop_nlink(inode* ino)
{
    if (ino->i_nlink == 0) panic("drop_nlink: inode %lu has no links", ino->i_ino);
    set_nlink(ino, ino->i_nlink - 1);
}
