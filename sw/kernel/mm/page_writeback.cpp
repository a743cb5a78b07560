// Dirty limits and the write-back of one file's pages (Linux mm/page-writeback.c:
// global_dirtyable_memory, domain_dirty_limits, write_cache_pages): a dirty page is cleaned
// before its I/O starts and held under PG_writeback, counted as Writeback, until the I/O ended.
#include "mm/writeback.h"

#include "fs/fs.h"
#include "mm/buddy.h"
#include "mm/memory_model.h"
#include "mm/rmap.h"
#include "mm/vm_event.h"

namespace {

void set_page_writeback(page* p)
{
    set_page_flag(p, PG_writeback);
    count_vm_event(&memvp_vmstat::nr_writeback);
}

void end_page_writeback(page* p)
{
    clear_page_flag(p, PG_writeback);
    dec_vm_events(&memvp_vmstat::nr_writeback, 1);
}

}  // namespace

unsigned long global_dirtyable_memory()
{
    return page_allocator->nr_free_pages() + read_vm_event(&memvp_vmstat::nr_file_pages);
}

void global_dirty_limits(unsigned long dirtyable, unsigned long* background, unsigned long* thresh)
{
    *thresh = dirtyable * vm_dirty_ratio / 100;
    *background = dirtyable * dirty_background_ratio / 100;
    // As domain_dirty_limits: the background limit stays below the hard one.
    if (*background >= *thresh) *background = *thresh / 2;
}

int write_one_page(address_space* mapping, page* p, bool* cleaned)
{
    // clear_page_dirty_for_io: a write while the I/O runs would dirty it again; a shared
    // mapping's store faults again once page_mkclean write-protected it.
    *cleaned = page_mkclean(p);
    clear_page_flag(p, PG_dirty);
    dec_vm_events(&memvp_vmstat::nr_dirty, 1);
    set_page_writeback(p);
    const int e = mapping->a_ops->writepage(mapping, p);
    end_page_writeback(p);
    if (e || !*cleaned) set_page_dirty(p);  // not lost: tried again by the next write-back
    return e;
}

int write_cache_pages(address_space* mapping, writeback_control* wbc)
{
    int err = 0;
    bool left = false;  // dirty pages not written by this pass
    unsigned long index = 0;
    while (page* p = static_cast<page*>(xa_find(&mapping->i_pages, &index, ~0ul))) {
        if (test_page_flag(p, PG_dirty)) {
            if (wbc->nr_to_write <= 0) {
                left = true;
                break;
            }
            bool cleaned;
            const int e = write_one_page(mapping, p, &cleaned);
            if (e || !cleaned) {
                left = true;
                if (!err) err = e;
            }
            // A page still writable somewhere is written but not counted, so that the loops
            // that write until nothing is written end.
            if (cleaned) --wbc->nr_to_write;
        }
        ++index;
    }
    if (!left) mapping->host->dirtied_when = 0;
    return err;
}
