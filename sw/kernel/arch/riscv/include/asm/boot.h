/* Constants shared by head.S and the C++ boot code: where the image is linked and loaded, how
 * many harts the kernel supports and the sizes of the per-hart M-mode and kernel stacks. */
#pragma once

#define KERNEL_LOAD_ADDR 0x80000000UL            /* physical address of the image (LMA) */
#define KERNEL_VIRT_ADDR 0xffffffff80000000UL    /* KERNEL_LINK_ADDR */
#define KERNEL_VA_PA_DELTA (KERNEL_VIRT_ADDR - KERNEL_LOAD_ADDR)
#define NR_CPUS 64
#define M_STACK_SHIFT 12                         /* 4 KiB M-mode stack per hart */
#define THREAD_SHIFT 14                          /* 16 KiB kernel stack per task */
#define THREAD_SIZE (1UL << THREAD_SHIFT)
