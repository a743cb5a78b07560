// ext2 regular files (Linux fs/ext2/file.c, and ext2_setsize of fs/ext2/inode.c): read and
// write through the page cache (aops.cpp moves pages to and from blocks; blocks are allocated
// as a write reaches them, so a full disk fails the write), and setsize. Bytes past i_size
// inside the last page are kept zero (on truncate and before a write or extension past the
// end), so growing a file never shows old data. No atime updates (noatime).
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "mm/rmap.h"

namespace {

long ext2_file_read(inode* ino, void* buf, size_t len, u64 pos)
{
    return generic_file_read(&ino->i_data, buf, len, pos);
}

void touch(inode* ino)
{
    ino->i_mtime = ino->i_ctime = s64(ktime_get_real_seconds());
    mark_inode_dirty(ino);
}

long ext2_file_write(inode* ino, const void* buf, size_t len, u64 pos)
{
    super_block* sb = ino->i_sb;
    if (sb->s_rdonly) return -EROFS;
    if (pos >= ext2_max_size(sb)) return -EFBIG;
    if (len > ext2_max_size(sb) - pos) len = size_t(ext2_max_size(sb) - pos);
    if (pos > ino->i_size) {
        const int err = zero_page_tail(&ino->i_data, ino->i_size);
        if (err) return err;
    }
    const long n = generic_perform_write(&ino->i_data, buf, len, pos);
    if (n > 0) {
        if (pos + u64(n) > ino->i_size) ino->i_size = pos + u64(n);
        touch(ino);
    }
    return n;
}

int ext2_setsize(inode* ino, u64 size)
{
    if (ino->i_sb->s_rdonly) return -EROFS;
    if (size > ext2_max_size(ino->i_sb)) return -EFBIG;
    // Shrinking: zero the new last page's tail, unmap and drop the pages past it (Linux
    // truncate_pagecache), then free the blocks. Growing: zero the old last page's tail; the
    // rest is a hole.
    int err = zero_page_tail(&ino->i_data, size < ino->i_size ? size : ino->i_size);
    if (!err && size < ino->i_size) {
        unmap_mapping_pages(&ino->i_data, (size + PAGE_SIZE - 1) >> PAGE_SHIFT);
        truncate_inode_pages(&ino->i_data, size);
        err = ext2_truncate_blocks(ino, size);
    }
    if (err) return err;
    ino->i_size = size;
    touch(ino);
    return 0;
}

}  // namespace

const inode_operations ext2_file_inode_operations = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, ext2_setsize};
const file_operations ext2_file_operations = {ext2_file_read, ext2_file_write, nullptr, generic_file_mmap};
