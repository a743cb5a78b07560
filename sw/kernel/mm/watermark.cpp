// Zone watermarks (Linux mm/page_alloc.c): min_free_kbytes is split over every zone of every
// node in proportion to its managed pages; low = min·5/4 and high = min·3/2, as Linux before 4.6.
// zone_watermark_ok decides whether an allocation may leave a zone with what remains.
#include "kernel/log2.h"
#include "mm/buddy.h"

// Linux init_per_zone_wmark_min(): lowmem_kbytes counts the zones that GFP_KERNEL may use
// (nr_free_buffer_pages: managed pages above the high watermark).
unsigned long BuddyAllocator::default_min_free_kbytes() const
{
    unsigned long pages = 0;
    for (int n = 0; n < nr_nodes_; ++n)
        for (int zt = 0; zt <= ZONE_NORMAL; ++zt) {
            const zone& z = nodes_[n].node_zones[zt];
            if (z.managed_pages > high_wmark_pages(&z)) pages += z.managed_pages - high_wmark_pages(&z);
        }
    const unsigned long lowmem_kbytes = pages * (PAGE_SIZE >> 10);
    unsigned long kbytes = int_sqrt(lowmem_kbytes * 16);
    if (kbytes < 128) kbytes = 128;
    if (kbytes > 262144) kbytes = 262144;
    return kbytes;
}

// Linux __setup_per_zone_wmarks(), with the low/high spacing of kernels before 4.6 (min/4 and
// min/2 above min), instead of the later watermark_scale_factor term.
void BuddyAllocator::setup_per_zone_wmarks(unsigned long min_free_kbytes)
{
    min_free_kbytes_ = min_free_kbytes;
    const unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
    unsigned long lowmem_pages = 0;
    for (int n = 0; n < nr_nodes_; ++n)
        for (const zone& z : nodes_[n].node_zones) lowmem_pages += z.managed_pages;

    for (int n = 0; n < nr_nodes_; ++n)
        for (zone& z : nodes_[n].node_zones) {
            spin_guard guard(&z.lock);
            const unsigned long min = lowmem_pages ? u64(pages_min) * z.managed_pages / lowmem_pages : 0;
            z._watermark[WMARK_MIN] = min;
            z._watermark[WMARK_LOW] = min + min / 4;
            z._watermark[WMARK_HIGH] = min + min / 2;
        }
}

// Linux __zone_watermark_ok() as kernels up to 4.3 wrote it: after taking 2^order pages the
// zone must keep more than the mark free, and at each order below the request the pages in
// smaller blocks are discounted while the mark halves, so only blocks of the needed order and
// above count towards it.
bool BuddyAllocator::zone_watermark_ok(const zone* z, unsigned order, unsigned long mark, unsigned alloc_flags,
                                       alloc_failure* why)
{
    long free_pages = long(z->nr_free_pages) - ((1L << order) - 1);
    long min = long(mark);
    if (alloc_flags & ALLOC_HIGH) min -= min / 2;
    if (alloc_flags & ALLOC_HARDER) min -= min / 4;
    if (free_pages <= min) {
        if (why) *why = alloc_failure::watermark;
        return false;
    }
    for (unsigned o = 0; o < order; ++o) {
        free_pages -= long(z->free_area[o].nr_free << o);
        min >>= 1;
        if (free_pages <= min) {
            if (why) *why = alloc_failure::fragmentation;
            return false;
        }
    }
    return true;
}

const char* alloc_failure_name(alloc_failure f)
{
    switch (f) {
    case alloc_failure::none: return "none";
    case alloc_failure::bad_order: return "order too large";
    case alloc_failure::no_zone: return "no usable zone";
    case alloc_failure::watermark: return "below watermark";
    case alloc_failure::fragmentation: return "no free block of that order";
    }
    return "?";
}
