// The RTL TLB geometries Verilated into memvp (CMake's MEMVP_RTL_TLB_GEOMETRIES, models/rtl_tlb):
// each is its own Verilated class, built for Sv48 (VpnWidth 36), which also serves Sv39 since a
// canonical Sv39 VA's VPN is the same number in 36 bits, with the page sizes its name gives (all
// four unless it names some).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mmu/mmu_config.h"
#include "rtl_tlb/rtl_tlb.h"

namespace memvp::rtl {

class RtlFstFile;

struct RtlTlbModel {
  unsigned entries;
  unsigned ways;
  mmu::ReplacementKind replacement;
  std::uint8_t page_sizes;  // tlb.sv's PageSizes: bit l holds pages of level l (PageSizeSet::bits)
  // The array, traced into waves unless it is nullptr (rtl_waves.h).
  std::unique_ptr<RtlTlbArray> (*make)(const std::string& name, const mmu::TlbConfig& cfg, RtlFstFile* waves);
};

// Every built geometry, in MEMVP_RTL_TLB_GEOMETRIES's order.
const std::vector<RtlTlbModel>& rtl_tlb_models();

// "16x4 tree_plru, 32x4 tree_plru 4K, ...": the built geometries for a message, with the page
// sizes of those that hold fewer than all four.
std::string rtl_tlb_model_list();

}  // namespace memvp::rtl
