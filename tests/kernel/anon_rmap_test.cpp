// The anonymous reverse map (sw/kernel/mm/anon_rmap.cpp): a page's anon_vma, index and
// mapcount through fork, a split, copy-on-write and munmap; page_referenced finding and clearing
// the accessed bit of every PTE that maps it; the anon_vma freed with its last VMA and page.
#include <set>

#include "mm/rmap.h"
#include "vm_test_support.h"

namespace {

class AnonRmapTest : public VmTest {};

page* page_at(mm_struct* mm, unsigned long va)
{
    int level = 0;
    pte_t* e = walk_pgtable(mm->pgd, va, &level);
    return (e && level == 0 && pte_leaf(*e)) ? pfn_to_page(pte_pfn(*e)) : nullptr;
}

std::set<std::pair<mm_struct*, unsigned long>> rmap_of(page* p)
{
    std::set<std::pair<mm_struct*, unsigned long>> found;
    EXPECT_TRUE(rmap_walk_anon(
        p, [](vm_area_struct* vma, unsigned long addr, pte_t*, void* arg) {
            static_cast<std::set<std::pair<mm_struct*, unsigned long>>*>(arg)->insert({vma->vm_mm, addr});
        },
        &found));
    return found;
}

}  // namespace

TEST_P(AnonRmapTest, ForkSplitCowAndMunmapKeepEveryMappingFound)
{
    mm_struct* parent = mm_alloc();
    const unsigned long base = mmap_anon(parent, 16 * PAGE_SIZE);
    hart.write_range(parent, base, 16 * PAGE_SIZE, 1);
    const unsigned long va = base + 5 * PAGE_SIZE;
    page* p = page_at(parent, va);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(PageAnon(p));
    EXPECT_EQ(p->index, va >> PAGE_SHIFT) << "an anonymous VMA's offsets are its addresses in pages";
    EXPECT_EQ(page_mapcount(p), 1);

    mm_struct* child = dup_mm(parent);
    EXPECT_EQ(page_mapcount(p), 2);
    EXPECT_EQ(rmap_of(p), (std::set<std::pair<mm_struct*, unsigned long>>{{parent, va}, {child, va}}));
    unsigned long flags = 0;
    EXPECT_EQ(page_referenced(p, &flags), 2) << "A set by the write fault, copied by fork";
    EXPECT_TRUE(flags & VM_WRITE);
    EXPECT_EQ(page_referenced(p, &flags), 0) << "cleared by the first look";

    // A split (mprotect of the pages above va) keeps both halves on the anon_vma.
    ASSERT_EQ(do_mprotect(parent, va + PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ), 0);
    page* q = page_at(parent, va + 2 * PAGE_SIZE);
    EXPECT_EQ(rmap_of(q), (std::set<std::pair<mm_struct*, unsigned long>>{{parent, va + 2 * PAGE_SIZE},
                                                                           {child, va + 2 * PAGE_SIZE}}));
    ASSERT_EQ(do_mprotect(parent, va + PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);  // merged again
    EXPECT_EQ(rmap_of(q).size(), 2u);

    // The child's write copies: the copy is its own, p is the parent's alone.
    ASSERT_TRUE(hart.write(child, va, 2));
    page* copy = page_at(child, va);
    ASSERT_NE(copy, p);
    EXPECT_TRUE(PageAnon(copy));
    EXPECT_NE(page_anon_vma(copy), page_anon_vma(p)) << "the child's own anon_vma, as Linux's anon_vma_fork gives";
    EXPECT_EQ(page_mapcount(copy), 1);
    EXPECT_EQ(page_mapcount(p), 1);
    EXPECT_EQ(rmap_of(p), (std::set<std::pair<mm_struct*, unsigned long>>{{parent, va}}));

    ASSERT_EQ(do_munmap(parent, base, 16 * PAGE_SIZE), 0);
    EXPECT_EQ(page_mapcount(q), 1);
    EXPECT_EQ(rmap_of(q), (std::set<std::pair<mm_struct*, unsigned long>>{{child, va + 2 * PAGE_SIZE}}));
    mmput(parent);
    mmput(child);
    EXPECT_EQ(machine->used_since_boot(), 0u) << "pages, tables, VMAs and the anon_vma all freed";
}

TEST_P(AnonRmapTest, ZeroPageReplacedByAnAnonymousPage)
{
    mm_struct* mm = mm_alloc();
    const unsigned long base = mmap_anon(mm, 4 * PAGE_SIZE);
    ASSERT_TRUE(hart.read(mm, base));
    EXPECT_FALSE(PageAnon(zero_page)) << "the zero page is in no rmap";
    ASSERT_TRUE(hart.write(mm, base, 7));
    page* p = page_at(mm, base);
    ASSERT_NE(p, zero_page);
    EXPECT_TRUE(PageAnon(p));
    EXPECT_EQ(page_mapcount(p), 1);
    EXPECT_EQ(rmap_of(p), (std::set<std::pair<mm_struct*, unsigned long>>{{mm, base}}));
    mmput(mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(AnonRmapTest);
