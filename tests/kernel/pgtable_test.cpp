// Page tables, Sv39 and Sv48 through the one walker: VPN fields and levels, 4 KiB and 2 MiB
// leaves, superpage alignment, A/D bits, table-page accounting, freeing of emptied tables,
// protection changes, and the kernel half that every new address space copies.
#include "vm_test_support.h"

namespace {

class PgtableTest : public VmTest {};

TEST_P(PgtableTest, LevelTableMatchesMode)
{
    const int levels = GetParam();
    EXPECT_EQ(pgd_level(), levels - 1);
    EXPECT_EQ(task_size(), levels == 3 ? 0x40'0000'0000UL : 0x8000'0000'0000UL);
    EXPECT_EQ(satp_mode(), levels == 3 ? 8u : 9u);
    // VPN[i] = va bits 12+9i .. 20+9i (§12.4.1 / §12.5.1).
    const unsigned long va = 0x12'3456'7000UL;
    EXPECT_EQ(pt_index(va, 0), (va >> 12) & 511);
    EXPECT_EQ(pt_index(va, 1), (va >> 21) & 511);
    EXPECT_EQ(pt_index(va, 2), (va >> 30) & 511);
    EXPECT_EQ(pt_level_size(1), PMD_SIZE);
    EXPECT_EQ(pt_level_size(2), PUD_SIZE);
}

TEST_P(PgtableTest, Map4KiBAllocatesOneTablePerLevelAndTranslates)
{
    mm_struct* mm = mm_alloc();
    ASSERT_NE(mm, nullptr);
    EXPECT_EQ(mm->nr_ptes, 1u);  // the root
    const unsigned long va = 0x1234'5000;
    const PhysAddr pa{0x8010'0000};
    ASSERT_TRUE(map_range(mm, mm->pgd, va, pa, PAGE_SIZE, _PAGE_R | _PAGE_W | _PAGE_U, 0));
    EXPECT_EQ(mm->nr_ptes, unsigned(GetParam()));  // root + one table per lower level
    // vmalloc_init's 8 tables (and, under Sv48, the level-2 table above them) + these.
    EXPECT_EQ(vm_events.nr_page_table_pages, (GetParam() == 4 ? 9u : 8u) + GetParam());

    PhysAddr out{};
    pte_t leaf = 0;
    ASSERT_TRUE(pgtable_translate(mm->pgd, va + 0x123, &out, &leaf));
    EXPECT_EQ(out.value, pa.value + 0x123);
    EXPECT_EQ(pte_prot(leaf), _PAGE_V | _PAGE_R | _PAGE_W | _PAGE_U | _PAGE_A | _PAGE_D);
    EXPECT_FALSE(pgtable_translate(mm->pgd, va + PAGE_SIZE, &out));

    int level = -1;
    pte_t* e = walk_pgtable(mm->pgd, va, &level);
    EXPECT_EQ(level, 0);
    EXPECT_EQ(pte_pfn(*e), pa.value >> PAGE_SHIFT);

    // The same leaf found by hand, one VPN field per level.
    pte_t* table = mm->pgd;
    for (int l = pgd_level(); l > 0; --l) {
        pte_t entry = table[pt_index(va, l)];
        ASSERT_TRUE(pte_table(entry)) << "level " << l;
        EXPECT_EQ(pte_prot(entry), _PAGE_V);  // non-leaf: no A/D/U (§12.3.1)
        table = pte_table_ptr(entry);
    }
    EXPECT_EQ(&table[pt_index(va, 0)], e);

    unmap_range(mm, mm->pgd, va, PAGE_SIZE);
    EXPECT_EQ(mm->nr_ptes, 1u);  // emptied tables freed
    EXPECT_FALSE(pgtable_translate(mm->pgd, va, &out));
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(PgtableTest, MegapageLeafAtLevel1)
{
    mm_struct* mm = mm_alloc();
    const unsigned long va = 0x4020'0000;
    const PhysAddr pa{0x8040'0000};
    ASSERT_TRUE(map_range(mm, mm->pgd, va, pa, 2 * PMD_SIZE, _PAGE_R | _PAGE_U, 1));
    EXPECT_EQ(mm->nr_ptes, unsigned(GetParam()) - 1);  // no level-0 table
    int level = -1;
    pte_t* e = walk_pgtable(mm->pgd, va + PMD_SIZE + 0x5000, &level);
    EXPECT_EQ(level, 1);
    EXPECT_TRUE(pte_leaf(*e));
    PhysAddr out{};
    ASSERT_TRUE(pgtable_translate(mm->pgd, va + PMD_SIZE + 0x5678, &out));
    EXPECT_EQ(out.value, pa.value + PMD_SIZE + 0x5678);
    EXPECT_FALSE(*e & _PAGE_D);  // read-only: no D

    // §12.3.2 step 5: a superpage must be aligned; map_range refuses and maps nothing.
    EXPECT_FALSE(map_range(mm, mm->pgd, 0x8000'0000, PhysAddr{0x8000'1000}, PMD_SIZE, _PAGE_R | _PAGE_U, 1));
    EXPECT_FALSE(pgtable_translate(mm->pgd, 0x8000'0000, &out));
    // Something mapped there already: refused, and the partial work is undone.
    EXPECT_FALSE(map_range(mm, mm->pgd, va - PAGE_SIZE, PhysAddr{0x8100'0000}, 2 * PAGE_SIZE, _PAGE_R | _PAGE_U, 0));
    EXPECT_FALSE(pgtable_translate(mm->pgd, va - PAGE_SIZE, &out));

    unmap_range(mm, mm->pgd, va, 2 * PMD_SIZE);
    EXPECT_EQ(mm->nr_ptes, 1u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(PgtableTest, ChangeProtKeepsFramesAndSetsDOnlyWithW)
{
    mm_struct* mm = mm_alloc();
    ASSERT_TRUE(map_range(mm, mm->pgd, 0x10000, PhysAddr{0x8020'0000}, 4 * PAGE_SIZE, _PAGE_R | _PAGE_U, 0));
    change_range_prot(mm->pgd, 0x11000, 2 * PAGE_SIZE, _PAGE_R | _PAGE_W);
    pte_t leaf = 0;
    PhysAddr pa{};
    ASSERT_TRUE(pgtable_translate(mm->pgd, 0x10000, &leaf ? &pa : &pa, &leaf));
    EXPECT_FALSE(leaf & _PAGE_W);
    ASSERT_TRUE(pgtable_translate(mm->pgd, 0x11000, &pa, &leaf));
    EXPECT_EQ(pte_prot(leaf), _PAGE_V | _PAGE_R | _PAGE_W | _PAGE_U | _PAGE_A | _PAGE_D);
    EXPECT_EQ(pa.value, 0x8020'1000u);
    // No permission at all: a PROT_NONE leaf, invalid to the hart but still holding the frame.
    change_range_prot(mm->pgd, 0x12000, PAGE_SIZE, 0);
    EXPECT_FALSE(pgtable_translate(mm->pgd, 0x12000, &pa));
    int level = 0;
    pte_t* e = walk_pgtable(mm->pgd, 0x12000, &level);
    EXPECT_FALSE(*e & _PAGE_V);
    EXPECT_EQ(pte_pfn(*e), 0x80202u);
    change_range_prot(mm->pgd, 0x12000, PAGE_SIZE, _PAGE_R);
    ASSERT_TRUE(pgtable_translate(mm->pgd, 0x12000, &pa));
    EXPECT_EQ(pa.value, 0x8020'2000u);
    unmap_range(mm, mm->pgd, 0x10000, 4 * PAGE_SIZE);
    mmput(mm);
}

TEST_P(PgtableTest, MmAllocSharesKernelHalfOfSwapper)
{
    swapper_pg_dir[300] = pfn_pte(0x80000, _PAGE_V | _PAGE_R | _PAGE_W | _PAGE_G | _PAGE_A | _PAGE_D);
    mm_struct* a = mm_alloc();
    mm_struct* b = mm_alloc();
    for (unsigned i = 0; i < PTRS_PER_PT; ++i) {
        EXPECT_EQ(a->pgd[i], i >= KERNEL_PGD_FIRST ? swapper_pg_dir[i] : 0) << i;
        EXPECT_EQ(b->pgd[i], a->pgd[i]) << i;
    }
    EXPECT_NE(a->pgd, b->pgd);
    EXPECT_EQ(a->users, 1);
    EXPECT_EQ(a->mmap_base, task_size() - 8 * MiB - 128 * MiB);
    mmput(a);
    mmput(b);
    swapper_pg_dir[300] = 0;
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(PgtableTest);

}  // namespace
