// ext2 directories (Linux fs/ext2/dir.c): blocks of entries chained by rec_len, each block
// checked when read (ext2_check_page's rules: no entry shorter than its name, unaligned or
// crossing the block, no inode number past the last); lookup by linear scan, insertion into
// the first entry with room (splitting it), deletion by merging into the previous entry.
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/timekeeping.h"

namespace {

u64 dir_blocks(inode* dir) { return dir->i_size >> dir->i_sb->s_blocksize_bits; }

ext2_dir_entry_2* entry_at(buffer_head* bh, unsigned off) { return reinterpret_cast<ext2_dir_entry_2*>(bh->b_data + off); }

bool check_dir_block(inode* dir, buffer_head* bh, u64 n)
{
    super_block* sb = dir->i_sb;
    const unsigned bs = unsigned(sb->s_blocksize);
    for (unsigned off = 0; off < bs;) {
        const ext2_dir_entry_2* de = entry_at(bh, off);
        const unsigned rec_len = de->rec_len;
        const char* bad = nullptr;
        if (rec_len < EXT2_DIR_REC_LEN(1)) bad = "rec_len is smaller than minimal";
        else if (rec_len % 4) bad = "unaligned directory entry";
        else if (rec_len < EXT2_DIR_REC_LEN(de->name_len)) bad = "rec_len is too small for name_len";
        else if (off + rec_len > bs) bad = "directory entry across blocks";
        else if (de->inode > EXT2_SB(sb)->s_inodes_count) bad = "inode out of bounds";
        if (bad) {
            ext2_error(sb, "ext2_check_page",
                       "bad entry in directory #%lu: %s - offset=%lu, inode=%u, rec_len=%u, name_len=%u", dir->i_ino,
                       bad, (unsigned long)(n * bs + off), de->inode, rec_len, de->name_len);
            return false;
        }
        off += rec_len;
    }
    return true;
}

u8 file_type_of(super_block* sb, umode_t mode)
{
    if (!EXT2_SB(sb)->s_has_filetype) return EXT2_FT_UNKNOWN;
    switch (mode & S_IFMT) {
    case S_IFREG: return EXT2_FT_REG_FILE;
    case S_IFDIR: return EXT2_FT_DIR;
    case S_IFCHR: return EXT2_FT_CHRDEV;
    case S_IFBLK: return EXT2_FT_BLKDEV;
    case S_IFIFO: return EXT2_FT_FIFO;
    case S_IFSOCK: return EXT2_FT_SOCK;
    case S_IFLNK: return EXT2_FT_SYMLINK;
    default: return EXT2_FT_UNKNOWN;
    }
}

u8 dt_type(u8 file_type)
{
    static constexpr u8 map[] = {DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK};
    return file_type < sizeof(map) ? map[file_type] : u8(DT_UNKNOWN);
}

bool name_matches(const ext2_dir_entry_2* de, const qstr* name)
{
    return de->inode && de->name_len == name->len && __builtin_memcmp(de->name, name->name, name->len) == 0;
}

void fill_entry(super_block* sb, ext2_dir_entry_2* de, const qstr* name, inode* ino)
{
    de->inode = u32(ino->i_ino);
    de->name_len = u8(name->len);
    de->file_type = file_type_of(sb, ino->i_mode);
    __builtin_memcpy(de->name, name->name, name->len);
}

}  // namespace

void ext2_dir_changed(inode* dir)
{
    dir->i_mtime = dir->i_ctime = s64(ktime_get_real_seconds());
    // The hashed index (dir_index) no longer matches the entries: from now on the directory is
    // linear, as e2fsck and Linux read a directory without EXT2_INDEX_FL.
    EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
    mark_inode_dirty(dir);
}

buffer_head* ext2_get_dir_block(inode* dir, u64 n, int* err)
{
    super_block* sb = dir->i_sb;
    u32 block;
    *err = ext2_get_block(dir, n, false, &block);
    if (*err) return nullptr;
    if (!block) {
        ext2_error(sb, __func__, "directory #%lu contains a hole at offset %lu", dir->i_ino,
                   (unsigned long)(n << sb->s_blocksize_bits));
        *err = -EIO;
        return nullptr;
    }
    buffer_head* bh = __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
    if (!bh || !check_dir_block(dir, bh, n)) {
        brelse(bh);
        *err = -EIO;
        return nullptr;
    }
    return bh;
}

ext2_dir_entry_2* ext2_find_entry(inode* dir, const qstr* name, buffer_head** bhp, int* err)
{
    const unsigned bs = unsigned(dir->i_sb->s_blocksize);
    for (u64 n = 0; n < dir_blocks(dir); ++n) {
        buffer_head* bh = ext2_get_dir_block(dir, n, err);
        if (!bh) return nullptr;
        for (unsigned off = 0; off < bs; off += entry_at(bh, off)->rec_len) {
            if (name_matches(entry_at(bh, off), name)) {
                *bhp = bh;
                return entry_at(bh, off);
            }
        }
        brelse(bh);
    }
    *err = -ENOENT;
    return nullptr;
}

ext2_dir_entry_2* ext2_dotdot(inode* dir, buffer_head** bhp, int* err)
{
    buffer_head* bh = ext2_get_dir_block(dir, 0, err);
    if (!bh) return nullptr;
    ext2_dir_entry_2* de = entry_at(bh, entry_at(bh, 0)->rec_len);
    if (entry_at(bh, 0)->rec_len >= dir->i_sb->s_blocksize || de->name_len != 2 || de->name[0] != '.' ||
        de->name[1] != '.') {
        ext2_error(dir->i_sb, __func__, "directory #%lu has no '..' entry", dir->i_ino);
        brelse(bh);
        *err = -EIO;
        return nullptr;
    }
    *bhp = bh;
    return de;
}

int ext2_add_link(inode* dir, const qstr* name, inode* ino)
{
    super_block* sb = dir->i_sb;
    const unsigned bs = unsigned(sb->s_blocksize), need = EXT2_DIR_REC_LEN(name->len);
    const u64 nblocks = dir_blocks(dir);
    int err;
    for (u64 n = 0; n <= nblocks; ++n) {
        buffer_head* bh;
        if (n == nblocks) {
            // No room: one more block, holding one empty entry that spans it.
            u32 block;
            err = ext2_get_block(dir, n, true, &block);
            if (err) return err;
            bh = __bread(sb->s_bdev, block, bs);
            if (!bh) return -EIO;
            entry_at(bh, 0)->inode = 0;
            entry_at(bh, 0)->rec_len = u16(bs);
            dir->i_size += bs;
        } else {
            bh = ext2_get_dir_block(dir, n, &err);
            if (!bh) return err;
        }
        for (unsigned off = 0; off < bs; off += entry_at(bh, off)->rec_len) {
            ext2_dir_entry_2* de = entry_at(bh, off);
            const unsigned used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;
            if (de->rec_len < used + need) continue;
            if (used) {
                ext2_dir_entry_2* next = entry_at(bh, off + used);
                next->rec_len = u16(de->rec_len - used);
                de->rec_len = u16(used);
                de = next;
            }
            fill_entry(sb, de, name, ino);
            mark_buffer_dirty(bh);
            brelse(bh);
            ext2_dir_changed(dir);
            return 0;
        }
        brelse(bh);
    }
    ext2_error(sb, __func__, "no room in directory #%lu after extending it", dir->i_ino);
    return -EIO;
}

int ext2_delete_entry(inode* dir, ext2_dir_entry_2* de, buffer_head* bh)
{
    const unsigned target = unsigned(reinterpret_cast<char*>(de) - bh->b_data);
    const unsigned start = target & ~(unsigned(dir->i_sb->s_blocksize) - 1);
    ext2_dir_entry_2* prev = nullptr;
    for (unsigned off = start; off < target; off += entry_at(bh, off)->rec_len) prev = entry_at(bh, off);
    if (prev) prev->rec_len = u16(prev->rec_len + de->rec_len);
    de->inode = 0;
    mark_buffer_dirty(bh);
    ext2_dir_changed(dir);
    return 0;
}

void ext2_set_link(inode* dir, ext2_dir_entry_2* de, buffer_head* bh, inode* ino)
{
    de->inode = u32(ino->i_ino);
    de->file_type = file_type_of(dir->i_sb, ino->i_mode);
    mark_buffer_dirty(bh);
    ext2_dir_changed(dir);
}

int ext2_make_empty(inode* ino, inode* parent)
{
    super_block* sb = ino->i_sb;
    const unsigned bs = unsigned(sb->s_blocksize);
    u32 block;
    int err = ext2_get_block(ino, 0, true, &block);
    if (err) return err;
    buffer_head* bh = __bread(sb->s_bdev, block, bs);
    if (!bh) return -EIO;
    const qstr dot{".", 1}, dotdot{"..", 2};
    ext2_dir_entry_2* de = entry_at(bh, 0);
    fill_entry(sb, de, &dot, ino);
    de->rec_len = u16(EXT2_DIR_REC_LEN(1));
    de = entry_at(bh, EXT2_DIR_REC_LEN(1));
    fill_entry(sb, de, &dotdot, parent);
    de->rec_len = u16(bs - EXT2_DIR_REC_LEN(1));
    mark_buffer_dirty(bh);
    brelse(bh);
    ino->i_size = bs;
    mark_inode_dirty(ino);
    return 0;
}

int ext2_empty_dir(inode* dir)
{
    const unsigned bs = unsigned(dir->i_sb->s_blocksize);
    int err;
    for (u64 n = 0; n < dir_blocks(dir); ++n) {
        buffer_head* bh = ext2_get_dir_block(dir, n, &err);
        if (!bh) return err;
        for (unsigned off = 0; off < bs; off += entry_at(bh, off)->rec_len) {
            const ext2_dir_entry_2* de = entry_at(bh, off);
            if (!de->inode) continue;
            const bool dot = de->name_len == 1 && de->name[0] == '.';
            const bool dotdot = de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.';
            if (!(n == 0 && (dot || dotdot))) {
                brelse(bh);
                return 0;
            }
        }
        brelse(bh);
    }
    return 1;
}

namespace {

// getdents: ctx->pos is a byte offset in the directory; an offset inside an entry (a stale
// cookie) resumes at the next entry boundary.
int ext2_readdir(inode* dir, dir_context* ctx)
{
    super_block* sb = dir->i_sb;
    const unsigned bs = unsigned(sb->s_blocksize);
    while (ctx->pos < dir->i_size) {
        const u64 n = ctx->pos >> sb->s_blocksize_bits;
        int err;
        buffer_head* bh = ext2_get_dir_block(dir, n, &err);
        if (!bh) return err;
        const unsigned start = unsigned(ctx->pos & (bs - 1));
        for (unsigned off = 0; off < bs; off += entry_at(bh, off)->rec_len) {
            const ext2_dir_entry_2* de = entry_at(bh, off);
            const u64 next = (n << sb->s_blocksize_bits) + off + de->rec_len;
            if (off < start) continue;
            if (de->inode &&
                !ctx->actor(ctx, de->name, de->name_len, next, de->inode, dt_type(de->file_type))) {
                brelse(bh);
                return 0;
            }
            ctx->pos = next;
        }
        ctx->pos = (n + 1) << sb->s_blocksize_bits;
        brelse(bh);
    }
    return 0;
}

}  // namespace

const file_operations ext2_dir_operations = {nullptr, nullptr, ext2_readdir, nullptr};  // no mmap: ENODEV
