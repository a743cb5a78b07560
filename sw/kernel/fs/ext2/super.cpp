// Mounting ext2 (Linux fs/ext2/super.c ext2_fill_super): the superblock is read and checked
// (magic, revision, block size, feature flags as Linux ext2 checks them: an unknown INCOMPAT
// feature refuses the mount, an unknown RO_COMPAT one a read-write mount), then the group
// descriptors (each group's bitmaps and inode table inside the group) and the root inode.
// A read-write mount clears EXT2_VALID_FS on disk until unmount, so e2fsck sees a crash.
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/seq_buf.h"
#include "kernel/timekeeping.h"
#include "mm/slab.h"

extern const super_operations ext2_sops;

namespace {

// One console line; an error identical to the previous one (the same bad block met again by
// a retry, as after a failed readahead) is not repeated (Linux rate-limits ext4_error alike).
void ext2_vmsg(super_block* sb, const char* prefix, const char* function, const char* fmt, va_list ap)
{
    char text[256];
    seq_buf s(text, sizeof(text));
    seq_buf_vprintf(&s, fmt, ap);
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (function && sbi) {
        char* last = sbi->s_last_error;
        const size_t n = s.len < sizeof(sbi->s_last_error) - 1 ? s.len : sizeof(sbi->s_last_error) - 1;
        if (__builtin_strlen(last) == n && __builtin_memcmp(last, text, n) == 0) return;
        __builtin_memcpy(last, text, n);
        last[n] = '\0';
    }
    if (function) printk("EXT2-fs (%s): %s%s: %s\n", sb->s_bdev->name, prefix, function, text);
    else printk("EXT2-fs (%s): %s%s\n", sb->s_bdev->name, prefix, text);
}

// ext2_check_descriptors: each group's bitmaps and inode table inside the group.
bool ext2_check_descriptors(super_block* sb)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    for (u32 g = 0; g < sbi->s_groups_count; ++g) {
        const ext2_group_desc* gdp = ext2_get_group_desc(sb, g, nullptr);
        const u32 first = sbi->s_first_data_block + g * sbi->s_blocks_per_group;
        const u32 last = g == sbi->s_groups_count - 1 ? sbi->s_blocks_count - 1 : first + sbi->s_blocks_per_group - 1;
        const char* bad = nullptr;
        if (gdp->bg_block_bitmap < first || gdp->bg_block_bitmap > last) bad = "block bitmap";
        else if (gdp->bg_inode_bitmap < first || gdp->bg_inode_bitmap > last) bad = "inode bitmap";
        else if (gdp->bg_inode_table < first || gdp->bg_inode_table + sbi->s_itb_per_group - 1 > last)
            bad = "inode table";
        if (bad) {
            ext2_msg(sb, "error: ext2_check_descriptors: %s for group %u not in group", bad, g);
            return false;
        }
    }
    return true;
}

// The geometry the superblock gives, checked; false after saying what is wrong.
bool ext2_read_geometry(super_block* sb, const ext2_super_block* es)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    const u32 bs = u32(sb->s_blocksize);
    if (es->s_rev_level == EXT2_GOOD_OLD_REV) {
        sbi->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        sbi->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
    } else {
        sbi->s_inode_size = es->s_inode_size;
        sbi->s_first_ino = es->s_first_ino;
    }
    if (sbi->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->s_inode_size > bs ||
        (sbi->s_inode_size & (sbi->s_inode_size - 1))) {
        ext2_msg(sb, "error: unsupported inode size: %u", sbi->s_inode_size);
        return false;
    }
    sbi->s_blocks_per_group = es->s_blocks_per_group;
    sbi->s_inodes_per_group = es->s_inodes_per_group;
    sbi->s_inodes_per_block = bs / sbi->s_inode_size;
    sbi->s_blocks_count = es->s_blocks_count;
    sbi->s_inodes_count = es->s_inodes_count;
    sbi->s_first_data_block = es->s_first_data_block;
    sbi->s_desc_per_block = bs / sizeof(ext2_group_desc);
    sbi->s_addr_per_block = bs / sizeof(u32);
    if (sbi->s_blocks_per_group == 0 || sbi->s_blocks_per_group > bs * 8 || sbi->s_inodes_per_group == 0 ||
        sbi->s_inodes_per_group > bs * 8 || sbi->s_inodes_per_group % sbi->s_inodes_per_block) {
        ext2_msg(sb, "error: bad blocks or inodes per group: %u, %u", sbi->s_blocks_per_group, sbi->s_inodes_per_group);
        return false;
    }
    sbi->s_itb_per_group = sbi->s_inodes_per_group / sbi->s_inodes_per_block;
    if (sbi->s_first_data_block >= sbi->s_blocks_count || sbi->s_first_data_block != (bs == 1024 ? 1u : 0u) ||
        u64(sbi->s_blocks_count) * (bs >> SECTOR_SHIFT) > sb->s_bdev->nr_sectors) {
        ext2_msg(sb, "error: bad geometry: block count %u, first data block %u, device %lu sectors",
                 sbi->s_blocks_count, sbi->s_first_data_block, (unsigned long)sb->s_bdev->nr_sectors);
        return false;
    }
    sbi->s_groups_count = (sbi->s_blocks_count - sbi->s_first_data_block - 1) / sbi->s_blocks_per_group + 1;
    if (u64(sbi->s_groups_count) * sbi->s_inodes_per_group != sbi->s_inodes_count) {
        ext2_msg(sb, "error: inodes count %u is not %u groups of %u", sbi->s_inodes_count, sbi->s_groups_count,
                 sbi->s_inodes_per_group);
        return false;
    }
    if (sbi->s_first_ino <= EXT2_ROOT_INO || sbi->s_first_ino >= sbi->s_inodes_count) {
        ext2_msg(sb, "error: bad first inode %u", sbi->s_first_ino);
        return false;
    }
    sbi->s_gdb_count = (sbi->s_groups_count + sbi->s_desc_per_block - 1) / sbi->s_desc_per_block;
    sbi->s_has_filetype = es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;
    return true;
}

// Reads the superblock at byte 1024 with the file system's block size into sbi; -errno.
int ext2_read_super(super_block* sb)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    buffer_head* bh = __bread(sb->s_bdev, 1, 1024);
    if (!bh) {
        ext2_msg(sb, "error: unable to read superblock");
        return -EIO;
    }
    auto* es = reinterpret_cast<ext2_super_block*>(bh->b_data);
    if (es->s_magic != EXT2_SUPER_MAGIC) {
        ext2_msg(sb, "error: can't find an ext2 filesystem (bad magic 0x%x)", es->s_magic);
        brelse(bh);
        return -EINVAL;
    }
    const u32 log = es->s_log_block_size;
    const u32 rev = es->s_rev_level, incompat = es->s_feature_incompat, ro_compat = es->s_feature_ro_compat;
    brelse(bh);
    if (rev > EXT2_DYNAMIC_REV) {
        ext2_msg(sb, "error: revision level too high (%u)", rev);
        return -EINVAL;
    }
    if (log > PAGE_SHIFT - EXT2_MIN_BLOCK_LOG_SIZE) {
        ext2_msg(sb, "error: unsupported blocksize (log %u)", log);
        return -EINVAL;
    }
    if (rev == EXT2_DYNAMIC_REV && (incompat & ~EXT2_FEATURE_INCOMPAT_SUPP)) {
        ext2_msg(sb, "error: couldn't mount because of unsupported optional features (%x)",
                 incompat & ~EXT2_FEATURE_INCOMPAT_SUPP);
        return -EINVAL;
    }
    if (rev == EXT2_DYNAMIC_REV && !sb->s_rdonly && (ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP)) {
        ext2_msg(sb, "error: couldn't mount RDWR because of unsupported optional features (%x)",
                 ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP);
        return -EROFS;
    }
    sb->s_blocksize_bits = u8(EXT2_MIN_BLOCK_LOG_SIZE + log);
    sb->s_blocksize = 1ul << sb->s_blocksize_bits;
    sbi->s_sbh = __bread(sb->s_bdev, EXT2_SUPER_OFFSET / sb->s_blocksize, unsigned(sb->s_blocksize));
    if (!sbi->s_sbh) {
        ext2_msg(sb, "error: unable to read superblock");
        return -EIO;
    }
    sbi->s_es = reinterpret_cast<ext2_super_block*>(sbi->s_sbh->b_data + EXT2_SUPER_OFFSET % sb->s_blocksize);
    return ext2_read_geometry(sb, sbi->s_es) ? 0 : -EINVAL;
}

int ext2_read_group_desc(super_block* sb)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    sbi->s_group_desc = static_cast<buffer_head**>(kzalloc(sbi->s_gdb_count * sizeof(buffer_head*), GFP_KERNEL));
    if (!sbi->s_group_desc) return -ENOMEM;
    for (u32 i = 0; i < sbi->s_gdb_count; ++i) {
        sbi->s_group_desc[i] = __bread(sb->s_bdev, sbi->s_first_data_block + 1 + i, unsigned(sb->s_blocksize));
        if (!sbi->s_group_desc[i]) {
            ext2_msg(sb, "error: unable to read group descriptors");
            return -EIO;
        }
    }
    return ext2_check_descriptors(sb) ? 0 : -EINVAL;
}

void ext2_release(super_block* sb)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (sbi->s_group_desc)
        for (u32 i = 0; i < sbi->s_gdb_count; ++i) brelse(sbi->s_group_desc[i]);
    kfree(sbi->s_group_desc);
    brelse(sbi->s_sbh);
    kfree(sbi);
    sb->s_fs_info = nullptr;
}

int ext2_sync_fs(super_block* sb)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    int err = 0;
    list_for_each_entry(ino, &sb->s_inodes, inode, i_sb_list) {
        const int e = filemap_write_and_wait(&ino->i_data);
        if (!err) err = e;
        if (ino->i_dirty) ext2_write_inode(ino);
    }
    sbi->s_es->s_wtime = u32(ktime_get_real_seconds());
    mark_buffer_dirty(sbi->s_sbh);
    const int meta = sync_blockdev(sb->s_bdev);
    const int flush = blkdev_issue_flush(sb->s_bdev);
    return err ? err : meta ? meta : flush;
}

void ext2_put_super(super_block* sb)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (!sb->s_rdonly) {
        if (!(sbi->s_es->s_state & EXT2_ERROR_FS)) sbi->s_es->s_state |= EXT2_VALID_FS;
        ext2_sync_fs(sb);
    }
    ext2_release(sb);
}

// Marks the file system mounted read-write on disk (Linux ext2_setup_super).
int ext2_setup_super(super_block* sb)
{
    ext2_super_block* es = EXT2_SB(sb)->s_es;
    // Without an RTC the clock would start at the epoch: never stamp times before the last write.
    timekeeping_advance_to(es->s_wtime > es->s_mtime ? es->s_wtime : es->s_mtime);
    if (!(es->s_state & EXT2_VALID_FS)) ext2_msg(sb, "warning: mounting unchecked fs, running e2fsck is recommended");
    else if (es->s_state & EXT2_ERROR_FS) ext2_msg(sb, "warning: mounting fs with errors, running e2fsck is recommended");
    es->s_state &= u16(~EXT2_VALID_FS);
    ++es->s_mnt_count;
    es->s_mtime = u32(ktime_get_real_seconds());
    mark_buffer_dirty(EXT2_SB(sb)->s_sbh);
    return sync_dirty_buffer(EXT2_SB(sb)->s_sbh);
}

int ext2_fill_super(super_block* sb)
{
    auto* sbi = static_cast<ext2_sb_info*>(kzalloc(sizeof(ext2_sb_info), GFP_KERNEL));
    if (!sbi) return -ENOMEM;
    sb->s_fs_info = sbi;
    sb->s_op = &ext2_sops;
    int err = ext2_read_super(sb);
    if (!err) err = ext2_read_group_desc(sb);
    if (!err) {
        sb->s_root = ext2_iget(sb, EXT2_ROOT_INO, &err);
        if (sb->s_root && (!S_ISDIR(sb->s_root->i_mode) || sb->s_root->i_size == 0)) {
            ext2_msg(sb, "error: corrupt root inode, run e2fsck");
            iput(sb->s_root);
            sb->s_root = nullptr;
            err = -EINVAL;
        }
    }
    if (!err && !sb->s_rdonly) err = ext2_setup_super(sb);
    if (err) {
        iput(sb->s_root);
        sb->s_root = nullptr;
        ext2_release(sb);
    }
    return err;
}

}  // namespace

const super_operations ext2_sops = {ext2_alloc_inode, ext2_destroy_inode, ext2_evict_inode, ext2_write_inode,
                                    ext2_sync_fs, ext2_put_super};

const file_system_type ext2_fs_type = {"ext2", ext2_fill_super};

void ext2_msg(super_block* sb, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ext2_vmsg(sb, "", nullptr, fmt, ap);
    va_end(ap);
}

void ext2_error(super_block* sb, const char* function, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ext2_vmsg(sb, "error: ", function, fmt, ap);
    va_end(ap);
    ext2_sb_info* sbi = EXT2_SB(sb);
    if (!sb->s_rdonly && sbi->s_es) {
        sbi->s_es->s_state |= EXT2_ERROR_FS;
        mark_buffer_dirty(sbi->s_sbh);
    }
}

void ext2_sb_dirty(super_block* sb) { mark_buffer_dirty(EXT2_SB(sb)->s_sbh); }
