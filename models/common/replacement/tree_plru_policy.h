// Tree pseudo-LRU: a binary tree of one bit per node over the ways of a set; each bit points
// to the half that was used less recently. A hit or fill flips the bits on its path to point
// away from it; the victim follows the bits from the root. Way counts that are not a power of
// two (Skylake's 12-way STLB) use the tree of the next power of two, and a walk that would
// enter a subtree with no real way takes the other branch.
#pragma once

#include <cstdint>
#include <vector>

#include "common/replacement/replacement_policy.h"

namespace memvp {

// The tree's two walks over any storage of its node bits (node 1 is the root, node n's children
// are 2n and 2n + 1, over `leaves` leaves, a power of two >= ways). A hit or fill sets each bit
// on its path with set_bit(node, v) to point away from it.
template <class SetBit>
void tree_plru_touch(unsigned way, unsigned leaves, SetBit set_bit) {
  unsigned node = 1, lo = 0, span = leaves;
  while (span > 1) {
    span /= 2;
    const bool in_right = way >= lo + span;
    set_bit(node, !in_right);  // point to the other half
    if (in_right) lo += span;
    node = node * 2 + (in_right ? 1 : 0);
  }
}
// The victim follows the bits read with get_bit(node) from the root.
template <class GetBit>
unsigned tree_plru_victim(unsigned ways, unsigned leaves, GetBit get_bit) {
  unsigned node = 1, lo = 0, span = leaves;
  while (span > 1) {
    span /= 2;
    bool right = get_bit(node);
    if (right && lo + span >= ways) right = false;  // right half holds no real way
    if (right) lo += span;
    node = node * 2 + (right ? 1 : 0);
  }
  return lo;
}

class TreePlruPolicy final : public ReplacementPolicy {
 public:
  TreePlruPolicy(unsigned sets, unsigned ways) : ways_(ways) {
    while (leaves_ < ways) leaves_ *= 2;
    bits_.assign(std::size_t{sets} * leaves_, 0);  // node 1..leaves-1 of each set; 0 unused
  }

  void on_hit(unsigned set, unsigned way) override { touch(set, way); }
  void on_fill(unsigned set, unsigned way) override { touch(set, way); }

  unsigned victim(unsigned set) override {
    return tree_plru_victim(ways_, leaves_, [&](unsigned node) { return bit(set, node) != 0; });
  }
  [[nodiscard]] std::string_view name() const override { return "tree_plru"; }

  // The tree bits of one set, node 1 first (for tests and waveforms).
  [[nodiscard]] std::vector<std::uint8_t> tree(unsigned set) const {
    return {bits_.begin() + std::size_t{set} * leaves_ + 1,
            bits_.begin() + std::size_t{set} * leaves_ + leaves_};
  }

 private:
  void touch(unsigned set, unsigned way) {
    tree_plru_touch(way, leaves_, [&](unsigned node, bool v) { bit(set, node) = v ? 1 : 0; });
  }
  std::uint8_t& bit(unsigned set, unsigned node) { return bits_[std::size_t{set} * leaves_ + node]; }

  unsigned ways_;
  unsigned leaves_ = 1;
  std::vector<std::uint8_t> bits_;
};

}  // namespace memvp
