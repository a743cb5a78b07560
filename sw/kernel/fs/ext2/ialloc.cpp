// Inode allocation (Linux fs/ext2/ialloc.c): one bit per inode in each group's inode bitmap,
// free and directory counts in the group descriptor and the superblock kept exact. A file goes
// into its directory's group if it has a free inode; a directory into the group with free
// inodes and the most free blocks (Linux find_group_dir), to spread directory trees.
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/timekeeping.h"

namespace {

buffer_head* read_inode_bitmap(super_block* sb, u32 group)
{
    return ext2_read_bitmap(sb, group, ext2_get_group_desc(sb, group, nullptr)->bg_inode_bitmap, "inode");
}

void adjust_counts(super_block* sb, u32 group, int free_delta, int dirs_delta)
{
    buffer_head* gd_bh;
    ext2_group_desc* gdp = ext2_get_group_desc(sb, group, &gd_bh);
    gdp->bg_free_inodes_count = u16(gdp->bg_free_inodes_count + free_delta);
    gdp->bg_used_dirs_count = u16(gdp->bg_used_dirs_count + dirs_delta);
    mark_buffer_dirty(gd_bh);
    EXT2_SB(sb)->s_es->s_free_inodes_count += u32(free_delta);
    ext2_sb_dirty(sb);
}

u32 find_group(super_block* sb, u32 parent_group, bool dir)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (dir) {
        const u32 avg_free = sbi->s_es->s_free_inodes_count / sbi->s_groups_count;
        u32 best = sbi->s_groups_count;
        for (u32 g = 0; g < sbi->s_groups_count; ++g) {
            const ext2_group_desc* gdp = ext2_get_group_desc(sb, g, nullptr);
            if (gdp->bg_free_inodes_count == 0 || gdp->bg_free_inodes_count < avg_free) continue;
            if (best == sbi->s_groups_count ||
                gdp->bg_free_blocks_count > ext2_get_group_desc(sb, best, nullptr)->bg_free_blocks_count)
                best = g;
        }
        if (best != sbi->s_groups_count) return best;
    }
    for (u32 i = 0; i < sbi->s_groups_count; ++i) {
        const u32 g = (parent_group + i) % sbi->s_groups_count;
        if (ext2_get_group_desc(sb, g, nullptr)->bg_free_inodes_count) return g;
    }
    return sbi->s_groups_count;
}

// Takes a free inode number in group; 0 if none.
unsigned long take_inode(super_block* sb, u32 group, bool dir)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    buffer_head* bh = read_inode_bitmap(sb, group);
    if (!bh) return 0;
    // Inodes below s_first_ino are reserved (root, resize inode, …); mke2fs marks them used.
    const u32 first = group == 0 ? sbi->s_first_ino - 1 : 0;
    const u32 bit = ext2_find_next_zero_bit(bh->b_data, sbi->s_inodes_per_group, first);
    unsigned long ino = 0;
    if (bit < sbi->s_inodes_per_group) {
        ext2_set_bit(bit, bh->b_data);
        mark_buffer_dirty(bh);
        adjust_counts(sb, group, -1, dir ? 1 : 0);
        ino = group * sbi->s_inodes_per_group + bit + 1;
    }
    brelse(bh);
    return ino;
}

}  // namespace

inode* ext2_new_inode(inode* dir, umode_t mode, int* err)
{
    super_block* sb = dir->i_sb;
    ext2_sb_info* sbi = EXT2_SB(sb);
    const bool is_dir = S_ISDIR(mode);
    u32 group = find_group(sb, EXT2_I(dir)->i_block_group, is_dir);
    if (group >= sbi->s_groups_count) group = 0;
    unsigned long ino = 0;
    for (u32 i = 0; i < sbi->s_groups_count && !ino; ++i, group = (group + 1) % sbi->s_groups_count)
        if (ext2_get_group_desc(sb, group, nullptr)->bg_free_inodes_count) ino = take_inode(sb, group, is_dir);
    if (!ino) {
        *err = -ENOSPC;
        return nullptr;
    }
    // A fresh on-disk inode: zeroed whole (the bytes past the 128 this code knows included).
    buffer_head* bh;
    ext2_inode* raw = ext2_get_raw_inode(sb, ino, &bh);
    if (!raw) {
        *err = -EIO;
        return nullptr;
    }
    __builtin_memset(raw, 0, sbi->s_inode_size);
    mark_buffer_dirty(bh);
    brelse(bh);
    bool is_new;
    inode* i = iget_locked(sb, ino, &is_new);
    if (!i) {
        *err = -ENOMEM;
        return nullptr;
    }
    ext2_inode_info* ei = EXT2_I(i);
    i->i_mode = mode;
    i->i_nlink = 0;
    i->i_uid = i->i_gid = 0;
    i->i_size = 0;
    i->i_blocks = 0;
    i->i_atime = i->i_mtime = i->i_ctime = s64(ktime_get_real_seconds());
    __builtin_memset(ei->i_data, 0, sizeof(ei->i_data));
    ei->i_flags = ei->i_file_acl = ei->i_dtime = 0;
    ei->i_block_group = (ino - 1) / sbi->s_inodes_per_group;
    ei->i_alloc_goal = 0;
    ext2_set_inode_ops(i);
    mark_inode_dirty(i);
    return i;
}

void ext2_free_inode(inode* ino)
{
    super_block* sb = ino->i_sb;
    ext2_sb_info* sbi = EXT2_SB(sb);
    const u32 group = (ino->i_ino - 1) / sbi->s_inodes_per_group;
    const u32 bit = (ino->i_ino - 1) % sbi->s_inodes_per_group;
    buffer_head* bh = read_inode_bitmap(sb, group);
    if (!bh) return;
    if (!ext2_test_bit(bit, bh->b_data)) {
        ext2_error(sb, __func__, "bit already cleared for inode %lu", ino->i_ino);
    } else {
        ext2_clear_bit(bit, bh->b_data);
        mark_buffer_dirty(bh);
        adjust_counts(sb, group, 1, S_ISDIR(ino->i_mode) ? -1 : 0);
    }
    brelse(bh);
}
