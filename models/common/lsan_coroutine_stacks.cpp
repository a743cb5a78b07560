// LeakSanitizer and SystemC's threads. SystemC 2.3.4 (Debian's, built with QuickThreads) runs
// every SC_THREAD on a stack of its own, mmap'ed by the library: LeakSanitizer scans the stacks of
// the process's threads but not these, so everything a suspended SC_THREAD holds only in its
// locals (a payload's extension array, a std::vector) would be reported as leaked at exit. The
// library tells AddressSanitizer of every switch to a coroutine through the weak
// __sanitizer_start_switch_fiber; defined here, in the executable, it takes the library's call,
// registers the stack as a LeakSanitizer root region (scanned where readable: the guard page is
// skipped), and passes the call on to AddressSanitizer's. Only built with MEMVP_SANITIZE.
#include <dlfcn.h>
#include <sanitizer/lsan_interface.h>

#include <cstddef>
#include <set>
#include <utility>

extern "C" void __sanitizer_start_switch_fiber(void** fake_stack_save, const void* bottom, std::size_t size) {
  using Switch = void (*)(void**, const void*, std::size_t);
  static const auto next = reinterpret_cast<Switch>(dlsym(RTLD_NEXT, "__sanitizer_start_switch_fiber"));
  // SystemC switches between coroutines of one OS thread only; the main coroutine has no
  // stack of its own (bottom is null): the thread's stack, which LeakSanitizer scans anyway.
  static auto* registered = new std::set<std::pair<const void*, std::size_t>>;
  if (bottom != nullptr && registered->emplace(bottom, size).second) __lsan_register_root_region(bottom, size);
  if (next != nullptr) next(fake_stack_save, bottom, size);
}
