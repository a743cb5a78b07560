// The page cache (Linux mm/filemap.c filemap_read, generic_perform_write, filemap_fdatawrite;
// mm/truncate.c truncate_inode_pages): pages found by index in the file's xarray, read through
// the file system's read_folio when missing, written back through writepage when dirty
// (mm/page_writeback.cpp). The cache holds one reference on each page; users hold theirs while
// they copy.
#include "mm/pagemap.h"

#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "mm/buddy.h"
#include "mm/gfp.h"
#include "mm/memory_model.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/vm_event.h"
#include "mm/writeback.h"

namespace {

// A new page at index, added to the cache (one reference for the cache, one for the caller).
page* add_new_page(address_space* mapping, unsigned long index, int* err)
{
    page* p = alloc_page(GFP_KERNEL);
    if (!p) {
        *err = -ENOMEM;
        return nullptr;
    }
    if (xa_store(&mapping->i_pages, index, p)) {
        put_page(p);
        *err = -ENOMEM;
        return nullptr;
    }
    p->mapping = mapping;
    p->index = index;
    p->_mapcount = 0;
    get_page_ref(p);
    ++mapping->nrpages;
    count_vm_event(&memvp_vmstat::nr_file_pages);
    // A page reclaimed from here earlier: how long ago decides whether it starts active.
    if (void* shadow = xa_erase(&mapping->shadows, index)) workingset_refault(p, shadow);
    lru_cache_add(p);
    return p;
}

void clear_page_dirty(page* p)
{
    if (!test_page_flag(p, PG_dirty)) return;
    clear_page_flag(p, PG_dirty);
    dec_vm_events(&memvp_vmstat::nr_dirty, 1);
}

}  // namespace

void delete_from_page_cache(address_space* mapping, page* p, void* shadow)
{
    xa_erase(&mapping->i_pages, p->index);
    if (shadow) xa_store(&mapping->shadows, p->index, shadow);  // without memory: no shadow
    clear_page_dirty(p);
    clear_page_flag(p, PG_uptodate);
    page_cache_drop_mapcount(p);
    p->mapping = nullptr;
    --mapping->nrpages;
    dec_vm_events(&memvp_vmstat::nr_file_pages, 1);
    put_page(p);
}

namespace {

// The page at index for writing n bytes of it: cached, or new and then read first
// unless the write covers it or it lies wholly past the end of file (then zeroed).
page* grab_page_for_write(address_space* mapping, unsigned long index, size_t n, int* err)
{
    page* p = find_get_page(mapping, index);
    if (p && test_page_flag(p, PG_uptodate)) return p;
    if (!p && !(p = add_new_page(mapping, index, err))) return nullptr;
    const u64 start = u64(index) << PAGE_SHIFT;
    if (n == PAGE_SIZE || start >= mapping_size(mapping)) {
        if (n != PAGE_SIZE) __builtin_memset(page_address(p), 0, PAGE_SIZE);
    } else if ((*err = mapping->a_ops->read_folio(mapping, p))) {
        put_cache_page(p);
        return nullptr;
    }
    set_page_flag(p, PG_uptodate);
    return p;
}

}  // namespace

u64 mapping_size(const address_space* mapping) { return mapping->host->i_size; }

page* find_get_page(address_space* mapping, unsigned long index)
{
    page* p = static_cast<page*>(xa_load(&mapping->i_pages, index));
    if (p) get_page_ref(p);
    return p;
}

page* read_mapping_page(address_space* mapping, unsigned long index, int* err)
{
    page* p = find_get_page(mapping, index);
    if (!p && !(p = add_new_page(mapping, index, err))) return nullptr;
    if (test_page_flag(p, PG_uptodate)) return p;
    *err = mapping->a_ops->read_folio(mapping, p);
    if (*err) {
        put_cache_page(p);
        delete_from_page_cache(mapping, p);  // a later read tries the disk again
        return nullptr;
    }
    set_page_flag(p, PG_uptodate);
    return p;
}

void put_cache_page(page* p) { put_page(p); }

void set_page_dirty(page* p)
{
    if (test_page_flag(p, PG_dirty)) return;
    set_page_flag(p, PG_dirty);
    count_vm_event(&memvp_vmstat::nr_dirty);
    // Linux __mark_inode_dirty(I_DIRTY_PAGES): the inode's age for write-back is that of its
    // oldest dirty page.
    inode* host = p->mapping->host;
    if (!host->dirtied_when) host->dirtied_when = ktime_get_ns() | 1;
}

void page_cache_readahead(address_space* mapping, unsigned long index)
{
    // The missing pages from index on, up to RA_PAGES and the end of file. Pages the allocator
    // hands out one after another are often adjacent in memory; the file system then reads a
    // run of them with one request.
    const u64 size = mapping_size(mapping);
    page* pages[RA_PAGES];
    unsigned nr = 0;
    for (unsigned long i = index; i < index + RA_PAGES && (u64(i) << PAGE_SHIFT) < size; ++i) {
        if (xa_load(&mapping->i_pages, i)) break;
        int err;
        page* p = add_new_page(mapping, i, &err);
        if (!p) break;
        pages[nr++] = p;
    }
    if (!nr) return;
    const bool ok = mapping->a_ops->readahead && mapping->a_ops->readahead(mapping, pages, nr) == 0;
    for (unsigned k = 0; k < nr; ++k) {
        put_cache_page(pages[k]);
        if (ok) set_page_flag(pages[k], PG_uptodate);
        else delete_from_page_cache(mapping, pages[k]);
    }
}

long generic_file_read(address_space* mapping, void* buf, size_t len, u64 pos)
{
    const u64 size = mapping_size(mapping);
    if (pos >= size) return 0;
    if (len > size - pos) len = size_t(size - pos);
    size_t done = 0;
    while (done < len) {
        const u64 at = pos + done;
        const unsigned off = unsigned(at & (PAGE_SIZE - 1));
        const size_t n = len - done < PAGE_SIZE - off ? len - done : PAGE_SIZE - off;
        int err;
        if (!xa_load(&mapping->i_pages, at >> PAGE_SHIFT)) page_cache_readahead(mapping, at >> PAGE_SHIFT);
        page* p = read_mapping_page(mapping, at >> PAGE_SHIFT, &err);
        if (!p) return done ? long(done) : err;
        __builtin_memcpy(static_cast<char*>(buf) + done, static_cast<char*>(page_address(p)) + off, n);
        // As filemap_read: a read that starts inside a page is taken to continue the previous
        // one, which already counted that page's use.
        if (done || off == 0) mark_page_accessed(p);
        put_cache_page(p);
        done += n;
    }
    return long(done);
}

long generic_perform_write(address_space* mapping, const void* buf, size_t len, u64 pos)
{
    size_t done = 0;
    int err = 0;
    while (done < len) {
        const u64 at = pos + done;
        const unsigned off = unsigned(at & (PAGE_SIZE - 1));
        const size_t n = len - done < PAGE_SIZE - off ? len - done : PAGE_SIZE - off;
        // The page first (read while its new blocks are still holes), then the blocks.
        page* p = grab_page_for_write(mapping, at >> PAGE_SHIFT, n, &err);
        if (!p) break;
        if ((err = mapping->a_ops->write_begin(mapping, at, unsigned(n)))) {
            put_cache_page(p);
            break;
        }
        __builtin_memcpy(static_cast<char*>(page_address(p)) + off, static_cast<const char*>(buf) + done, n);
        set_page_dirty(p);
        mark_page_accessed(p);  // grab_cache_page_write_begin's FGP_ACCESSED
        put_cache_page(p);
        done += n;
    }
    return done ? long(done) : err;
}

int zero_page_tail(address_space* mapping, u64 from)
{
    const unsigned off = unsigned(from & (PAGE_SIZE - 1));
    if (off == 0 || from >= mapping_size(mapping)) return 0;
    int err;
    page* p = read_mapping_page(mapping, from >> PAGE_SHIFT, &err);
    if (!p) return err;
    __builtin_memset(static_cast<char*>(page_address(p)) + off, 0, PAGE_SIZE - off);
    set_page_dirty(p);
    put_cache_page(p);
    return 0;
}

int filemap_write_and_wait(address_space* mapping)
{
    writeback_control wbc{__LONG_MAX__, 0};
    return write_cache_pages(mapping, &wbc);
}

unsigned long invalidate_mapping_pages(address_space* mapping)
{
    unsigned long dropped = 0, index = 0;
    while (page* p = static_cast<page*>(xa_find(&mapping->i_pages, &index, ~0ul))) {
        if (!test_page_flag(p, PG_dirty) && page_ref_count(p) == 1) {
            delete_from_page_cache(mapping, p);
            ++dropped;
        }
        ++index;
    }
    if (xa_empty(&mapping->i_pages)) xa_destroy(&mapping->i_pages);
    return dropped;
}

void truncate_inode_pages(address_space* mapping, u64 lstart)
{
    const unsigned long start = (lstart + PAGE_SIZE - 1) >> PAGE_SHIFT;
    unsigned long index = start;
    while (page* p = static_cast<page*>(xa_find(&mapping->i_pages, &index, ~0ul))) {
        delete_from_page_cache(mapping, p);
        ++index;
    }
    if (xa_empty(&mapping->i_pages)) xa_destroy(&mapping->i_pages);
    // The shadows of what no longer exists go too.
    for (index = start; xa_find(&mapping->shadows, &index, ~0ul); ++index) xa_erase(&mapping->shadows, index);
    if (xa_empty(&mapping->shadows)) xa_destroy(&mapping->shadows);
}
