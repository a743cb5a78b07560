// The RtlTlbBuilder over the built geometries (rtl_tlb_models.h): geometry checks for
// validate_mmu_config() and the arrays for impl = rtl and lockstep.
#include "rtl_tlb/rtl_tlb_builder.h"

#include <bit>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "rtl_tlb/lockstep_tlb.h"
#include "rtl_tlb/rtl_tlb_models.h"
#include "rtl_tlb/rtl_waves.h"

namespace memvp::rtl {

namespace {

// The model of the array's entries, ways and policy that holds its page sizes, of the fewest
// sizes: a lookup compares the sets of every size the model holds (rtl/README.md).
const RtlTlbModel* find_model(const mmu::TlbConfig& cfg) {
  const std::uint8_t sizes = cfg.page_sizes.bits();
  const RtlTlbModel* best = nullptr;
  for (const RtlTlbModel& m : rtl_tlb_models()) {
    if (m.entries != cfg.entries || m.ways != cfg.ways || m.replacement != cfg.replacement) continue;
    if ((m.page_sizes & sizes) != sizes) continue;
    if (best == nullptr || std::popcount(m.page_sizes) < std::popcount(best->page_sizes)) best = &m;
  }
  return best;
}

std::string size_list(std::uint8_t sizes) {
  std::string out;
  for (unsigned l = 0; l < mmu::kNumPageSizes; ++l)
    if ((sizes >> l) & 1u) out += fmt::format("{}{}", out.empty() ? "" : "+", mmu::page_size_name(mmu::page_size_at_level(l)));
  return out;
}

class Builder final : public mmu::RtlTlbBuilder {
 public:
  [[nodiscard]] std::string unsupported(const mmu::TlbConfig& cfg) const override {
    if (find_model(cfg) != nullptr) return {};
    return fmt::format("\"{}\": no RTL TLB of {} entries, {} ways, {} holding {} is built into memvp (built: {})",
                       mmu::tlb_impl_name(cfg.impl), cfg.entries, cfg.ways, mmu::replacement_name(cfg.replacement),
                       size_list(cfg.page_sizes.bits()), rtl_tlb_model_list());
  }

  [[nodiscard]] std::unique_ptr<mmu::Tlb> build(const std::string& name, const mmu::TlbConfig& cfg,
                                                const mmu::TlbSite& site) const override {
    std::unique_ptr<RtlTlbArray> rtl = find_model(cfg)->make(name, cfg, rtl_wave_file(site));
    if (cfg.impl == mmu::TlbImpl::Rtl) return rtl;
    return std::make_unique<LockstepTlb>(std::make_unique<mmu::SetAssocTlb>(name, cfg), std::move(rtl), site,
                                         end_run_at_divergence);
  }
};

}  // namespace

std::string rtl_tlb_model_list() {
  std::string out;
  for (const RtlTlbModel& m : rtl_tlb_models())
    out += fmt::format("{}{}x{} {}{}{}", out.empty() ? "" : ", ", m.entries, m.ways, mmu::replacement_name(m.replacement),
                       m.page_sizes == 0xf ? "" : " ", m.page_sizes == 0xf ? "" : size_list(m.page_sizes));
  return out;
}

void install_rtl_tlbs() {
  static const Builder builder;
  mmu::install_rtl_tlb_builder(&builder);
}

void end_run_at_divergence(const TlbDivergence& d) {
  std::fflush(stdout);
  std::fprintf(stderr, "memvp: %s\n%s", d.line.c_str(), d.dump.c_str());
  std::fflush(stderr);
  // Straight out: the divergence is found inside a hart's SystemC thread, where unwinding the
  // simulation is not possible; nothing of the run after this point would be meaningful.
  std::_Exit(kLockstepDivergence);
}

}  // namespace memvp::rtl
