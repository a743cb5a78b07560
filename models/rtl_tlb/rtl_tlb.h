// A Verilated rtl/tlb behind memvp's abstract mmu::Tlb: lookup, fill and flush drive the ports
// one cycle each (RtlTlbDriver); contents() and the eviction and invalidation counts read the
// entry registers the RTL marks public (tlb__DOT__valid_q, ...). The lookup latency the MMU
// charges is the array's latency_cycles, as for the C++ model, so that simulated time does not
// depend on which model answers.
#pragma once

#include <string>
#include <type_traits>

#include "mmu/mmu_config.h"
#include "mmu/tlb.h"
#include "rtl_tlb/rtl_tlb_driver.h"

namespace memvp::rtl {

// Bits [lsb, lsb + width) of a Verilated signal: an integer (CData ... QData) or a VlWide.
template <class T>
std::uint64_t signal_bits(const T& v, unsigned lsb, unsigned width) {
  const std::uint64_t mask = width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1;
  if constexpr (std::is_integral_v<T>) {
    return (static_cast<std::uint64_t>(v) >> lsb) & mask;
  } else {
    // A word (32 bits, EData) at a time.
    std::uint64_t r = 0;
    for (unsigned got = 0, bit = lsb; got < width;) {
      const unsigned offset = bit % 32;
      r |= (std::uint64_t{v.at(bit / 32)} >> offset) << got;
      got += 32 - offset;
      bit += 32 - offset;
    }
    return r & mask;
  }
}

// What a lockstep compare reads of an RTL TLB besides the Tlb interface: its entries by set
// and way (entry index set * ways + way, as tlb.sv stores them).
class RtlTlbArray : public mmu::Tlb {
 public:
  [[nodiscard]] virtual unsigned sets() const = 0;
  [[nodiscard]] virtual unsigned ways() const = 0;
  [[nodiscard]] virtual std::optional<mmu::TlbEntry> at(unsigned set, unsigned way) const = 0;
  [[nodiscard]] virtual bool valid_at(unsigned set, unsigned way) const = 0;
  // Cycles the model has been clocked (one per operation).
  [[nodiscard]] virtual std::uint64_t rtl_cycles() const = 0;
};

template <class Model>
class RtlTlb final : public RtlTlbArray {
 public:
  // cfg: entries, ways, page_sizes and latency_cycles of the array; the Model must have been
  // Verilated with those entries and ways and with VpnWidth = vpn_width.
  // waves: where the model is traced, under scope (rtl_wave_sink.h), or nullptr.
  RtlTlb(std::string name, const mmu::TlbConfig& cfg, unsigned vpn_width = kSv39VpnWidth,
         RtlWaveSink* waves = nullptr, const char* scope = "TOP")
      : name_(std::move(name)), entries_(cfg.entries), ways_(cfg.ways), sizes_(cfg.page_sizes),
        latency_(cfg.latency_cycles), drv_(vpn_width, waves, scope) {}

  std::optional<mmu::TlbEntry> lookup(VirtAddr va, Asid asid) override {
    ++stats_.lookups;
    auto e = drv_.lookup(va, asid);
    ++(e ? stats_.hits : stats_.misses);
    return e;
  }

  void fill(const mmu::TlbEntry& e) override {
    if (!holds(e.size)) return;
    ++stats_.fills;
    if (evicts(e)) ++stats_.evictions;
    drv_.fill(e);
  }

  void flush(const mmu::TlbFlush& f) override {
    ++stats_.flushes;
    const std::size_t before = valid_count();
    drv_.flush(f);
    stats_.invalidations += before - valid_count();
  }

  [[nodiscard]] bool holds(mmu::PageSize s) const override { return sizes_.contains(s); }
  [[nodiscard]] Cycles latency() const override { return Cycles(latency_); }
  [[nodiscard]] const mmu::TlbStats& stats() const override { return stats_; }
  void reset_stats() override { stats_ = {}; }
  [[nodiscard]] const std::string& name() const override { return name_; }

  [[nodiscard]] std::vector<mmu::TlbEntry> contents() const override {
    std::vector<mmu::TlbEntry> out;
    for (unsigned i = 0; i < entries_; ++i)
      if (valid(i)) out.push_back(entry(i));
    return out;
  }

  [[nodiscard]] unsigned sets() const override { return entries_ / ways_; }
  [[nodiscard]] unsigned ways() const override { return ways_; }
  [[nodiscard]] std::optional<mmu::TlbEntry> at(unsigned set, unsigned way) const override {
    const unsigned i = set * ways_ + way;
    if (!valid(i)) return std::nullopt;
    return entry(i);
  }
  [[nodiscard]] bool valid_at(unsigned set, unsigned way) const override { return valid(set * ways_ + way); }
  [[nodiscard]] std::uint64_t rtl_cycles() const override { return drv_.cycles(); }
  Model& model() { return drv_.model(); }

 private:
  [[nodiscard]] const auto& root() const { return *drv_.model().rootp; }
  [[nodiscard]] bool valid(unsigned i) const { return signal_bits(root().tlb__DOT__valid_q, i, 1) != 0; }
  // The fields of entry i, one element of each of tlb.sv's per-field arrays.
  [[nodiscard]] mmu::TlbEntry entry(unsigned i) const {
    const auto& r = root();
    mmu::TlbEntry e;
    e.vpn = extend_vpn(r.tlb__DOT__vpn_q[i], drv_.vpn_width());
    e.ppn = r.tlb__DOT__ppn_q[i];
    e.size = static_cast<mmu::PageSize>(r.tlb__DOT__size_q[i]);
    e.leaf_size = e.size;
    e.asid = Asid(static_cast<std::uint16_t>(r.tlb__DOT__asid_q[i]));
    e.global = r.tlb__DOT__global_q[i] != 0;
    e.flags = static_cast<std::uint8_t>(r.tlb__DOT__flags_q[i]);
    return e;
  }
  [[nodiscard]] std::size_t valid_count() const {
    std::size_t n = 0;
    for (unsigned i = 0; i < entries_; ++i) n += valid(i);
    return n;
  }
  // Whether filling e replaces a valid entry: its set is full and holds no copy of e.
  [[nodiscard]] bool evicts(const mmu::TlbEntry& e) const {
    const unsigned set = static_cast<unsigned>((e.vpn >> (9 * mmu::level_of(e.size))) & (sets() - 1));
    const std::uint64_t base = e.vpn & ~((std::uint64_t{1} << (9 * mmu::level_of(e.size))) - 1);
    for (unsigned w = 0; w < ways_; ++w) {
      const unsigned i = set * ways_ + w;
      if (!valid(i)) return false;
      const mmu::TlbEntry x = entry(i);
      if (x.size == e.size && x.vpn == base && x.global == e.global && (e.global || x.asid == e.asid))
        return false;
    }
    return true;
  }

  std::string name_;
  unsigned entries_, ways_;
  mmu::PageSizeSet sizes_;
  std::uint32_t latency_;
  mutable RtlTlbDriver<Model> drv_;  // mutable: the model's signals are read through it
  mmu::TlbStats stats_;
};

}  // namespace memvp::rtl
