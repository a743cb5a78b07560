// Strong types for the quantities memvp models (STYLE rule 5): a physical address can never be
// passed where a virtual one or a cycle count is expected. Each wraps one integer, is trivially
// copyable, and converts back only through .value().
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace memvp {

template <class Tag, class Rep = std::uint64_t>
class StrongInt {
 public:
  using rep = Rep;
  constexpr StrongInt() = default;
  constexpr explicit StrongInt(Rep v) : v_(v) {}
  [[nodiscard]] constexpr Rep value() const { return v_; }
  constexpr auto operator<=>(const StrongInt&) const = default;

 protected:
  Rep v_{};
};

// An address: adding a byte offset keeps its kind; the difference of two is a byte count.
template <class Tag>
class Address : public StrongInt<Tag> {
 public:
  using StrongInt<Tag>::StrongInt;
  constexpr Address operator+(std::uint64_t off) const { return Address(this->v_ + off); }
  constexpr Address operator-(std::uint64_t off) const { return Address(this->v_ - off); }
  constexpr std::uint64_t operator-(Address o) const { return this->v_ - o.v_; }
  constexpr Address& operator+=(std::uint64_t off) { this->v_ += off; return *this; }
};

struct PhysAddrTag {};
struct VirtAddrTag {};
using PhysAddr = Address<PhysAddrTag>;
using VirtAddr = Address<VirtAddrTag>;

// A count of clock cycles of the block that reports it.
class Cycles : public StrongInt<struct CyclesTag> {
 public:
  using StrongInt::StrongInt;
  constexpr Cycles operator+(Cycles o) const { return Cycles(v_ + o.v_); }
  constexpr Cycles operator-(Cycles o) const { return Cycles(v_ - o.v_); }
  constexpr Cycles& operator+=(Cycles o) { v_ += o.v_; return *this; }
};

using HartId = StrongInt<struct HartIdTag, std::uint32_t>;
using NodeId = StrongInt<struct NodeIdTag, std::uint32_t>;
using Asid = StrongInt<struct AsidTag, std::uint16_t>;

}  // namespace memvp

template <class Tag, class Rep>
struct std::hash<memvp::StrongInt<Tag, Rep>> {
  std::size_t operator()(const memvp::StrongInt<Tag, Rep>& s) const noexcept {
    return std::hash<Rep>{}(s.value());
  }
};
