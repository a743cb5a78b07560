// Shared pieces of the virtual-memory tests: a machine with a buddy allocator, slab, zero
// page and vmalloc tables, parameterised by paging mode (Sv39 / Sv48), and a fake hart that
// touches user memory as the hardware would: it walks the page table first (§12.3.2) and
// calls handle_user_fault only when the walk faults, then retries the access.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "mm/buddy.h"
#include "mm/host/phys_mem.h"
#include "mm/host/vm_shims.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm_test_support.h"

inline constexpr unsigned long KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

// A machine of `bytes` DRAM on one node (ZONE_NORMAL), mem_map outside it, so every page is free.
class VmMachine {
public:
    explicit VmMachine(int levels, unsigned long bytes = 32 * MiB, bool poisoning = true)
    {
        old_handler_ = set_panic_handler(throwing_panic_handler);
        pgtable_levels = levels;
        std::memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
        vm_events = {};
        host_tlb_flushes = {};
        transparent_hugepage = THP_MADVISE;
        mem_ = std::make_unique<HostPhysMem>(kDramBase, bytes);
        memmap_.resize(bytes / PAGE_SIZE);
        mm_layout layout{};
        layout.nr_nodes = 1;
        layout.page_poisoning = poisoning;
        layout.nodes[0].nid = NodeId{0};
        layout.nodes[0].start_pfn = mem_->start_pfn();
        layout.nodes[0].zone_pages[ZONE_NORMAL] = bytes / PAGE_SIZE;
        layout.nodes[0].mem_map = memmap_.data();
        buddy.init(layout);
        buddy.free_all_memory();
        page_allocator = &buddy;
        slab = std::make_unique<SlabAllocator>(buddy, 1);
        slab_allocator = slab.get();
        zero_page_init();
        vmalloc_init();
        boot_free = nr_free();
    }

    ~VmMachine()
    {
        slab_allocator = nullptr;
        slab.reset();
        page_allocator = nullptr;
        buddy.teardown();
        pgtable_levels = 3;
        set_panic_handler(old_handler_);
    }

    // Free pages once the kmalloc caches have returned their empty slabs (they keep a few).
    unsigned long nr_free()
    {
        for (size_t size : {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192})
            slab->kmem_cache_shrink(slab->kmalloc_slab(size));
        return buddy.nr_free_pages();
    }
    // Pages taken since the machine booted (zero page and vmalloc tables excluded).
    unsigned long used_since_boot() { return boot_free - nr_free(); }

    BuddyAllocator buddy;
    std::unique_ptr<SlabAllocator> slab;
    unsigned long boot_free = 0;

private:
    std::unique_ptr<HostPhysMem> mem_;
    std::vector<page> memmap_;
    panic_handler_t old_handler_;
};

enum class Access { read, write, exec };

// The fake hart: counts the page faults it raised, like the trap handler would see them. It
// updates no A/D bit (Svade): a leaf without A faults (§12.3.2 step 9), as after reclaim's aging.
struct FakeHart {
    unsigned long faults = 0;
    unsigned long major = 0;  // faults the kernel answered with VM_FAULT_MAJOR
    unsigned long segv = 0;

    // The leaf the hardware would use for va, or nullptr (§12.3.2: V=0, or no leaf).
    static pte_t* hw_walk(mm_struct* mm, unsigned long va, int* level)
    {
        pte_t* e = walk_pgtable(mm->pgd, va, level);
        if (!e || !(*e & _PAGE_V) || !(*e & _PAGE_LEAF)) return nullptr;
        return e;
    }

    static bool permitted(pte_t pte, Access a)
    {
        if (!(pte & _PAGE_U)) return false;
        switch (a) {
        case Access::read: return pte & _PAGE_R;
        case Access::write: return (pte & _PAGE_W) && (pte & _PAGE_R);
        case Access::exec: return pte & _PAGE_X;
        }
        return false;
    }

    // The byte at va through the mapping (after the access succeeded).
    static u8* byte_at(mm_struct* mm, unsigned long va)
    {
        int level = 0;
        pte_t* e = hw_walk(mm, va, &level);
        EXPECT_NE(e, nullptr);
        const unsigned long size = pt_level_size(level);
        EXPECT_EQ(pte_pfn(*e) & ((size >> PAGE_SHIFT) - 1), 0u) << "misaligned superpage (§12.3.2 step 5)";
        const PhysAddr pa{(pte_pfn(*e) << PAGE_SHIFT) + (va & (size - 1))};
        return static_cast<u8*>(phys_to_virt(pa));
    }

    // One access; false when the kernel answered with SIGSEGV.
    bool access(mm_struct* mm, unsigned long va, Access a, u8* value)
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            int level = 0;
            pte_t* e = hw_walk(mm, va, &level);
            if (e && permitted(*e, a) && (*e & _PAGE_A)) {
                // docs/kernel.md: D on every writable leaf.
                if (*e & _PAGE_W) {
                    EXPECT_TRUE(*e & _PAGE_D);
                }
                u8* b = byte_at(mm, va);
                if (a == Access::write)
                    *b = *value;
                else
                    *value = *b;
                return true;
            }
            EXPECT_EQ(attempt, 0) << "the fault at " << std::hex << va << " was not resolved";
            if (attempt) return false;
            ++faults;
            const unsigned flags = FAULT_FLAG_USER | (a == Access::write ? FAULT_FLAG_WRITE : 0) |
                                   (a == Access::exec ? FAULT_FLAG_INSTRUCTION : 0);
            const vm_fault_t r = handle_user_fault(mm, va, flags);
            if (r & VM_FAULT_MAJOR) ++major;
            if (r & VM_FAULT_ERROR) {
                ++segv;
                return false;
            }
        }
        return false;
    }

    bool read(mm_struct* mm, unsigned long va, u8* value = nullptr)
    {
        u8 v = 0;
        const bool ok = access(mm, va, Access::read, &v);
        if (value) *value = v;
        return ok;
    }
    bool write(mm_struct* mm, unsigned long va, u8 value) { return access(mm, va, Access::write, &value); }
    bool exec(mm_struct* mm, unsigned long va)
    {
        u8 v = 0;
        return access(mm, va, Access::exec, &v);
    }

    // Touch one byte in each page of [start, start + len).
    void read_range(mm_struct* mm, unsigned long start, unsigned long len)
    {
        for (unsigned long va = start; va < start + len; va += PAGE_SIZE) ASSERT_TRUE(read(mm, va));
    }
    void write_range(mm_struct* mm, unsigned long start, unsigned long len, u8 value)
    {
        for (unsigned long va = start; va < start + len; va += PAGE_SIZE) ASSERT_TRUE(write(mm, va, value));
    }
};

inline unsigned long mmap_anon(mm_struct* mm, unsigned long len, unsigned long prot = PROT_READ | PROT_WRITE,
                               unsigned long flags = MAP_PRIVATE, unsigned long addr = 0)
{
    return do_mmap(mm, addr, len, prot, flags | MAP_ANONYMOUS);
}

inline std::string maps_text(mm_struct* mm)
{
    std::vector<char> buf(16384);
    seq_buf s(buf.data(), buf.size());
    show_maps(mm, &s);
    return s.str();
}

inline memvp_proc_stat proc_stat(mm_struct* mm)
{
    memvp_proc_stat st{};
    fill_proc_stat(mm, &st);
    return st;
}

// Parameterised over the paging mode: 3 = Sv39, 4 = Sv48.
class VmTest : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override { machine = std::make_unique<VmMachine>(GetParam(), machine_bytes(), poisoning()); }
    void TearDown() override { machine.reset(); }
    virtual unsigned long machine_bytes() const { return 32 * MiB; }
    virtual bool poisoning() const { return true; }

    std::unique_ptr<VmMachine> machine;
    FakeHart hart;
};

inline std::string mode_name(const ::testing::TestParamInfo<int>& info) { return info.param == 4 ? "Sv48" : "Sv39"; }

#define INSTANTIATE_VM_TEST(suite) INSTANTIATE_TEST_SUITE_P(Modes, suite, ::testing::Values(3, 4), mode_name)
