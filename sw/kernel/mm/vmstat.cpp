// Page allocator statistics (Linux mm/vmstat.c, mm/show_mem.c): /proc/buddyinfo and the free,
// total and available page counts that free, top and /proc/meminfo report.
#include "mm/buddy.h"
#include "mm/swap.h"

// Linux frag_show_print(): "Node %d, zone %8s " then "%6lu " per order, for populated zones.
void BuddyAllocator::buddyinfo(seq_buf* out) const
{
    for (int n = 0; n < nr_nodes_; ++n)
        for (const zone& z : nodes_[n].node_zones) {
            if (!z.populated()) continue;
            seq_buf_printf(out, "Node %d, zone %8s ", n, z.name);
            for (const free_area& area : z.free_area) seq_buf_printf(out, "%6lu ", area.nr_free);
            seq_buf_putc(out, '\n');
        }
}

unsigned long BuddyAllocator::nr_free_pages() const
{
    unsigned long pages = 0;
    for (int n = 0; n < nr_nodes_; ++n)
        for (const zone& z : nodes_[n].node_zones) pages += z.nr_free_pages;
    return pages;
}

unsigned long BuddyAllocator::totalram_pages() const
{
    unsigned long pages = 0;
    for (int n = 0; n < nr_nodes_; ++n)
        for (const zone& z : nodes_[n].node_zones) pages += z.managed_pages;
    return pages;
}

unsigned long BuddyAllocator::si_mem_available() const
{
    // totalreserve_pages (calculate_totalreserve_pages, no lowmem_reserve here): the high
    // watermarks; wmark_low: the low ones.
    unsigned long totalreserve = 0, wmark_low = 0;
    for (int n = 0; n < nr_nodes_; ++n)
        for (const zone& z : nodes_[n].node_zones) {
            totalreserve += high_wmark_pages(&z);
            wmark_low += low_wmark_pages(&z);
        }
    long available = long(nr_free_pages()) - long(totalreserve);
    // Half the page cache, or all of it but the low watermarks, whichever is more, is taken to
    // be reclaimable. Reclaimable slab would count the same way; there is none here.
    unsigned long pagecache = global_lru_pages(LRU_ACTIVE_FILE) + global_lru_pages(LRU_INACTIVE_FILE);
    pagecache -= pagecache / 2 < wmark_low ? pagecache / 2 : wmark_low;
    available += long(pagecache);
    return available < 0 ? 0 : static_cast<unsigned long>(available);
}
