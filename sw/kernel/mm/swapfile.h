// Swap devices (Linux mm/swapfile.c, include/linux/swap.h): a disk formatted by mkswap is
// enabled (swapon), its header read (the SWAPSPACE2 page: version, last_page, nr_badpages,
// badpages), and its slots handed out in clusters and counted in swap_map: each byte is the
// number of swap entries (in PTEs) naming the slot, with SWAP_HAS_CACHE while a page for it is
// in the swap cache (mm/swap_state.cpp). A slot is free when its byte is 0.
#pragma once

#include "kernel/spinlock.h"
#include "kernel/types.h"
#include "mm/swapops.h"
#include "mm/xarray.h"

struct block_device;
struct page;

// swap_map values (Linux include/linux/swap.h).
inline constexpr u8 SWAP_HAS_CACHE = 0x40;  // a page for the slot is in the swap cache
inline constexpr u8 SWAP_MAP_BAD = 0x3f;    // the header or a bad page: never allocated
inline constexpr u8 SWAP_MAP_MAX = 0x3e;    // the most entries a slot counts (no continuation pages)
// Slots per cluster (Linux SWAPFILE_CLUSTER): allocation fills one free cluster before taking
// the next, so pages reclaimed together sit together on the disk.
inline constexpr unsigned SWAPFILE_CLUSTER = 256;

// The header mkswap writes in page 0 (Linux union swap_header, util-linux swapheader.h): boot
// bits, then the info block at byte 1024, the magic in the page's last 10 bytes.
inline constexpr unsigned SWAP_HEADER_INFO_OFFSET = 1024;
inline constexpr unsigned SWAP_HEADER_BADPAGES_OFFSET = SWAP_HEADER_INFO_OFFSET + 12 + 16 + 16 + 117 * 4;  // 1536
// Linux MAX_SWAP_BADPAGES: the badpages array fills the page up to the magic.
inline constexpr unsigned MAX_SWAP_BADPAGES = (PAGE_SIZE - SWAP_HEADER_BADPAGES_OFFSET - 10) / 4;

struct swap_header_info {
    u32 version;
    u32 last_page;
    u32 nr_badpages;
    unsigned long maxpages;  // slots the area has: last_page + 1, within the device
};

// Linux read_swap_header: checks the signature and the info block of the header page hdr of a
// device of dev_pages pages. The slots the area has (> 1), or 0 with *why set to the kernel log
// line that names the problem.
unsigned long read_swap_header(const void* hdr, unsigned long dev_pages, swap_header_info* info, const char** why);

struct swap_cluster_info {
    u16 count;        // slots in use, bad ones and those past the area's end included
    bool free;        // on the free cluster list
    u32 next;         // the next cluster on that list
};

struct swap_info_struct {
    unsigned type;                // its index in swap_info: swap entries' type
    block_device* bdev;
    unsigned long max;            // slots, header included (Linux si->max)
    unsigned long pages;          // usable slots: max less the header and bad pages
    unsigned long inuse_pages;    // slots with a non-zero swap_map byte, bad ones left out
    u8* swap_map;
    swap_cluster_info* cluster_info;
    unsigned long nr_clusters;
    u32 free_head, free_tail;     // the free cluster list (FIFO), NO_CLUSTER when empty
    u32 cur_cluster;              // the cluster slots come from (Linux percpu_cluster), or NO_CLUSTER
    unsigned long cluster_next;   // the next slot to try in it
    unsigned long scan_next;      // where the scan for a slot outside clusters resumes
    spinlock_t lock;              // swap_map and the clusters
    xarray swap_cache;            // pages by slot offset (mm/swap_state.cpp)
    xarray shadows;               // workingset shadows of pages reclaimed from the cache, by offset
};

inline constexpr u32 NO_CLUSTER = ~0u;

inline swap_info_struct* swap_info[MAX_SWAPFILES];
inline unsigned nr_swapfiles;

// Enables bdev as a swap device (Linux sys_swapon for a block device): reads and checks its
// header, sets up swap_map and the clusters, and prints Linux's "Adding Nk swap on /dev/NAME."
// line; the device's type, or -errno (the log names the problem).
int swapon_bdev(block_device* bdev);
// Enables a swap area of maxpages slots described by info (header page already checked) on bdev
// (nullptr: no I/O, for tests): its type, or -errno.
int swapon_area(block_device* bdev, const void* hdr, const swap_header_info& info);
// Disables the swap device of that type when no slot is in use (Linux swapoff would first bring
// every page back in; this kernel refuses): 0 or -EBUSY / -EINVAL.
int swapoff_type(unsigned type);

// Linux get_swap_pages for one order-0 page: a free slot, its swap_map set to SWAP_HAS_CACHE
// (the caller adds the page to the swap cache); {0} when every device is full.
swp_entry_t get_swap_page();
// One more swap entry names the slot (fork copying a swap PTE, reclaim unmapping one more
// mapping): 0, -EINVAL for a free slot, -ENOMEM at SWAP_MAP_MAX (Linux would add a continuation).
int swap_duplicate(swp_entry_t entry);
// Claims the slot's SWAP_HAS_CACHE before a page is read into the swap cache (Linux
// swapcache_prepare): 0, -EEXIST when another page already has it, -ENOENT when the slot is free.
int swapcache_prepare(swp_entry_t entry);
// One swap entry naming the slot is gone (Linux swap_free); the slot is freed with its last user.
void swap_free(swp_entry_t entry);
// The swap cache gave up the slot (Linux put_swap_folio): SWAP_HAS_CACHE cleared.
void swapcache_clear(swp_entry_t entry);
// The number of swap entries naming the slot, the cache bit left out (Linux __swap_count).
unsigned swap_count(swp_entry_t entry);
// Whether the slot has SWAP_HAS_CACHE.
bool swap_has_cache(swp_entry_t entry);
// The device of an entry, or nullptr when the type names none.
swap_info_struct* swp_swap_info(swp_entry_t entry);

// Enables the disk path names ("/dev/NAME", Linux sys_swapon): 0, -ENOENT for no such disk,
// -EBUSY for the root disk or one already swap, -EINVAL for a bad header (logged).
long swapon_path(const char* path);
// At boot, in pid 1 after the root file system is mounted: the swap= bootarg's disk, if any.
void swapon_boot();

// SwapTotal and SwapFree in pages (Linux total_swap_pages, nr_swap_pages).
unsigned long total_swap_pages();
unsigned long nr_swap_pages();
