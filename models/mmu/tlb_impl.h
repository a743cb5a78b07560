// Which model implements a TLB array (the [mmu] key `impl`): memvp's C++ SetAssocTlb, a
// Verilated RTL TLB (rtl/tlb) in its place, or both in lockstep. The RTL models are built into
// a separate library (models/rtl_tlb), which installs an RtlTlbBuilder here at start-up; without
// one, only "cpp" is accepted.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "mmu/mmu_config.h"
#include "mmu/tlb.h"

namespace memvp::mmu {

std::string_view tlb_impl_name(TlbImpl impl);

// Where a TLB array sits, for a lockstep divergence report: the hart's name and the cycle (of
// the MMU's clock) at which the operation in progress was issued.
struct TlbSite {
  std::string hart;
  const std::uint64_t* cycle = nullptr;
  std::uint64_t period_ps = 0;  // of the cycle's clock (the time base of RTL waves)
};

class RtlTlbBuilder {
 public:
  virtual ~RtlTlbBuilder() = default;
  // Empty when an RTL model of cfg's geometry is built in, else why not (one line naming the
  // geometries that are).
  [[nodiscard]] virtual std::string unsupported(const TlbConfig& cfg) const = 0;
  // The RTL TLB (impl = rtl) or the C++ and RTL TLBs in lockstep (impl = lockstep).
  [[nodiscard]] virtual std::unique_ptr<Tlb> build(const std::string& name, const TlbConfig& cfg,
                                                   const TlbSite& site) const = 0;
};

// The builder impl = rtl and lockstep use; nullptr until one is installed. It must outlive
// every Mmu built after.
void install_rtl_tlb_builder(const RtlTlbBuilder* builder);
const RtlTlbBuilder* rtl_tlb_builder();

// One TLB array of the kind cfg.impl names.
std::unique_ptr<Tlb> make_tlb_array(const std::string& name, const TlbConfig& cfg, const TlbSite& site);

}  // namespace memvp::mmu
