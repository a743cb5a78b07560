// Kernel-wide scalar types: fixed-width integers under Linux's short names and the strong
// types (PhysAddr, VirtAddr, NodeId) that keep physical, virtual and node quantities apart.
// Freestanding: only compiler-provided headers, so it builds for the guest and the host.
#pragma once

#include <stddef.h>
#include <stdint.h>

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;
using s32 = int32_t;
using s64 = int64_t;

// A physical (bus) address as the MMU and DRAM see it.
struct PhysAddr {
    u64 value;
    constexpr bool operator==(const PhysAddr&) const = default;
};

// A kernel virtual address (the direct map for page-frame memory).
struct VirtAddr {
    uintptr_t value;
    constexpr bool operator==(const VirtAddr&) const = default;
};

// A NUMA node number as the device tree's numa-node-id gives it.
struct NodeId {
    int value;
    constexpr bool operator==(const NodeId&) const = default;
};

inline constexpr unsigned PAGE_SHIFT = 12;
inline constexpr unsigned long PAGE_SIZE = 1UL << PAGE_SHIFT;
inline constexpr unsigned long PAGE_MASK = ~(PAGE_SIZE - 1);

constexpr unsigned long ALIGN(unsigned long x, unsigned long a) { return (x + a - 1) & ~(a - 1); }

// The slab allocator aligns to this (Linux: cache_line_size(), L1_CACHE_BYTES).
inline constexpr unsigned L1_CACHE_BYTES = 64;
