// The TLB array factory: SetAssocTlb for impl = cpp, the installed RTL builder otherwise.
#include "mmu/tlb_impl.h"

#include <stdexcept>

#include "mmu/set_assoc_tlb.h"

namespace memvp::mmu {

namespace {
const RtlTlbBuilder* g_rtl_builder = nullptr;
}  // namespace

std::string_view tlb_impl_name(TlbImpl impl) {
  switch (impl) {
    case TlbImpl::Cpp: return "cpp";
    case TlbImpl::Rtl: return "rtl";
    case TlbImpl::Lockstep: return "lockstep";
  }
  return "cpp";
}

void install_rtl_tlb_builder(const RtlTlbBuilder* builder) { g_rtl_builder = builder; }
const RtlTlbBuilder* rtl_tlb_builder() { return g_rtl_builder; }

std::unique_ptr<Tlb> make_tlb_array(const std::string& name, const TlbConfig& cfg, const TlbSite& site) {
  if (cfg.impl == TlbImpl::Cpp) return std::make_unique<SetAssocTlb>(name, cfg);
  // validate_mmu_config() rejects impl = rtl or lockstep when no builder is installed.
  if (g_rtl_builder == nullptr) throw std::logic_error(name + ": no RTL TLB builder installed");
  return g_rtl_builder->build(name, cfg, site);
}

}  // namespace memvp::mmu
