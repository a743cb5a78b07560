// Overcommit accounting (mm/overcommit.h; Linux __vm_enough_memory): which mappings charge
// Committed_AS and give it back, CommitLimit's arithmetic, and vm.overcommit_memory's three
// modes refusing mmap, brk, mprotect and fork with ENOMEM where Linux's do.
#include "mm/overcommit.h"

#include "vm_test_support.h"

namespace {

class OvercommitTest : public VmTest {
protected:
    void SetUp() override
    {
        VmTest::SetUp();
        start = vm_memory_committed();
        ram = page_allocator->totalram_pages();
    }
    void TearDown() override
    {
        EXPECT_EQ(vm_memory_committed(), start) << "every charge given back";
        vm_overcommit_memory = OVERCOMMIT_GUESS;
        vm_overcommit_ratio = 50;
        VmTest::TearDown();
    }
    unsigned long committed() const { return vm_memory_committed() - start; }
    unsigned long start = 0, ram = 0;
};

TEST_P(OvercommitTest, CommitLimitIsRamTimesRatioPlusSwap)
{
    EXPECT_EQ(ram, 32 * MiB / PAGE_SIZE);
    EXPECT_EQ(vm_commit_limit(), ram / 2);  // no swap here
    vm_overcommit_ratio = 100;
    EXPECT_EQ(vm_commit_limit(), ram);
    vm_overcommit_ratio = 0;
    EXPECT_EQ(vm_commit_limit(), 0u);
}

TEST_P(OvercommitTest, PrivateWritableMappingsAreChargedUntilUnmapped)
{
    mm_struct* mm = mm_alloc();
    const unsigned long rw = mmap_anon(mm, 10 * PAGE_SIZE);
    EXPECT_EQ(committed(), 10u);
    mmap_anon(mm, 4 * PAGE_SIZE, PROT_READ);                             // read-only: not charged
    mmap_anon(mm, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);    // shared: not charged
    mmap_anon(mm, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
    EXPECT_EQ(committed(), 10u);
    EXPECT_EQ(do_munmap(mm, rw + 2 * PAGE_SIZE, 3 * PAGE_SIZE), 0);  // a hole in the middle
    EXPECT_EQ(committed(), 7u);
    // Made writable, a private read-only mapping is charged; read-only again, it stays so.
    const unsigned long ro = mmap_anon(mm, 6 * PAGE_SIZE, PROT_READ);
    EXPECT_EQ(do_mprotect(mm, ro, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
    EXPECT_EQ(committed(), 9u);
    EXPECT_EQ(do_mprotect(mm, ro, 6 * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
    EXPECT_EQ(committed(), 13u);
    EXPECT_EQ(do_mprotect(mm, ro, 6 * PAGE_SIZE, PROT_READ), 0);
    EXPECT_EQ(committed(), 13u);
    // fork charges the child's copies; exit gives back each mm's.
    mm_struct* child = dup_mm(mm);
    ASSERT_NE(child, nullptr);
    EXPECT_EQ(committed(), 26u);
    mmput(child);
    EXPECT_EQ(committed(), 13u);
    mmput(mm);
    EXPECT_EQ(committed(), 0u);
}

TEST_P(OvercommitTest, NeverRefusesBeyondCommitLimit)
{
    vm_overcommit_memory = OVERCOMMIT_NEVER;
    mm_struct* mm = mm_alloc();
    const unsigned long room = vm_commit_limit() - vm_memory_committed();
    // A fresh mm has no user reserve (total_vm / 32 = 0): Committed_AS may reach CommitLimit - 1.
    const unsigned long big = mmap_anon(mm, (room - 1) * PAGE_SIZE);
    ASSERT_FALSE(IS_ERR_VALUE(big));
    EXPECT_EQ(vm_memory_committed(), vm_commit_limit() - 1);
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE), (unsigned long)-ENOMEM);
    EXPECT_EQ(vm_memory_committed(), vm_commit_limit() - 1) << "a refused charge is given back";
    // MAP_NORESERVE does not escape mode 2; read-only mappings are free.
    EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE), (unsigned long)-ENOMEM);
    const unsigned long ro = mmap_anon(mm, PAGE_SIZE, PROT_READ);
    ASSERT_FALSE(IS_ERR_VALUE(ro));
    EXPECT_EQ(do_mprotect(mm, ro, PAGE_SIZE, PROT_READ | PROT_WRITE), -ENOMEM);
    EXPECT_EQ(dup_mm(mm), nullptr) << "the child's copy cannot be charged";
    EXPECT_EQ(vm_memory_committed(), vm_commit_limit() - 1);
    // Unmapping makes room again, less the user reserve of the mm's size / 32: Committed_AS
    // may reach CommitLimit - reserve - 1.
    EXPECT_EQ(do_munmap(mm, big, 512 * PAGE_SIZE), 0);
    const unsigned long reserve = (room - 512) / 32;  // the big mapping's rest and the read-only page
    ASSERT_LT(reserve, 512u);
    EXPECT_EQ(mmap_anon(mm, (513 - reserve) * PAGE_SIZE), (unsigned long)-ENOMEM);
    ASSERT_FALSE(IS_ERR_VALUE(mmap_anon(mm, (512 - reserve) * PAGE_SIZE)));
    EXPECT_EQ(vm_memory_committed(), vm_commit_limit() - reserve - 1);
    mmput(mm);
}

// Linux 6.12: a MAP_FIXED refused by the commit limit leaves the mapping it would replace; one
// that fits once the replaced pages' charge is given back is accepted.
TEST_P(OvercommitTest, RefusedMapFixedKeepsWhatItWouldReplace)
{
    vm_overcommit_memory = OVERCOMMIT_NEVER;
    mm_struct* mm = mm_alloc();
    const unsigned long old = mmap_anon(mm, 16 * PAGE_SIZE);
    ASSERT_FALSE(IS_ERR_VALUE(old));
    const unsigned long room = vm_commit_limit() - vm_memory_committed();
    const unsigned long committed = vm_memory_committed();
    EXPECT_EQ(do_mmap(mm, old, (room + 16) * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
              (unsigned long)-ENOMEM);
    vm_area_struct* vma = find_vma(mm, old);
    ASSERT_NE(vma, nullptr);
    EXPECT_EQ(vma->vm_start, old) << "still mapped";
    EXPECT_EQ(vma->vm_end, old + 16 * PAGE_SIZE);
    EXPECT_EQ(vm_memory_committed(), committed);
    // The same 16 pages again: nothing more to charge.
    EXPECT_EQ(do_mmap(mm, old, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), old);
    EXPECT_EQ(vm_memory_committed(), committed);
    mmput(mm);
}

TEST_P(OvercommitTest, NeverRefusesBrkBeyondCommitLimit)
{
    vm_overcommit_memory = OVERCOMMIT_NEVER;
    mm_struct* mm = mm_alloc();
    setup_user_layout(mm, 0x10000);
    const unsigned long start_brk = mm->brk;
    const unsigned long room = vm_commit_limit() - vm_memory_committed();
    EXPECT_EQ(do_brk(mm, start_brk + room * PAGE_SIZE), start_brk) << "refused: the old break";
    const unsigned long fits = start_brk + (room / 2) * PAGE_SIZE;
    EXPECT_EQ(do_brk(mm, fits), fits);
    EXPECT_EQ(do_brk(mm, start_brk), start_brk);
    mmput(mm);
}

TEST_P(OvercommitTest, GuessRefusesOnlyOneMappingLargerThanRamPlusSwap)
{
    mm_struct* mm = mm_alloc();
    EXPECT_EQ(mmap_anon(mm, (ram + 1) * PAGE_SIZE), (unsigned long)-ENOMEM);
    EXPECT_EQ(committed(), 0u);
    ASSERT_FALSE(IS_ERR_VALUE(mmap_anon(mm, ram * PAGE_SIZE)));
    ASSERT_FALSE(IS_ERR_VALUE(mmap_anon(mm, ram * PAGE_SIZE)));
    EXPECT_EQ(committed(), 2 * ram);  // twice RAM, over CommitLimit: the heuristic allows it
    EXPECT_FALSE(IS_ERR_VALUE(mmap_anon(mm, 4 * ram * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE)));
    mmput(mm);
}

TEST_P(OvercommitTest, AlwaysNeverRefuses)
{
    vm_overcommit_memory = OVERCOMMIT_ALWAYS;
    mm_struct* mm = mm_alloc();
    ASSERT_FALSE(IS_ERR_VALUE(mmap_anon(mm, 8 * ram * PAGE_SIZE)));
    EXPECT_EQ(committed(), 8 * ram);
    mmput(mm);
}

}  // namespace

INSTANTIATE_VM_TEST(OvercommitTest);
