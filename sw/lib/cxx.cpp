// C++ support for freestanding guest programs: Debian ships no libstdc++ for
// riscv64-unknown-elf, so the runtime provides the few symbols the compiler emits calls to
// (operator new/delete on picolibc's malloc, __cxa_pure_virtual). Exceptions and RTTI are off.
#include <stddef.h>
#include <stdlib.h>

#include "memvp/rt.h"

void *operator new(size_t size)
{
  void *p = malloc(size);
  if (p == nullptr) {
    rt_puts("operator new: out of memory\n");
    rt_exit(3);
  }
  return p;
}

void *operator new[](size_t size)
{
  return operator new(size);
}

void operator delete(void *p) noexcept
{
  free(p);
}

void operator delete[](void *p) noexcept
{
  free(p);
}

void operator delete(void *p, size_t) noexcept
{
  free(p);
}

void operator delete[](void *p, size_t) noexcept
{
  free(p);
}

extern "C" void __cxa_pure_virtual()
{
  rt_puts("pure virtual function called\n");
  rt_exit(3);
}
