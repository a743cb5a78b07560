// Misaligned loads and stores (priv spec §3.6.4 lets an implementation perform or trap them).
// With core.misaligned = "hardware", as QEMU virt and most Linux-capable cores, the access is
// done in at most two parts split at the 8-byte boundary it crosses, each charged as a memory
// access; with "trap" it raises the address-misaligned exception. AMOs and LR/SC always trap.
#include "core/execution_engine.h"

#include <algorithm>

namespace memvp {

// Both parts are translated and PMP-checked before memory is touched, so a fault leaves rd and
// memory unchanged. A part on the next page is translated on its own; its fault reports the
// address of its first byte, the portion of the access that faulted (§3.1.16).
void ExecutionEngine::misaligned_access(VirtAddr va, void* data, unsigned len, rv::Access kind, bool write) {
  if (cfg_.misaligned == MisalignedAccess::Trap) raise(rv::misaligned_for(kind), va.value());
  constexpr std::uint64_t kPage = 4096, kWord = 8;
  const std::uint64_t a = va.value();
  const unsigned first = static_cast<unsigned>(std::min<std::uint64_t>(len, kWord - (a & (kWord - 1))));
  const bool crosses_page = (a & (kPage - 1)) + len > kPage;  // then `first` ends at the page
  const PhysAddr pa = data_address(va, crosses_page ? first : len, kind);
  const VirtAddr va_second = va + first;
  const PhysAddr pa_second = crosses_page ? data_address(va_second, len - first, kind) : pa + first;
  auto* bytes = static_cast<std::uint8_t*>(data);
  if (write) {
    write_bytes(pa, va, bytes, first, kind);
    if (first < len) write_bytes(pa_second, va_second, bytes + first, len - first, kind);
  } else {
    read_bytes(pa, va, bytes, first, kind);
    if (first < len) read_bytes(pa_second, va_second, bytes + first, len - first, kind);
  }
}

}  // namespace memvp
