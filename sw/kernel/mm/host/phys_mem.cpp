// Host stand-in for guest DRAM: allocates the buffer and points the direct-map offset at it.
#include "mm/host/phys_mem.h"

#include <cstdlib>
#include <cstring>

HostPhysMem::HostPhysMem(PhysAddr base, size_t bytes) : base_(base), bytes_(bytes), buffer_(nullptr)
{
    const size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
    buffer_ = std::aligned_alloc(kAlignment, rounded);
    if (!buffer_) std::abort();
    std::memset(buffer_, 0, rounded);
    va_pa_offset = reinterpret_cast<uintptr_t>(buffer_) - uintptr_t(base.value);
}

HostPhysMem::~HostPhysMem()
{
    std::free(buffer_);
    va_pa_offset = 0;
}
