// Drives a Verilated rtl/tlb cycle by cycle behind the operations of memvp's abstract Tlb
// (lookup, fill, flush): each operation sets its port's inputs for one cycle, clocks one rising
// edge, and a lookup reads the registered response in the cycle after (rtl/README.md).
#pragma once

#include <verilated.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

#include "mmu/tlb.h"

namespace memvp::rtl {

// tlb_pkg::flush_kind_e and access_e values.
inline std::uint8_t flush_kind_value(mmu::FlushKind k) {
  switch (k) {
    case mmu::FlushKind::All: return 0;
    case mmu::FlushKind::Asid: return 1;
    case mmu::FlushKind::Va: return 2;
    case mmu::FlushKind::VaAsid: return 3;
  }
  return 0;
}
enum class Access : std::uint8_t { Load = 0, Store = 1, Fetch = 2 };

constexpr unsigned kVpnWidth = 27;  // Sv39, the tlb's default VpnWidth
constexpr std::uint64_t kVpnMask = (std::uint64_t{1} << kVpnWidth) - 1;

template <class Model>
class RtlTlbDriver {
 public:
  RtlTlbDriver() : ctx_(std::make_unique<VerilatedContext>()), m_(std::make_unique<Model>(ctx_.get())) {
    m_->clk_i = 0;
    m_->rst_ni = 0;
    idle();
    m_->eval();
    m_->rst_ni = 1;
    m_->eval();
  }
  ~RtlTlbDriver() { m_->final(); }

  std::optional<mmu::TlbEntry> lookup(VirtAddr va, Asid asid, Access access = Access::Load) {
    m_->lookup_valid_i = 1;
    m_->lookup_vpn_i = static_cast<std::uint32_t>((va.value() >> 12) & kVpnMask);
    m_->lookup_asid_i = asid.value();
    m_->lookup_access_i = static_cast<std::uint8_t>(access);
    cycle();
    if (!m_->resp_valid_o) throw std::logic_error("tlb: no response in the cycle after a lookup");
    last_access_ = static_cast<Access>(m_->resp_access_o);
    if (!m_->resp_hit_o) return std::nullopt;
    mmu::TlbEntry e;
    e.vpn = m_->resp_vpn_o;
    e.ppn = m_->resp_ppn_o;
    e.size = static_cast<mmu::PageSize>(m_->resp_size_o);
    e.leaf_size = e.size;
    e.asid = Asid(static_cast<std::uint16_t>(m_->resp_asid_o));
    e.global = m_->resp_global_o != 0;
    e.flags = m_->resp_flags_o;
    return e;
  }

  void fill(const mmu::TlbEntry& e) {
    m_->fill_valid_i = 1;
    m_->fill_vpn_i = static_cast<std::uint32_t>(e.vpn & kVpnMask);
    m_->fill_ppn_i = e.ppn;
    m_->fill_size_i = static_cast<std::uint8_t>(mmu::level_of(e.size));
    m_->fill_asid_i = e.asid.value();
    m_->fill_global_i = e.global;
    m_->fill_flags_i = e.flags;
    cycle();
  }

  void flush(const mmu::TlbFlush& f) {
    m_->flush_valid_i = 1;
    m_->flush_kind_i = flush_kind_value(f.kind);
    m_->flush_vpn_i = static_cast<std::uint32_t>((f.va.value() >> 12) & kVpnMask);
    m_->flush_asid_i = f.asid.value();
    cycle();
  }

  // One rising edge with the inputs as set, then every request withdrawn.
  void cycle() {
    m_->eval();
    m_->clk_i = 1;
    m_->eval();
    m_->clk_i = 0;
    idle();
    m_->eval();
    ++cycles_;
  }
  void idle() {
    m_->lookup_valid_i = 0;
    m_->fill_valid_i = 0;
    m_->flush_valid_i = 0;
  }

  Model& model() { return *m_; }
  [[nodiscard]] std::uint64_t cycles() const { return cycles_; }
  [[nodiscard]] Access last_access() const { return last_access_; }

 private:
  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<Model> m_;
  std::uint64_t cycles_ = 0;
  Access last_access_ = Access::Load;
};

}  // namespace memvp::rtl
