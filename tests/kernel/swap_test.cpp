// Swap (sw/kernel/mm/swapops.h, swapfile.cpp, swap_state.cpp): the swap PTE encoding, the
// mkswap header checks, clustered slot allocation, swap_map's use counts and the swap cache,
// on a swap area without a disk (no I/O).
#include <cstring>
#include <vector>

#include "kernel/errno.h"
#include "mm/swap_state.h"
#include "vm_test_support.h"

namespace {

// A SWAPSPACE2 header page as mkswap writes it (util-linux swapheader.h).
std::vector<unsigned char> swap_header(unsigned last_page, std::vector<unsigned> bad = {}, unsigned version = 1,
                                       bool swapped = false)
{
    std::vector<unsigned char> h(PAGE_SIZE, 0);
    auto put = [&](unsigned off, unsigned v) {
        if (swapped) v = __builtin_bswap32(v);
        std::memcpy(&h[off], &v, 4);
    };
    put(SWAP_HEADER_INFO_OFFSET, version);
    put(SWAP_HEADER_INFO_OFFSET + 4, last_page);
    put(SWAP_HEADER_INFO_OFFSET + 8, unsigned(bad.size()));
    for (unsigned i = 0; i < bad.size(); ++i) put(SWAP_HEADER_BADPAGES_OFFSET + 4 * i, bad[i]);
    std::memcpy(&h[PAGE_SIZE - 10], "SWAPSPACE2", 10);
    return h;
}

class SwapTest : public ::testing::Test {
protected:
    SwapTest() : machine(3, 16 * MiB) {}
    ~SwapTest() override
    {
        for (unsigned t = 0; t < MAX_SWAPFILES; ++t)
            if (swap_info[t]) {
                EXPECT_EQ(swapoff_type(t), 0) << "slots still in use on swap type " << t;
            }
        EXPECT_EQ(total_swap_pages(), 0u);
    }
    // A swap area of last_page + 1 slots; its type.
    int swapon(unsigned last_page, std::vector<unsigned> bad = {})
    {
        const auto h = swap_header(last_page, bad);
        swap_header_info info{};
        const char* why = nullptr;
        EXPECT_EQ(read_swap_header(h.data(), last_page + 1, &info, &why), last_page + 1ul);
        return swapon_area(nullptr, h.data(), info);
    }
    VmMachine machine;
};

}  // namespace

TEST(SwapPte, EncodingRoundTripsAndIsNeverPresentNoneOrProtNone)
{
    for (unsigned type : {0u, 1u, 17u, MAX_SWAPFILES - 1})
        for (unsigned long off : {1ul, 255ul, 256ul, 1ul << 32, SWP_OFFSET_MAX}) {
            const swp_entry_t e = swp_entry(type, off);
            EXPECT_EQ(swp_type(e), type);
            EXPECT_EQ(swp_offset(e), off);
            const pte_t pte = swp_entry_to_pte(e);
            EXPECT_EQ(pte & SWP_PTE_ZERO_MASK, 0u) << "V, R, W, X, U, G, A, D and PROT_NONE clear";
            EXPECT_TRUE(is_swap_pte(pte));
            EXPECT_FALSE(pte_none(pte));
            EXPECT_FALSE(pte_present(pte));
            EXPECT_FALSE(pte_leaf(pte));
            EXPECT_FALSE(pte_table(pte));
            EXPECT_EQ(pte_to_swp_entry(pte), e);
        }
    EXPECT_EQ(swp_entry_to_pte(swp_entry(3, 5)), (3ul << 9) | (5ul << 14));
    EXPECT_FALSE(is_swap_pte(0));
    EXPECT_FALSE(is_swap_pte(mk_leaf(0x80000, 0))) << "a PROT_NONE leaf";
    EXPECT_FALSE(is_swap_pte(mk_leaf(0x80000, _PAGE_R | _PAGE_W | _PAGE_U)));
}

TEST(SwapHeader, ReadsMkswapFieldsAndRejectsBadOnes)
{
    swap_header_info info{};
    const char* why = nullptr;
    EXPECT_EQ(read_swap_header(swap_header(1023).data(), 1024, &info, &why), 1024u);
    EXPECT_EQ(info.version, 1u);
    EXPECT_EQ(info.last_page, 1023u);
    EXPECT_EQ(info.nr_badpages, 0u);
    EXPECT_EQ(read_swap_header(swap_header(1023, {5, 9}, 1, true).data(), 2048, &info, &why), 1024u)
        << "a header of the other byte order";
    EXPECT_EQ(info.nr_badpages, 2u);

    auto rejected = [&](std::vector<unsigned char> h, unsigned long dev_pages) {
        why = nullptr;
        EXPECT_EQ(read_swap_header(h.data(), dev_pages, &info, &why), 0u);
        return std::string(why ? why : "");
    };
    auto bad_magic = swap_header(1023);
    std::memcpy(&bad_magic[PAGE_SIZE - 10], "SWAP-SPACE", 10);
    EXPECT_EQ(rejected(bad_magic, 1024), "Unable to find swap-space signature");
    EXPECT_EQ(rejected(std::vector<unsigned char>(PAGE_SIZE, 0), 1024), "Unable to find swap-space signature");
    EXPECT_EQ(rejected(swap_header(1023, {}, 2), 1024), "Unable to handle swap header version");
    EXPECT_EQ(rejected(swap_header(0), 1024), "Empty swap-file");
    EXPECT_EQ(rejected(swap_header(1023), 1023), "Swap area shorter than signature indicates");
    EXPECT_EQ(rejected(swap_header(4095, std::vector<unsigned>(MAX_SWAP_BADPAGES + 1, 7)), 4096),
              "Too many bad pages in the swap header");
    EXPECT_EQ(MAX_SWAP_BADPAGES, 637u) << "Linux's figure for 4 KiB pages";
}

TEST_F(SwapTest, ClustersAreFilledWholeInOrderThenTheHeaderClusterIsScanned)
{
    ASSERT_EQ(swapon(1023), 0);  // 1024 slots, 4 clusters; cluster 0 holds the header
    EXPECT_EQ(total_swap_pages(), 1023u);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    std::vector<swp_entry_t> got;
    for (unsigned i = 0; i < 1023; ++i) got.push_back(get_swap_page());
    for (unsigned i = 0; i < 768; ++i) ASSERT_EQ(swp_offset(got[i]), 256 + i) << "clusters 1, 2, 3 in order";
    for (unsigned i = 0; i < 255; ++i) ASSERT_EQ(swp_offset(got[768 + i]), 1 + i) << "then the scan";
    EXPECT_EQ(get_swap_page().val, 0u) << "full";
    EXPECT_EQ(nr_swap_pages(), 0u);
    for (swp_entry_t e : got) swapcache_clear(e);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    const swp_entry_t e = get_swap_page();
    EXPECT_EQ(swp_offset(e), 256u) << "the first cluster emptied is the first reused";
    swapcache_clear(e);
}

TEST_F(SwapTest, AFreedClusterIsReusedBeforeScanning)
{
    ASSERT_EQ(swapon(1023), 0);
    std::vector<swp_entry_t> c1, rest;
    for (unsigned i = 0; i < 256; ++i) c1.push_back(get_swap_page());
    for (unsigned i = 0; i < 300; ++i) rest.push_back(get_swap_page());  // cluster 2 and part of 3
    for (swp_entry_t e : c1) swapcache_clear(e);
    for (unsigned i = 0; i < 212; ++i) rest.push_back(get_swap_page());  // the rest of cluster 3
    EXPECT_EQ(swp_offset(rest.back()), 1023u);
    const swp_entry_t e = get_swap_page();
    EXPECT_EQ(swp_offset(e), 256u) << "cluster 1, freed, before cluster 0's slots";
    rest.push_back(e);
    for (swp_entry_t r : rest) swapcache_clear(r);
}

TEST_F(SwapTest, BadPagesAreNeverHandedOut)
{
    ASSERT_EQ(swapon(1023, {300, 700, 700}), 0);
    EXPECT_EQ(total_swap_pages(), 1021u);
    std::vector<swp_entry_t> got;
    for (swp_entry_t e; (e = get_swap_page()).val;) {
        EXPECT_NE(swp_offset(e), 300u);
        EXPECT_NE(swp_offset(e), 700u);
        got.push_back(e);
    }
    EXPECT_EQ(got.size(), 1021u);
    EXPECT_EQ(swap_duplicate(swp_entry(0, 300)), -EINVAL);
    for (swp_entry_t e : got) swapcache_clear(e);
    EXPECT_EQ(nr_swap_pages(), 1021u);
}

TEST_F(SwapTest, SwapMapCountsEntriesAndTheCacheBit)
{
    ASSERT_EQ(swapon(1023), 0);
    const swp_entry_t e = get_swap_page();
    EXPECT_EQ(swap_count(e), 0u);
    EXPECT_TRUE(swap_has_cache(e));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(swap_duplicate(e), 0);
    EXPECT_EQ(swap_count(e), 3u);
    swapcache_clear(e);
    EXPECT_FALSE(swap_has_cache(e));
    EXPECT_EQ(swapcache_prepare(e), 0) << "a swap-in claims the cache bit";
    EXPECT_EQ(swapcache_prepare(e), -EEXIST);
    swapcache_clear(e);
    swap_free(e);
    swap_free(e);
    EXPECT_EQ(swap_count(e), 1u);
    EXPECT_EQ(nr_swap_pages(), 1022u);
    swap_free(e);
    EXPECT_EQ(nr_swap_pages(), 1023u) << "the last user frees the slot";
    EXPECT_EQ(swap_duplicate(e), -EINVAL);
    EXPECT_EQ(swapcache_prepare(e), -ENOENT);

    const swp_entry_t f = get_swap_page();
    for (unsigned i = 0; i < SWAP_MAP_MAX; ++i) ASSERT_EQ(swap_duplicate(f), 0);
    EXPECT_EQ(swap_duplicate(f), -ENOMEM) << "no continuation pages";
    for (unsigned i = 0; i < SWAP_MAP_MAX; ++i) swap_free(f);
    swapcache_clear(f);
}

TEST_F(SwapTest, SwapCacheHoldsAReferenceAndTheSlot)
{
    ASSERT_EQ(swapon(1023), 0);
    page* p = alloc_page(GFP_KERNEL);
    const swp_entry_t e = get_swap_page();
    swap_cache_lock();
    ASSERT_EQ(add_to_swap_cache(p, e), 0);
    EXPECT_EQ(page_ref_count(p), 2);
    EXPECT_TRUE(PageSwapCache(p));
    EXPECT_EQ(p->swap, e.val);
    EXPECT_EQ(total_swapcache_pages(), 1u);
    EXPECT_EQ(lookup_swap_cache(e), p);
    EXPECT_EQ(page_ref_count(p), 3);
    put_page(p);
    EXPECT_EQ(lookup_swap_cache(swp_entry(0, swp_offset(e) + 1)), nullptr);
    ASSERT_EQ(swap_duplicate(e), 0);  // a PTE names it
    delete_from_swap_cache(p);
    swap_cache_unlock();
    EXPECT_EQ(page_ref_count(p), 1);
    EXPECT_FALSE(PageSwapCache(p));
    EXPECT_EQ(total_swapcache_pages(), 0u);
    EXPECT_EQ(nr_swap_pages(), 1022u) << "the entry still holds the slot";
    EXPECT_EQ(swapoff_type(0), -EBUSY);
    swap_free(e);
    EXPECT_EQ(nr_swap_pages(), 1023u);
    EXPECT_EQ(swap_info[0]->inuse_pages, 0u);
    EXPECT_TRUE(xa_empty(&swap_info[0]->swap_cache));
    __free_page(p);
}
