// Block allocation (Linux fs/ext2/balloc.c): one bit per block in each group's block bitmap,
// free counts in the group descriptor and the superblock kept exact (e2fsck compares them).
// A new block is taken at the goal if free, else the next free one in the goal's group, then
// in the following groups; no reservation windows or preallocation.
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"

namespace {

u32 group_first_block(ext2_sb_info* sbi, u32 group) { return sbi->s_first_data_block + group * sbi->s_blocks_per_group; }

u32 blocks_in_group(ext2_sb_info* sbi, u32 group)
{
    return group == sbi->s_groups_count - 1 ? sbi->s_blocks_count - group_first_block(sbi, group)
                                             : sbi->s_blocks_per_group;
}

buffer_head* read_block_bitmap(super_block* sb, u32 group)
{
    return ext2_read_bitmap(sb, group, ext2_get_group_desc(sb, group, nullptr)->bg_block_bitmap, "block");
}

// Adds delta to the group's and the superblock's free block counts.
void adjust_free_blocks(super_block* sb, u32 group, int delta)
{
    buffer_head* gd_bh;
    ext2_group_desc* gdp = ext2_get_group_desc(sb, group, &gd_bh);
    gdp->bg_free_blocks_count = u16(gdp->bg_free_blocks_count + delta);
    mark_buffer_dirty(gd_bh);
    EXT2_SB(sb)->s_es->s_free_blocks_count += u32(delta);
    ext2_sb_dirty(sb);
}

// Takes a free block of group at or after bit start; 0 or -ENOSPC / -EIO.
int alloc_in_group(super_block* sb, u32 group, u32 start, u32* block)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (ext2_get_group_desc(sb, group, nullptr)->bg_free_blocks_count == 0) return -ENOSPC;
    buffer_head* bh = read_block_bitmap(sb, group);
    if (!bh) return -EIO;
    const u32 n = blocks_in_group(sbi, group);
    u32 bit = ext2_find_next_zero_bit(bh->b_data, n, start);
    if (bit == n && start) bit = ext2_find_next_zero_bit(bh->b_data, n, 0);
    if (bit == n) {
        brelse(bh);
        return -ENOSPC;
    }
    ext2_set_bit(bit, bh->b_data);
    mark_buffer_dirty(bh);
    brelse(bh);
    adjust_free_blocks(sb, group, -1);
    *block = group_first_block(sbi, group) + bit;
    return 0;
}

}  // namespace

buffer_head* ext2_read_bitmap(super_block* sb, u32 group, u32 block, const char* what)
{
    buffer_head* bh = __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
    if (!bh) ext2_error(sb, __func__, "cannot read %s bitmap - block_group = %u, %s_bitmap = %u", what, group, what, block);
    return bh;
}

ext2_group_desc* ext2_get_group_desc(super_block* sb, u32 group, buffer_head** bh)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    buffer_head* gd_bh = sbi->s_group_desc[group / sbi->s_desc_per_block];
    if (bh) *bh = gd_bh;
    return reinterpret_cast<ext2_group_desc*>(gd_bh->b_data) + group % sbi->s_desc_per_block;
}

bool ext2_data_block_valid(ext2_sb_info* sbi, u32 block)
{
    return block >= sbi->s_first_data_block && block < sbi->s_blocks_count;
}

int ext2_new_block(inode* ino, u32 goal, u32* block)
{
    super_block* sb = ino->i_sb;
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (sbi->s_es->s_free_blocks_count == 0) return -ENOSPC;
    if (!ext2_data_block_valid(sbi, goal)) goal = group_first_block(sbi, EXT2_I(ino)->i_block_group);
    const u32 goal_group = (goal - sbi->s_first_data_block) / sbi->s_blocks_per_group;
    for (u32 i = 0; i < sbi->s_groups_count; ++i) {
        const u32 group = (goal_group + i) % sbi->s_groups_count;
        const u32 start = i == 0 ? goal - group_first_block(sbi, group) : 0;
        const int err = alloc_in_group(sb, group, start, block);
        if (err != -ENOSPC) return err;
    }
    return -ENOSPC;
}

void ext2_free_blocks(inode* ino, u32 block, u32 count)
{
    super_block* sb = ino->i_sb;
    ext2_sb_info* sbi = EXT2_SB(sb);
    for (u32 b = block; b < block + count; ++b) {
        if (!ext2_data_block_valid(sbi, b)) {
            ext2_error(sb, __func__, "freeing blocks not in datazone - block = %u, inode = %lu", b, ino->i_ino);
            return;
        }
        const u32 group = (b - sbi->s_first_data_block) / sbi->s_blocks_per_group;
        buffer_head* bh = read_block_bitmap(sb, group);
        if (!bh) return;
        const u32 bit = b - group_first_block(sbi, group);
        if (!ext2_test_bit(bit, bh->b_data)) {
            ext2_error(sb, __func__, "bit already cleared for block %u", b);
        } else {
            ext2_clear_bit(bit, bh->b_data);
            mark_buffer_dirty(bh);
            adjust_free_blocks(sb, group, 1);
        }
        brelse(bh);
    }
}
