// swapon of a disk formatted by mkswap (sw/kernel/mm/swapon.cpp) and swap I/O (mm/page_io.cpp)
// over an image file: the header read from the disk, Linux's log lines, and a page written to
// its slot and read back.
#include <cstring>

#include "kernel/errno.h"
#include "mm/swap_state.h"
#include "fs_test_support.h"

namespace {

class SwaponTest : public FsTest {
protected:
    ~SwaponTest() override
    {
        for (unsigned t = 0; t < MAX_SWAPFILES; ++t)
            if (swap_info[t]) {
                EXPECT_EQ(swapoff_type(t), 0);
            }
    }
};

}  // namespace

TEST_F(SwaponTest, MkswapImageIsEnabledWithItsSize)
{
    ScratchImage img(std::string(SWAP_IMAGE));  // mkswap on 4 MiB: 1024 pages, the header one
    HostBlockDevice dev(img.path(), false, "vdb");
    ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
    const std::string log = host_printk_take();
    EXPECT_EQ(log.rfind("Adding 4092k swap on /dev/vdb.  Priority:", 0), 0u) << log;
    EXPECT_NE(log.find(" extents:1 across:4092k\n"), std::string::npos) << log;
    EXPECT_EQ(total_swap_pages(), 1023u);
    EXPECT_EQ(nr_swap_pages(), 1023u);
}

TEST_F(SwaponTest, BadSignatureIsRejectedWithALogLine)
{
    ScratchImage img(std::vector<char>(1 << 20, 0));
    HostBlockDevice dev(img.path(), false, "vdb");
    EXPECT_EQ(swapon_bdev(dev.bdev()), -EINVAL);
    EXPECT_EQ(host_printk_take(), "Unable to find swap-space signature (/dev/vdb)\nswapon: /dev/vdb: error -22\n");
    EXPECT_EQ(total_swap_pages(), 0u);
}

TEST_F(SwaponTest, PageWrittenToItsSlotReadsBack)
{
    ScratchImage img(std::string(SWAP_IMAGE));
    {
        HostBlockDevice dev(img.path(), false, "vdb");
        ASSERT_EQ(swapon_bdev(dev.bdev()), 0);
        page* p = alloc_page(GFP_KERNEL);
        auto* bytes = static_cast<unsigned char*>(page_address(p));
        for (unsigned i = 0; i < PAGE_SIZE; ++i) bytes[i] = static_cast<unsigned char>(i * 7 + 3);
        const swp_entry_t e = get_swap_page();
        swap_cache_lock();
        ASSERT_EQ(add_to_swap_cache(p, e), 0);
        ASSERT_EQ(swap_writepage(p), 0);
        EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpout), 1u);
        EXPECT_FALSE(test_page_flag(p, PG_writeback));
        ASSERT_EQ(swap_duplicate(e), 0);  // the PTE that now names the slot
        delete_from_swap_cache(p);        // reclaim freed the page
        swap_cache_unlock();
        __free_page(p);

        page* q = alloc_page(GFP_KERNEL | __GFP_ZERO);
        ASSERT_EQ(swapcache_prepare(e), 0);  // the fault's swap-in
        swap_cache_lock();
        ASSERT_EQ(add_to_swap_cache(q, e), 0);
        ASSERT_EQ(swap_readpage(q), 0);
        EXPECT_EQ(read_vm_event(&memvp_vmstat::pswpin), 1u);
        EXPECT_TRUE(test_page_flag(q, PG_uptodate));
        const auto* got = static_cast<const unsigned char*>(page_address(q));
        for (unsigned i = 0; i < PAGE_SIZE; ++i) ASSERT_EQ(got[i], static_cast<unsigned char>(i * 7 + 3)) << i;
        delete_from_swap_cache(q);
        swap_cache_unlock();
        __free_page(q);
        swap_free(e);
        EXPECT_EQ(nr_swap_pages(), 1023u);
        EXPECT_EQ(swapoff_type(0), 0);
        const std::vector<char> disk = img.bytes();
        const unsigned long at = swp_offset(e) * PAGE_SIZE;
        EXPECT_EQ(static_cast<unsigned char>(disk[at + 1]), 10u) << "slot N is the device's page N";
    }
}
