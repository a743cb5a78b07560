// The interface every replacement policy implements (STYLE rule 4), shared by the TLB and
// page-walk-cache arrays and the caches: the array reports hits, fills and invalidations per
// (set, way) and asks for a victim only when every way of the set is valid. One policy per
// file; make_replacement_policy() picks one by kind, and kinds are named in platform files.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace memvp {

enum class ReplacementKind : std::uint8_t { Lru, TreePlru, Fifo, Random };

std::string_view replacement_name(ReplacementKind k);  // "lru", "tree_plru", "fifo", "random"

class ReplacementPolicy {
 public:
  virtual ~ReplacementPolicy() = default;
  virtual void on_hit(unsigned set, unsigned way) = 0;
  virtual void on_fill(unsigned set, unsigned way) = 0;
  virtual void on_invalidate(unsigned set, unsigned way) {}
  // The way to evict from a full set. Deterministic for every policy (Random is seeded).
  virtual unsigned victim(unsigned set) = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;
};

// `seed` is used by ReplacementKind::Random only.
std::unique_ptr<ReplacementPolicy> make_replacement_policy(ReplacementKind kind, unsigned sets,
                                                           unsigned ways, std::uint64_t seed);

}  // namespace memvp
