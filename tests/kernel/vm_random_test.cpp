// Long random sequences of mmap / munmap / mprotect / madvise / reads / writes / fork / exit
// over several address spaces, against a shadow model of every page's contents, with the
// accounting checked after each step by an independent walk of the page tables and mem_map:
// each frame's reference count equals its mappings (plus its shared object's), the per-mm
// counters equal what the tables hold, and free + used = total (no page lost or leaked).
#include <map>
#include <random>
#include <set>

#include "kernel/log2.h"
#include "mm/internal.h"
#include "mm/rmap.h"
#include "vm_test_support.h"

namespace {

struct PageModel {
    bool write;   // PROT_READ | PROT_WRITE, else PROT_READ
    int object;   // shared object id, -1 private
    unsigned long index;
    u8 value;     // private contents
};

struct Proc {
    mm_struct* mm;
    std::map<unsigned long, PageModel> pages;  // by page address
};

// Independent of the kernel's walker: the raw Sv39/Sv48 format (§12.3.1, §12.4).
struct TableCensus {
    unsigned long tables = 0, rss = 0, rss_zero = 0, thp = 0;
    std::map<unsigned long, int> maps;  // frame -> mappings (a 2 MiB compound head counted once)

    void walk(const pte_t* table, int level, bool root)
    {
        const unsigned n = root ? KERNEL_PGD_FIRST : PTRS_PER_PT;  // user half only at the root
        for (unsigned i = 0; i < n; ++i) {
            const pte_t e = table[i];
            const bool prot_none = e & _PAGE_PROT_NONE;
            if (!(e & _PAGE_V) && !prot_none) {
                EXPECT_EQ(e, 0u);
                continue;
            }
            const unsigned long pfn = pte_pfn(e);
            if ((e & _PAGE_V) && !(e & _PAGE_LEAF)) {
                ASSERT_GT(level, 0);
                ++tables;
                walk(static_cast<const pte_t*>(phys_to_virt(pfn_to_phys(pfn))), level - 1, false);
                continue;
            }
            ASSERT_LE(level, 1);
            if (level == 1) {
                ++thp;
                rss += HPAGE_PMD_NR;
                page* head = pfn_to_page(pfn);
                if (PageHead(head))
                    maps[pfn]++;
                else
                    for (unsigned j = 0; j < HPAGE_PMD_NR; ++j) maps[pfn + j]++;
            } else if (pfn == zero_pfn()) {
                ++rss_zero;
            } else {
                ++rss;
                maps[pfn]++;
            }
        }
    }
};

class VmRandomTest : public VmTest {
protected:
    unsigned long machine_bytes() const override { return 64 * MiB; }

    std::vector<Proc> procs;
    std::map<int, shmem_object*> objects;  // filled lazily from the VMAs
    std::map<int, std::map<unsigned long, u8>> shared_values;
    int next_object = 0;
    std::mt19937 rng{12345};

    unsigned long rnd(unsigned long n) { return std::uniform_int_distribution<unsigned long>(0, n - 1)(rng); }

    u8 expected(const Proc& p, unsigned long va)
    {
        const PageModel& m = p.pages.at(va);
        if (m.object < 0) return m.value;
        auto& vals = shared_values[m.object];
        auto it = vals.find(m.index);
        return it == vals.end() ? 0 : it->second;
    }

    // A random page address inside a mapping of p (or a random address when it has none).
    unsigned long random_mapped(const Proc& p)
    {
        if (p.pages.empty()) return 0x10000;
        const unsigned long lo = p.pages.begin()->first, hi = p.pages.rbegin()->first;
        return p.pages.lower_bound(lo + (rnd((hi - lo) / PAGE_SIZE + 1) << PAGE_SHIFT))->first;
    }

    void do_random_mmap(Proc& p)
    {
        const bool shared = rnd(8) == 0;
        const bool big = rnd(3) == 0;
        const unsigned long len = big ? (1 + rnd(3)) * PMD_SIZE : (1 + rnd(64)) * PAGE_SIZE;
        const bool write = rnd(4) != 0;
        unsigned long flags = MAP_ANONYMOUS | (shared ? MAP_SHARED : MAP_PRIVATE);
        unsigned long addr = 0;
        if (rnd(4) == 0 && !p.pages.empty()) {
            addr = random_mapped(p);
            flags |= MAP_FIXED;
        }
        const unsigned long r = do_mmap(p.mm, addr, len, write ? PROT_READ | PROT_WRITE : PROT_READ, flags);
        if (IS_ERR_VALUE(r)) return;
        const int object = shared ? next_object++ : -1;
        for (unsigned long off = 0; off < len; off += PAGE_SIZE)
            p.pages[r + off] = PageModel{write, object, off >> PAGE_SHIFT, 0};
    }

    void do_random_munmap(Proc& p)
    {
        const unsigned long start = random_mapped(p);
        const unsigned long len = (1 + rnd(rnd(2) ? 8 : 700)) * PAGE_SIZE;
        ASSERT_EQ(do_munmap(p.mm, start, len), 0);
        p.pages.erase(p.pages.lower_bound(start), p.pages.lower_bound(start + len));
    }

    // mprotect over a fully mapped run starting at a random page.
    void do_random_mprotect(Proc& p)
    {
        unsigned long start = random_mapped(p), end = start;
        const unsigned long want = (1 + rnd(600)) * PAGE_SIZE;
        while (end - start < want && p.pages.count(end)) end += PAGE_SIZE;
        if (end == start) return;
        const bool write = rnd(2);
        ASSERT_EQ(do_mprotect(p.mm, start, end - start, write ? PROT_READ | PROT_WRITE : PROT_READ), 0);
        for (unsigned long va = start; va < end; va += PAGE_SIZE) p.pages[va].write = write;
    }

    void do_random_dontneed(Proc& p)
    {
        unsigned long start = random_mapped(p), end = start;
        while (end - start < 600 * PAGE_SIZE && p.pages.count(end)) end += PAGE_SIZE;
        if (end == start) return;
        ASSERT_EQ(do_madvise(p.mm, start, end - start, MADV_DONTNEED), 0);
        for (unsigned long va = start; va < end; va += PAGE_SIZE) p.pages[va].value = 0;  // shared keep theirs
    }

    void do_random_access(Proc& p)
    {
        if (p.pages.empty()) {
            EXPECT_FALSE(hart.read(p.mm, 0x10000));
            return;
        }
        const unsigned long va = random_mapped(p);
        PageModel& m = p.pages[va];
        const unsigned long off = rnd(PAGE_SIZE);
        if (rnd(2)) {
            const u8 v = u8(1 + rnd(255));
            const bool ok = hart.write(p.mm, va + off, v);
            ASSERT_EQ(ok, m.write) << std::hex << va;
            if (!ok) return;
            // The model keeps one value per page: write it over the whole page's first byte too.
            ASSERT_TRUE(hart.write(p.mm, va, v));
            if (m.object < 0)
                m.value = v;
            else
                shared_values[m.object][m.index] = v;
        } else {
            u8 v = 0;
            ASSERT_TRUE(hart.read(p.mm, va, &v));
            ASSERT_EQ(v, expected(p, va)) << std::hex << va;
        }
    }

    // The anonymous reverse map: every 4 KiB page on an LRU list mapped in private memory is in
    // it, its mapcount is the number of PTEs that map it, and rmap_walk_anon finds exactly those.
    void check_anon_rmap()
    {
        using Where = std::set<std::pair<mm_struct*, unsigned long>>;
        std::map<unsigned long, Where> ptes;
        struct Collect {
            std::map<unsigned long, Where>* ptes;
            mm_struct* mm;
        };
        for (Proc& p : procs)
            list_for_each_entry(vma, &p.mm->mmap, vm_area_struct, vm_list) {
                if (vma->vm_shared) continue;
                Collect c{&ptes, p.mm};
                pt_walk w{[](pt_walk* w, pte_t* e, int level, unsigned long addr) {
                              auto* c = static_cast<Collect*>(w->priv);
                              if (level == 0 && pte_pfn(*e) != zero_pfn()) (*c->ptes)[pte_pfn(*e)].insert({c->mm, addr});
                              return walk_action::next;
                          },
                          &c};
                walk_range(p.mm->pgd, vma->vm_start, vma->vm_end, &w);
            }
        for (auto& [pfn, where] : ptes) {
            page* pg = pfn_to_page(pfn);
            // A huge page, or a part of a split one: on no LRU list, never reclaimed, not in
            // the anon rmap (mm/rmap.h).
            if (!PageLRU(pg)) {
                ASSERT_FALSE(PageAnon(pg)) << std::hex << "pfn " << pfn;
                continue;
            }
            ASSERT_TRUE(PageAnon(pg)) << std::hex << "pfn " << pfn;
            ASSERT_EQ(page_mapcount(pg), int(where.size())) << std::hex << "pfn " << pfn;
            Where found;
            ASSERT_TRUE(rmap_walk_anon(
                pg, [](vm_area_struct* vma, unsigned long addr, pte_t*, void* arg) {
                    static_cast<Where*>(arg)->insert({vma->vm_mm, addr});
                },
                &found));
            ASSERT_EQ(found, where) << std::hex << "pfn " << pfn;
        }
    }

    void check_accounting()
    {
        check_anon_rmap();
        if (HasFatalFailure()) return;
        std::map<unsigned long, int> refs;
        std::set<shmem_object*> shm;
        unsigned long user_tables = 0;
        for (Proc& p : procs) {
            TableCensus c;
            c.walk(p.mm->pgd, pgd_level(), true);
            ASSERT_EQ(p.mm->rss, c.rss);
            ASSERT_EQ(p.mm->rss_zero, c.rss_zero);
            ASSERT_EQ(p.mm->thp_pages, c.thp);
            ASSERT_EQ(p.mm->nr_ptes, c.tables + 1);
            user_tables += c.tables + 1;
            for (auto& [pfn, n] : c.maps) refs[pfn] += n;
            list_for_each_entry(vma, &p.mm->mmap, vm_area_struct, vm_list)
                if (vma->vm_shared) shm.insert(vma->vm_shared);
        }
        for (shmem_object* o : shm)
            for (unsigned long i = 0; i < o->nr_pages; ++i)
                if (o->pages[i]) refs[page_to_pfn(o->pages[i])]++;
        unsigned long data_pages = 0;
        for (auto& [pfn, n] : refs) {
            page* pg = pfn_to_page(pfn);
            ASSERT_EQ(page_ref_count(pg), n) << std::hex << "pfn " << pfn;
            data_pages += PageHead(pg) ? (1UL << pg->order) : 1;
        }
        TableCensus kernel;
        for (unsigned i = KERNEL_PGD_FIRST; i < PTRS_PER_PT; ++i)
            if (pte_table(swapper_pg_dir[i])) {
                kernel.tables++;
                kernel.walk(pte_table_ptr(swapper_pg_dir[i]), pgd_level() - 1, false);
            }
        ASSERT_EQ(vm_events.nr_page_table_pages, user_tables + kernel.tables);
        // Every page of mem_map: free (buddy), slab, or one of the above.
        const pglist_data* pgdat = NODE_DATA(NodeId{0});
        unsigned long free = 0, slab = 0;
        for (unsigned long i = 0; i < pgdat->node_spanned_pages;) {
            const page* pg = &pgdat->node_mem_map[i];
            const unsigned long n = (PageBuddy(pg) || PageSlab(pg)) ? (1UL << pg->order) : 1;
            if (PageBuddy(pg)) free += n;
            if (PageSlab(pg)) slab += n;
            i += n;
        }
        ASSERT_EQ(free, machine->buddy.nr_free_pages());
        // Shared objects' page arrays above 8 KiB are kmalloc'd straight from the buddy.
        unsigned long big_kmalloc = 0;
        for (shmem_object* o : shm)
            if (o->nr_pages * sizeof(page*) > 8192) big_kmalloc += 1UL << get_order(o->nr_pages * sizeof(page*));
        ASSERT_EQ(free + slab + data_pages + user_tables + kernel.tables + 1 /* zero page */ + big_kmalloc,
                  machine->buddy.totalram_pages());
    }
};

TEST_P(VmRandomTest, LongSequencesKeepEveryPageAccountedFor)
{
    procs.push_back({mm_alloc(), {}});
    for (int step = 0; step < 6000; ++step) {
        if (step % 200 == 0) transparent_hugepage = thp_policy(rnd(3));
        Proc& p = procs[rnd(procs.size())];
        const unsigned long op = rnd(100);
        if (op < 12)
            do_random_mmap(p);
        else if (op < 20)
            do_random_munmap(p);
        else if (op < 26)
            do_random_mprotect(p);
        else if (op < 29)
            do_random_dontneed(p);
        else if (op < 31 && procs.size() < 4) {
            mm_struct* child = dup_mm(p.mm);
            ASSERT_NE(child, nullptr);
            procs.push_back({child, p.pages});
        } else if (op < 33 && procs.size() > 1) {
            const size_t i = rnd(procs.size());
            mmput(procs[i].mm);
            procs.erase(procs.begin() + long(i));
        } else {
            do_random_access(p);
        }
        if (HasFatalFailure()) return;
        if (step % 25 == 0) {
            check_accounting();
            if (HasFatalFailure()) return;
        }
    }
    check_accounting();
    // The sequence reached every mechanism.
    EXPECT_GT(vm_events.cow_copies, 0u);
    EXPECT_GT(vm_events.cow_reuse, 0u);
    EXPECT_GT(vm_events.thp_fault_alloc, 0u);
    EXPECT_GT(vm_events.zero_page_maps, 0u);
    EXPECT_GT(hart.segv, 0u);
    for (Proc& p : procs) mmput(p.mm);
    EXPECT_EQ(machine->used_since_boot(), 0u);
}

INSTANTIATE_VM_TEST(VmRandomTest);

}  // namespace
