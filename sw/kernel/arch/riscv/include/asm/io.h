// Device register access (Linux arch/riscv/include/asm/mmio.h, io.h): 8/32-bit loads and
// stores through the direct map, which covers the device windows (ioremap is phys_to_virt).
// readl/writel order themselves against normal memory as Linux's do: a write is preceded by
// `fence w,o` (ring updates reach memory before the doorbell), a read followed by `fence i,r`
// (data the device wrote is read only after its status register says so), RISC-V ISA §2.7.
#pragma once

#include "kernel/types.h"
#include "mm/memory_model.h"

inline void* ioremap(PhysAddr pa) { return phys_to_virt(pa); }

inline u32 readl(const void* addr)
{
    const u32 v = *static_cast<const volatile u32*>(addr);
    __asm__ volatile("fence i, r" : : : "memory");
    return v;
}

inline u8 readb(const void* addr)
{
    const u8 v = *static_cast<const volatile u8*>(addr);
    __asm__ volatile("fence i, r" : : : "memory");
    return v;
}

inline void writel(u32 value, void* addr)
{
    __asm__ volatile("fence w, o" : : : "memory");
    *static_cast<volatile u32*>(addr) = value;
}

// Barriers for memory shared with a device (Linux dma_wmb/dma_rmb, virtio_wmb/virtio_rmb).
inline void dma_wmb() { __asm__ volatile("fence w, w" : : : "memory"); }
inline void dma_rmb() { __asm__ volatile("fence r, r" : : : "memory"); }
inline void mb() { __asm__ volatile("fence iorw, iorw" : : : "memory"); }
