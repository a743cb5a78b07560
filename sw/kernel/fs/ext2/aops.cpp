// A regular file's pages to and from its blocks (Linux fs/ext2/inode.c ext2_aops over
// mpage_read_folio / block_write_full_page / block_write_begin): a page holds PAGE_SIZE /
// block-size blocks; each run of blocks adjacent on disk moves in one request, holes and
// blocks past the end of file read as zeros and are not written.
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/memory_model.h"

namespace {

// Reads or writes the page's blocks inside the file, one request per run of blocks that
// are adjacent both in the page and on disk; unmapped blocks are zeroed on a read.
int transfer_page(address_space* mapping, page* p, bool write)
{
    inode* ino = mapping->host;
    super_block* sb = ino->i_sb;
    const unsigned bits = sb->s_blocksize_bits, per_page = unsigned(PAGE_SIZE >> bits);
    const u32 sectors_per_block = u32(sb->s_blocksize >> SECTOR_SHIFT);
    char* data = static_cast<char*>(page_address(p));
    const u64 first = u64(p->index) << (PAGE_SHIFT - bits);
    const u64 end_block = (ino->i_size + sb->s_blocksize - 1) >> bits;  // first block past EOF
    unsigned run_start = 0, run_len = 0;
    u32 run_block = 0;
    int err = 0;
    auto flush = [&]() {
        if (!run_len || err) return;
        const u64 sector = u64(run_block) * sectors_per_block;
        char* buf = data + (size_t(run_start) << bits);
        err = write ? blkdev_write(sb->s_bdev, sector, buf, run_len * sectors_per_block)
                    : blkdev_read(sb->s_bdev, sector, buf, run_len * sectors_per_block);
        if (err)
            printk("%s: page I/O error %s inode #%lu page %lu: %d\n", sb->s_bdev->name, write ? "writing" : "reading",
                   ino->i_ino, p->index, err);
        run_len = 0;
    };
    for (unsigned i = 0; i < per_page && !err; ++i) {
        u32 block = 0;
        if (first + i < end_block) err = ext2_get_block(ino, first + i, false, &block);
        if (err) break;
        if (!block) {
            flush();
            if (!write) __builtin_memset(data + (size_t(i) << bits), 0, sb->s_blocksize);
            continue;
        }
        if (run_len && block == run_block + run_len) {
            ++run_len;
            continue;
        }
        flush();
        run_start = i;
        run_block = block;
        run_len = 1;
    }
    flush();
    return err;
}

int ext2_read_folio(address_space* mapping, page* p) { return transfer_page(mapping, p, false); }
int ext2_writepage(address_space* mapping, page* p) { return transfer_page(mapping, p, true); }

int ext2_write_begin(address_space* mapping, u64 pos, unsigned len)
{
    inode* ino = mapping->host;
    super_block* sb = ino->i_sb;
    if (sb->s_rdonly) return -EROFS;
    const u64 last = (pos + len - 1) >> sb->s_blocksize_bits;
    for (u64 b = pos >> sb->s_blocksize_bits; b <= last; ++b) {
        u32 block;
        const int err = ext2_get_block(ino, b, true, &block);
        if (err) return err;
    }
    return 0;
}

}  // namespace

const address_space_operations ext2_aops = {ext2_read_folio, ext2_writepage, ext2_write_begin};
