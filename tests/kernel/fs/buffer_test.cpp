// The buffer cache (sw/kernel/fs/buffer.cpp) over an image file: reads and hits, the Buffers
// counters, write-back of adjacent dirty blocks as one request, LRU eviction of clean unused
// buffers only, and I/O errors reported rather than crashing.
#include "fs_test_support.h"

#include <cstring>

namespace {

constexpr unsigned BS = 1024;

// An image whose block b holds the byte (b * 3 + i) & 0xff at offset i.
class BufferTest : public FsTest {
protected:
    BufferTest() : image(pattern()), disk(std::make_unique<HostBlockDevice>(image.path(), false)) {}
    ~BufferTest() override
    {
        forget(disk->bdev());
        buffer_cache_max_bytes = 4ul << 20;
    }
    static std::vector<char> pattern()
    {
        std::vector<char> data(256 * BS);
        for (size_t i = 0; i < data.size(); ++i) data[i] = char((i / BS) * 3 + i % BS);
        return data;
    }
    static bool holds_pattern(const buffer_head* bh)
    {
        for (unsigned i = 0; i < BS; ++i)
            if (bh->b_data[i] != char(bh->b_blocknr * 3 + i)) return false;
        return true;
    }
    ScratchImage image;
    std::unique_ptr<HostBlockDevice> disk;
};

}  // namespace

TEST_F(BufferTest, ReadOnceThenHit)
{
    buffer_head* bh = __bread(disk->bdev(), 7, BS);
    ASSERT_NE(bh, nullptr);
    EXPECT_TRUE(holds_pattern(bh));
    EXPECT_EQ(disk->reads, 1u);
    buffer_head* again = __bread(disk->bdev(), 7, BS);
    EXPECT_EQ(again, bh);
    EXPECT_EQ(disk->reads, 1u);
    EXPECT_EQ(bh->b_count, 2);
    brelse(again);
    brelse(bh);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::nr_buffer_heads), 1u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::buffer_bytes), BS);
    buffer_head* cached = __bread(disk->bdev(), 7, BS);  // from the LRU, no I/O
    EXPECT_EQ(cached, bh);
    EXPECT_EQ(disk->reads, 1u);
    brelse(cached);
}

TEST_F(BufferTest, AdjacentDirtyBlocksAreWrittenAsOneRequest)
{
    for (u64 b : {12u, 10u, 11u, 40u}) {
        buffer_head* bh = __bread(disk->bdev(), b, BS);
        ASSERT_NE(bh, nullptr);
        std::memset(bh->b_data, int('a' + b % 26), BS);
        mark_buffer_dirty(bh);
        brelse(bh);
    }
    EXPECT_EQ(disk->writes, 0u);
    EXPECT_EQ(sync_blockdev(disk->bdev()), 0);
    EXPECT_EQ(disk->writes, 2u);  // 10-12 merged, 40 alone
    EXPECT_EQ(disk->sectors_written, 4u * BS / SECTOR_SIZE);
    const std::vector<char> bytes = image.bytes();
    for (u64 b : {10u, 11u, 12u, 40u}) EXPECT_EQ(bytes[b * BS + 5], char('a' + b % 26)) << b;
    EXPECT_EQ(bytes[13 * BS], char(13 * 3));
    EXPECT_EQ(sync_blockdev(disk->bdev()), 0);
    EXPECT_EQ(disk->writes, 2u);  // nothing left dirty
}

TEST_F(BufferTest, MergedRequestsStopAtTheLimit)
{
    const unsigned n = BH_MAX_MERGE_BYTES / BS + 3;
    for (u64 b = 100; b < 100 + n; ++b) {
        buffer_head* bh = __getblk(disk->bdev(), b, BS);
        std::memset(bh->b_data, 0x5a, BS);
        mark_buffer_dirty(bh);
        brelse(bh);
    }
    EXPECT_EQ(sync_blockdev(disk->bdev()), 0);
    EXPECT_EQ(disk->writes, 2u);
    EXPECT_EQ(disk->last_write_sectors, 3u * BS / SECTOR_SIZE);
    EXPECT_EQ(disk->reads, 0u);
}

TEST_F(BufferTest, EvictsLeastRecentlyUsedCleanBuffers)
{
    buffer_cache_max_bytes = 8 * BS;
    buffer_head* dirty = __bread(disk->bdev(), 0, BS);
    mark_buffer_dirty(dirty);
    brelse(dirty);
    for (u64 b = 1; b <= 20; ++b) brelse(__bread(disk->bdev(), b, BS));
    EXPECT_LE(read_vm_event(&memvp_vmstat::buffer_bytes), 8u * BS);
    const unsigned long reads = disk->reads;
    brelse(__bread(disk->bdev(), 20, BS));  // most recent: still cached
    EXPECT_EQ(disk->reads, reads);
    brelse(__bread(disk->bdev(), 1, BS));  // oldest: evicted
    EXPECT_EQ(disk->reads, reads + 1);
    buffer_head* kept = __getblk(disk->bdev(), 0, BS);  // dirty: never evicted
    EXPECT_TRUE(buffer_dirty(kept));
    brelse(kept);
    EXPECT_EQ(sync_blockdev(disk->bdev()), 0);
}

TEST_F(BufferTest, ReadErrorIsReportedAndReturnsNull)
{
    disk->fail_after = 0;
    EXPECT_EQ(__bread(disk->bdev(), 3, BS), nullptr);
    EXPECT_NE(host_printk_take().find("vda: buffer I/O error reading block 3"), std::string::npos);
    disk->fail_after = -1;
    buffer_head* bh = __bread(disk->bdev(), 3, BS);  // the failed read left nothing stale
    ASSERT_NE(bh, nullptr);
    EXPECT_TRUE(holds_pattern(bh));
    brelse(bh);
}

TEST_F(BufferTest, FailedWriteKeepsTheBufferDirty)
{
    buffer_head* bh = __bread(disk->bdev(), 5, BS);
    mark_buffer_dirty(bh);
    disk->fail_after = 0;
    EXPECT_EQ(sync_dirty_buffer(bh), -EIO);
    EXPECT_TRUE(buffer_dirty(bh));
    EXPECT_NE(host_printk_take().find("vda: buffer I/O error writing block 5"), std::string::npos);
    disk->fail_after = -1;
    EXPECT_EQ(sync_dirty_buffer(bh), 0);
    EXPECT_FALSE(buffer_dirty(bh));
    brelse(bh);
}

TEST_F(BufferTest, ReadPastTheEndFails)
{
    EXPECT_EQ(__bread(disk->bdev(), 256, BS), nullptr);
    EXPECT_NE(host_printk_take().find("attempt to access beyond end of device"), std::string::npos);
}
