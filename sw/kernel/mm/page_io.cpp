// Swap I/O (Linux mm/page_io.c, synchronous as with SWP_SYNCHRONOUS_IO): slot offset N is the
// device's page N, sectors 8N to 8N + 7, the header being page 0.
#include "block/blkdev.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/trace_event.h"
#include "mm/memory_model.h"
#include "mm/page.h"
#include "mm/swap_state.h"
#include "mm/vm_event.h"

int swap_writepage(page* p)
{
    BUG_ON(!PageSwapCache(p));
    const swp_entry_t entry{p->swap};
    swap_info_struct* si = swp_swap_info(entry);
    set_page_flag(p, PG_writeback);
    const int r = blkdev_write(si->bdev, swap_entry_sector(entry), page_address(p), PAGE_SIZE >> SECTOR_SHIFT);
    clear_page_flag(p, PG_writeback);
    if (r == 0) {
        count_vm_event(&memvp_vmstat::pswpout);
        trace_event(MEMVP_EV_SWAP_OUT, swp_type(entry), swp_offset(entry), page_to_pfn(p));
    }
    return r;
}

int swap_readpage(page* p)
{
    BUG_ON(!PageSwapCache(p));
    const swp_entry_t entry{p->swap};
    swap_info_struct* si = swp_swap_info(entry);
    const int r = blkdev_read(si->bdev, swap_entry_sector(entry), page_address(p), PAGE_SIZE >> SECTOR_SHIFT);
    if (r == 0) {
        count_vm_event(&memvp_vmstat::pswpin);
        trace_event(MEMVP_EV_SWAP_IN, swp_type(entry), swp_offset(entry), page_to_pfn(p));
    }
    return r;
}
