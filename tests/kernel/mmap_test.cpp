// VMAs and the mmap family: top-down placement below mmap_base (2 MiB-aligned for multiples
// of 2 MiB), merging of compatible neighbours, MAP_FIXED replacement, munmap and mprotect
// splitting, brk with sys_brk's semantics, the user layout, /proc/PID/maps text and proc_stat.
#include "vm_test_support.h"

namespace {

class MmapTest : public VmTest {};

std::vector<std::pair<unsigned long, unsigned long>> vma_list(mm_struct* mm)
{
    std::vector<std::pair<unsigned long, unsigned long>> v;
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) v.emplace_back(vma->vm_start, vma->vm_end);
    return v;
}

using Ranges = std::vector<std::pair<unsigned long, unsigned long>>;

TEST_P(MmapTest, TopDownBelowMmapBaseAndMergesNeighbours)
{
    mm_struct* mm = mm_alloc();
    const unsigned long top = mm->mmap_base;
    EXPECT_EQ(top, task_size() - 136 * MiB);
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE), top - PAGE_SIZE);
    EXPECT_EQ(mmap_anon(mm, 3 * PAGE_SIZE), top - 4 * PAGE_SIZE);
    EXPECT_EQ(vma_list(mm), (Ranges{{top - 4 * PAGE_SIZE, top}}));  // one VMA: merged
    // Different permissions do not merge.
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ), top - 5 * PAGE_SIZE);
    EXPECT_EQ(mm->map_count, 2);
    // A multiple of 2 MiB starts on a 2 MiB boundary (Linux thp_get_unmapped_area).
    const unsigned long big = mmap_anon(mm, 4 * MiB);
    EXPECT_EQ(big, (top - 5 * PAGE_SIZE - 4 * MiB) & PMD_MASK);
    // A free hint is taken as given; an occupied one is not.
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0x7000'0000), 0x7000'0000u);
    // Occupied: the highest gap below mmap_base that fits, above the aligned 4 MiB.
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE, big), top - 6 * PAGE_SIZE);
    EXPECT_EQ(find_vma(mm, 0), find_vma(mm, 0x7000'0000));
    EXPECT_EQ(find_vma(mm, 0x7000'0000)->vm_start, 0x7000'0000u);
    EXPECT_EQ(find_vma(mm, top), nullptr);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(MmapTest, ArgumentErrorsAsLinux)
{
    mm_struct* mm = mm_alloc();
    EXPECT_EQ(mmap_anon(mm, 0), (unsigned long)-EINVAL);
    EXPECT_EQ(do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE), (unsigned long)-EINVAL);  // not anonymous
    EXPECT_EQ(do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS), (unsigned long)-EINVAL);  // neither type
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, 0x8), (unsigned long)-EINVAL);
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED, 0x10001), (unsigned long)-EINVAL);
    EXPECT_EQ(mmap_anon(mm, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED, task_size() - PAGE_SIZE),
              (unsigned long)-ENOMEM);
    EXPECT_EQ(mmap_anon(mm, task_size() + PAGE_SIZE), (unsigned long)-ENOMEM);
    EXPECT_EQ(do_munmap(mm, 0x10001, PAGE_SIZE), -EINVAL);
    EXPECT_EQ(do_munmap(mm, 0x10000, 0), -EINVAL);
    EXPECT_EQ(do_munmap(mm, 0x10000, PAGE_SIZE), 0);  // nothing there: fine
    EXPECT_EQ(do_mprotect(mm, 0x10000, PAGE_SIZE, PROT_READ), -ENOMEM);  // a hole
    EXPECT_EQ(do_mprotect(mm, 0x10001, PAGE_SIZE, PROT_READ), -EINVAL);
    EXPECT_EQ(mm->map_count, 0);
    mmput(mm);
}

TEST_P(MmapTest, MapFixedReplacesWhatIsThere)
{
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 4 * PAGE_SIZE);
    hart.write_range(mm, base, 4 * PAGE_SIZE, 0x5a);
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, base + PAGE_SIZE),
              base + PAGE_SIZE);
    EXPECT_EQ(vma_list(mm), (Ranges{{base, base + 4 * PAGE_SIZE}}));  // same flags: merged again
    EXPECT_EQ(mm->rss, 3u);
    u8 v = 1;
    ASSERT_TRUE(hart.read(mm, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 0);  // fresh memory
    ASSERT_TRUE(hart.read(mm, base + 2 * PAGE_SIZE, &v));
    EXPECT_EQ(v, 0x5a);
    // Replaced by a read-only mapping: three VMAs.
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED, base + 2 * PAGE_SIZE), base + 2 * PAGE_SIZE);
    EXPECT_EQ(vma_list(mm), (Ranges{{base, base + 2 * PAGE_SIZE},
                                    {base + 2 * PAGE_SIZE, base + 3 * PAGE_SIZE},
                                    {base + 3 * PAGE_SIZE, base + 4 * PAGE_SIZE}}));
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(MmapTest, MunmapMiddleSplitsAndFreesTables)
{
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 6 * MiB);  // 2 MiB aligned: three 4 KiB-entry tables
    hart.write_range(mm, base, 6 * MiB, 1);
    const unsigned long tables = mm->nr_ptes;
    ASSERT_EQ(do_munmap(mm, base + 2 * MiB, 2 * MiB), 0);
    EXPECT_EQ(vma_list(mm), (Ranges{{base, base + 2 * MiB}, {base + 4 * MiB, base + 6 * MiB}}));
    EXPECT_EQ(mm->nr_ptes, tables - 1);  // the middle table emptied and went back
    EXPECT_EQ(mm->rss, 1024u);
    ASSERT_EQ(do_munmap(mm, base + PAGE_SIZE, PAGE_SIZE), 0);
    EXPECT_EQ(mm->map_count, 3);
    EXPECT_EQ(mm->rss, 1023u);
    EXPECT_FALSE(hart.read(mm, base + PAGE_SIZE));
    EXPECT_TRUE(hart.read(mm, base + 2 * PAGE_SIZE));
    // One munmap over holes and several VMAs.
    ASSERT_EQ(do_munmap(mm, base, 6 * MiB), 0);
    EXPECT_EQ(mm->map_count, 0);
    EXPECT_EQ(mm->nr_ptes, 1u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(MmapTest, MprotectSplitsThenMergesBack)
{
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 3 * PAGE_SIZE);
    hart.write_range(mm, base, 3 * PAGE_SIZE, 3);
    host_tlb_flushes = {};
    ASSERT_EQ(do_mprotect(mm, base + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
    EXPECT_EQ(host_tlb_flushes.ranges, 1u);
    EXPECT_EQ(host_tlb_flushes.last_start, base + PAGE_SIZE);
    EXPECT_EQ(mm->map_count, 3);
    EXPECT_EQ(find_vma(mm, base + PAGE_SIZE)->vm_flags & VM_ACCESS_FLAGS, VM_READ);
    EXPECT_FALSE(hart.write(mm, base + PAGE_SIZE, 9));  // SIGSEGV
    u8 v = 0;
    ASSERT_TRUE(hart.read(mm, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 3);
    const unsigned long faults = hart.faults;
    ASSERT_TRUE(hart.write(mm, base + 2 * PAGE_SIZE, 4));  // still writable, no fault
    EXPECT_EQ(hart.faults, faults);
    ASSERT_EQ(do_mprotect(mm, base + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
    EXPECT_EQ(vma_list(mm), (Ranges{{base, base + 3 * PAGE_SIZE}}));
    // The page is ours alone: the write after mprotect faults once and reuses it.
    ASSERT_TRUE(hart.write(mm, base + PAGE_SIZE, 5));
    EXPECT_EQ(hart.faults, faults + 1);
    EXPECT_EQ(vm_events.cow_reuse, 1u);
    EXPECT_EQ(vm_events.cow_copies, 0u);
    // PROT_NONE keeps the data for later.
    ASSERT_EQ(do_mprotect(mm, base, 3 * PAGE_SIZE, PROT_NONE), 0);
    EXPECT_FALSE(hart.read(mm, base));
    EXPECT_EQ(mm->rss, 3u);
    ASSERT_EQ(do_mprotect(mm, base, 3 * PAGE_SIZE, PROT_READ), 0);
    ASSERT_TRUE(hart.read(mm, base + PAGE_SIZE, &v));
    EXPECT_EQ(v, 5);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(MmapTest, BrkFollowsSysBrk)
{
    mm_struct* mm = mm_alloc();
    ASSERT_EQ(do_mmap(mm, 0x10000, 0x2000, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), 0x10000u);
    ASSERT_EQ(do_mmap(mm, 0x12000, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), 0x12000u);
    setup_user_layout(mm, 0x12345);
    EXPECT_EQ(mm->start_brk, 0x13000u);
    EXPECT_EQ(mm->brk, 0x13000u);
    EXPECT_EQ(mm->start_code, 0x10000u);
    EXPECT_EQ(mm->end_code, 0x12000u);
    EXPECT_EQ(mm->start_data, 0x12000u);
    EXPECT_EQ(mm->end_data, 0x13000u);
    EXPECT_EQ(do_brk(mm, 0), 0x13000u);        // the query
    EXPECT_EQ(do_brk(mm, 0x12000), 0x13000u);  // below start_brk: unchanged
    EXPECT_EQ(do_brk(mm, 0x13010), 0x13010u);
    EXPECT_EQ(find_vma(mm, 0x13000)->vm_end, 0x14000u);
    EXPECT_EQ(do_brk(mm, 0x13ff0), 0x13ff0u);  // same page: no new VMA
    EXPECT_EQ(do_brk(mm, 0x35000), 0x35000u);  // grows the heap VMA
    EXPECT_EQ(mm->map_count, 4);               // text, data, heap, stack
    EXPECT_EQ(find_vma(mm, 0x13000)->vm_end, 0x35000u);
    hart.write_range(mm, 0x13000, 0x22000, 1);
    EXPECT_EQ(mm->rss, 0x22u);
    EXPECT_EQ(do_brk(mm, 0x20000), 0x20000u);  // shrinking returns the pages above
    EXPECT_EQ(mm->rss, 0xdu);
    EXPECT_FALSE(hart.read(mm, 0x20000));
    // Growing into another mapping (within a guard page) leaves the break unchanged.
    ASSERT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED, 0x40000), 0x40000u);
    EXPECT_EQ(do_brk(mm, 0x3f800), 0x20000u);
    EXPECT_EQ(do_brk(mm, 0x3f000), 0x3f000u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(MmapTest, ShowMapsAndProcStat)
{
    mm_struct* mm = mm_alloc();
    ASSERT_EQ(do_mmap(mm, 0x10000, 0x2000, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), 0x10000u);
    ASSERT_EQ(do_mmap(mm, 0x12000, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), 0x12000u);
    setup_user_layout(mm, 0x12800);
    ASSERT_EQ(do_brk(mm, 0x15000), 0x15000u);
    const unsigned long anon = mmap_anon(mm, 2 * PAGE_SIZE);
    const unsigned long shared = mmap_anon(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
    const unsigned long top = task_size();
    // Linux show_map_vma: a named line is padded to column 72, then one space and the name.
    auto named = [](std::string prefix, const char* name) {
        prefix.resize(72, ' ');
        return prefix + " " + name + "\n";
    };
    if (GetParam() == 3) {
        ASSERT_EQ(anon, 0x3ff77fe000u);
        ASSERT_EQ(shared, 0x3ff77fd000u);
        EXPECT_EQ(maps_text(mm), "00010000-00012000 r-xp 00000000 00:00 0 \n"
                                 "00012000-00013000 rw-p 00000000 00:00 0 \n" +
                                     named("00013000-00015000 rw-p 00000000 00:00 0 ", "[heap]") +
                                     named("3ff77fd000-3ff77fe000 rw-s 00000000 00:00 0 ", "/dev/zero (deleted)") +
                                     "3ff77fe000-3ff7800000 rw-p 00000000 00:00 0 \n" +
                                     named("3fff800000-4000000000 rw-p 00000000 00:00 0 ", "[stack]"));
        EXPECT_EQ(named("00013000-00015000 rw-p 00000000 00:00 0 ", "[heap]").find("[heap]"), 73u);
    }
    const memvp_proc_stat st = proc_stat(mm);
    EXPECT_EQ(st.vm_size_pages, 2u + 1 + 2 + 2 + 1 + 2048);
    EXPECT_EQ(st.rss_pages, 0u);
    EXPECT_EQ(st.page_table_pages, 1u);
    EXPECT_EQ(st.start_brk, 0x13000u);
    EXPECT_EQ(st.brk, 0x15000u);
    EXPECT_EQ(st.mmap_base, top - 136 * MiB);
    EXPECT_EQ(st.stack_top, top);
    hart.write_range(mm, top - 3 * PAGE_SIZE, 3 * PAGE_SIZE, 1);
    ASSERT_TRUE(hart.read(mm, anon));
    const memvp_proc_stat st2 = proc_stat(mm);
    EXPECT_EQ(st2.rss_pages, 3u);
    EXPECT_EQ(st2.rss_zero_pages, 1u);
    EXPECT_EQ(st2.min_flt, 4u);
    // Stack and mmap area share the top GiB: root, (Sv48: level 2), one level 1, two level 0.
    EXPECT_EQ(st2.page_table_pages, GetParam() == 3 ? 4u : 5u);
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

TEST_P(MmapTest, UserAddressesAboveSv39OnlyUnderSv48)
{
    mm_struct* mm = mm_alloc();
    const unsigned long high = 0x4000'0000'0000UL;  // 64 TiB: root entry 128 under Sv48
    const unsigned long r = mmap_anon(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, high);
    if (GetParam() == 3) {
        EXPECT_EQ(r, (unsigned long)-ENOMEM);
    } else {
        ASSERT_EQ(r, high);
        ASSERT_TRUE(hart.write(mm, high + 5, 5));
        EXPECT_TRUE(pte_table(mm->pgd[pt_index(high, 3)]));
        EXPECT_EQ(pt_index(high, 3), 128u);
        EXPECT_EQ(mm->nr_ptes, 4u);
    }
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(MmapTest);

}  // namespace
