// The RTL TLB geometries Verilated into memvp (CMake's MEMVP_RTL_TLB_GEOMETRIES, models/rtl_tlb):
// each is its own Verilated class, built for Sv48 (VpnWidth 36) with every page size, which also
// serves Sv39 since a canonical Sv39 VA's VPN is the same number in 36 bits.
#pragma once

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
  // The array, traced into waves unless it is nullptr (rtl_waves.h).
  std::unique_ptr<RtlTlbArray> (*make)(const std::string& name, const mmu::TlbConfig& cfg, RtlFstFile* waves);
};

// Every built geometry, in MEMVP_RTL_TLB_GEOMETRIES's order.
const std::vector<RtlTlbModel>& rtl_tlb_models();

// "16x4 tree_plru, 64x4 fifo, ...": the built geometries for a message.
std::string rtl_tlb_model_list();

}  // namespace memvp::rtl
