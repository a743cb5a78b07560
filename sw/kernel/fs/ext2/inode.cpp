// ext2 inodes (Linux fs/ext2/inode.c): reading and writing them in the inode table, the block
// map (12 direct pointers, then single, double and triple indirect blocks: ext2_block_to_path),
// block allocation on write and freeing on truncate, and what the last iput of an unlinked
// inode does (its blocks, its attribute block and the inode itself are freed).
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "mm/slab.h"

namespace {

bool is_fast_symlink(inode* ino)
{
    const u64 acl_blocks = EXT2_I(ino)->i_file_acl ? ino->i_sb->s_blocksize >> SECTOR_SHIFT : 0;
    return S_ISLNK(ino->i_mode) && ino->i_blocks == acl_blocks;
}

// Only regular files, directories and symlinks kept in blocks have a block map.
bool has_block_map(inode* ino)
{
    return S_ISREG(ino->i_mode) || S_ISDIR(ino->i_mode) || (S_ISLNK(ino->i_mode) && !is_fast_symlink(ino));
}

// Splits file block iblock into the indexes at each level of the map; the depth (1 for a
// direct block .. 4 for a triple-indirect one), 0 beyond the map's reach.
unsigned ext2_block_to_path(super_block* sb, u64 iblock, u32 offsets[4])
{
    const u64 p = EXT2_SB(sb)->s_addr_per_block;
    if (iblock < EXT2_NDIR_BLOCKS) {
        offsets[0] = u32(iblock);
        return 1;
    }
    iblock -= EXT2_NDIR_BLOCKS;
    if (iblock < p) {
        offsets[0] = EXT2_IND_BLOCK;
        offsets[1] = u32(iblock);
        return 2;
    }
    iblock -= p;
    if (iblock < p * p) {
        offsets[0] = EXT2_DIND_BLOCK;
        offsets[1] = u32(iblock / p);
        offsets[2] = u32(iblock % p);
        return 3;
    }
    iblock -= p * p;
    if (iblock < p * p * p) {
        offsets[0] = EXT2_TIND_BLOCK;
        offsets[1] = u32(iblock / (p * p));
        offsets[2] = u32(iblock / p % p);
        offsets[3] = u32(iblock % p);
        return 4;
    }
    return 0;
}

// A new block for ino, counted in i_blocks: zero-filled through the buffer cache (an indirect
// block, a directory block), or, for a regular file's data (through_page_cache), with any stale
// buffer of the block forgotten: the page cache writes it.
int alloc_block(inode* ino, u32* block, bool through_page_cache)
{
    ext2_inode_info* ei = EXT2_I(ino);
    int err = ext2_new_block(ino, ei->i_alloc_goal, block);
    if (err) return err;
    ei->i_alloc_goal = *block + 1;
    ino->i_blocks += ino->i_sb->s_blocksize >> SECTOR_SHIFT;
    mark_inode_dirty(ino);
    if (through_page_cache) {
        clean_bdev_aliases(ino->i_sb->s_bdev, *block, unsigned(ino->i_sb->s_blocksize));
        return 0;
    }
    buffer_head* bh = __getblk(ino->i_sb->s_bdev, *block, unsigned(ino->i_sb->s_blocksize));
    if (!bh) {
        ext2_free_blocks(ino, *block, 1);
        ino->i_blocks -= ino->i_sb->s_blocksize >> SECTOR_SHIFT;
        return -ENOMEM;
    }
    lock_buffer(bh);
    __builtin_memset(bh->b_data, 0, bh->b_size);
    unlock_buffer(bh);
    mark_buffer_dirty(bh);
    brelse(bh);
    return 0;
}

bool check_block(inode* ino, u32 block, const char* function)
{
    if (ext2_data_block_valid(EXT2_SB(ino->i_sb), block)) return true;
    ext2_error(ino->i_sb, function, "bad block number %u in inode #%lu", block, ino->i_ino);
    return false;
}

void release_block(inode* ino, u32 block)
{
    clean_bdev_aliases(ino->i_sb->s_bdev, block, unsigned(ino->i_sb->s_blocksize));
    ext2_free_blocks(ino, block, 1);
    ino->i_blocks -= ino->i_sb->s_blocksize >> SECTOR_SHIFT;
    mark_inode_dirty(ino);
}

// Frees what indirect block `block` (depth levels above the data: 1 = it points at data
// blocks) maps at or past file block keep; it covers file blocks from base on. Whether the
// block itself was freed (nothing below it kept).
bool free_branch(inode* ino, u32 block, unsigned depth, u64 base, u64 keep)
{
    if (!check_block(ino, block, "ext2_free_branches")) return false;
    super_block* sb = ino->i_sb;
    const u64 p = EXT2_SB(sb)->s_addr_per_block;
    u64 span = 1;
    for (unsigned d = 1; d < depth; ++d) span *= p;
    buffer_head* bh = __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
    if (!bh) return false;
    auto* entries = reinterpret_cast<u32*>(bh->b_data);
    bool all = true;
    for (u64 i = 0; i < p; ++i) {
        if (!entries[i]) continue;
        const u64 child_base = base + i * span;
        if (child_base + span <= keep) {
            all = false;
            continue;
        }
        bool freed;
        if (depth == 1) {
            freed = check_block(ino, entries[i], "ext2_free_data");
            if (freed) release_block(ino, entries[i]);
        } else {
            freed = free_branch(ino, entries[i], depth - 1, child_base, keep);
        }
        if (freed) {
            entries[i] = 0;
            mark_buffer_dirty(bh);
        } else {
            all = false;
        }
    }
    brelse(bh);
    if (all) release_block(ino, block);
    return all;
}

void drop_xattr_block(inode* ino)
{
    ext2_inode_info* ei = EXT2_I(ino);
    if (!ei->i_file_acl) return;
    super_block* sb = ino->i_sb;
    if (!check_block(ino, ei->i_file_acl, "ext2_xattr_delete_inode")) return;
    buffer_head* bh = __bread(sb->s_bdev, ei->i_file_acl, unsigned(sb->s_blocksize));
    if (!bh) return;
    auto* h = reinterpret_cast<ext2_xattr_header*>(bh->b_data);
    if (h->h_magic != EXT2_XATTR_MAGIC || h->h_blocks != 1) {
        ext2_error(sb, "ext2_xattr_delete_inode", "inode %lu: bad block %u", ino->i_ino, ei->i_file_acl);
    } else if (--h->h_refcount == 0) {
        release_block(ino, ei->i_file_acl);
    } else {
        mark_buffer_dirty(bh);
        ino->i_blocks -= sb->s_blocksize >> SECTOR_SHIFT;
    }
    brelse(bh);
    ei->i_file_acl = 0;
    mark_inode_dirty(ino);
}

}  // namespace

inode* ext2_alloc_inode(super_block*)
{
    auto* ei = static_cast<ext2_inode_info*>(kzalloc(sizeof(ext2_inode_info), GFP_KERNEL));
    return ei ? &ei->vfs_inode : nullptr;
}

void ext2_destroy_inode(inode* ino) { kfree(EXT2_I(ino)); }

u64 ext2_max_size(super_block* sb)
{
    const u64 p = EXT2_SB(sb)->s_addr_per_block;
    const u64 blocks = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
    // i_blocks counts 512-byte units in 32 bits, indirect blocks included: stay well below.
    const u64 limit = (1ull << 40) - sb->s_blocksize;
    return blocks * sb->s_blocksize < limit ? blocks * sb->s_blocksize : limit;
}

ext2_inode* ext2_get_raw_inode(super_block* sb, unsigned long ino, buffer_head** bh)
{
    ext2_sb_info* sbi = EXT2_SB(sb);
    if ((ino != EXT2_ROOT_INO && ino < sbi->s_first_ino) || ino > sbi->s_inodes_count || ino == 0) {
        ext2_error(sb, "ext2_get_inode", "bad inode number: %lu", ino);
        return nullptr;
    }
    const u32 group = u32((ino - 1) / sbi->s_inodes_per_group);
    const u64 offset = u64((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
    const u64 block = ext2_get_group_desc(sb, group, nullptr)->bg_inode_table + (offset >> sb->s_blocksize_bits);
    *bh = __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
    if (!*bh) {
        ext2_error(sb, "ext2_get_inode", "unable to read inode block - inode=%lu, block=%lu", ino, (unsigned long)block);
        return nullptr;
    }
    return reinterpret_cast<ext2_inode*>((*bh)->b_data + (offset & (sb->s_blocksize - 1)));
}

void ext2_set_inode_ops(inode* ino)
{
    ino->i_op = nullptr;
    ino->i_fop = nullptr;
    if (S_ISREG(ino->i_mode)) {
        ino->i_op = &ext2_file_inode_operations;
        ino->i_fop = &ext2_file_operations;
        ino->i_data.a_ops = &ext2_aops;
    } else if (S_ISDIR(ino->i_mode)) {
        ino->i_op = &ext2_dir_inode_operations;
        ino->i_fop = &ext2_dir_operations;
    }
}

inode* ext2_iget(super_block* sb, unsigned long ino, int* err)
{
    bool is_new;
    inode* i = iget_locked(sb, ino, &is_new);
    if (!i) {
        *err = -ENOMEM;
        return nullptr;
    }
    if (!is_new) return i;
    buffer_head* bh;
    const ext2_inode* raw = ext2_get_raw_inode(sb, ino, &bh);
    if (!raw) {
        iget_failed(i);
        *err = -EIO;
        return nullptr;
    }
    ext2_inode_info* ei = EXT2_I(i);
    i->i_mode = raw->i_mode;
    i->i_uid = raw->i_uid;
    i->i_gid = raw->i_gid;
    i->i_nlink = raw->i_links_count;
    i->i_size = raw->i_size;
    if (S_ISREG(i->i_mode)) i->i_size |= u64(raw->i_size_high) << 32;
    i->i_atime = raw->i_atime;
    i->i_mtime = raw->i_mtime;
    i->i_ctime = raw->i_ctime;
    i->i_blocks = raw->i_blocks;
    ei->i_dtime = raw->i_dtime;
    ei->i_flags = raw->i_flags;
    ei->i_file_acl = raw->i_file_acl;
    ei->i_block_group = u32((ino - 1) / EXT2_SB(sb)->s_inodes_per_group);
    __builtin_memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
    brelse(bh);
    if (i->i_nlink == 0 && (i->i_mode == 0 || ei->i_dtime)) {
        ext2_error(sb, "ext2_iget", "deleted inode referenced: %lu", ino);
        iget_failed(i);
        *err = -EIO;
        return nullptr;
    }
    ext2_set_inode_ops(i);
    return i;
}

int ext2_write_inode(inode* ino)
{
    super_block* sb = ino->i_sb;
    buffer_head* bh;
    ext2_inode* raw = ext2_get_raw_inode(sb, ino->i_ino, &bh);
    if (!raw) return -EIO;
    ext2_inode_info* ei = EXT2_I(ino);
    raw->i_mode = ino->i_mode;
    raw->i_uid = u16(ino->i_uid);
    raw->i_gid = u16(ino->i_gid);
    raw->i_links_count = u16(ino->i_nlink);
    raw->i_size = u32(ino->i_size);
    if (S_ISREG(ino->i_mode)) {
        raw->i_size_high = u32(ino->i_size >> 32);
        ext2_super_block* es = EXT2_SB(sb)->s_es;
        // A file of 2 GiB or more needs the large_file feature (Linux ext2_update_inode).
        if (ino->i_size > 0x7fffffffull && !(es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
            es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
            if (es->s_rev_level == EXT2_GOOD_OLD_REV) es->s_rev_level = EXT2_DYNAMIC_REV;
            ext2_sb_dirty(sb);
        }
    }
    raw->i_atime = u32(ino->i_atime);
    raw->i_mtime = u32(ino->i_mtime);
    raw->i_ctime = u32(ino->i_ctime);
    raw->i_dtime = ei->i_dtime;
    raw->i_blocks = u32(ino->i_blocks);
    raw->i_flags = ei->i_flags;
    raw->i_file_acl = ei->i_file_acl;
    __builtin_memcpy(raw->i_block, ei->i_data, sizeof(ei->i_data));
    mark_buffer_dirty(bh);
    brelse(bh);
    ino->i_dirty = false;
    return 0;
}

void ext2_evict_inode(inode* ino)
{
    if (ino->i_nlink == 0 && !ino->i_sb->s_rdonly) {
        truncate_inode_pages(&ino->i_data, 0);  // never written back: the blocks go now
        // A zero dtime reads as "never deleted" (e2fsck: "Deleted inode has zero dtime").
        const u64 now = ktime_get_real_seconds();
        EXT2_I(ino)->i_dtime = u32(now ? now : 1);
        if (has_block_map(ino)) ext2_truncate_blocks(ino, 0);
        ino->i_size = 0;
        drop_xattr_block(ino);
        ext2_write_inode(ino);
        ext2_free_inode(ino);
    } else if (ino->i_dirty) {
        ext2_write_inode(ino);
    }
}

int ext2_get_block(inode* ino, u64 iblock, bool create, u32* block, bool* is_new)
{
    super_block* sb = ino->i_sb;
    u32 offsets[4];
    const unsigned depth = ext2_block_to_path(sb, iblock, offsets);
    if (is_new) *is_new = false;
    *block = 0;
    if (depth == 0) return -EFBIG;
    u32* slot = &EXT2_I(ino)->i_data[offsets[0]];
    buffer_head* parent = nullptr;  // holds slot when it is in an indirect block
    int err = 0;
    for (unsigned level = 0;; ++level) {
        u32 b = *slot;
        if (!b) {
            if (!create) break;
            err = alloc_block(ino, &b, level + 1 == depth && S_ISREG(ino->i_mode));
            if (err) break;
            *slot = b;
            if (parent) mark_buffer_dirty(parent);
            if (is_new && level + 1 == depth) *is_new = true;
        } else if (!check_block(ino, b, "ext2_get_block")) {
            err = -EIO;
            break;
        }
        if (level + 1 == depth) {
            *block = b;
            break;
        }
        brelse(parent);
        parent = __bread(sb->s_bdev, b, unsigned(sb->s_blocksize));
        if (!parent) {
            err = -EIO;
            break;
        }
        slot = reinterpret_cast<u32*>(parent->b_data) + offsets[level + 1];
    }
    brelse(parent);
    return err;
}

int ext2_truncate_blocks(inode* ino, u64 size)
{
    super_block* sb = ino->i_sb;
    const u64 keep = (size + sb->s_blocksize - 1) >> sb->s_blocksize_bits;
    ext2_inode_info* ei = EXT2_I(ino);
    for (u64 i = keep; i < EXT2_NDIR_BLOCKS; ++i) {
        if (ei->i_data[i] && check_block(ino, ei->i_data[i], "ext2_free_data")) release_block(ino, ei->i_data[i]);
        ei->i_data[i] = 0;
    }
    const u64 p = EXT2_SB(sb)->s_addr_per_block;
    u64 base = EXT2_NDIR_BLOCKS, span = p;
    for (unsigned level = EXT2_IND_BLOCK; level <= EXT2_TIND_BLOCK; ++level, base += span, span *= p) {
        if (ei->i_data[level] && base + span > keep &&
            free_branch(ino, ei->i_data[level], level - EXT2_IND_BLOCK + 1, base, keep))
            ei->i_data[level] = 0;
    }
    mark_inode_dirty(ino);
    return 0;
}
