// Page allocator statistics (Linux mm/vmstat.c): /proc/buddyinfo and the free and total
// page counts that free, top and /proc/meminfo will report.
#include "mm/buddy.h"

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
