// Parsing and naming of the compact TLB geometry, and the level configuration it stands for.
#include "mmu/tlb_geometry.h"

#include <charconv>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp::mmu {

namespace {

constexpr TlbSlot kSlots[] = {TlbSlot::L1I, TlbSlot::L1D, TlbSlot::L2};
constexpr ReplacementKind kReplacements[] = {ReplacementKind::Lru, ReplacementKind::TreePlru, ReplacementKind::Fifo,
                                             ReplacementKind::Random};

TlbLevelConfig MmuConfig::*level_of(TlbSlot slot) {
  switch (slot) {
    case TlbSlot::L1I: return &MmuConfig::l1_itlb;
    case TlbSlot::L1D: return &MmuConfig::l1_dtlb;
    case TlbSlot::L2: return &MmuConfig::l2_tlb;
  }
  return &MmuConfig::l2_tlb;
}

[[noreturn]] void malformed(std::string_view text, const std::string& why) {
  throw InputError(fmt::format("TLB geometry '{}': {} (expected LEVEL[[ARRAY]]:ENTRIESxWAYS[:REPLACEMENT], "
                               "LEVEL l1i, l1d or l2, e.g. l2:1536x12:lru)",
                               text, why));
}

// A decimal number of at least 1 that is all of `digits`.
std::optional<std::uint32_t> number(std::string_view digits) {
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return v;
}

TlbSlot parse_level(std::string_view text, std::string_view level, unsigned& array) {
  const std::size_t bracket = level.find('[');
  if (bracket != std::string_view::npos) {
    if (level.back() != ']') malformed(text, "the array index is not closed by ']'");
    const auto index = number(level.substr(bracket + 1, level.size() - bracket - 2));
    if (!index) malformed(text, "the array index is not a number");
    array = *index;
    level = level.substr(0, bracket);
  }
  for (const TlbSlot s : kSlots) {
    if (level == tlb_slot_name(s)) return s;
  }
  malformed(text, fmt::format("no TLB level '{}'", level));
}

}  // namespace

std::string_view tlb_slot_name(TlbSlot slot) {
  switch (slot) {
    case TlbSlot::L1I: return "l1i";
    case TlbSlot::L1D: return "l1d";
    case TlbSlot::L2: return "l2";
  }
  return "l2";
}

std::string_view tlb_slot_key(TlbSlot slot) {
  switch (slot) {
    case TlbSlot::L1I: return "l1_itlb";
    case TlbSlot::L1D: return "l1_dtlb";
    case TlbSlot::L2: return "l2_tlb";
  }
  return "l2_tlb";
}

TlbGeometry parse_tlb_geometry(std::string_view text) {
  TlbGeometry g;
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) malformed(text, "no ':' after the level");
  g.level = parse_level(text, text.substr(0, colon), g.array);
  std::string_view rest = text.substr(colon + 1);
  const std::size_t second = rest.find(':');
  const std::string_view size = rest.substr(0, second);
  const std::size_t x = size.find('x');
  const auto entries = number(size.substr(0, x));
  const auto ways = x == std::string_view::npos ? std::nullopt : number(size.substr(x + 1));
  if (!entries || !ways) malformed(text, fmt::format("'{}' is not ENTRIESxWAYS", size));
  g.entries = *entries;
  g.ways = *ways;
  if (second == std::string_view::npos) return g;
  const std::string_view policy = rest.substr(second + 1);
  for (const ReplacementKind k : kReplacements) {
    if (policy == replacement_name(k)) g.replacement = k;
  }
  if (!g.replacement) malformed(text, fmt::format("no replacement '{}' (lru, tree_plru, fifo, random)", policy));
  return g;
}

TlbLevelConfig shadow_level_config(const MmuConfig& cfg, const TlbGeometry& g) {
  MmuConfig shadow = cfg;
  TlbLevelConfig& level = shadow.*level_of(g.level);
  if (g.array >= level.arrays.size()) {
    throw InputError(fmt::format("TLB geometry {}[{}]: mmu.{} has {} array(s)", tlb_slot_name(g.level), g.array,
                                 tlb_slot_key(g.level), level.arrays.size()));
  }
  for (TlbConfig& t : level.arrays) t.impl = TlbImpl::Cpp;  // a shadow is always the C++ model
  TlbConfig& t = level.arrays[g.array];
  t.entries = g.entries;
  t.ways = g.ways;
  if (g.replacement) t.replacement = *g.replacement;
  try {
    validate_mmu_config(shadow, ConfigScope(kMmuTable));
  } catch (const InputError& e) {
    throw InputError(fmt::format("TLB geometry {}: {}", tlb_geometry_name(cfg, g), e.what()));
  }
  return level;
}

std::string tlb_geometry_name(const MmuConfig& cfg, const TlbGeometry& g) {
  const TlbLevelConfig& level = cfg.*level_of(g.level);
  std::optional<ReplacementKind> policy = g.replacement;
  if (!policy && g.array < level.arrays.size()) policy = level.arrays[g.array].replacement;
  std::string name(tlb_slot_name(g.level));
  if (g.array != 0) name += fmt::format("[{}]", g.array);
  name += fmt::format(":{}x{}", g.entries, g.ways);
  if (policy) name += fmt::format(":{}", replacement_name(*policy));
  return name;
}

}  // namespace memvp::mmu
