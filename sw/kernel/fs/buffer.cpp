// The buffer cache (Linux fs/buffer.c): lookup in a hash of (device, block, size), an LRU of
// unused buffers, reads through the block layer, and write-back that sorts a device's dirty
// buffers and sends each run of adjacent blocks as one request (the block layer's request
// merging, done here because a bio carries one contiguous buffer: a run is gathered into one).
#include "fs/buffer_head.h"

#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/slab.h"
#include "mm/vm_event.h"

namespace {

constexpr unsigned BH_HASH_BITS = 8;

// buffer_lock guards the hash, the LRU, the dirty list and every b_count.
spinlock_t buffer_lock;
list_head bh_hash[1u << BH_HASH_BITS];
list_head bh_lru = {&bh_lru, &bh_lru};     // head: most recently released
list_head bh_dirty = {&bh_dirty, &bh_dirty};
bool bh_hash_ready;

list_head* hash_bucket(const block_device* bdev, u64 block)
{
    if (!bh_hash_ready) {
        for (list_head& h : bh_hash) INIT_LIST_HEAD(&h);
        bh_hash_ready = true;
    }
    const u64 key = (reinterpret_cast<uintptr_t>(bdev) >> 4) ^ (block * 0x9E3779B97F4A7C15ull);
    return &bh_hash[key >> (64 - BH_HASH_BITS)];
}

buffer_head* lookup_locked(block_device* bdev, u64 block, unsigned size)
{
    list_for_each_entry(bh, hash_bucket(bdev, block), buffer_head, b_hash)
        if (bh->b_bdev == bdev && bh->b_blocknr == block && bh->b_size == size) return bh;
    return nullptr;
}

void free_buffer_locked(buffer_head* bh)
{
    list_del(&bh->b_hash);
    list_del(&bh->b_lru);
    dec_vm_events(&memvp_vmstat::nr_buffer_heads, 1);
    dec_vm_events(&memvp_vmstat::buffer_bytes, bh->b_size);
}

// Takes unused clean buffers off the LRU tail (oldest first) until nr are gone or none is
// left; the caller frees what comes back on `out`.
unsigned long evict_locked(unsigned long nr, list_head* out)
{
    unsigned long freed = 0;
    for (list_head* pos = bh_lru.prev; pos != &bh_lru && freed < nr;) {
        buffer_head* bh = list_entry(pos, buffer_head, b_lru);
        pos = pos->prev;
        if (buffer_dirty(bh)) continue;
        free_buffer_locked(bh);
        list_add(&bh->b_lru, out);
        ++freed;
    }
    return freed;
}

void free_evicted(list_head* evicted)
{
    list_for_each_entry_safe(bh, evicted, buffer_head, b_lru) {
        kfree(bh->b_data);
        kfree(bh);
    }
}

buffer_head* alloc_buffer_head(block_device* bdev, u64 block, unsigned size)
{
    auto* bh = static_cast<buffer_head*>(kzalloc(sizeof(buffer_head), GFP_KERNEL));
    if (!bh) return nullptr;
    bh->b_data = static_cast<char*>(kmalloc(size, GFP_KERNEL));
    if (!bh->b_data) {
        kfree(bh);
        return nullptr;
    }
    bh->b_bdev = bdev;
    bh->b_blocknr = block;
    bh->b_size = size;
    bh->b_count = 1;
    INIT_LIST_HEAD(&bh->b_lru);
    INIT_LIST_HEAD(&bh->b_dirty);
    mutex_init(&bh->b_lock);
    return bh;
}

u64 block_to_sector(const buffer_head* bh) { return bh->b_blocknr * (bh->b_size >> SECTOR_SHIFT); }

void buffer_io_error(const buffer_head* bh, const char* op, int err)
{
    printk("%s: buffer I/O error %s block %lu (size %u): %d\n", bh->b_bdev->name, op,
           (unsigned long)bh->b_blocknr, bh->b_size, err);
}

// Clears BH_Dirty and unlinks bh from the dirty list; whether it was dirty.
bool test_clear_dirty(buffer_head* bh)
{
    spin_guard g(&buffer_lock);
    if (!buffer_dirty(bh)) return false;
    __atomic_fetch_and(&bh->b_state, ~(1ul << BH_Dirty), __ATOMIC_RELEASE);
    list_del_init(&bh->b_dirty);
    return true;
}

// Writes the run bhs[0..n) (adjacent blocks, each referenced and locked, dirty bit cleared)
// as one request; a failed run is marked dirty again so it is not lost.
int write_run(buffer_head** bhs, unsigned n)
{
    buffer_head* first = bhs[0];
    const unsigned size = first->b_size;
    char* buf = first->b_data;
    if (n > 1) {
        buf = static_cast<char*>(kmalloc(size_t(n) * size, GFP_KERNEL));
        if (!buf) {
            int err = 0;
            for (unsigned i = 0; i < n; ++i) {
                const int e = write_run(&bhs[i], 1);
                if (!err) err = e;
            }
            return err;
        }
        for (unsigned i = 0; i < n; ++i) __builtin_memcpy(buf + size_t(i) * size, bhs[i]->b_data, size);
    }
    const int err = blkdev_write(first->b_bdev, block_to_sector(first), buf, n * (size >> SECTOR_SHIFT));
    if (n > 1) kfree(buf);
    if (err) {
        buffer_io_error(first, "writing", err);
        for (unsigned i = 0; i < n; ++i) mark_buffer_dirty(bhs[i]);
    }
    return err;
}

// Sorts by block number (insertion sort: write-back batches are small and mostly in order).
void sort_by_block(buffer_head** bhs, unsigned n)
{
    for (unsigned i = 1; i < n; ++i) {
        buffer_head* x = bhs[i];
        unsigned j = i;
        for (; j > 0 && bhs[j - 1]->b_blocknr > x->b_blocknr; --j) bhs[j] = bhs[j - 1];
        bhs[j] = x;
    }
}

// Takes up to max of bdev's dirty buffers, referenced, into bhs; how many.
unsigned grab_dirty(block_device* bdev, buffer_head** bhs, unsigned max)
{
    spin_guard g(&buffer_lock);
    unsigned n = 0;
    list_for_each_entry(bh, &bh_dirty, buffer_head, b_dirty) {
        if (n == max) break;
        if (bh->b_bdev != bdev) continue;
        if (bh->b_count++ == 0) list_del_init(&bh->b_lru);
        bhs[n++] = bh;
    }
    return n;
}

}  // namespace

buffer_head* __getblk(block_device* bdev, u64 block, unsigned size)
{
    list_head evicted;
    INIT_LIST_HEAD(&evicted);
    buffer_head* bh;
    {
        spin_guard g(&buffer_lock);
        bh = lookup_locked(bdev, block, size);
        if (bh) {
            if (bh->b_count++ == 0) list_del_init(&bh->b_lru);
            return bh;
        }
        if (read_vm_event(&memvp_vmstat::buffer_bytes) + size > buffer_cache_max_bytes)
            evict_locked((read_vm_event(&memvp_vmstat::buffer_bytes) + size - buffer_cache_max_bytes + size - 1) / size,
                         &evicted);
    }
    free_evicted(&evicted);
    buffer_head* fresh = alloc_buffer_head(bdev, block, size);
    if (!fresh) return nullptr;
    spin_guard g(&buffer_lock);
    bh = lookup_locked(bdev, block, size);  // another task may have added it meanwhile
    if (bh) {
        if (bh->b_count++ == 0) list_del_init(&bh->b_lru);
        kfree(fresh->b_data);
        kfree(fresh);
        return bh;
    }
    list_add(&fresh->b_hash, hash_bucket(bdev, block));
    count_vm_event(&memvp_vmstat::nr_buffer_heads);
    count_vm_events(&memvp_vmstat::buffer_bytes, size);
    return fresh;
}

buffer_head* __bread(block_device* bdev, u64 block, unsigned size)
{
    buffer_head* bh = __getblk(bdev, block, size);
    if (!bh || buffer_uptodate(bh)) return bh;
    lock_buffer(bh);
    int err = 0;
    if (!buffer_uptodate(bh)) {
        err = blkdev_read(bdev, block_to_sector(bh), bh->b_data, size >> SECTOR_SHIFT);
        if (err) buffer_io_error(bh, "reading", err);
        else set_buffer_uptodate(bh);
    }
    unlock_buffer(bh);
    if (err) {
        brelse(bh);
        return nullptr;
    }
    return bh;
}

void get_bh(buffer_head* bh)
{
    spin_guard g(&buffer_lock);
    ++bh->b_count;
}

void brelse(buffer_head* bh)
{
    if (!bh) return;
    spin_guard g(&buffer_lock);
    if (bh->b_count <= 0) panic("brelse: %s block %lu has no references", bh->b_bdev->name, (unsigned long)bh->b_blocknr);
    if (--bh->b_count == 0) list_add(&bh->b_lru, &bh_lru);
}

void mark_buffer_dirty(buffer_head* bh)
{
    spin_guard g(&buffer_lock);
    set_buffer_uptodate(bh);
    if (buffer_dirty(bh)) return;
    __atomic_fetch_or(&bh->b_state, 1ul << BH_Dirty, __ATOMIC_RELEASE);
    list_add_tail(&bh->b_dirty, &bh_dirty);
}

int sync_dirty_buffer(buffer_head* bh)
{
    lock_buffer(bh);
    int err = 0;
    if (test_clear_dirty(bh)) err = write_run(&bh, 1);
    unlock_buffer(bh);
    return err;
}

int sync_blockdev(block_device* bdev)
{
    constexpr unsigned BATCH = 256;
    auto** bhs = static_cast<buffer_head**>(kmalloc(2 * BATCH * sizeof(buffer_head*), GFP_KERNEL));
    if (!bhs) return -ENOMEM;
    buffer_head** todo = bhs + BATCH;  // the batch's buffers still dirty once locked
    int err = 0;
    while (unsigned n = grab_dirty(bdev, bhs, BATCH)) {
        sort_by_block(bhs, n);
        unsigned nr_todo = 0;
        for (unsigned i = 0; i < n; ++i) {
            lock_buffer(bhs[i]);
            if (test_clear_dirty(bhs[i])) todo[nr_todo++] = bhs[i];
        }
        // Runs of adjacent blocks of one size, up to BH_MAX_MERGE_BYTES each.
        for (unsigned start = 0, end; start < nr_todo; start = end) {
            const unsigned size = todo[start]->b_size;
            for (end = start + 1; end < nr_todo && todo[end]->b_size == size &&
                                  todo[end]->b_blocknr == todo[end - 1]->b_blocknr + 1 &&
                                  (end - start + 1) * size <= BH_MAX_MERGE_BYTES;
                 ++end) {
            }
            const int e = write_run(&todo[start], end - start);
            if (!err) err = e;
        }
        for (unsigned i = 0; i < n; ++i) {
            unlock_buffer(bhs[i]);
            brelse(bhs[i]);
        }
        if (err) break;
    }
    kfree(bhs);
    return err;
}

void invalidate_bdev(block_device* bdev)
{
    list_head evicted;
    INIT_LIST_HEAD(&evicted);
    {
        spin_guard g(&buffer_lock);
        for (list_head* pos = bh_lru.prev; pos != &bh_lru;) {
            buffer_head* bh = list_entry(pos, buffer_head, b_lru);
            pos = pos->prev;
            if (bh->b_bdev != bdev || buffer_dirty(bh)) continue;
            free_buffer_locked(bh);
            list_add(&bh->b_lru, &evicted);
        }
    }
    free_evicted(&evicted);
}

void clean_bdev_aliases(block_device* bdev, u64 block, unsigned size)
{
    buffer_head* gone = nullptr;
    {
        spin_guard g(&buffer_lock);
        buffer_head* bh = lookup_locked(bdev, block, size);
        if (!bh) return;
        if (buffer_dirty(bh)) {
            __atomic_fetch_and(&bh->b_state, ~(1ul << BH_Dirty), __ATOMIC_RELEASE);
            list_del_init(&bh->b_dirty);
        }
        if (bh->b_count == 0) {
            free_buffer_locked(bh);
            gone = bh;
        } else {
            __atomic_fetch_and(&bh->b_state, ~(1ul << BH_Uptodate), __ATOMIC_RELEASE);
        }
    }
    if (gone) {
        kfree(gone->b_data);
        kfree(gone);
    }
}

unsigned long shrink_buffers(unsigned long nr)
{
    list_head evicted;
    INIT_LIST_HEAD(&evicted);
    unsigned long freed;
    {
        spin_guard g(&buffer_lock);
        freed = evict_locked(nr, &evicted);
    }
    free_evicted(&evicted);
    return freed;
}
