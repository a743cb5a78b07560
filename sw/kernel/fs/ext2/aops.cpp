// A regular file's pages to and from its blocks (Linux fs/ext2/inode.c ext2_aops over
// mpage_read_folio / mpage_readahead / block_write_full_page / block_write_begin): a page holds
// PAGE_SIZE / block-size blocks; each run of blocks adjacent on disk and in memory moves in one
// request of up to 128 KiB (a readahead batch of pages adjacent in memory reads as one), and
// holes and blocks past the end of file read as zeros and are not written.
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/completion.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/slab.h"
#include "mm/memory_model.h"

namespace {

// The requests moving pages: each run of blocks adjacent both in memory and on disk is one
// bio, so pages the page cache took adjacent in memory (readahead) move together; the bios of a
// batch are submitted together and waited for together (one completion when the last ends).
constexpr u32 MAX_RUN_SECTORS = 128 * 1024 / SECTOR_SIZE;  // the largest request

struct page_io {
    block_device* bdev;
    req_op op;
    completion done;
    spinlock_t lock;
    int pending;      // bios in flight, plus one while submitting
    int status;       // the first error
    u64 run_sector;   // the run being gathered: its first sector,
    char* run_buf;    // where it starts in memory,
    u32 run_sectors;  // and its length (0: none)
};

void page_io_end(bio* b)
{
    auto* io = static_cast<page_io*>(b->priv);
    unsigned long flags = spin_lock_irqsave(&io->lock);
    if (b->status && !io->status) io->status = b->status;
    const bool last = --io->pending == 0;
    spin_unlock_irqrestore(&io->lock, flags);
    kfree(b);
    if (last) complete(&io->done);
}

// Submits the gathered run; 0 or -ENOMEM.
int flush_run(page_io* io)
{
    if (!io->run_sectors) return 0;
    auto* b = static_cast<bio*>(kzalloc(sizeof(bio), GFP_KERNEL));
    if (!b) return -ENOMEM;
    *b = bio{io->bdev, io->op, io->run_sector, io->run_buf, io->run_sectors << SECTOR_SHIFT, 0, page_io_end, io};
    io->run_sectors = 0;
    unsigned long flags = spin_lock_irqsave(&io->lock);
    ++io->pending;
    spin_unlock_irqrestore(&io->lock, flags);
    submit_bio(b);
    return 0;
}

// Adds a block at sector (buf in memory) to the run, or starts a new one.
int add_to_run(page_io* io, u64 sector, char* buf, u32 sectors)
{
    if (io->run_sectors && sector == io->run_sector + io->run_sectors &&
        buf == io->run_buf + (size_t(io->run_sectors) << SECTOR_SHIFT) && io->run_sectors + sectors <= MAX_RUN_SECTORS) {
        io->run_sectors += sectors;
        return 0;
    }
    const int err = flush_run(io);
    io->run_sector = sector;
    io->run_buf = buf;
    io->run_sectors = sectors;
    return err;
}

// Maps the page's blocks inside the file into runs; unmapped blocks are zeroed on a read.
// 0 or -errno (what was submitted still completes).
int map_page(page_io* io, address_space* mapping, page* p)
{
    inode* ino = mapping->host;
    super_block* sb = ino->i_sb;
    const unsigned bits = sb->s_blocksize_bits, per_page = unsigned(PAGE_SIZE >> bits);
    const u32 sectors_per_block = u32(sb->s_blocksize >> SECTOR_SHIFT);
    char* data = static_cast<char*>(page_address(p));
    const u64 first = u64(p->index) << (PAGE_SHIFT - bits);
    const u64 end_block = (ino->i_size + sb->s_blocksize - 1) >> bits;  // first block past EOF
    for (unsigned i = 0; i < per_page; ++i) {
        char* buf = data + (size_t(i) << bits);
        u32 block = 0;
        int err = first + i < end_block ? ext2_get_block(ino, first + i, false, &block) : 0;
        if (!err && block) err = add_to_run(io, u64(block) * sectors_per_block, buf, sectors_per_block);
        else if (!err && io->op == REQ_OP_READ) __builtin_memset(buf, 0, sb->s_blocksize);
        if (err) return err;
    }
    return 0;
}

// Moves nr pages in one batch; 0 or the first error (a device error reported once).
int transfer_pages(address_space* mapping, page** pages, unsigned nr, req_op op)
{
    page_io io;
    io.bdev = mapping->host->i_sb->s_bdev;
    io.op = op;
    init_completion(&io.done);
    spin_lock_init(&io.lock);
    io.pending = 1;
    io.status = 0;
    io.run_sectors = 0;
    int err = 0;
    for (unsigned k = 0; k < nr && !err; ++k) err = map_page(&io, mapping, pages[k]);
    const int flushed = flush_run(&io);
    if (!err) err = flushed;
    unsigned long flags = spin_lock_irqsave(&io.lock);
    const bool last = --io.pending == 0;
    spin_unlock_irqrestore(&io.lock, flags);
    if (last) complete(&io.done);
    wait_for_completion(&io.done);
    if (io.status)
        printk("%s: page I/O error %s inode #%lu page %lu: %d\n", io.bdev->name, op == REQ_OP_WRITE ? "writing" : "reading",
               mapping->host->i_ino, pages[0]->index, io.status);
    return err ? err : io.status;
}

int ext2_read_folio(address_space* mapping, page* p) { return transfer_pages(mapping, &p, 1, REQ_OP_READ); }
int ext2_writepage(address_space* mapping, page* p) { return transfer_pages(mapping, &p, 1, REQ_OP_WRITE); }
int ext2_readahead(address_space* mapping, page** pages, unsigned nr)
{
    return transfer_pages(mapping, pages, nr, REQ_OP_READ);
}

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

const address_space_operations ext2_aops = {ext2_read_folio, ext2_writepage, ext2_readahead, ext2_write_begin};
