// Drives a Verilated rtl/tlb cycle by cycle behind the operations of memvp's abstract Tlb
// (lookup, fill, flush): each operation sets its port's inputs for one cycle, clocks one rising
// edge, and a lookup reads the registered response in the cycle after (rtl/README.md). The model
// is evaluated only for these operations: between them no input is valid, so no flip-flop of
// the RTL changes and the idle cycles need not be clocked. With an RtlWaveSink the model is built
// in the sink's context under a scope name, and each operation is dumped to its FST file.
#pragma once

#include <verilated.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "mmu/tlb.h"
#include "rtl_tlb/rtl_wave_sink.h"

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

constexpr unsigned kSv39VpnWidth = 27;  // the tlb's default VpnWidth
constexpr unsigned kSv48VpnWidth = 36;

// A VPN of the RTL's VpnWidth bits as memvp's TlbEntry holds it: VA >> 12 of a canonical VA,
// whose bits above the VPN copy its top bit (§12.4, §12.5).
inline std::uint64_t extend_vpn(std::uint64_t vpn, unsigned width) {
  const unsigned shift = 64 - width;
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(vpn << shift) >> shift) & ((std::uint64_t{1} << 52) - 1);
}

template <class Model>
class RtlTlbDriver {
 public:
  // vpn_width: the model's VpnWidth parameter. waves: where the model is traced (its scope in
  // the file is scope), or nullptr.
  explicit RtlTlbDriver(unsigned vpn_width = kSv39VpnWidth, RtlWaveSink* waves = nullptr, const char* scope = "TOP")
      : vpn_width_(vpn_width), vpn_mask_((std::uint64_t{1} << vpn_width) - 1), waves_(waves),
        ctx_(waves != nullptr ? waves->context() : std::make_shared<VerilatedContext>()),
        m_(std::make_unique<Model>(ctx_.get(), scope)) {
    m_->clk_i = 0;
    m_->rst_ni = 0;
    idle();
    m_->eval();
    m_->rst_ni = 1;
    m_->eval();
  }
  // Verilator's scope destructors unregister from the thread's current context, not the
  // model's: make it this model's, or they would touch a context destroyed before.
  ~RtlTlbDriver() {
    Verilated::threadContextp(ctx_.get());
    m_->final();
    m_.reset();
  }

  std::optional<mmu::TlbEntry> lookup(VirtAddr va, Asid asid, Access access = Access::Load) {
    m_->lookup_valid_i = 1;
    set(m_->lookup_vpn_i, (va.value() >> 12) & vpn_mask_);
    m_->lookup_asid_i = asid.value();
    m_->lookup_access_i = static_cast<std::uint8_t>(access);
    cycle();
    if (!m_->resp_valid_o) throw std::logic_error("tlb: no response in the cycle after a lookup");
    last_access_ = static_cast<Access>(m_->resp_access_o);
    if (!m_->resp_hit_o) return std::nullopt;
    mmu::TlbEntry e;
    e.vpn = extend_vpn(m_->resp_vpn_o, vpn_width_);
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
    set(m_->fill_vpn_i, e.vpn & vpn_mask_);
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
    set(m_->flush_vpn_i, (f.va.value() >> 12) & vpn_mask_);
    m_->flush_asid_i = f.asid.value();
    cycle();
  }

  // One clock cycle of the request set up by the caller. Untraced, one evaluation: the rising
  // edge, whose evaluation first settles the input logic with the new inputs (Verilator's `ico`
  // region) and then runs the clocked processes. The clock's low phase between two operations
  // is not evaluated: tlb.sv has no falling-edge process and no logic that the low clock or the
  // withdrawn request would change in a way an operation reads (the ready outputs are settled
  // again at the next edge), so the phase is recorded in the model's edge detection instead
  // (clock_was_low). Traced, every phase is evaluated and dumped, so that the waves show the
  // request with the clock low, the edge, and the request withdrawn.
  void cycle() {
    if (waves_ == nullptr) {
      clock_was_low();
      m_->clk_i = 1;
      m_->eval();
      m_->clk_i = 0;
      idle();
    } else {
      const std::uint64_t t = waves_->next_op_time();
      m_->eval();
      dump(t);
      m_->clk_i = 1;
      m_->eval();
      dump(t + 1);
      m_->clk_i = 0;
      idle();
      m_->eval();
      dump(t + 2);
    }
    ++cycles_;
  }
  void idle() {
    m_->lookup_valid_i = 0;
    m_->fill_valid_i = 0;
    m_->flush_valid_i = 0;
  }

  Model& model() { return *m_; }
  [[nodiscard]] unsigned vpn_width() const { return vpn_width_; }
  [[nodiscard]] std::uint64_t cycles() const { return cycles_; }
  [[nodiscard]] Access last_access() const { return last_access_; }

 private:
  // Verilator 5.006 finds a rising edge by comparing the clock with its value at the model's
  // previous evaluation, which the root keeps in __Vtrigrprev__TOP__clk_i: setting it to 0
  // stands for an evaluation with the clock low. A Verilator whose root names it otherwise
  // evaluates that phase. (A translation unit that drives a model includes its root header,
  // Vname___024root.h, so that every one makes the same choice.)
  void clock_was_low() {
    using Root = std::remove_pointer_t<decltype(m_->rootp)>;
    if constexpr (requires(Root& r) { r.__Vtrigrprev__TOP__clk_i = 0; }) {
      m_->rootp->__Vtrigrprev__TOP__clk_i = 0;
    } else {
      m_->eval();
    }
  }
  void dump(std::uint64_t t) {
    if (waves_ != nullptr) waves_->dump(t);
  }
  // A port of the model's width (CData, IData or QData) from a value that fits it.
  template <class Port>
  static void set(Port& port, std::uint64_t v) { port = static_cast<Port>(v); }

  unsigned vpn_width_;
  std::uint64_t vpn_mask_;
  RtlWaveSink* waves_;
  std::shared_ptr<VerilatedContext> ctx_;  // shared with the other models of a wave file
  std::unique_ptr<Model> m_;
  std::uint64_t cycles_ = 0;
  Access last_access_ = Access::Load;
};

}  // namespace memvp::rtl
