// Address mapping: splits a controller-relative byte address into channel, rank, bank group,
// bank, row and column from a bit-order string such as "RoBgBaRaCoCh" (most significant field
// first; the burst-offset bits lie below the last field). Optionally XORs the bank-group and
// bank bits with the lowest row bits to spread row conflicts (permutation-based interleaving).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dram/ddr4_config.h"
#include "dram/dram_types.h"

namespace memvp {

class AddressMapping {
 public:
  enum class Field { Row, Rank, BankGroup, Bank, Column, Channel };

  // Throws InputError if the bit order does not name each field exactly once.
  explicit AddressMapping(const Ddr4Config& cfg);
  // What is wrong with a bit order ("\"RoRoBgBaCoCh\" repeats field \"Ro\""), if anything.
  [[nodiscard]] static std::optional<std::string> bit_order_problem(std::string_view order);

  [[nodiscard]] DramCoord decode(std::uint64_t addr) const;
  // The lowest address of the burst at c (the inverse of decode), for tests and tools.
  [[nodiscard]] std::uint64_t encode(const DramCoord& c) const;
  [[nodiscard]] std::uint64_t capacity_bytes() const { return std::uint64_t{1} << total_bits_; }
  [[nodiscard]] unsigned offset_bits() const { return offset_bits_; }

 private:
  struct Slice {
    Field field;
    unsigned shift;  // position of the field's lowest bit in the address
    unsigned bits;
  };
  [[nodiscard]] unsigned bits_of(Field f) const;

  const Ddr4Config* cfg_;
  std::vector<Slice> slices_;  // in string order (most significant first)
  unsigned offset_bits_ = 0;
  unsigned total_bits_ = 0;
  bool xor_banks_ = false;
};

}  // namespace memvp
