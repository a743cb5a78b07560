// /proc/buddyinfo, /proc/slabinfo and /proc/zoneinfo (Linux mm/vmstat.c frag_show and
// zoneinfo_show, mm/slab_common.c slab_show): the first two are the allocators' own text
// (the same memvp_buddyinfo and memvp_slabinfo return); zoneinfo shows each zone's free pages,
// watermarks and sizes in Linux's layout, without the per-CPU page sets this kernel has not.
#include "fs/proc/internal.h"

#include "mm/buddy.h"
#include "mm/memory_model.h"
#include "mm/slab.h"

int buddyinfo_show(seq_buf* m, int)
{
    page_allocator->buddyinfo(m);
    return 0;
}

int slabinfo_show(seq_buf* m, int)
{
    slab_allocator->slabinfo(m);
    return 0;
}

namespace {

void zone_show(seq_buf* m, pglist_data* pgdat, const zone& z, bool first_populated)
{
    seq_buf_printf(m, "Node %d, zone %8s", pgdat->node_id.value, z.name);
    if (first_populated) {
        static const char* const lru_names[NR_LRU_LISTS] = {"nr_inactive_anon", "nr_active_anon",
                                                            "nr_inactive_file", "nr_active_file"};
        seq_buf_printf(m, "\n  per-node stats");
        for (int l = 0; l < NR_LRU_LISTS; ++l)
            seq_buf_printf(m, "\n      %-12s %lu", lru_names[l], pgdat->__lruvec.nr_pages[l]);
    }
    seq_buf_printf(m,
                   "\n  pages free     %lu\n        boost    %lu\n        min      %lu\n        low      %lu"
                   "\n        high     %lu\n        spanned  %lu\n        present  %lu\n        managed  %lu"
                   "\n        cma      %lu",
                   z.nr_free_pages, 0UL, min_wmark_pages(&z), low_wmark_pages(&z), high_wmark_pages(&z),
                   z.spanned_pages, z.present_pages, z.managed_pages, 0UL);
    // lowmem_reserve: none here (every allocation may use every zone down to min).
    seq_buf_printf(m, "\n        protection: (0");
    for (int i = 1; i < MAX_NR_ZONES; ++i) seq_buf_printf(m, ", 0");
    seq_buf_putc(m, ')');
    if (!z.populated()) {
        seq_buf_putc(m, '\n');
        return;
    }
    seq_buf_printf(m, "\n      %-12s %lu", "nr_free_pages", z.nr_free_pages);
    seq_buf_printf(m, "\n  node_unreclaimable:  %u\n  start_pfn:           %lu\n",
                   pgdat->kswapd_failures >= 16 ? 1u : 0u, z.zone_start_pfn);
}

}  // namespace

int zoneinfo_show(seq_buf* m, int)
{
    for (int n = 0; n < page_allocator->nr_nodes(); ++n) {
        pglist_data* pgdat = node_data[n];
        if (!pgdat) continue;
        bool first = true;
        for (const zone& z : pgdat->node_zones) {
            zone_show(m, pgdat, z, first && z.populated());
            if (z.populated()) first = false;
        }
    }
    return 0;
}
