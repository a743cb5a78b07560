// Host stand-in for guest DRAM, for unit tests of the allocators: an aligned heap buffer that
// plays the physical range [base, base + bytes) and is reached through va_pa_offset, exactly
// as the guest reaches page-frame memory through its direct map. Host build only.
#pragma once

#include "mm/memory_model.h"

class HostPhysMem {
public:
    // Blocks of up to 4 MiB (the largest buddy order) keep the same alignment in the buffer as
    // in the simulated physical space.
    static constexpr size_t kAlignment = PAGE_SIZE << (MAX_ORDER - 1);

    HostPhysMem(PhysAddr base, size_t bytes);
    ~HostPhysMem();
    HostPhysMem(const HostPhysMem&) = delete;
    HostPhysMem& operator=(const HostPhysMem&) = delete;

    PhysAddr base() const { return base_; }
    size_t size() const { return bytes_; }
    unsigned long start_pfn() const { return phys_to_pfn(base_); }
    unsigned long nr_pages() const { return bytes_ >> PAGE_SHIFT; }
    void* buffer() const { return buffer_; }

private:
    PhysAddr base_;
    size_t bytes_;
    void* buffer_;
};
