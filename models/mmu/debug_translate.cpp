// The debugger's view of a virtual address (the GDB stub's memory reads and writes): the
// translation process of §12.3.2 done by debug transport, with no TLB, page-walk cache,
// statistic, observer, A/D update or simulated time touched, so that looking changes nothing.
#include "mmu/mmu.h"
#include "mmu/pte.h"
#include "mmu/vm_mode.h"

namespace memvp::mmu {

std::optional<PhysAddr> Mmu::debug_translate(VirtAddr va, std::uint64_t satp) {
  const Satp s = Satp::decode(satp);
  const VmInfo* info = vm_info_for(s.mode_bits);
  if (!info) return PhysAddr(va.value());  // Bare (§12.1.11)
  if (!is_canonical(va, *info)) return std::nullopt;
  std::uint64_t table = s.root().value();
  for (int level = static_cast<int>(info->levels) - 1; level >= 0; --level) {
    std::uint64_t raw = 0;
    const PhysAddr pte_addr(table + vpn_index(va, static_cast<unsigned>(level), *info) * kPteSize);
    if (!pte_debug(tlm::TLM_READ_COMMAND, pte_addr, raw)) return std::nullopt;
    const Pte pte(raw);
    // Step 3: an invalid PTE, or W without R, ends the walk; the debugger applies no
    // permission rule (it sees what any privilege could).
    if (!pte.v() || (!pte.r() && pte.w()) || pte.reserved_bits_set()) return std::nullopt;
    if (!pte.leaf()) {
      table = pte.ppn() << 12;
      continue;
    }
    // Step 6: a misaligned superpage faults; step 8: a superpage keeps the low bits of the VA
    // below its level.
    const unsigned offset_bits = 12 + info->vpn_bits * static_cast<unsigned>(level);
    const std::uint64_t offset_mask = (std::uint64_t{1} << offset_bits) - 1;
    if ((pte.ppn() << 12) & offset_mask) return std::nullopt;
    return PhysAddr(((pte.ppn() << 12) & ~offset_mask) | (va.value() & offset_mask));
  }
  return std::nullopt;
}

}  // namespace memvp::mmu
