// Placement new (the one declaration of <new> the kernel needs; Debian ships no libstdc++ for
// the guest): constructs an object in storage the caller already has.
#pragma once

#include <stddef.h>

inline void* operator new(size_t, void* where) noexcept { return where; }
inline void* operator new[](size_t, void* where) noexcept { return where; }
