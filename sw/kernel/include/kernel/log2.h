// Integer logarithms the allocators need (Linux <linux/log2.h>, <linux/bitops.h>): fls, ilog2,
// get_order, int_sqrt. Compiler builtins only, so guest and host agree bit for bit.
#pragma once

#include "kernel/types.h"

// Find last set bit, 1-based; fls(0) == 0 (Linux fls()).
constexpr unsigned fls(unsigned long x) { return x ? 64u - unsigned(__builtin_clzl(x)) : 0u; }

// Floor of log2; x must be non-zero.
constexpr unsigned ilog2(unsigned long x) { return fls(x) - 1; }

// Number of trailing zero bits; x must be non-zero.
constexpr unsigned ctz(unsigned long x) { return unsigned(__builtin_ctzl(x)); }

// Smallest order whose block (PAGE_SIZE << order) holds size bytes (Linux get_order()).
constexpr unsigned get_order(unsigned long size)
{
    if (size <= PAGE_SIZE) return 0;
    return fls((size - 1) >> PAGE_SHIFT);
}

// Floor of the square root (Linux int_sqrt()), used for the default min_free_kbytes.
constexpr unsigned long int_sqrt(unsigned long x)
{
    if (x < 2) return x;
    unsigned long r = 0;
    for (unsigned long bit = 1UL << ((fls(x) - 1) & ~1u); bit; bit >>= 2) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
    }
    return r;
}
