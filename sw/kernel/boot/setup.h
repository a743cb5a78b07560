// setup_arch: the physical-memory side of boot (Linux arch/riscv/kernel/setup.c and
// mm/init.c): NUMA nodes and zones from the DTB into the buddy allocator, the slab allocator,
// and the boot banner.
#pragma once

#include "kernel/types.h"

void setup_arch();
void print_boot_banner();
// Kernel image [start, end) in physical addresses (head to _end).
u64 kernel_image_start_pa();
u64 kernel_image_end_pa();
// End of the memory reserved for the image: kernel_image_end_pa() rounded up to 2 MiB.
u64 kernel_reserved_end_pa();
// The initramfs [start, end) in physical memory (/chosen/linux,initrd-start and -end), reserved
// by setup_arch rounded out to 2 MiB; both 0 without one or when it is not free memory.
u64 initrd_start_pa();
u64 initrd_end_pa();
