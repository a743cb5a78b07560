// Parameters of one hart's MMU, filled from the platform file's [mmu] table: the TLB arrays of
// each level, the page-walk cache, the walker's timing, and the A/D-bit and ASID behaviour.
// Defaults model a Skylake core; validate_mmu_config() is the one place that
// rejects impossible geometries.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config/config_scope.h"
#include "common/replacement/replacement_policy.h"
#include "mmu/page_size.h"
#include "mmu/vm_mode.h"

namespace memvp::mmu {

// The replacement kinds are shared with the caches (common/replacement); these names keep
// mmu::ReplacementKind and friends valid for the MMU's users.
using memvp::ReplacementKind;
using memvp::replacement_name;

// The model of a TLB array (mmu/tlb_impl.h): the C++ SetAssocTlb, the Verilated RTL TLB, or
// both in lockstep, every answer compared.
enum class TlbImpl : std::uint8_t { Cpp, Rtl, Lockstep };

// One TLB array. ways == entries makes it fully associative.
struct TlbConfig {
  std::uint32_t entries = 64;
  std::uint32_t ways = 4;
  ReplacementKind replacement = ReplacementKind::Lru;
  std::uint64_t seed = 1;  // for ReplacementKind::Random
  PageSizeSet page_sizes{PageSize::k4K};
  std::uint32_t latency_cycles = 0;  // lookup cost; arrays of a level are probed in parallel
  TlbImpl impl = TlbImpl::Cpp;
};

// One TLB level (L1 ITLB, L1 DTLB, L2): arrays probed in parallel, e.g. one per page size.
struct TlbLevelConfig {
  std::vector<TlbConfig> arrays;
};

// Paging-structure cache for non-leaf PTEs, one fully associative LRU array per level.
struct PwcConfig {
  bool enabled = true;
  // entries[i] caches non-leaf PTEs read at level i (index 0 is unused: level-0 PTEs are leaves).
  std::array<std::uint32_t, kMaxLevels> entries{0, 32, 4, 2};
  std::uint32_t latency_cycles = 1;  // one parallel probe of all levels, hit or miss
};

struct MmuConfig {
  double clock_hz = 1e9;  // the MMU's clock (the hart's): latencies are cycles of this clock
  // Skylake: 128 x 4 KiB, 8-way.
  TlbLevelConfig l1_itlb{{{128, 8, ReplacementKind::Lru, 1, {PageSize::k4K}, 0}}};
  // Skylake: 64 x 4 KiB 4-way, 32 x 2 MiB 4-way, 4 x 1 GiB fully associative.
  TlbLevelConfig l1_dtlb{{{64, 4, ReplacementKind::Lru, 1, {PageSize::k4K}, 0},
                          {32, 4, ReplacementKind::Lru, 1, {PageSize::k2M}, 0},
                          {4, 4, ReplacementKind::Lru, 1, {PageSize::k1G}, 0}}};
  // Skylake STLB: 1536 entries 12-way shared by 4 KiB and 2 MiB, plus 16 x 1 GiB 4-way.
  TlbLevelConfig l2_tlb{{{1536, 12, ReplacementKind::Lru, 1, {PageSize::k4K, PageSize::k2M}, 9},
                         {16, 4, ReplacementKind::Lru, 1, {PageSize::k1G}, 9}}};
  PwcConfig pwc;
  bool hardware_ad_update = true;  // false: A=0, or D=0 on a store, raises a page fault (Svade)
  bool asid_enabled = true;        // false: ASIDLEN = 0 and every satp write flushes non-global
  std::uint32_t walk_start_cycles = 1;  // walker dispatch after an L2 miss
  std::uint32_t walk_step_cycles = 1;   // per PTE access, on top of the memory system's latency
};

// The TLB levels by their key in the [mmu] table, for the schema and the validation alike.
struct TlbLevelKey {
  const char* name;
  TlbLevelConfig MmuConfig::*level;
};
inline constexpr TlbLevelKey kTlbLevels[] = {
    {"l1_itlb", &MmuConfig::l1_itlb}, {"l1_dtlb", &MmuConfig::l1_dtlb}, {"l2_tlb", &MmuConfig::l2_tlb}};

// The table the platform file gives the MMU's keys in.
inline constexpr const char* kMmuTable = "mmu";

// Rejects a geometry the TLBs cannot build, naming the key under `where` ("mmu.l2_tlb[0].ways").
void validate_mmu_config(const MmuConfig& cfg, const ConfigScope& where);

}  // namespace memvp::mmu
