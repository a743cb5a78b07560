// Swap devices and their slots (Linux mm/swapfile.c): the mkswap header, swap_map's use counts,
// and clustered slot allocation (Linux's SWAPFILE_CLUSTER scheme with one allocation cursor:
// a free cluster is taken whole and filled in order before the next; once no cluster is free,
// slots are scanned for anywhere).
#include "mm/swapfile.h"

#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/slab.h"
#include "mm/vm_event.h"

namespace {

u32 load_u32(const void* hdr, unsigned offset)
{
    u32 v;
    __builtin_memcpy(&v, static_cast<const u8*>(hdr) + offset, 4);
    return v;
}

}  // namespace

unsigned long read_swap_header(const void* hdr, unsigned long dev_pages, swap_header_info* info, const char** why)
{
    if (__builtin_memcmp(static_cast<const u8*>(hdr) + PAGE_SIZE - 10, "SWAPSPACE2", 10) != 0) {
        *why = "Unable to find swap-space signature";
        return 0;
    }
    info->version = load_u32(hdr, SWAP_HEADER_INFO_OFFSET);
    info->last_page = load_u32(hdr, SWAP_HEADER_INFO_OFFSET + 4);
    info->nr_badpages = load_u32(hdr, SWAP_HEADER_INFO_OFFSET + 8);
    // A header written on a machine of the other byte order (Linux's swab32 check).
    if (__builtin_bswap32(info->version) == 1) {
        info->version = 1;
        info->last_page = __builtin_bswap32(info->last_page);
        info->nr_badpages = __builtin_bswap32(info->nr_badpages);
    }
    if (info->version != 1) {
        *why = "Unable to handle swap header version";
        return 0;
    }
    if (!info->last_page) {
        *why = "Empty swap-file";
        return 0;
    }
    // Swap offsets fit in SWP_OFFSET_MAX, far above a u32 last_page.
    const unsigned long maxpages = static_cast<unsigned long>(info->last_page) + 1;
    if (maxpages > dev_pages) {
        *why = "Swap area shorter than signature indicates";
        return 0;
    }
    if (info->nr_badpages > MAX_SWAP_BADPAGES) {
        *why = "Too many bad pages in the swap header";
        return 0;
    }
    info->maxpages = maxpages;
    return maxpages;
}

namespace {

// --- clusters (Linux swap_cluster_info, free_clusters) ---

void free_cluster_push(swap_info_struct* si, u32 c)
{
    si->cluster_info[c].free = true;
    si->cluster_info[c].next = NO_CLUSTER;
    if (si->free_tail == NO_CLUSTER) si->free_head = c;
    else si->cluster_info[si->free_tail].next = c;
    si->free_tail = c;
}

u32 free_cluster_pop(swap_info_struct* si)
{
    const u32 c = si->free_head;
    if (c == NO_CLUSTER) return c;
    si->free_head = si->cluster_info[c].next;
    if (si->free_head == NO_CLUSTER) si->free_tail = NO_CLUSTER;
    si->cluster_info[c].free = false;
    return c;
}

void inc_cluster_info(swap_info_struct* si, unsigned long offset)
{
    si->cluster_info[offset / SWAPFILE_CLUSTER].count++;
}

// A cluster whose last slot was freed goes back on the free list, unless it is the one being
// filled (it returns there when the cursor leaves it).
void dec_cluster_info(swap_info_struct* si, unsigned long offset)
{
    const u32 c = u32(offset / SWAPFILE_CLUSTER);
    BUG_ON(si->cluster_info[c].count == 0);
    if (--si->cluster_info[c].count == 0 && c != si->cur_cluster) free_cluster_push(si, c);
}

// Linux scan_swap_map_slots for one slot: from the current cluster, else a free one, else
// anywhere. 0 when the device is full. si->lock held.
unsigned long scan_swap_map_slot(swap_info_struct* si)
{
    for (;;) {
        if (si->cur_cluster != NO_CLUSTER) {
            unsigned long end = (static_cast<unsigned long>(si->cur_cluster) + 1) * SWAPFILE_CLUSTER;
            if (end > si->max) end = si->max;
            for (unsigned long off = si->cluster_next; off < end; ++off)
                if (!si->swap_map[off]) {
                    si->cluster_next = off + 1;
                    return off;
                }
            const u32 done = si->cur_cluster;
            si->cur_cluster = NO_CLUSTER;
            if (si->cluster_info[done].count == 0) free_cluster_push(si, done);
        }
        const u32 c = free_cluster_pop(si);
        if (c == NO_CLUSTER) break;
        si->cur_cluster = c;
        si->cluster_next = static_cast<unsigned long>(c) * SWAPFILE_CLUSTER;
    }
    for (unsigned long i = 0; i < si->max; ++i) {
        const unsigned long off = (si->scan_next + i) % si->max;
        if (!si->swap_map[off]) {
            si->scan_next = off + 1;
            return off;
        }
    }
    return 0;
}

// The slot's last user went (Linux swap_entry_free / swap_range_free). si->lock held.
void swap_slot_free(swap_info_struct* si, unsigned long offset)
{
    dec_cluster_info(si, offset);
    si->inuse_pages--;
    count_vm_event(&memvp_vmstat::nr_swap_free);
}

// The device and slot of entry, checked (Linux _swap_info_get): nullptr for a free or bad slot.
swap_info_struct* swap_info_get(swp_entry_t entry, unsigned long* offset)
{
    swap_info_struct* si = swp_swap_info(entry);
    *offset = swp_offset(entry);
    if (!si || *offset == 0 || *offset >= si->max) return nullptr;
    return si;
}

// Linux setup_swap_map_and_extents: the header and bad pages marked, the slots past the end of
// the last cluster counted as used, every cluster with nothing in it on the free list. The
// usable slots, or 0.
unsigned long setup_swap_map(swap_info_struct* si, const void* hdr, const swap_header_info& info)
{
    unsigned long good = si->max - 1;
    for (u32 i = 0; i < info.nr_badpages; ++i) {
        u32 nr = load_u32(hdr, SWAP_HEADER_BADPAGES_OFFSET + 4 * i);
        if (__builtin_bswap32(load_u32(hdr, SWAP_HEADER_INFO_OFFSET)) == 1) nr = __builtin_bswap32(nr);
        if (nr == 0 || nr > info.last_page) return 0;
        if (nr < si->max && si->swap_map[nr] != SWAP_MAP_BAD) {
            si->swap_map[nr] = SWAP_MAP_BAD;
            inc_cluster_info(si, nr);
            --good;
        }
    }
    for (unsigned long i = si->max; i < si->nr_clusters * SWAPFILE_CLUSTER; ++i) inc_cluster_info(si, i);
    si->swap_map[0] = SWAP_MAP_BAD;
    inc_cluster_info(si, 0);
    for (u32 c = 0; c < si->nr_clusters; ++c)
        if (si->cluster_info[c].count == 0) free_cluster_push(si, c);
    return good;
}

void free_swap_info(swap_info_struct* si)
{
    kfree(si->swap_map);
    kfree(si->cluster_info);
    kfree(si);
}

}  // namespace

int swapon_area(block_device* bdev, const void* hdr, const swap_header_info& info)
{
    unsigned type = 0;
    while (type < MAX_SWAPFILES && swap_info[type]) ++type;
    if (type == MAX_SWAPFILES) return -EPERM;
    auto* si = static_cast<swap_info_struct*>(kzalloc(sizeof(swap_info_struct), GFP_KERNEL));
    if (!si) return -ENOMEM;
    si->type = type;
    si->bdev = bdev;
    si->max = info.maxpages;
    si->nr_clusters = (si->max + SWAPFILE_CLUSTER - 1) / SWAPFILE_CLUSTER;
    si->swap_map = static_cast<u8*>(kzalloc(si->max, GFP_KERNEL));
    si->cluster_info = static_cast<swap_cluster_info*>(kzalloc(si->nr_clusters * sizeof(swap_cluster_info), GFP_KERNEL));
    si->free_head = si->free_tail = si->cur_cluster = NO_CLUSTER;
    si->scan_next = 1;
    spin_lock_init(&si->lock);
    if (!si->swap_map || !si->cluster_info) {
        free_swap_info(si);
        return -ENOMEM;
    }
    si->pages = setup_swap_map(si, hdr, info);
    if (!si->pages) {
        free_swap_info(si);
        return -EINVAL;
    }
    swap_info[type] = si;
    if (type >= nr_swapfiles) nr_swapfiles = type + 1;
    count_vm_events(&memvp_vmstat::nr_swap_total, si->pages);
    count_vm_events(&memvp_vmstat::nr_swap_free, si->pages);
    return int(type);
}

int swapoff_type(unsigned type)
{
    if (type >= MAX_SWAPFILES || !swap_info[type]) return -EINVAL;
    swap_info_struct* si = swap_info[type];
    if (si->inuse_pages || !xa_empty(&si->swap_cache)) return -EBUSY;
    xa_destroy(&si->shadows);  // values, not pointers: nothing else to free
    dec_vm_events(&memvp_vmstat::nr_swap_total, si->pages);
    dec_vm_events(&memvp_vmstat::nr_swap_free, si->pages);
    swap_info[type] = nullptr;
    free_swap_info(si);
    return 0;
}

swp_entry_t get_swap_page()
{
    for (unsigned type = 0; type < nr_swapfiles; ++type) {
        swap_info_struct* si = swap_info[type];
        if (!si) continue;
        spin_lock(&si->lock);
        const unsigned long off = si->inuse_pages < si->pages ? scan_swap_map_slot(si) : 0;
        if (off) {
            si->swap_map[off] = SWAP_HAS_CACHE;
            inc_cluster_info(si, off);
            si->inuse_pages++;
            dec_vm_events(&memvp_vmstat::nr_swap_free, 1);
        }
        spin_unlock(&si->lock);
        if (off) return swp_entry(type, off);
    }
    return {0};
}

int swap_duplicate(swp_entry_t entry)
{
    unsigned long off;
    swap_info_struct* si = swap_info_get(entry, &off);
    if (!si) return -EINVAL;
    spin_lock(&si->lock);
    const u8 map = si->swap_map[off];
    const u8 count = map & ~SWAP_HAS_CACHE;
    int r = 0;
    if (map == 0 || count == SWAP_MAP_BAD) r = -EINVAL;
    else if (count >= SWAP_MAP_MAX) r = -ENOMEM;
    else si->swap_map[off] = u8(map + 1);
    spin_unlock(&si->lock);
    return r;
}

int swapcache_prepare(swp_entry_t entry)
{
    unsigned long off;
    swap_info_struct* si = swap_info_get(entry, &off);
    if (!si) return -EINVAL;
    spin_lock(&si->lock);
    const u8 map = si->swap_map[off];
    int r = 0;
    if (map == 0 || map == SWAP_MAP_BAD) r = -ENOENT;
    else if (map & SWAP_HAS_CACHE) r = -EEXIST;
    else si->swap_map[off] = map | SWAP_HAS_CACHE;
    spin_unlock(&si->lock);
    return r;
}

void swap_free(swp_entry_t entry)
{
    unsigned long off;
    swap_info_struct* si = swap_info_get(entry, &off);
    BUG_ON(!si);
    spin_lock(&si->lock);
    const u8 map = si->swap_map[off];
    BUG_ON((map & ~SWAP_HAS_CACHE) == 0 || map == SWAP_MAP_BAD);
    si->swap_map[off] = u8(map - 1);
    if (si->swap_map[off] == 0) swap_slot_free(si, off);
    spin_unlock(&si->lock);
}

void swapcache_clear(swp_entry_t entry)
{
    unsigned long off;
    swap_info_struct* si = swap_info_get(entry, &off);
    BUG_ON(!si);
    spin_lock(&si->lock);
    BUG_ON(!(si->swap_map[off] & SWAP_HAS_CACHE) || si->swap_map[off] == SWAP_MAP_BAD);
    si->swap_map[off] &= u8(~SWAP_HAS_CACHE);
    if (si->swap_map[off] == 0) swap_slot_free(si, off);
    spin_unlock(&si->lock);
}

unsigned swap_count(swp_entry_t entry)
{
    unsigned long off;
    swap_info_struct* si = swap_info_get(entry, &off);
    if (!si || si->swap_map[off] == SWAP_MAP_BAD) return 0;
    return __atomic_load_n(&si->swap_map[off], __ATOMIC_RELAXED) & ~SWAP_HAS_CACHE;
}

bool swap_has_cache(swp_entry_t entry)
{
    unsigned long off;
    swap_info_struct* si = swap_info_get(entry, &off);
    return si && si->swap_map[off] != SWAP_MAP_BAD && (si->swap_map[off] & SWAP_HAS_CACHE);
}

swap_info_struct* swp_swap_info(swp_entry_t entry)
{
    const unsigned type = swp_type(entry);
    return type < MAX_SWAPFILES ? swap_info[type] : nullptr;
}

unsigned long total_swap_pages() { return read_vm_event(&memvp_vmstat::nr_swap_total); }
unsigned long nr_swap_pages() { return read_vm_event(&memvp_vmstat::nr_swap_free); }
