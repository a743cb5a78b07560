// Page sizes of the RV64 paged modes: a leaf found at level i of the walk maps 4 KiB << 9i
// (4 KiB, 2 MiB mega-, 1 GiB giga-, 512 GiB terapages; priv spec §12.4, §12.5), and a set of
// them, which is what a TLB array declares it can hold.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace memvp::mmu {

// The value is the page-table level whose leaf maps a page of this size.
enum class PageSize : std::uint8_t { k4K = 0, k2M = 1, k1G = 2, k512G = 3 };

constexpr unsigned kNumPageSizes = 4;

constexpr unsigned level_of(PageSize s) { return static_cast<unsigned>(s); }
constexpr PageSize page_size_at_level(unsigned level) { return static_cast<PageSize>(level); }
constexpr unsigned page_shift(PageSize s) { return 12 + 9 * level_of(s); }
constexpr std::uint64_t page_bytes(PageSize s) { return std::uint64_t{1} << page_shift(s); }

constexpr std::string_view page_size_name(PageSize s) {
  constexpr std::string_view kNames[] = {"4K", "2M", "1G", "512G"};
  return kNames[level_of(s)];
}

class PageSizeSet {
 public:
  constexpr PageSizeSet() = default;
  constexpr PageSizeSet(std::initializer_list<PageSize> sizes) {
    for (PageSize s : sizes) add(s);
  }
  constexpr void add(PageSize s) { bits_ |= static_cast<std::uint8_t>(1u << level_of(s)); }
  [[nodiscard]] constexpr bool contains(PageSize s) const { return (bits_ >> level_of(s)) & 1u; }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  [[nodiscard]] constexpr std::uint8_t bits() const { return bits_; }
  constexpr bool operator==(const PageSizeSet&) const = default;

 private:
  std::uint8_t bits_ = 0;
};

}  // namespace memvp::mmu
