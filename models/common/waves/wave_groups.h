// The signal groups of `memvp run --waves` (docs/waves.md): each group is the set of signals one
// kind of block registers, and a run records the groups it names.
#pragma once

#include <cstdint>
#include <string>

namespace memvp::waves {

enum class Group : std::uint8_t { Hart, Mmu, Cache, Dram, Noc, Dev, Os, Count };

class GroupSet {
 public:
  static GroupSet all();
  // "hart,mmu": throws InputError naming an unknown group and listing the known ones.
  static GroupSet parse(const std::string& list);

  [[nodiscard]] bool has(Group g) const { return (bits_ >> static_cast<unsigned>(g)) & 1; }
  void insert(Group g) { bits_ |= 1u << static_cast<unsigned>(g); }
  [[nodiscard]] std::string names() const;  // "hart,mmu" in the order of Group

 private:
  std::uint32_t bits_ = 0;
};

[[nodiscard]] const char* group_name(Group g);

}  // namespace memvp::waves
