// Bit-order parsing and decode/encode for AddressMapping.
#include "dram/address_mapping.h"

#include <array>
#include <bit>
#include <string_view>

#include "common/error.h"

namespace memvp {
namespace {

struct FieldName {
  std::string_view token;
  AddressMapping::Field field;
};
constexpr std::array<FieldName, 6> kFields{{{"Ro", AddressMapping::Field::Row},
                                            {"Ra", AddressMapping::Field::Rank},
                                            {"Bg", AddressMapping::Field::BankGroup},
                                            {"Ba", AddressMapping::Field::Bank},
                                            {"Co", AddressMapping::Field::Column},
                                            {"Ch", AddressMapping::Field::Channel}}};

unsigned log2u(std::uint64_t v) { return static_cast<unsigned>(std::countr_zero(v)); }
std::uint64_t mask(unsigned bits) { return bits >= 64 ? ~0ULL : (1ULL << bits) - 1; }

}  // namespace

unsigned AddressMapping::bits_of(Field f) const {
  const Ddr4Organisation& o = cfg_->org;
  switch (f) {
    case Field::Row:
      return log2u(o.rows);
    case Field::Rank:
      return log2u(o.ranks);
    case Field::BankGroup:
      return log2u(o.bank_groups);
    case Field::Bank:
      return log2u(o.banks_per_group);
    case Field::Column:
      return log2u(o.columns / cfg_->timing.burst_length);
    case Field::Channel:
      return log2u(o.channels);
  }
  return 0;
}

std::optional<std::string> AddressMapping::bit_order_problem(std::string_view order) {
  const std::string quoted = "\"" + std::string(order) + "\" ";
  if (order.size() != 2 * kFields.size()) return quoted + "must name each of Ro Ra Bg Ba Co Ch exactly once";
  std::array<bool, kFields.size()> seen{};
  for (std::size_t i = 0; i < order.size(); i += 2) {
    const std::string_view tok = order.substr(i, 2);
    std::size_t k = 0;
    while (k < kFields.size() && kFields[k].token != tok) ++k;
    if (k == kFields.size()) return quoted + "has unknown field \"" + std::string(tok) + "\"";
    if (seen[k]) return quoted + "repeats field \"" + std::string(tok) + "\"";
    seen[k] = true;
  }
  return std::nullopt;
}

AddressMapping::AddressMapping(const Ddr4Config& cfg)
    : cfg_(&cfg), offset_bits_(log2u(cfg.burst_bytes())), xor_banks_(cfg.xor_bank_bits) {
  const std::string& s = cfg.address_mapping;
  if (const auto problem = bit_order_problem(s)) throw InputError("dram: address_mapping " + *problem);
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const std::string_view tok(s.data() + i, 2);
    std::size_t k = 0;
    while (kFields[k].token != tok) ++k;
    slices_.push_back({kFields[k].field, 0, bits_of(kFields[k].field)});
  }
  unsigned shift = offset_bits_;
  for (auto it = slices_.rbegin(); it != slices_.rend(); ++it) {
    it->shift = shift;
    shift += it->bits;
  }
  total_bits_ = shift;
}

DramCoord AddressMapping::decode(std::uint64_t addr) const {
  DramCoord c;
  for (const Slice& sl : slices_) {
    auto v = static_cast<std::uint32_t>((addr >> sl.shift) & mask(sl.bits));
    switch (sl.field) {
      case Field::Row:
        c.row = Row(v);
        break;
      case Field::Rank:
        c.rank = Rank(v);
        break;
      case Field::BankGroup:
        c.bank_group = BankGroup(v);
        break;
      case Field::Bank:
        c.bank = Bank(v);
        break;
      case Field::Column:
        c.column = Column(v);
        break;
      case Field::Channel:
        c.channel = ChannelId(v);
        break;
    }
  }
  if (xor_banks_) {
    const unsigned bg_bits = bits_of(Field::BankGroup);
    const unsigned ba_bits = bits_of(Field::Bank);
    const std::uint32_t row = c.row.value();
    c.bank_group = BankGroup(c.bank_group.value() ^ (row & mask(bg_bits)));
    c.bank = Bank(c.bank.value() ^ ((row >> bg_bits) & mask(ba_bits)));
  }
  return c;
}

std::uint64_t AddressMapping::encode(const DramCoord& c) const {
  std::uint32_t bg = c.bank_group.value();
  std::uint32_t ba = c.bank.value();
  if (xor_banks_) {  // XOR is its own inverse
    const unsigned bg_bits = bits_of(Field::BankGroup);
    bg ^= c.row.value() & mask(bg_bits);
    ba ^= (c.row.value() >> bg_bits) & mask(bits_of(Field::Bank));
  }
  std::uint64_t addr = 0;
  for (const Slice& sl : slices_) {
    std::uint64_t v = 0;
    switch (sl.field) {
      case Field::Row:
        v = c.row.value();
        break;
      case Field::Rank:
        v = c.rank.value();
        break;
      case Field::BankGroup:
        v = bg;
        break;
      case Field::Bank:
        v = ba;
        break;
      case Field::Column:
        v = c.column.value();
        break;
      case Field::Channel:
        v = c.channel.value();
        break;
    }
    addr |= (v & mask(sl.bits)) << sl.shift;
  }
  return addr;
}

}  // namespace memvp
