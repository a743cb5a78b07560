// PMP CSRs and checks (priv spec §3.7.1): WARL legalisation, the lock rules, address matching
// by OFF/TOR/NA4/NAPOT with a grain of 2^(G+2) bytes, and the priority rule. Every CSR write
// recomputes each entry's byte range and drops the cached decisions.
#include "core/pmp.h"

#include <bit>

#include <fmt/format.h>

#include "common/error.h"
#include "core/csr_numbers.h"

namespace memvp {

namespace {
constexpr unsigned kOff = 0, kTor = 1, kNa4 = 2, kNapot = 3;
// RV64 pmpaddr holds bits 55:2 of a 56-bit physical address (§3.7.1).
constexpr std::uint64_t kAddrMask = (std::uint64_t{1} << 54) - 1;
constexpr std::uint8_t kCfgWritable = 0x9F;  // L, A, X, W, R; bits 6:5 are read-only zero
constexpr std::uint64_t kNoTag = ~std::uint64_t{0};
}  // namespace

Pmp::Pmp(unsigned granularity) : g_(granularity) {
  if (g_ > kMaxGranularity)
    throw InputError(fmt::format("core.pmp_granularity = {} is above {}", granularity, kMaxGranularity));
  recompute();
}

std::optional<std::uint64_t> Pmp::read_csr(unsigned csr) const {
  if (csr >= csrn::pmpaddr0) {
    const unsigned i = csr - csrn::pmpaddr0;
    return i < kEntries ? read_addr(i) : 0;
  }
  if (csr & 1) return std::nullopt;  // pmpcfg1, 3, ... exist only on RV32
  const unsigned first = (csr - csrn::pmpcfg0) * 4;  // pmpcfg2 holds entries 8-15
  if (first >= kEntries) return 0;
  std::uint64_t v = 0;
  for (unsigned j = 0; j < 8; ++j) v |= std::uint64_t{cfg_[first + j]} << (8 * j);
  return v;
}

bool Pmp::write_csr(unsigned csr, std::uint64_t value) {
  if (csr >= csrn::pmpaddr0) {
    if (const unsigned i = csr - csrn::pmpaddr0; i < kEntries) write_addr(i, value);
  } else {
    if (csr & 1) return false;
    const unsigned first = (csr - csrn::pmpcfg0) * 4;
    if (first >= kEntries) return true;
    for (unsigned j = 0; j < 8; ++j) write_cfg_byte(first + j, static_cast<std::uint8_t>(value >> (8 * j)));
  }
  recompute();
  return true;
}

// §3.7.1.1: with G >= 2 a NAPOT entry's bits G-2:0 read as ones; with G >= 1 an OFF or TOR
// entry's bits G-1:0 read as zeros. The stored value keeps what was written.
std::uint64_t Pmp::read_addr(unsigned i) const {
  if (g_ >= 2 && (mode(i) & 2)) return addr_[i] | ((std::uint64_t{1} << (g_ - 1)) - 1);
  if (g_ >= 1 && !(mode(i) & 2)) return addr_[i] & ~((std::uint64_t{1} << g_) - 1);
  return addr_[i];
}

// §3.7.1.2: a locked entry ignores writes to its configuration. R = 0 with W = 1 is reserved
// and NA4 cannot be selected when G >= 1: such a byte is ignored, the entry keeps its setting.
void Pmp::write_cfg_byte(unsigned i, std::uint8_t v) {
  if (locked(i)) return;
  v &= kCfgWritable;
  if ((v & (kR | kW)) == kW) return;
  if (g_ >= 1 && ((v >> 3) & 3) == kNa4) return;
  cfg_[i] = v;
}

// §3.7.1.2: writes to a locked entry's pmpaddr are ignored, and so are writes to pmpaddr(i-1)
// when entry i is locked and TOR (its bottom).
void Pmp::write_addr(unsigned i, std::uint64_t v) {
  if (locked(i)) return;
  if (i + 1 < kEntries && locked(i + 1) && mode(i + 1) == kTor) return;
  addr_[i] = v & kAddrMask;
}

void Pmp::recompute() {
  const std::uint64_t grain_mask = (std::uint64_t{1} << g_) - 1;  // TOR ignores bits G-1:0
  first_ = Range{};
  bool first_found = false, first_locked = false;
  for (unsigned i = 0; i < kEntries; ++i) {
    Range r;
    switch (mode(i)) {
      case kOff: break;
      // §3.7.1.1: pmpaddr(i-1) <= y < pmpaddr(i), from zero for entry 0.
      case kTor:
        r.lo = i == 0 ? 0 : (addr_[i - 1] & ~grain_mask) << 2;
        r.hi = (addr_[i] & ~grain_mask) << 2;
        break;
      case kNa4:
        r.lo = addr_[i] << 2;
        r.hi = r.lo + 4;
        break;
      case kNapot: {
        // Trailing ones give the size: t ones match 2^(t+3) bytes (Table 19); all 54 bits
        // set cover the whole 56-bit space and more.
        const std::uint64_t a = g_ >= 2 ? addr_[i] | ((std::uint64_t{1} << (g_ - 1)) - 1) : addr_[i];
        const unsigned t = static_cast<unsigned>(std::countr_one(a));
        const std::uint64_t low = (std::uint64_t{1} << (t + 1)) - 1;
        r.lo = (a & ~low & kAddrMask) << 2;
        r.hi = r.lo + (std::uint64_t{1} << (t + 3));
        break;
      }
    }
    range_[i] = r;
    if (!first_found && r.lo < r.hi) {
      first_found = true;
      first_ = r;
      first_perms_ = {perms(i, false), perms(i, true)};
      first_locked = locked(i);
    }
  }
  constexpr std::uint64_t kReach = std::uint64_t{1} << 57;  // NAPOT over all 54 address bits
  check_m_ = first_found && (first_locked || first_.lo != 0 || first_.hi != kReach);
  cache_tag_.fill(kNoTag);
}

std::uint8_t Pmp::decide(std::uint64_t a, std::uint64_t b, bool machine) const {
  for (unsigned i = 0; i < kEntries; ++i) {
    const Range& r = range_[i];
    if (r.lo >= r.hi || b < r.lo || a >= r.hi) continue;
    // §3.7.1.3: the matching entry must match all bytes of the access, or the access fails.
    if (a < r.lo || b >= r.hi) return 0;
    return perms(i, machine);
  }
  // No entry matches: M-mode succeeds, S and U fail (16 entries are implemented).
  return machine ? (kR | kW | kX) : 0;
}

bool Pmp::allows_slow(std::uint64_t a, unsigned len, rv::Access kind, rv::Priv p) {
  const bool machine = p == rv::Priv::M;
  if ((a & ((std::uint64_t{1} << kPageShift) - 1)) + len <= (std::uint64_t{1} << kPageShift)) {
    if (const std::uint8_t d = page_decision(a >> kPageShift, machine); d & kUniform) return d & bit(kind);
  }
  const std::uint64_t b = a + (len - 1) < a ? ~std::uint64_t{0} : a + (len - 1);
  return decide(a, b, machine) & bit(kind);
}

std::uint8_t Pmp::page_decision(std::uint64_t page, bool machine) {
  const std::uint64_t tag = page << 1 | (machine ? 1 : 0);
  const unsigned slot = static_cast<unsigned>(page % kCacheSlots);
  if (cache_tag_[slot] == tag) return cache_decision_[slot];
  const std::uint64_t a = page << kPageShift;
  const std::uint64_t b = a + ((std::uint64_t{1} << kPageShift) - 1);
  std::uint8_t d = machine ? (kUniform | kR | kW | kX) : kUniform;  // no entry touches the page
  for (unsigned i = 0; i < kEntries; ++i) {
    const Range& r = range_[i];
    if (r.lo >= r.hi || b < r.lo || a >= r.hi) continue;
    d = a >= r.lo && b < r.hi ? (kUniform | perms(i, machine)) : 0;
    break;
  }
  cache_tag_[slot] = tag;
  cache_decision_[slot] = d;
  return d;
}

bool Pmp::allows_page_slow(PhysAddr pa, rv::Access kind, rv::Priv p) {
  const std::uint8_t d = page_decision(pa.value() >> kPageShift, p == rv::Priv::M);
  return (d & kUniform) && (d & bit(kind));
}

bool Pmp::pte_access_allowed(PhysAddr pte, bool write) {
  return allows(pte, 8, write ? rv::Access::Store : rv::Access::Load, rv::Priv::S);
}

}  // namespace memvp
