// Page faults driven as the hardware would drive them (FakeHart walks first, faults only on a
// miss): demand paging counts, the zero page, copy-on-write after fork, shared anonymous
// memory across fork, SIGSEGV answers, MADV_DONTNEED, and forced kernel writes (the loader's).
#include "vm_test_support.h"

namespace {

class FaultTest : public VmTest {};

unsigned long pte_of(mm_struct* mm, unsigned long va)
{
    int level = 0;
    pte_t* e = walk_pgtable(mm->pgd, va, &level);
    return (e && pte_leaf(*e)) ? *e : 0;
}

TEST_P(FaultTest, DemandPagingCountsPagesTouchedNotMapped)
{
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 16 * MiB);
    ASSERT_FALSE(IS_ERR_VALUE(base));
    EXPECT_EQ(mm->rss, 0u);  // nothing before the first touch
    EXPECT_EQ(mm->nr_ptes, 1u);
    // The first write also allocates the VMA's anon_vma (a slab object): counted from there.
    ASSERT_TRUE(hart.write(mm, base, 0));
    const unsigned long free_after_first = machine->nr_free();
    const unsigned long ptes_after_first = mm->nr_ptes;
    unsigned long touched = 1;
    for (unsigned long va = base + 3 * PAGE_SIZE; va < base + 16 * MiB; va += 3 * PAGE_SIZE, ++touched)
        ASSERT_TRUE(hart.write(mm, va, u8(touched)));
    EXPECT_EQ(touched, 1366u);
    EXPECT_EQ(hart.faults, touched);
    EXPECT_EQ(mm->min_flt, touched);
    EXPECT_EQ(vm_events.pgfault, touched);
    EXPECT_EQ(mm->rss, touched);
    // Touching them again faults no more.
    for (unsigned long va = base; va < base + 16 * MiB; va += 3 * PAGE_SIZE) ASSERT_TRUE(hart.read(mm, va));
    EXPECT_EQ(hart.faults, touched);
    EXPECT_EQ(free_after_first - machine->nr_free(), (touched - 1) + (mm->nr_ptes - ptes_after_first));
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, Reading1GiBOfFreshMemoryAllocatesNoPage)
{
    for (thp_policy policy : {THP_ALWAYS, THP_NEVER}) {
        transparent_hugepage = policy;
        vm_events = {};
        mm_struct* mm = mm_alloc();
        const unsigned long base = mmap_anon(mm, 1 * GiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
        ASSERT_FALSE(IS_ERR_VALUE(base));
        hart.faults = 0;
        hart.read_range(mm, base, 1 * GiB);
        const unsigned long pages = GiB / PAGE_SIZE;
        EXPECT_EQ(hart.faults, pages);
        EXPECT_EQ(mm->rss, 0u);
        EXPECT_EQ(mm->rss_zero, pages);
        EXPECT_EQ(vm_events.zero_page_maps, pages);
        EXPECT_EQ(vm_events.thp_fault_alloc, 0u);
        // The only pages taken are page tables and the slabs holding the mm_struct and the
        // VMA. Tables: root, (Sv48: one level-2), two 2 MiB-entry tables (the GiB below
        // mmap_base straddles a 1 GiB boundary), one 4 KiB-entry table per 2 MiB.
        EXPECT_EQ(base % GiB, mm->mmap_base % GiB);
        EXPECT_EQ(mm->nr_ptes, GetParam() == 3 ? 1u + 2 + 512 : 1u + 1 + 2 + 512);
        EXPECT_EQ(machine->used_since_boot(), mm->nr_ptes + 2);
        EXPECT_EQ(pte_pfn(pte_of(mm, base + 12345 * PAGE_SIZE)), zero_pfn());
        EXPECT_EQ(proc_stat(mm).rss_zero_pages, pages);
        mmput(mm);
        EXPECT_EQ(machine->used_since_boot(), 0u);
    }
}

TEST_P(FaultTest, ZeroPageReadOnlyUntilFirstWrite)
{
    mm_struct* mm = mm_alloc();
    const unsigned long va = mmap_anon(mm, PAGE_SIZE);
    u8 v = 0xff;
    ASSERT_TRUE(hart.read(mm, va + 7, &v));
    EXPECT_EQ(v, 0);
    pte_t pte = pte_of(mm, va);
    EXPECT_EQ(pte_pfn(pte), zero_pfn());
    EXPECT_FALSE(pte & _PAGE_W);
    EXPECT_EQ(mm->rss, 0u);
    EXPECT_EQ(mm->rss_zero, 1u);
    ASSERT_TRUE(hart.write(mm, va + 7, 42));
    pte = pte_of(mm, va);
    EXPECT_NE(pte_pfn(pte), zero_pfn());
    EXPECT_TRUE(pte & _PAGE_W);
    EXPECT_EQ(mm->rss, 1u);
    EXPECT_EQ(mm->rss_zero, 0u);
    EXPECT_EQ(hart.faults, 2u);
    ASSERT_TRUE(hart.read(mm, va + 7, &v));
    EXPECT_EQ(v, 42);
    EXPECT_EQ(static_cast<u8*>(page_address(zero_page))[7], 0);  // the zero page stays zero
    EXPECT_EQ(vm_events.cow_copies, 0u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, PermissionViolationsAreSigsegv)
{
    mm_struct* mm = mm_alloc();
    const unsigned long ro = mmap_anon(mm, PAGE_SIZE, PROT_READ);
    const unsigned long rw = mmap_anon(mm, PAGE_SIZE, PROT_READ | PROT_WRITE);
    const unsigned long none = mmap_anon(mm, PAGE_SIZE, PROT_NONE);
    const unsigned long rx = mmap_anon(mm, PAGE_SIZE, PROT_READ | PROT_EXEC);
    EXPECT_FALSE(hart.write(mm, ro, 1));           // write to a read-only VMA
    EXPECT_FALSE(hart.exec(mm, rw));               // exec of non-exec memory
    EXPECT_FALSE(hart.read(mm, none));             // PROT_NONE
    EXPECT_FALSE(hart.read(mm, PAGE_SIZE * 3));    // outside every VMA
    EXPECT_FALSE(hart.read(mm, task_size() - 1));  // no stack yet
    EXPECT_EQ(hart.segv, 5u);
    EXPECT_TRUE(hart.exec(mm, rx));
    EXPECT_TRUE(hart.read(mm, ro));
    EXPECT_EQ(mm->rss, 0u);  // nothing allocated for the refused accesses
    EXPECT_EQ(mm->min_flt, 2u);
    EXPECT_EQ(handle_user_fault(mm, 0x5000, FAULT_FLAG_USER), VM_FAULT_SIGSEGV);
    vm_area_struct* vma = find_vma(mm, ro);
    EXPECT_EQ(handle_mm_fault(vma, ro, FAULT_FLAG_WRITE | FAULT_FLAG_USER), VM_FAULT_SIGSEGV);
    EXPECT_EQ(handle_mm_fault(vma, ro + PAGE_SIZE * 100, FAULT_FLAG_USER), VM_FAULT_SIGSEGV);  // not inside
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, CopyOnWriteAfterForkCopiesOnlyAtFirstWrite)
{
    mm_struct* parent = mm_alloc();
    const unsigned long base = mmap_anon(parent, 8 * PAGE_SIZE);
    for (unsigned i = 0; i < 8; ++i) ASSERT_TRUE(hart.write(parent, base + i * PAGE_SIZE, u8(10 + i)));
    const unsigned long free_before_fork = machine->nr_free();
    mm_struct* child = dup_mm(parent);
    ASSERT_NE(child, nullptr);
    EXPECT_EQ(host_tlb_flushes.mms, 1u);  // the parent's PTEs were write-protected
    EXPECT_EQ(child->rss, 8u);
    EXPECT_EQ(vm_events.cow_copies, 0u);
    // Only the child's tables are new pages (its mm and VMA fit the parent's slabs); the data
    // pages are shared.
    EXPECT_EQ(free_before_fork - machine->nr_free(), child->nr_ptes);
    EXPECT_EQ(child->nr_ptes, unsigned(GetParam()));
    EXPECT_FALSE(pte_of(parent, base) & _PAGE_W);
    EXPECT_EQ(pte_pfn(pte_of(parent, base)), pte_pfn(pte_of(child, base)));
    EXPECT_EQ(page_ref_count(pfn_to_page(pte_pfn(pte_of(parent, base)))), 2);

    u8 v = 0;
    ASSERT_TRUE(hart.read(child, base + 3 * PAGE_SIZE, &v));  // reading shares on
    EXPECT_EQ(v, 13);
    EXPECT_EQ(vm_events.cow_copies, 0u);
    ASSERT_TRUE(hart.write(child, base, 99));
    EXPECT_EQ(vm_events.cow_copies, 1u);
    ASSERT_TRUE(hart.write(child, base + 1, 98));  // same page: no new fault, no copy
    EXPECT_EQ(vm_events.cow_copies, 1u);
    ASSERT_TRUE(hart.read(parent, base, &v));
    EXPECT_EQ(v, 10);  // the parent keeps its data
    ASSERT_TRUE(hart.read(child, base, &v));
    EXPECT_EQ(v, 99);
    // The parent is now the frame's only user: it takes it over without copying.
    const unsigned long faults = hart.faults;
    ASSERT_TRUE(hart.write(parent, base, 11));
    EXPECT_EQ(hart.faults, faults + 1);
    EXPECT_EQ(vm_events.cow_copies, 1u);
    EXPECT_EQ(vm_events.cow_reuse, 1u);
    ASSERT_TRUE(hart.write(parent, base + PAGE_SIZE, 12));  // shared: copy
    ASSERT_TRUE(hart.write(child, base + PAGE_SIZE, 21));   // now alone: reuse
    EXPECT_EQ(vm_events.cow_copies, 2u);
    EXPECT_EQ(vm_events.cow_reuse, 2u);
    ASSERT_TRUE(hart.read(parent, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 12);
    ASSERT_TRUE(hart.read(child, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 21);
    mmput(child);
    for (unsigned i = 2; i < 8; ++i) EXPECT_EQ(page_ref_count(pfn_to_page(pte_pfn(pte_of(parent, base + i * PAGE_SIZE)))), 1);
    mmput(parent);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, ZeroPageMappingsSurviveForkWithoutCopies)
{
    mm_struct* parent = mm_alloc();
    const unsigned long va = mmap_anon(parent, PAGE_SIZE);
    ASSERT_TRUE(hart.read(parent, va));
    mm_struct* child = dup_mm(parent);
    EXPECT_EQ(child->rss_zero, 1u);
    ASSERT_TRUE(hart.write(child, va, 5));
    EXPECT_EQ(vm_events.cow_copies, 0u);  // a fresh zeroed page, not a copy
    u8 v = 1;
    ASSERT_TRUE(hart.read(parent, va, &v));
    EXPECT_EQ(v, 0);
    mmput(parent);
    mmput(child);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, SharedAnonymousStaysSharedAfterFork)
{
    mm_struct* parent = mm_alloc();
    const unsigned long base = mmap_anon(parent, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
    ASSERT_FALSE(IS_ERR_VALUE(base));
    ASSERT_TRUE(hart.write(parent, base, 1));
    mm_struct* child = dup_mm(parent);
    EXPECT_TRUE(pte_of(parent, base) & _PAGE_W);  // no copy-on-write for shared memory
    ASSERT_TRUE(hart.write(child, base, 2));
    u8 v = 0;
    ASSERT_TRUE(hart.read(parent, base, &v));
    EXPECT_EQ(v, 2);
    // A page first touched after the fork, by the child, is the parent's too.
    ASSERT_TRUE(hart.write(child, base + 5 * PAGE_SIZE, 55));
    ASSERT_TRUE(hart.read(parent, base + 5 * PAGE_SIZE, &v));
    EXPECT_EQ(v, 55);
    EXPECT_EQ(pte_pfn(pte_of(parent, base + 5 * PAGE_SIZE)), pte_pfn(pte_of(child, base + 5 * PAGE_SIZE)));
    EXPECT_EQ(vm_events.cow_copies, 0u);
    EXPECT_EQ(vm_events.zero_page_maps, 0u);  // shared memory never maps the zero page
    // Shared mappings split by munmap keep their offsets into the object.
    ASSERT_EQ(do_munmap(parent, base + 2 * PAGE_SIZE, PAGE_SIZE), 0);
    ASSERT_TRUE(hart.read(parent, base + 5 * PAGE_SIZE, &v));
    EXPECT_EQ(v, 55);
    EXPECT_NE(maps_text(parent).find("/dev/zero (deleted)"), std::string::npos);
    mmput(parent);
    ASSERT_TRUE(hart.read(child, base, &v));
    EXPECT_EQ(v, 2);
    mmput(child);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, MunmapReturnsEveryPageAndTableAndFlushes)
{
    mm_struct* mm = mm_alloc();
    const unsigned long free_before = machine->nr_free();
    const unsigned long base = mmap_anon(mm, 8 * MiB);
    hart.write_range(mm, base, 8 * MiB, 7);
    EXPECT_EQ(mm->rss, 2048u);
    host_tlb_flushes = {};
    ASSERT_EQ(do_munmap(mm, base, 8 * MiB), 0);
    EXPECT_EQ(mm->rss, 0u);
    EXPECT_EQ(mm->nr_ptes, 1u);
    EXPECT_EQ(mm->map_count, 0);
    // The emptied page tables were freed, so one flush of the whole address space (§12.2.1).
    EXPECT_EQ(host_tlb_flushes.mms, 1u);
    EXPECT_EQ(host_tlb_flushes.ranges, 0u);
    EXPECT_EQ(host_tlb_flushes.last_mm, mm);
    EXPECT_EQ(machine->nr_free(), free_before);
    EXPECT_FALSE(hart.read(mm, base));  // gone
    mmput(mm);
}

TEST_P(FaultTest, DontneedDropsPagesAndRefaultsZero)
{
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 4 * PAGE_SIZE);
    hart.write_range(mm, base, 4 * PAGE_SIZE, 9);
    ASSERT_EQ(do_madvise(mm, base + PAGE_SIZE, 2 * PAGE_SIZE, MADV_DONTNEED), 0);
    EXPECT_EQ(mm->rss, 2u);
    EXPECT_EQ(mm->map_count, 1);  // the VMA stays
    u8 v = 1;
    ASSERT_TRUE(hart.read(mm, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 0);
    ASSERT_TRUE(hart.read(mm, base, &v));
    EXPECT_EQ(v, 9);
    EXPECT_EQ(do_madvise(mm, base + 8 * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), -ENOMEM);  // unmapped
    EXPECT_EQ(do_madvise(mm, base, PAGE_SIZE, 12345), -EINVAL);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(FaultTest, ForcedKernelWriteIntoReadOnlyText)
{
    mm_struct* mm = mm_alloc();
    const unsigned long text =
        do_mmap(mm, 0x10000, 2 * PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
    ASSERT_EQ(text, 0x10000u);
    const char code[] = "\x13\x00\x00\x00";  // nop
    EXPECT_EQ(access_process_vm(mm, text + PAGE_SIZE - 2, const_cast<char*>(code), 4, FOLL_WRITE), 0);  // not forced
    EXPECT_EQ(access_process_vm(mm, text + PAGE_SIZE - 2, const_cast<char*>(code), 4, FOLL_WRITE | FOLL_FORCE), 4);
    EXPECT_FALSE(pte_of(mm, text) & _PAGE_W);  // the PTE keeps the VMA's permissions
    EXPECT_EQ(mm->rss, 2u);
    EXPECT_TRUE(hart.exec(mm, text + PAGE_SIZE));
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, text + PAGE_SIZE - 2, &v));
    EXPECT_EQ(v, 0x13);
    char back[4] = {};
    EXPECT_EQ(access_process_vm(mm, text + PAGE_SIZE - 2, back, 4, 0), 4);
    EXPECT_EQ(std::memcmp(back, code, 4), 0);
    EXPECT_FALSE(hart.write(mm, text, 1));  // the process itself still may not write
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(FaultTest);

}  // namespace
