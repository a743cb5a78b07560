// What the kernel learns from the device tree and /chosen/bootargs before it starts: memory
// ranges and their NUMA nodes, harts and their nodes, the SLIT distances, device addresses,
// where the initramfs lies and the kernel options. Filled once by hart 0 in M-mode
// (early_setup) and read-only afterwards, so the DTB itself is no longer needed once the kernel
// runs (the initramfs is, and setup_arch reserves it).
#pragma once

#include "kernel/types.h"

inline constexpr int FDT_MAX_CPUS = 64;
inline constexpr int FDT_MAX_MEM = 8;
inline constexpr int FDT_MAX_NODES = 8;
inline constexpr int BOOTARGS_MAX = 256;

struct fdt_mem_range {
    u64 base;
    u64 size;
    int nid;
};

struct boot_params_t {
    u64 uart_base;
    u64 clint_base;                  // the first CLINT
    // Per hart: its msip and mtimecmp registers. QEMU virt with NUMA has one CLINT per socket,
    // each serving the harts its interrupts-extended lists, in that order.
    u64 clint_msip[FDT_MAX_CPUS];
    u64 clint_mtimecmp[FDT_MAX_CPUS];
    u64 finisher_base;
    u64 timebase_frequency;
    unsigned nr_cpus;                // highest hart id in /cpus plus one
    int cpu_node[FDT_MAX_CPUS];      // numa-node-id of each hart (0 without one)
    bool cpu_present[FDT_MAX_CPUS];
    int nr_mem;
    fdt_mem_range mem[FDT_MAX_MEM];  // sorted by base
    int nr_nodes;                    // highest numa-node-id plus one
    u8 distance[FDT_MAX_NODES][FDT_MAX_NODES];  // 0 where /distance-map says nothing
    char isa[64];                    // riscv,isa of the first cpu
    char bootargs[BOOTARGS_MAX];
    u64 initrd_start;                // /chosen/linux,initrd-start and -end: the initramfs,
    u64 initrd_end;                  // [start, end) in physical memory; both 0 without one
    u64 dtb_pa;
    u32 dtb_size;
};

// Defaults of QEMU virt, overwritten by what the DTB says.
void boot_params_defaults(boot_params_t* bp);

// Parses a flattened device tree (DTB, Devicetree Specification v0.4 ch. 5) into bp. Uses
// nothing but the bytes it is given (no allocation, no tables of addresses), so it runs in
// M-mode before translation and on the host. Returns false when dtb is not a DTB.
bool fdt_parse(const void* dtb, boot_params_t* bp);

inline boot_params_t boot_params;
