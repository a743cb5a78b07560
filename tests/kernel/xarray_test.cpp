// The xarray (sw/kernel/mm/xarray.cpp): load/store/erase at small, sparse and large indexes,
// ordered search with xa_find, node pruning (every node freed once the array is empty), and a
// random run checked against std::map.
#include <map>
#include <random>

#include "mm/xarray.h"
#include "vm_test_support.h"

namespace {

void* entry(unsigned long v) { return reinterpret_cast<void*>((v << 2) | 2); }

class XArrayTest : public ::testing::Test {
protected:
    XArrayTest() : machine(3, 16 * MiB) { baseline = machine.nr_free(); }
    ~XArrayTest() override { xa_destroy(&xa); }
    VmMachine machine;
    xarray xa;
    unsigned long baseline = 0;
};

}  // namespace

TEST_F(XArrayTest, FirstStoreAtALargeIndexLeavesNoNodeBehind)
{
    ASSERT_EQ(xa_store(&xa, 256, entry(256)), 0);
    EXPECT_EQ(xa_load(&xa, 256), entry(256));
    EXPECT_EQ(xa_load(&xa, 0), nullptr);
    EXPECT_EQ(xa_erase(&xa, 256), entry(256));
    EXPECT_TRUE(xa_empty(&xa));
    EXPECT_EQ(machine.nr_free(), baseline) << "every node is freed";
}

TEST_F(XArrayTest, StoreLoadEraseAndPruning)
{
    EXPECT_TRUE(xa_empty(&xa));
    EXPECT_EQ(xa_load(&xa, 5), nullptr);
    for (unsigned long i : {0ul, 1ul, 63ul, 64ul, 4095ul, 4096ul, 1ul << 20, (1ul << 40) + 3})
        ASSERT_EQ(xa_store(&xa, i, entry(i)), 0) << i;
    for (unsigned long i : {0ul, 1ul, 63ul, 64ul, 4095ul, 4096ul, 1ul << 20, (1ul << 40) + 3})
        EXPECT_EQ(xa_load(&xa, i), entry(i)) << i;
    EXPECT_EQ(xa_load(&xa, 2), nullptr);
    EXPECT_EQ(xa_load(&xa, 1ul << 41), nullptr);
    ASSERT_EQ(xa_store(&xa, 64, entry(99)), 0);  // replaces
    EXPECT_EQ(xa_load(&xa, 64), entry(99));
    for (unsigned long i : {0ul, 1ul, 63ul, 64ul, 4095ul, 4096ul, 1ul << 20, (1ul << 40) + 3}) EXPECT_NE(xa_erase(&xa, i), nullptr);
    EXPECT_EQ(xa_erase(&xa, 0), nullptr);
    EXPECT_TRUE(xa_empty(&xa));
    EXPECT_EQ(machine.nr_free(), baseline) << "every node is freed";
}

TEST_F(XArrayTest, FindWalksInIndexOrder)
{
    for (unsigned long i : {7ul, 70ul, 700ul, 7000ul, 70000ul}) ASSERT_EQ(xa_store(&xa, i, entry(i)), 0);
    std::vector<unsigned long> seen;
    unsigned long index = 0;
    while (void* e = xa_find(&xa, &index, ~0ul)) {
        EXPECT_EQ(e, entry(index));
        seen.push_back(index++);
    }
    EXPECT_EQ(seen, (std::vector<unsigned long>{7, 70, 700, 7000, 70000}));
    index = 71;
    EXPECT_EQ(xa_find(&xa, &index, 6999), entry(700));
    EXPECT_EQ(index, 700u);
    index = 701;
    EXPECT_EQ(xa_find(&xa, &index, 6999), nullptr);
}

TEST_F(XArrayTest, RandomAgainstAMap)
{
    std::mt19937_64 rng(10);
    std::map<unsigned long, void*> model;
    for (int step = 0; step < 20000; ++step) {
        const unsigned long i = rng() % (rng() % 2 ? 300 : 1ul << 24);
        if (rng() % 3) {
            ASSERT_EQ(xa_store(&xa, i, entry(step)), 0);
            model[i] = entry(step);
        } else {
            auto it = model.find(i);
            EXPECT_EQ(xa_erase(&xa, i), it == model.end() ? nullptr : it->second);
            if (it != model.end()) model.erase(it);
        }
    }
    unsigned long index = 0;
    auto it = model.begin();
    while (void* e = xa_find(&xa, &index, ~0ul)) {
        ASSERT_NE(it, model.end());
        EXPECT_EQ(index, it->first);
        EXPECT_EQ(e, it->second);
        ++it;
        ++index;
    }
    EXPECT_EQ(it, model.end());
    for (auto& [i, e] : model) EXPECT_EQ(xa_erase(&xa, i), e);
    EXPECT_TRUE(xa_empty(&xa));
    EXPECT_EQ(machine.nr_free(), baseline);
}
