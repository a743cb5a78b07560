// The buffer cache (Linux <linux/buffer_head.h>): one struct buffer_head per (block device,
// block number, block size) holding that block's bytes, for a file system's metadata. Buffers
// are found through a hash, kept while referenced, and once unused sit on an LRU from which
// clean ones are evicted when the cache is full; dirty ones stay until written back.
#pragma once

#include "block/blkdev.h"
#include "kernel/list.h"
#include "kernel/mutex.h"
#include "kernel/types.h"

// b_state bits (Linux enum bh_state_bits).
enum bh_state_bits : unsigned { BH_Uptodate, BH_Dirty, BH_Req };

struct buffer_head {
    block_device* b_bdev;
    u64 b_blocknr;           // in units of b_size
    u32 b_size;              // 512 .. PAGE_SIZE, a power of two
    int b_count;             // references: get_bh / brelse (under buffer_lock)
    unsigned long b_state;   // bh_state_bits (atomic bit operations)
    char* b_data;            // b_size bytes, physically contiguous (a bio buffer)
    list_head b_hash;        // chain of its hash bucket
    list_head b_lru;         // on the LRU while b_count == 0
    list_head b_dirty;       // on the dirty list while BH_Dirty is set
    mutex b_lock;            // lock_buffer: held across I/O and while its bytes change
};

inline bool buffer_uptodate(const buffer_head* bh) { return __atomic_load_n(&bh->b_state, __ATOMIC_ACQUIRE) & (1ul << BH_Uptodate); }
inline bool buffer_dirty(const buffer_head* bh) { return __atomic_load_n(&bh->b_state, __ATOMIC_ACQUIRE) & (1ul << BH_Dirty); }
inline void set_buffer_uptodate(buffer_head* bh) { __atomic_fetch_or(&bh->b_state, 1ul << BH_Uptodate, __ATOMIC_RELEASE); }
inline void lock_buffer(buffer_head* bh) { mutex_lock(&bh->b_lock); }
inline void unlock_buffer(buffer_head* bh) { mutex_unlock(&bh->b_lock); }

// The buffer of that block, referenced, created (not read: !buffer_uptodate) if not cached;
// nullptr when no memory is left. size must be the device's block size as the caller uses it.
buffer_head* __getblk(block_device* bdev, u64 block, unsigned size);
// As __getblk, then read from the disk unless up to date; nullptr on an I/O error (reported
// once on the console, naming the device and block) or without memory.
buffer_head* __bread(block_device* bdev, u64 block, unsigned size);
// One more reference.
void get_bh(buffer_head* bh);
// Drops a reference; an unused buffer goes to the LRU head (most recently used). nullptr is ignored.
void brelse(buffer_head* bh);
// The caller changed b_data: the buffer will be written back by sync_blockdev or eviction.
void mark_buffer_dirty(buffer_head* bh);
// Writes the buffer now if dirty and waits; 0 or -EIO.
int sync_dirty_buffer(buffer_head* bh);
// Writes every dirty buffer of bdev, adjacent blocks merged into one request (up to
// BH_MAX_MERGE_BYTES each), and waits; 0 or the first error. Does not flush the device cache.
int sync_blockdev(block_device* bdev);
// Forgets bdev's unused buffers (after sync_blockdev, at unmount); dirty ones are kept.
void invalidate_bdev(block_device* bdev);
// Forgets the cached buffer of that block, dirty or not (Linux clean_bdev_aliases, bforget):
// the block was freed, or now holds file data written through the page cache.
void clean_bdev_aliases(block_device* bdev, u64 block, unsigned size);
// Evicts up to nr unused clean buffers, least recently used first; how many were freed.
unsigned long shrink_buffers(unsigned long nr);

// The largest merged write-back request.
inline constexpr unsigned BH_MAX_MERGE_BYTES = 64 * 1024;
// Above this many bytes of cached blocks, __getblk first evicts unused clean buffers.
inline unsigned long buffer_cache_max_bytes = 4ul << 20;
