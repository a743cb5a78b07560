// Host stand-ins for what the arch code provides on the guest to the virtual-memory layer:
// swapper_pg_dir and the TLB flush calls, which here only record what was asked, so tests can
// check that unmapping flushes the right range. Host build only.
#pragma once

#include "mm/tlbflush.h"

struct host_tlb_log {
    unsigned long pages, ranges, mms, kernel_ranges, local_pages;
    unsigned long last_start, last_end;  // of the last flush_tlb_range / flush_tlb_kernel_range
    mm_struct* last_mm;
};

inline host_tlb_log host_tlb_flushes = {};
