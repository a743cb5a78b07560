// Transparent huge pages: 2 MiB leaves for aligned private anonymous memory under the policies
// always / madvise / never, fallback to 4 KiB when no order-9 block is free, the 4 KiB zero
// page for reads, copy-on-write of a whole 2 MiB after fork, and splitting on partial munmap
// or mprotect (also of a huge page a fork child still maps).
#include "vm_test_support.h"

namespace {

class ThpTest : public VmTest {
protected:
    unsigned long machine_bytes() const override { return 144 * MiB; }
    bool poisoning() const override { return false; }  // 2 MiB fills per fault add nothing here
};

int leaf_level(mm_struct* mm, unsigned long va)
{
    int level = -1;
    pte_t* e = walk_pgtable(mm->pgd, va, &level);
    return (e && pte_leaf(*e)) ? level : -1;
}

// 64 MiB written page by page: one fault and one 2 MiB page per 2 MiB.
TEST_P(ThpTest, SixtyFourMiBTouchedIsThirtyTwoHugePages)
{
    unsigned long tables[2];
    for (thp_policy policy : {THP_ALWAYS, THP_NEVER}) {
        transparent_hugepage = policy;
        vm_events = {};
        hart.faults = 0;
        mm_struct* mm = mm_alloc();
        const unsigned long base = mmap_anon(mm, 64 * MiB);
        ASSERT_EQ(base % PMD_SIZE, 0u);
        hart.write_range(mm, base, 64 * MiB, 0x77);
        const bool huge = policy == THP_ALWAYS;
        EXPECT_EQ(hart.faults, huge ? 32u : 16384u);
        EXPECT_EQ(mm->thp_pages, huge ? 32u : 0u);
        EXPECT_EQ(vm_events.thp_fault_alloc, huge ? 32u : 0u);
        EXPECT_EQ(vm_events.thp_fault_fallback, 0u);
        EXPECT_EQ(mm->rss, 16384u);  // a 2 MiB page counts 512
        EXPECT_EQ(leaf_level(mm, base + 5 * MiB), huge ? 1 : 0);
        EXPECT_EQ(proc_stat(mm).thp_pages, huge ? 32u : 0u);
        tables[huge ? 0 : 1] = mm->nr_ptes;
        u8 v = 0;
        ASSERT_TRUE(hart.read(mm, base + 64 * MiB - 1, &v));
        EXPECT_EQ(v, 0);  // only the touched byte of each page was written
        ASSERT_TRUE(hart.read(mm, base + 63 * MiB, &v));
        EXPECT_EQ(v, 0x77);
        mmput(mm);
        EXPECT_EQ(machine->used_since_boot(), 0u);
    }
    // Root, (Sv48: level 2), the 2 MiB-entry table; 4 KiB pages add 32 tables of PTEs.
    EXPECT_EQ(tables[0], GetParam() == 3 ? 2u : 3u);
    EXPECT_EQ(tables[1], tables[0] + 32);
}

TEST_P(ThpTest, MadvisePolicyOnlyForHugepageVmas)
{
    transparent_hugepage = THP_MADVISE;
    mm_struct* mm = mm_alloc();
    const unsigned long a = mmap_anon(mm, 4 * MiB);
    const unsigned long b = mmap_anon(mm, 4 * MiB, PROT_READ | PROT_WRITE | PROT_EXEC);  // keep apart from a
    ASSERT_EQ(do_madvise(mm, b, 4 * MiB, MADV_HUGEPAGE), 0);
    EXPECT_TRUE(find_vma(mm, b)->vm_flags & VM_HUGEPAGE);
    ASSERT_TRUE(hart.write(mm, a, 1));
    ASSERT_TRUE(hart.write(mm, b, 1));
    EXPECT_EQ(leaf_level(mm, a), 0);
    EXPECT_EQ(leaf_level(mm, b), 1);
    EXPECT_EQ(mm->thp_pages, 1u);
    // NOHUGEPAGE wins even under always.
    transparent_hugepage = THP_ALWAYS;
    ASSERT_EQ(do_madvise(mm, b + 2 * MiB, 2 * MiB, MADV_NOHUGEPAGE), 0);
    EXPECT_EQ(mm->map_count, 3);
    ASSERT_TRUE(hart.write(mm, b + 2 * MiB, 1));
    EXPECT_EQ(leaf_level(mm, b + 2 * MiB), 0);
    ASSERT_TRUE(hart.write(mm, a + 2 * MiB, 1));  // a's first 2 MiB has a table now; the second is free
    EXPECT_EQ(leaf_level(mm, a + 2 * MiB), 1);
    transparent_hugepage = THP_NEVER;
    const unsigned long c = mmap_anon(mm, 4 * MiB);
    ASSERT_EQ(do_madvise(mm, c, 4 * MiB, MADV_HUGEPAGE), 0);
    ASSERT_TRUE(hart.write(mm, c, 1));
    EXPECT_EQ(leaf_level(mm, c), 0);
    EXPECT_EQ(vm_events.thp_fault_alloc, 2u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(ThpTest, OnlyWholeAlignedTwoMiBInsideTheVma)
{
    transparent_hugepage = THP_ALWAYS;
    mm_struct* mm = mm_alloc();
    const unsigned long base = do_mmap(mm, 0x4010'0000, 3 * MiB, PROT_READ | PROT_WRITE,
                                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);  // [1 MiB, 4 MiB) of a 2 MiB grid
    ASSERT_TRUE(hart.write(mm, base, 1));
    EXPECT_EQ(leaf_level(mm, base), 0);  // [0x40000000, +2 MiB) sticks out of the VMA
    ASSERT_TRUE(hart.write(mm, 0x4020'0000 + 12345, 1));
    EXPECT_EQ(leaf_level(mm, 0x4020'0000), 1);
    EXPECT_EQ(mm->rss, 513u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(ThpTest, ReadFaultsTakeTheFourKiBZeroPage)
{
    transparent_hugepage = THP_ALWAYS;
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 2 * MiB);
    ASSERT_TRUE(hart.read(mm, base));
    EXPECT_EQ(leaf_level(mm, base), 0);
    EXPECT_EQ(mm->rss_zero, 1u);
    EXPECT_EQ(machine->used_since_boot(), mm->nr_ptes + 2);  // no data page
    // The 2 MiB now has a table of 4 KiB entries, so writes there take 4 KiB pages.
    ASSERT_TRUE(hart.write(mm, base + PAGE_SIZE, 1));
    EXPECT_EQ(leaf_level(mm, base + PAGE_SIZE), 0);
    EXPECT_EQ(vm_events.thp_fault_alloc, 0u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(ThpTest, FallsBackToFourKiBWithoutAnOrder9Block)
{
    transparent_hugepage = THP_ALWAYS;
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 2 * MiB);
    // Take every page, then give back every other one: plenty free, no block above order 0.
    std::vector<page*> held;
    while (page* p = alloc_page(GFP_KERNEL | __GFP_NOWARN)) held.push_back(p);
    for (size_t i = 0; i < held.size(); i += 2) __free_page(held[i]);
    ASSERT_TRUE(hart.write(mm, base, 1));
    EXPECT_EQ(vm_events.thp_fault_fallback, 1u);
    EXPECT_EQ(vm_events.thp_fault_alloc, 0u);
    EXPECT_EQ(leaf_level(mm, base), 0);
    EXPECT_EQ(mm->rss, 1u);
    mmput(mm);
    for (size_t i = 1; i < held.size(); i += 2) __free_page(held[i]);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(ThpTest, CowAfterForkCopiesTheWhole2MiB)
{
    transparent_hugepage = THP_ALWAYS;
    mm_struct* parent = mm_alloc();
    const unsigned long base = mmap_anon(parent, 2 * MiB);
    hart.write_range(parent, base, 2 * MiB, 0x11);
    mm_struct* child = dup_mm(parent);
    EXPECT_EQ(child->thp_pages, 1u);
    EXPECT_EQ(child->rss, 512u);
    const unsigned long free_before = machine->nr_free();
    ASSERT_TRUE(hart.write(child, base + 4 * PAGE_SIZE, 0x22));
    EXPECT_EQ(vm_events.cow_copies, 1u);
    EXPECT_EQ(free_before - machine->nr_free(), 512u);  // one 2 MiB copy, no table
    EXPECT_EQ(leaf_level(child, base), 1);
    u8 v = 0;
    ASSERT_TRUE(hart.read(parent, base + 4 * PAGE_SIZE, &v));
    EXPECT_EQ(v, 0x11);
    ASSERT_TRUE(hart.read(child, base + 5 * PAGE_SIZE, &v));
    EXPECT_EQ(v, 0x11);  // the copy carries the rest of the 2 MiB
    ASSERT_TRUE(hart.write(parent, base, 0x33));  // alone now: reused in place
    EXPECT_EQ(vm_events.cow_reuse, 1u);
    EXPECT_EQ(vm_events.cow_copies, 1u);
    mmput(child);
    mmput(parent);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(ThpTest, PartialMunmapAndMprotectSplit)
{
    transparent_hugepage = THP_ALWAYS;
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 4 * MiB);
    hart.write_range(mm, base, 4 * MiB, 0x44);
    ASSERT_EQ(mm->thp_pages, 2u);
    const unsigned long tables = mm->nr_ptes;
    ASSERT_EQ(do_munmap(mm, base + 8 * PAGE_SIZE, PAGE_SIZE), 0);
    EXPECT_EQ(mm->thp_pages, 1u);
    EXPECT_EQ(mm->rss, 1023u);
    EXPECT_EQ(mm->nr_ptes, tables + 1);
    EXPECT_EQ(leaf_level(mm, base), 0);
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, base + 9 * PAGE_SIZE, &v));
    EXPECT_EQ(v, 0x44);
    EXPECT_FALSE(hart.read(mm, base + 8 * PAGE_SIZE));
    // mprotect of 4 KiB inside the second huge page splits it too.
    const unsigned long second = base + 2 * MiB;
    ASSERT_EQ(do_mprotect(mm, second + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
    EXPECT_EQ(mm->thp_pages, 0u);
    EXPECT_EQ(mm->map_count, 4);
    EXPECT_FALSE(hart.write(mm, second + PAGE_SIZE, 1));
    const unsigned long faults = hart.faults;
    ASSERT_TRUE(hart.write(mm, second, 2));  // the split leaves stay writable
    EXPECT_EQ(hart.faults, faults);
    ASSERT_EQ(do_munmap(mm, base, 4 * MiB), 0);
    EXPECT_EQ(mm->nr_ptes, 1u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(ThpTest, SplitWhileAForkChildStillMapsTheHugePage)
{
    transparent_hugepage = THP_ALWAYS;
    mm_struct* parent = mm_alloc();
    const unsigned long base = mmap_anon(parent, 2 * MiB);
    hart.write_range(parent, base, 2 * MiB, 0x55);
    mm_struct* child = dup_mm(parent);
    ASSERT_EQ(do_munmap(parent, base, PAGE_SIZE), 0);  // splits the frames under the child's leaf
    EXPECT_EQ(leaf_level(child, base), 1);
    u8 v = 0;
    ASSERT_TRUE(hart.read(child, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 0x55);
    // A write in the child now copies one 4 KiB page (the frames are no longer one block).
    ASSERT_TRUE(hart.write(child, base + PAGE_SIZE, 0x66));
    EXPECT_EQ(leaf_level(child, base + PAGE_SIZE), 0);
    EXPECT_EQ(vm_events.cow_copies, 1u);
    ASSERT_TRUE(hart.read(parent, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 0x55);
    ASSERT_TRUE(hart.write(child, base, 0x67));  // the parent unmapped this one: the child reuses it
    EXPECT_EQ(vm_events.cow_reuse, 1u);
    mmput(parent);
    mmput(child);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(ThpTest);

}  // namespace
