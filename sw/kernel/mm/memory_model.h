// Conversions between page frame numbers, struct page, physical and kernel virtual addresses
// (Linux pfn_to_page, page_to_pfn, __va, __pa, page_address, virt_to_page). Each node keeps
// its own mem_map, indexed from node_start_pfn; page-frame memory is reached through a direct
// map at a fixed offset (va_pa_offset), so the host build can stand a buffer in for DRAM.
#pragma once

#include "mm/mmzone.h"

// virt = phys + va_pa_offset (mod 2^64). The guest sets it to PAGE_OFFSET - DRAM base once it
// runs linked high; the host test shim sets it to buffer - simulated DRAM base.
inline uintptr_t va_pa_offset = 0;

// Registered nodes (Linux NODE_DATA(nid)); the buddy allocator fills this at init.
inline pglist_data* node_data[MAX_NUMNODES] = {};

inline void* phys_to_virt(PhysAddr pa) { return reinterpret_cast<void*>(uintptr_t(pa.value) + va_pa_offset); }
inline PhysAddr virt_to_phys(const void* va) { return PhysAddr{u64(reinterpret_cast<uintptr_t>(va) - va_pa_offset)}; }

inline unsigned long phys_to_pfn(PhysAddr pa) { return pa.value >> PAGE_SHIFT; }
inline PhysAddr pfn_to_phys(unsigned long pfn) { return PhysAddr{u64(pfn) << PAGE_SHIFT}; }

inline pglist_data* NODE_DATA(NodeId nid) { return node_data[nid.value]; }

// The node whose span holds pfn, or nullptr for a hole or device memory.
inline pglist_data* pfn_to_pgdat(unsigned long pfn)
{
    for (pglist_data* pgdat : node_data)
        if (pgdat && pfn >= pgdat->node_start_pfn && pfn < pgdat->node_end_pfn()) return pgdat;
    return nullptr;
}

inline bool pfn_valid(unsigned long pfn) { return pfn_to_pgdat(pfn) != nullptr; }

// nullptr when no node holds pfn.
inline page* pfn_to_page(unsigned long pfn)
{
    pglist_data* pgdat = pfn_to_pgdat(pfn);
    return pgdat ? pgdat->node_mem_map + (pfn - pgdat->node_start_pfn) : nullptr;
}

inline unsigned long page_to_pfn(const page* p)
{
    const pglist_data* pgdat = node_data[p->node];
    return pgdat->node_start_pfn + static_cast<unsigned long>(p - pgdat->node_mem_map);
}

inline zone* page_zone(const page* p) { return &node_data[p->node]->node_zones[p->zone_idx]; }

inline PhysAddr page_to_phys(const page* p) { return pfn_to_phys(page_to_pfn(p)); }
inline void* page_address(const page* p) { return phys_to_virt(page_to_phys(p)); }
inline page* virt_to_page(const void* va) { return pfn_to_page(phys_to_pfn(virt_to_phys(va))); }
