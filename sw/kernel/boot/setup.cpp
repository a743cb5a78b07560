// setup_arch (Linux arch/riscv/mm/init.c paging_init/misc_mem_init): one node_layout per
// numa-node-id from the DTB's memory nodes (DMA32 below 4 GiB, Normal above, as Linux's
// zone_sizes_init on RISC-V), node 0's mem_map after the image, everything but the image
// freed to the buddy lists (Linux memblock_free_all), watermarks, then the slab allocator.
#include "boot/setup.h"

#include "asm/boot.h"
#include "boot/bootargs.h"
#include "kernel/new.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "proc/sched.h"
#include "uapi/memvp.h"

extern char _end[];

namespace {

constexpr u64 DMA32_LIMIT = 1UL << 32;

alignas(BuddyAllocator) char buddy_storage[sizeof(BuddyAllocator)];
alignas(SlabAllocator) char slab_storage[sizeof(SlabAllocator)];
mm_layout layout;

// The node allocations start from (Linux numa_node_id / policy_node): the task's preferred
// node under MPOL_PREFERRED, else the node of the hart it runs on.
NodeId hart_numa_node_id()
{
    const task_struct* t = current;
    if (t->mempolicy_mode == MPOL_PREFERRED) return NodeId{t->mempolicy_node};
    return NodeId{boot_params.cpu_node[smp_processor_id()]};
}

// The span of one node's memory ranges (ranges of a node are taken as one span).
bool node_span(int nid, u64* start, u64* end)
{
    bool found = false;
    for (int i = 0; i < boot_params.nr_mem; ++i) {
        const fdt_mem_range& r = boot_params.mem[i];
        if (r.nid != nid || !r.size) continue;
        if (!found || r.base < *start) *start = r.base;
        if (!found || r.base + r.size > *end) *end = r.base + r.size;
        found = true;
    }
    return found;
}

}  // namespace

u64 kernel_image_start_pa() { return KERNEL_LOAD_ADDR; }
u64 kernel_image_end_pa() { return reinterpret_cast<u64>(_end) - KERNEL_VA_PA_DELTA; }
// The image's memory is reserved up to the next 2 MiB boundary: free memory then starts
// huge-page aligned, and the free page counts (and every console line showing them) stay
// the same while the image grows within its 2 MiB.
u64 kernel_reserved_end_pa() { return ALIGN(kernel_image_end_pa(), PMD_SIZE); }

void setup_arch()
{
    if (boot_params.nr_mem == 0) panic("no memory node in the device tree");
    if (boot_params.nr_nodes > MAX_NUMNODES) panic("%d NUMA nodes, at most %d", boot_params.nr_nodes, MAX_NUMNODES);
    nr_cpu_ids = boot_params.nr_cpus < NR_CPUS ? boot_params.nr_cpus : NR_CPUS;
    layout.nr_nodes = boot_params.nr_nodes;
    // Page poisoning in debug builds of the guest (a pass over every freed and allocated block).
#ifdef NDEBUG
    layout.page_poisoning = false;
#else
    layout.page_poisoning = true;
#endif
    const u64 image_end = kernel_reserved_end_pa();
    for (int n = 0; n < layout.nr_nodes; ++n) {
        u64 start = 0, end = 0;
        if (!node_span(n, &start, &end)) panic("NUMA node %d has no memory", n);
        node_layout& nl = layout.nodes[n];
        nl.nid = NodeId{n};
        nl.start_pfn = start >> PAGE_SHIFT;
        const u64 dma_end = end < DMA32_LIMIT ? end : (start > DMA32_LIMIT ? start : DMA32_LIMIT);
        nl.zone_pages[ZONE_DMA32] = (dma_end - start) >> PAGE_SHIFT;
        nl.zone_pages[ZONE_NORMAL] = (end - dma_end) >> PAGE_SHIFT;
        // The node holding the image gets its mem_map right after it (docs/kernel-mm.md).
        if (kernel_image_start_pa() >= start && kernel_image_start_pa() < end)
            nl.mem_map = static_cast<page*>(phys_to_virt(PhysAddr{image_end}));
        for (int m = 0; m < layout.nr_nodes; ++m) layout.distance[n][m] = boot_params.distance[n][m];
    }
    BuddyAllocator* buddy = new (buddy_storage) BuddyAllocator();
    buddy->init(layout);
    // The DTB is not reserved: boot_params holds all the kernel needs from it.
    for (int n = 0; n < layout.nr_nodes; ++n) {
        u64 start = 0, end = 0;
        node_span(n, &start, &end);
        if (kernel_image_start_pa() >= start && kernel_image_start_pa() < end) {
            if (kernel_image_start_pa() > start) buddy->free_memory_range(start >> PAGE_SHIFT, kernel_image_start_pa() >> PAGE_SHIFT);
            start = image_end;
        }
        buddy->free_memory_range(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
    }
    buddy->setup_per_zone_wmarks(buddy->default_min_free_kbytes());
    page_allocator = buddy;
    numa_node_id_hook = hart_numa_node_id;
    slab_allocator = new (slab_storage) SlabAllocator(*buddy, nr_cpu_ids);
}

void print_boot_banner()
{
    const char* mode = kernel_opts.mmu_levels == 4 ? "sv48" : "sv39";
    const char* thp = kernel_opts.thp == THP_OPT_ALWAYS ? "always" : kernel_opts.thp == THP_OPT_NEVER ? "never" : "madvise";
    printk("memvp kernel: %u harts, %d NUMA nodes, %s, thp=%s, asid=%s\n", boot_params.nr_cpus, boot_params.nr_nodes,
           mode, thp, kernel_opts.asid ? "on" : "off");
    printk("bootargs: %s\n", boot_params.bootargs);
    for (int n = 0; n < boot_params.nr_nodes; ++n) {
        u64 start = 0, end = 0;
        node_span(n, &start, &end);
        printk("Node %d: [mem %#010lx-%#010lx] %lu MiB, harts", n, start, end - 1, (end - start) >> 20);
        for (unsigned h = 0; h < boot_params.nr_cpus; ++h)
            if (boot_params.cpu_present[h] && boot_params.cpu_node[h] == n) printk(" %u", h);
        printk("\n");
    }
    const unsigned long total = page_allocator->totalram_pages(), free = page_allocator->nr_free_pages();
    printk("Memory: %luK/%luK available (%luK reserved for the kernel image)\n", free << 2, total << 2,
           (kernel_reserved_end_pa() - kernel_image_start_pa()) >> 10);
}
