// What the kernel learns from the device tree and /chosen/bootargs before it starts: memory
// ranges and their NUMA nodes, harts and their nodes, the SLIT distances, device addresses
// (PLICs, virtio-mmio slots and memvp's event port included),
// where the initramfs lies and the kernel options. Filled once by hart 0 in M-mode
// (early_setup) and read-only afterwards, so the DTB itself is no longer needed once the kernel
// runs (the initramfs is, and setup_arch reserves it).
#pragma once

#include "kernel/types.h"

inline constexpr int FDT_MAX_CPUS = 64;
inline constexpr int FDT_MAX_MEM = 8;
inline constexpr int FDT_MAX_NODES = 8;
inline constexpr int BOOTARGS_MAX = 256;
inline constexpr int FDT_MAX_PLICS = 4;     // QEMU virt has one per NUMA socket
inline constexpr int FDT_MAX_VIRTIO = 16;   // QEMU virt lists 8 virtio-mmio slots

// A PLIC (riscv,plic0 binding): its interrupts-extended lists one context per <intc, irq>
// pair; the pairs naming a hart's interrupt controller with irq 9 (supervisor external) give
// that hart's S-mode context.
struct fdt_plic {
    u64 base;
    u32 ndev;                        // riscv,ndev: sources 1 … ndev
    u32 phandle;
    int s_context[FDT_MAX_CPUS];     // -1 where the hart has no S context on this PLIC
};

// A virtio,mmio node: register window, PLIC source and which PLIC (interrupt-parent).
struct fdt_virtio_mmio {
    u64 base;
    u64 size;
    u32 irq;
    int plic;                        // index into boot_params_t::plic, -1 if none is named
};

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
    u64 event_port_base;             // memvp,event-port; 0 without one (QEMU)
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
    int nr_plics;
    fdt_plic plic[FDT_MAX_PLICS];
    int nr_virtio_mmio;              // in DTB order (QEMU virt: descending addresses)
    fdt_virtio_mmio virtio_mmio[FDT_MAX_VIRTIO];
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
