// vmalloc: scattered order-0 pages mapped contiguously in the vmalloc area of swapper_pg_dir,
// a guard page between areas, mappings made after mm_alloc visible through every process's
// copy of the kernel half (the tables below the root exist from vmalloc_init on), and vfree
// flushing the kernel range before the frames go back.
#include "vm_test_support.h"

namespace {

class VmallocTest : public VmTest {};

PhysAddr kernel_pa(pte_t* pgd, unsigned long va)
{
    PhysAddr pa{0};
    pte_t leaf = 0;
    EXPECT_TRUE(pgtable_translate(pgd, va, &pa, &leaf)) << std::hex << va;
    EXPECT_EQ(pte_prot(leaf), _PAGE_V | _PAGE_R | _PAGE_W | _PAGE_G | _PAGE_A | _PAGE_D);  // kernel: G, no U
    return pa;
}

TEST_P(VmallocTest, InitBuildsTablesForTheWholeArea)
{
    // Sv39: root entries 320..327 each point to a table; Sv48: root 511, then 320..327 below.
    pte_t* table = swapper_pg_dir;
    if (GetParam() == 4) {
        ASSERT_TRUE(pte_table(swapper_pg_dir[511]));
        table = pte_table_ptr(swapper_pg_dir[511]);
    }
    for (unsigned i = 0; i < PTRS_PER_PT; ++i) EXPECT_EQ(pte_table(table[i]), i >= 320 && i < 328) << i;
    EXPECT_EQ(pt_index(VMALLOC_START, 2), 320u);
}

TEST_P(VmallocTest, ScatteredPagesContiguousVirtually)
{
    mm_struct* mm = mm_alloc();  // made before the vmalloc call
    // Hold every other page of a run so the allocator hands out scattered frames.
    std::vector<page*> held;
    for (int i = 0; i < 16; ++i) held.push_back(alloc_page(GFP_KERNEL));
    for (int i = 0; i < 16; i += 2) __free_page(held[i]);
    const unsigned long free_before = machine->nr_free();
    const unsigned long tables_before = vm_events.nr_page_table_pages;
    auto* p = static_cast<u8*>(vmalloc(5 * PAGE_SIZE - 100));
    ASSERT_NE(p, nullptr);
    const unsigned long va = reinterpret_cast<unsigned long>(p);
    EXPECT_EQ(va, VMALLOC_START);
    EXPECT_EQ(vm_events.nr_page_table_pages, tables_before + 1);  // one table of 4 KiB entries
    EXPECT_EQ(free_before - machine->nr_free(), 5u + 1 + 1);  // + the table + the vmap_area's slab
    std::vector<unsigned long> pfns;
    for (unsigned i = 0; i < 5; ++i) {
        const PhysAddr pa = kernel_pa(swapper_pg_dir, va + i * PAGE_SIZE);
        pfns.push_back(pa.value >> PAGE_SHIFT);
        EXPECT_EQ(kernel_pa(mm->pgd, va + i * PAGE_SIZE).value, pa.value);  // the process sees it too
        static_cast<u8*>(phys_to_virt(pa))[0] = u8(i);
    }
    unsigned long contiguous = 0;
    for (unsigned i = 1; i < 5; ++i) contiguous += pfns[i] == pfns[i - 1] + 1;
    EXPECT_LT(contiguous, 4u);  // scattered frames
    // The next area starts after a guard page.
    void* q = vmalloc(PAGE_SIZE);
    EXPECT_EQ(reinterpret_cast<unsigned long>(q), va + 6 * PAGE_SIZE);
    PhysAddr pa{};
    EXPECT_FALSE(pgtable_translate(swapper_pg_dir, va + 5 * PAGE_SIZE, &pa));

    host_tlb_flushes = {};
    vfree(p);
    EXPECT_EQ(host_tlb_flushes.kernel_ranges, 1u);
    EXPECT_EQ(host_tlb_flushes.last_start, va);
    EXPECT_EQ(host_tlb_flushes.last_end, va + 5 * PAGE_SIZE);
    EXPECT_FALSE(pgtable_translate(mm->pgd, va, &pa));
    // The freed range is reused first.
    void* r = vmalloc(2 * PAGE_SIZE);
    EXPECT_EQ(r, p);
    vfree(r);
    vfree(q);
    vfree(nullptr);
    EXPECT_EQ(machine->nr_free(), free_before - 1);  // the table of 4 KiB entries stays (Linux keeps them too)
    EXPECT_NE(panic_message([&] { vfree(reinterpret_cast<void*>(VMALLOC_START + 0x1000)); }).find("vfree"),
              std::string::npos);
    for (int i = 1; i < 16; i += 2) __free_page(held[i]);
    mmput(mm);
}

TEST_P(VmallocTest, RefusesWhatDoesNotFit)
{
    EXPECT_EQ(vmalloc(0), nullptr);
    EXPECT_EQ(vmalloc(VMALLOC_END - VMALLOC_START + 1), nullptr);
    const unsigned long free_before = machine->nr_free();
    const unsigned long tables_before = vm_events.nr_page_table_pages;
    EXPECT_EQ(vmalloc(64 * MiB), nullptr);  // more than the 32 MiB machine has: everything undone
    const unsigned long tables = vm_events.nr_page_table_pages - tables_before;
    EXPECT_EQ(tables, 16u);  // one per 2 MiB reached before memory ran out; kernel tables stay
    EXPECT_EQ(machine->nr_free(), free_before - tables);
}

INSTANTIATE_VM_TEST(VmallocTest);

}  // namespace
