// Lockstep forwarding, comparison and the divergence report of LockstepTlb.
#include "rtl_tlb/lockstep_tlb.h"

#include <fmt/format.h>

namespace memvp::rtl {

namespace {

std::string describe_flush(const mmu::TlbFlush& f) {
  switch (f.kind) {
    case mmu::FlushKind::All: return "flush all";
    case mmu::FlushKind::Asid: return fmt::format("flush asid={}", f.asid.value());
    case mmu::FlushKind::Va: return fmt::format("flush va=0x{:x}", f.va.value());
    case mmu::FlushKind::VaAsid: return fmt::format("flush va=0x{:x} asid={}", f.va.value(), f.asid.value());
  }
  return "flush";
}

template <class Array>
std::string dump_of(const char* model, const Array& a) {
  std::string out;
  for (unsigned s = 0; s < a.sets(); ++s)
    for (unsigned w = 0; w < a.ways(); ++w)
      if (auto e = a.at(s, w)) out += fmt::format("  {} {} set {} way {}: {}\n", model, a.name(), s, w, describe(e));
  return out.empty() ? fmt::format("  {} {}: no valid entry\n", model, a.name()) : out;
}

}  // namespace

std::string describe(const std::optional<mmu::TlbEntry>& e) {
  if (!e) return "miss";
  return fmt::format("vpn=0x{:x} ppn=0x{:x} size={} asid={} g={} flags=0x{:02x}", e->vpn, e->ppn,
                     mmu::page_size_name(e->size), e->asid.value(), e->global ? 1 : 0, e->flags);
}

bool same_entry(const std::optional<mmu::TlbEntry>& a, const std::optional<mmu::TlbEntry>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->vpn == b->vpn && a->ppn == b->ppn && a->size == b->size && a->asid == b->asid &&
                a->global == b->global && a->flags == b->flags);
}

LockstepTlb::LockstepTlb(std::unique_ptr<mmu::SetAssocTlb> cpp, std::unique_ptr<RtlTlbArray> rtl,
                         mmu::TlbSite site, Report report)
    : cpp_(std::move(cpp)), rtl_(std::move(rtl)), site_(std::move(site)), report_(std::move(report)) {}

std::optional<mmu::TlbEntry> LockstepTlb::lookup(VirtAddr va, Asid asid) {
  auto ref = cpp_->lookup(va, asid);
  auto other = rtl_->lookup(va, asid);
  if (!same_entry(ref, other)) {
    diverge(fmt::format("lookup va=0x{:x} asid={}", va.value(), asid.value()),
            fmt::format("cpp {}, rtl {}", describe(ref), describe(other)));
  }
  return ref;
}

void LockstepTlb::fill(const mmu::TlbEntry& e) {
  cpp_->fill(e);
  rtl_->fill(e);
  if (!cpp_->holds(e.size)) return;
  // The set e went to, way by way: a different victim shows as a way that differs.
  const unsigned set = cpp_->set_of(VirtAddr(e.vpn << 12), e.size);
  if (auto d = first_difference(set, set + 1, true); d || cpp_->stats().evictions != rtl_->stats().evictions) {
    diverge("fill " + describe(e), d ? way_answers(d->first, d->second)
                                     : fmt::format("cpp evictions {}, rtl evictions {}", cpp_->stats().evictions,
                                                   rtl_->stats().evictions));
  }
}

void LockstepTlb::flush(const mmu::TlbFlush& f) {
  cpp_->flush(f);
  rtl_->flush(f);
  const auto d = first_difference(0, cpp_->sets(), false);
  if (d || cpp_->stats().invalidations != rtl_->stats().invalidations) {
    diverge(describe_flush(f),
            fmt::format("cpp invalidations {}, rtl invalidations {}{}", cpp_->stats().invalidations,
                        rtl_->stats().invalidations, d ? "; " + way_answers(d->first, d->second) : ""));
  }
}

std::optional<std::pair<unsigned, unsigned>> LockstepTlb::first_difference(unsigned set_begin, unsigned set_end,
                                                                           bool entries) const {
  for (unsigned s = set_begin; s < set_end; ++s) {
    for (unsigned w = 0; w < cpp_->ways(); ++w) {
      const bool differs = entries ? !same_entry(cpp_->at(s, w), rtl_->at(s, w))
                                   : cpp_->at(s, w).has_value() != rtl_->valid_at(s, w);
      if (differs) return std::make_pair(s, w);
    }
  }
  return std::nullopt;
}

std::string LockstepTlb::way_answers(unsigned set, unsigned way) const {
  auto held = [](const std::optional<mmu::TlbEntry>& e) { return e ? describe(e) : std::string("empty"); };
  return fmt::format("set {} way {}: cpp {}, rtl {}", set, way, held(cpp_->at(set, way)), held(rtl_->at(set, way)));
}

void LockstepTlb::diverge(const std::string& operation, const std::string& answers) {
  if (diverged_) return;
  diverged_ = true;
  const std::uint64_t cycle = site_.cycle != nullptr ? *site_.cycle : 0;
  TlbDivergence d;
  d.line = fmt::format("lockstep divergence at cycle {} on {} {} (rtl cycle {}): {}: {}", cycle, site_.hart, name(),
                       rtl_->rtl_cycles(), operation, answers);
  d.dump = dump_of("cpp", *cpp_) + dump_of("rtl", *rtl_);
  report_(d);
}

}  // namespace memvp::rtl
