// ext2 regular files (Linux fs/ext2/file.c, and the truncate of fs/ext2/inode.c): read and write
// block by block through the buffer cache (holes read as zeros, blocks allocated on write),
// and setsize. Bytes past i_size inside the last block are kept zero (on truncate and before
// a write past the end), so extending a file never shows old data. No atime updates (noatime).
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/timekeeping.h"

namespace {

// Zeroes the bytes of from's block from `from` to the block's end, if the block is mapped.
int zero_tail(inode* ino, u64 from)
{
    super_block* sb = ino->i_sb;
    const unsigned off = unsigned(from & (sb->s_blocksize - 1));
    if (off == 0) return 0;
    u32 block;
    int err = ext2_get_block(ino, from >> sb->s_blocksize_bits, false, &block);
    if (err || !block) return err;
    buffer_head* bh = __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
    if (!bh) return -EIO;
    lock_buffer(bh);
    __builtin_memset(bh->b_data + off, 0, sb->s_blocksize - off);
    unlock_buffer(bh);
    mark_buffer_dirty(bh);
    brelse(bh);
    return 0;
}

// The part of [at, at + left) inside at's block: the block's index in the file, the offset in
// it and the length.
struct block_piece {
    u64 iblock;
    unsigned off;
    size_t n;
};

block_piece piece_at(super_block* sb, u64 at, size_t left)
{
    const unsigned off = unsigned(at & (sb->s_blocksize - 1));
    return {at >> sb->s_blocksize_bits, off, left < sb->s_blocksize - off ? left : sb->s_blocksize - off};
}

long ext2_file_read(inode* ino, void* buf, size_t len, u64 pos)
{
    super_block* sb = ino->i_sb;
    if (pos >= ino->i_size) return 0;
    if (len > ino->i_size - pos) len = size_t(ino->i_size - pos);
    size_t done = 0;
    while (done < len) {
        const block_piece p = piece_at(sb, pos + done, len - done);
        u32 block;
        int err = ext2_get_block(ino, p.iblock, false, &block);
        if (err) return done ? long(done) : err;
        char* dst = static_cast<char*>(buf) + done;
        if (!block) {
            __builtin_memset(dst, 0, p.n);
        } else {
            buffer_head* bh = __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
            if (!bh) return done ? long(done) : -EIO;
            __builtin_memcpy(dst, bh->b_data + p.off, p.n);
            brelse(bh);
        }
        done += p.n;
    }
    return long(done);
}

long ext2_file_write(inode* ino, const void* buf, size_t len, u64 pos)
{
    super_block* sb = ino->i_sb;
    if (sb->s_rdonly) return -EROFS;
    if (pos >= ext2_max_size(sb)) return -EFBIG;
    if (len > ext2_max_size(sb) - pos) len = size_t(ext2_max_size(sb) - pos);
    if (pos > ino->i_size) {
        const int err = zero_tail(ino, ino->i_size);
        if (err) return err;
    }
    size_t done = 0;
    int err = 0;
    while (done < len) {
        const block_piece p = piece_at(sb, pos + done, len - done);
        u32 block;
        err = ext2_get_block(ino, p.iblock, true, &block);
        if (err) break;
        // A whole block replaces what was there: no need to read it first.
        buffer_head* bh = p.n == sb->s_blocksize ? __getblk(sb->s_bdev, block, unsigned(sb->s_blocksize))
                                                 : __bread(sb->s_bdev, block, unsigned(sb->s_blocksize));
        if (!bh) {
            err = -EIO;
            break;
        }
        lock_buffer(bh);
        __builtin_memcpy(bh->b_data + p.off, static_cast<const char*>(buf) + done, p.n);
        unlock_buffer(bh);
        mark_buffer_dirty(bh);
        brelse(bh);
        done += p.n;
        if (pos + done > ino->i_size) ino->i_size = pos + done;
    }
    if (done) {
        ino->i_mtime = ino->i_ctime = s64(ktime_get_real_seconds());
        mark_inode_dirty(ino);
    }
    return done ? long(done) : err;
}

int ext2_setsize(inode* ino, u64 size)
{
    if (ino->i_sb->s_rdonly) return -EROFS;
    if (size > ext2_max_size(ino->i_sb)) return -EFBIG;
    int err;
    if (size < ino->i_size) {
        err = ext2_truncate_blocks(ino, size);
        if (!err) err = zero_tail(ino, size);
    } else {
        err = zero_tail(ino, ino->i_size);
    }
    if (err) return err;
    ino->i_size = size;
    ino->i_mtime = ino->i_ctime = s64(ktime_get_real_seconds());
    mark_inode_dirty(ino);
    return 0;
}

}  // namespace

const inode_operations ext2_file_inode_operations = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, ext2_setsize};
const file_operations ext2_file_operations = {ext2_file_read, ext2_file_write, nullptr};
