// The page cache (Linux <linux/pagemap.h>, mm/filemap.c, mm/truncate.c): a file's data in
// whole pages, kept per file in an address_space whose xarray indexes them by page offset.
// Reads and writes go through it; the file system supplies how a page is read from and
// written to its blocks. Counted as Cached (nr_file_pages), Dirty (nr_dirty) and Writeback
// (nr_writeback, mm/writeback.h). The caller
// serialises calls on one address_space (the VFS lock).
#pragma once

#include "mm/page.h"
#include "mm/xarray.h"

struct inode;
struct address_space;

struct address_space_operations {
    // Fills the page (page->index set) from the file's blocks, zeros past the end of file and
    // in holes; 0 or -errno.
    int (*read_folio)(address_space* mapping, page* p);
    // Writes the page's blocks inside the file; 0 or -errno.
    int (*writepage)(address_space* mapping, page* p);
    // Fills nr new pages (not necessarily adjacent) with requests issued together and waited
    // for together (Linux readahead); 0 or -errno, the pages then all up to date or not.
    int (*readahead)(address_space* mapping, page** pages, unsigned nr);
    // Before bytes [pos, pos + len) of one page are written: gives them blocks (Linux
    // write_begin); 0, -ENOSPC or -errno.
    int (*write_begin)(address_space* mapping, u64 pos, unsigned len);
};

struct address_space {
    inode* host;
    xarray i_pages;
    unsigned long nrpages;
    const address_space_operations* a_ops;
    // Shadow entries of reclaimed pages by index (mm/workingset.cpp). Linux keeps them in
    // i_pages itself; apart, no lookup of i_pages has to tell them from pages.
    xarray shadows;
    // The VMAs mapping this file, shared and private (Linux i_mmap, a list here): the file's
    // reverse map, from a page's (mapping, index) to the PTEs that map it (mm/rmap.h). Changed
    // and walked under the VFS lock.
    list_head i_mmap;
    // A truncate could not unmap every mapping at once (mm/rmap.h unmap_mapping_pages): the
    // first page index left to unmap, plus one; 0 when nothing is pending. Under the VFS lock.
    unsigned long unmap_pending;
};

// The file size the page cache works against (the host inode's i_size).
u64 mapping_size(const address_space* mapping);

// The cached page at index, referenced, or nullptr.
page* find_get_page(address_space* mapping, unsigned long index);
// Pages a cache miss reads together: the next 128 KiB (Linux's default read_ahead_kb) up to
// the first page already cached, within the file.
inline constexpr unsigned RA_PAGES = 32;
// Reads the missing pages of [index, index + RA_PAGES) inside the file in one batch
// (page_cache_ra_unbounded); failures are left for read_mapping_page to retry and report.
void page_cache_readahead(address_space* mapping, unsigned long index);
// The page at index, read if it was not cached, referenced; nullptr with *err.
page* read_mapping_page(address_space* mapping, unsigned long index, int* err);
// Drops a reference taken by find_get_page or read_mapping_page.
void put_cache_page(page* p);
void set_page_dirty(page* p);

// Reads len bytes at pos (short at end of file) into a kernel buffer; bytes or -errno.
long generic_file_read(address_space* mapping, void* buf, size_t len, u64 pos);
// Writes len bytes at pos from a kernel buffer into the cache (dirty pages); the bytes written
// or -errno (ENOSPC on the first). The caller updates the file size.
long generic_perform_write(address_space* mapping, const void* buf, size_t len, u64 pos);
// Zeroes the cached file from `from` to the end of its page (reading the page if needed),
// so that bytes past a new end of file read as zeros when the file grows again.
int zero_page_tail(address_space* mapping, u64 from);
// Writes every dirty page back and waits; 0 or the first error.
int filemap_write_and_wait(address_space* mapping);
// Drops the clean cached pages (Linux invalidate_mapping_pages); how many.
unsigned long invalidate_mapping_pages(address_space* mapping);
// Takes p out of mapping's cache and drops the cache's reference (Linux delete_from_page_cache);
// reclaim leaves a shadow entry in its place (Linux __filemap_remove_folio).
void delete_from_page_cache(address_space* mapping, page* p, void* shadow = nullptr);

// Reclaim's hold on the page cache, which the VFS lock serialises (fs/namespace.cpp): busy when
// another task holds it and wait is false, nested when the caller itself holds it (an
// allocation inside a file system operation), taken otherwise.
enum class pc_lock : u8 { busy, nested, taken };
pc_lock page_cache_reclaim_lock(bool wait);
void page_cache_reclaim_unlock(pc_lock held);

// Drops the cached pages from byte lstart on (rounded up to a page), dirty ones unwritten.
void truncate_inode_pages(address_space* mapping, u64 lstart);
