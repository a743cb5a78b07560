// Allocation flags (Linux <linux/gfp.h>): which zones may serve a request, whether the caller
// may sleep and reclaim, and modifiers (zeroing, compound pages, node binding, reserves).
#pragma once

#include "mm/mmzone.h"

using gfp_t = unsigned;

inline constexpr gfp_t __GFP_DMA32 = 1u << 0;           // only ZONE_DMA32
inline constexpr gfp_t __GFP_MOVABLE = 1u << 1;         // may use ZONE_MOVABLE
inline constexpr gfp_t __GFP_HIGH = 1u << 2;            // may dip into reserves (ALLOC_HIGH)
inline constexpr gfp_t __GFP_IO = 1u << 3;
inline constexpr gfp_t __GFP_FS = 1u << 4;
inline constexpr gfp_t __GFP_ZERO = 1u << 5;            // return zeroed memory
inline constexpr gfp_t __GFP_DIRECT_RECLAIM = 1u << 6;  // caller may sleep and reclaim itself
inline constexpr gfp_t __GFP_KSWAPD_RECLAIM = 1u << 7;  // wake kswapd when below low
inline constexpr gfp_t __GFP_NOWARN = 1u << 8;
inline constexpr gfp_t __GFP_COMP = 1u << 9;            // set up a compound page
inline constexpr gfp_t __GFP_THISNODE = 1u << 10;       // no fallback to other nodes
inline constexpr gfp_t __GFP_HARDWALL = 1u << 11;
inline constexpr gfp_t __GFP_NORETRY = 1u << 12;        // fail rather than invoke the OOM killer

// Orders above this are costly: the OOM killer is not invoked for them (Linux <linux/mmzone.h>);
// also the largest slab order (Linux slub_max_order).
inline constexpr unsigned PAGE_ALLOC_COSTLY_ORDER = 3;

inline constexpr gfp_t __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;

inline constexpr gfp_t GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM;
inline constexpr gfp_t GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;
inline constexpr gfp_t GFP_NOWAIT = __GFP_KSWAPD_RECLAIM;
inline constexpr gfp_t GFP_NOIO = __GFP_RECLAIM;
// Inside the file system (the VFS lock held): reclaim must not enter the page cache.
inline constexpr gfp_t GFP_NOFS = __GFP_RECLAIM | __GFP_IO;
inline constexpr gfp_t GFP_USER = GFP_KERNEL | __GFP_HARDWALL;
inline constexpr gfp_t GFP_HIGHUSER_MOVABLE = GFP_USER | __GFP_MOVABLE;
inline constexpr gfp_t GFP_DMA32 = __GFP_DMA32;

// Highest zone a request may use; the zonelist walk never goes above it (Linux gfp_zone()).
inline zone_type gfp_zone(gfp_t gfp)
{
    if (gfp & __GFP_DMA32) return ZONE_DMA32;
    if (gfp & __GFP_MOVABLE) return ZONE_MOVABLE;
    return ZONE_NORMAL;
}
