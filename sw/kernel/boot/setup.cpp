// setup_arch (Linux arch/riscv/mm/init.c paging_init/misc_mem_init): one node_layout per
// numa-node-id from the DTB's memory nodes (DMA32 below 4 GiB, Normal above, as Linux's
// zone_sizes_init on RISC-V), each node's mem_map at its first unreserved page, everything but
// the image and the initramfs freed to the buddy lists (Linux memblock_free_all), watermarks,
// then the slab allocator.
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
u64 initrd_start, initrd_end;  // 0, 0 without an initramfs

// Memory the buddy allocator never gets, sorted by address: the image and the initramfs.
struct reserved_range {
    u64 start, end;
};
reserved_range reserved[2];
int nr_reserved;

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

// Takes the initramfs from /chosen (Linux arch/riscv/mm/init.c setup_initrd), unless it lies
// outside memory, and reserves it rounded out to 2 MiB as the image is.
void reserve_initrd()
{
    const u64 start = boot_params.initrd_start, end = boot_params.initrd_end;
    if (start == 0 && end == 0) return;
    bool inside = false;
    for (int i = 0; i < boot_params.nr_mem; ++i) {
        const fdt_mem_range& r = boot_params.mem[i];
        inside |= start >= r.base && end <= r.base + r.size;
    }
    if (start >= end || !inside || start < kernel_reserved_end_pa()) {
        printk("initrd: [%#lx-%#lx) is not free memory; disabling it\n", start, end);
        return;
    }
    initrd_start = start;
    initrd_end = end;
    reserved[nr_reserved++] = {start & PMD_MASK, ALIGN(end, PMD_SIZE)};
}

// The first address of [start, end) outside every reserved range.
u64 first_unreserved(u64 start, u64 end)
{
    for (int i = 0; i < nr_reserved; ++i)
        if (start >= reserved[i].start && start < reserved[i].end) start = reserved[i].end;
    return start < end ? start : end;
}

bool overlaps_reserved(u64 start, u64 end)
{
    for (int i = 0; i < nr_reserved; ++i)
        if (reserved[i].start < end && start < reserved[i].end) return true;
    return false;
}

// Frees [start, end) but the reserved ranges (which are sorted).
void free_unreserved(BuddyAllocator* buddy, u64 start, u64 end)
{
    for (int i = 0; i < nr_reserved && start < end; ++i) {
        const reserved_range& r = reserved[i];
        if (r.end <= start || r.start >= end) continue;
        if (r.start > start) buddy->free_memory_range(start >> PAGE_SHIFT, r.start >> PAGE_SHIFT);
        start = r.end;
    }
    if (start < end) buddy->free_memory_range(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
}

}  // namespace

u64 initrd_start_pa() { return initrd_start; }
u64 initrd_end_pa() { return initrd_end; }

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
    reserved[nr_reserved++] = {kernel_image_start_pa(), kernel_reserved_end_pa()};
    reserve_initrd();
    for (int n = 0; n < layout.nr_nodes; ++n) {
        u64 start = 0, end = 0;
        if (!node_span(n, &start, &end)) panic("NUMA node %d has no memory", n);
        node_layout& nl = layout.nodes[n];
        nl.nid = NodeId{n};
        nl.start_pfn = start >> PAGE_SHIFT;
        const u64 dma_end = end < DMA32_LIMIT ? end : (start > DMA32_LIMIT ? start : DMA32_LIMIT);
        nl.zone_pages[ZONE_DMA32] = (dma_end - start) >> PAGE_SHIFT;
        nl.zone_pages[ZONE_NORMAL] = (end - dma_end) >> PAGE_SHIFT;
        // A node starting with the image or the initramfs gets its mem_map right after them
        // (docs/kernel-mm.md); others in their own first pages (BuddyAllocator::init).
        const u64 map_at = first_unreserved(start, end);
        if (map_at != start) nl.mem_map = static_cast<page*>(phys_to_virt(PhysAddr{map_at}));
        const u64 map_end = map_at + ((end - start) >> PAGE_SHIFT) * sizeof(page);
        if (overlaps_reserved(map_at, map_end))
            panic("NUMA node %d: its mem_map at %#lx would cover reserved memory", n, map_at);
        for (int m = 0; m < layout.nr_nodes; ++m) layout.distance[n][m] = boot_params.distance[n][m];
    }
    BuddyAllocator* buddy = new (buddy_storage) BuddyAllocator();
    buddy->init(layout);
    // The DTB is not reserved: boot_params holds all the kernel needs from it.
    for (int n = 0; n < layout.nr_nodes; ++n) {
        u64 start = 0, end = 0;
        node_span(n, &start, &end);
        free_unreserved(buddy, start, end);
    }
    unsigned long min_free_kbytes = buddy->default_min_free_kbytes();
    if (kernel_opts.sysctl_vm_min_free_kbytes > 0) {
        // sysctl.vm.min_free_kbytes=, at most half of memory (as memvp_min_free_kbytes).
        const unsigned long half = buddy->totalram_pages() * (PAGE_SIZE / 1024) / 2;
        min_free_kbytes = static_cast<unsigned long>(kernel_opts.sysctl_vm_min_free_kbytes);
        if (min_free_kbytes > half) min_free_kbytes = half;
    }
    buddy->setup_per_zone_wmarks(min_free_kbytes);
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
    printk("Memory: %luK/%luK available (%luK reserved for the kernel image", free << 2, total << 2,
           (kernel_reserved_end_pa() - kernel_image_start_pa()) >> 10);
    if (nr_reserved > 1) printk(", %luK for the initramfs", (reserved[1].end - reserved[1].start) >> 10);
    printk(")\n");
}
