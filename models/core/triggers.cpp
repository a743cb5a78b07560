// The trigger module (debug spec 1.0, Sdtrig): tdata1 is WARL over three types, mcontrol6 (6),
// the older mcontrol (2, which QEMU 7.2 resets its triggers to) and disabled (15); what memvp
// implements of them is listed in docs/core.md ("Sdtrig").
#include "core/triggers.h"

namespace memvp {

namespace {
constexpr unsigned kTypeShift = 60;
constexpr std::uint64_t kMcontrol = 2, kMcontrol6 = 6, kDisabled = 15;
// mcontrol6 fields (debug spec 1.0, "Match Control Type 6"); mcontrol has them at the same bits.
constexpr std::uint64_t kLoad = 1 << 0, kStore = 1 << 1, kExecute = 1 << 2, kU = 1 << 3, kS = 1 << 4, kM = 1 << 6;
constexpr unsigned kMatchShift = 7;
constexpr std::uint64_t kMatchMask = 0xF;
enum Match : unsigned { Equal = 0, Napot = 1, GreaterEqual = 2, Less = 3 };
// mcontrol's read-only maskmax (bits 58:53): NAPOT ranges up to 2^63 bytes.
constexpr std::uint64_t kMaskmax = 63ULL << 53;
// tinfo: version 1 (the ratified 1.0) and the types each trigger supports, 2, 6 and 15.
constexpr std::uint64_t kTinfo = (1ULL << 24) | (1ULL << kMcontrol) | (1ULL << kMcontrol6) | (1ULL << kDisabled);

std::uint64_t type_of(std::uint64_t tdata1) { return tdata1 >> kTypeShift; }
bool matches_addresses(std::uint64_t tdata1) {
  return type_of(tdata1) == kMcontrol6 || type_of(tdata1) == kMcontrol;
}

// The legal value of a tdata1 write: an mcontrol6 or mcontrol keeps m/s/u, execute/store/load
// and a match of 0-3; select (data match), chain, size, timing, action, dmode, hit and
// uncertain read as zero (address match on any access size, before it, breakpoint exception).
// Any other type disables the trigger.
std::uint64_t legalize(std::uint64_t v) {
  const std::uint64_t type = type_of(v);
  if (type != kMcontrol6 && type != kMcontrol) return kDisabled << kTypeShift;
  std::uint64_t match = (v >> kMatchShift) & kMatchMask;
  if (match > Less) match = Equal;
  return (type << kTypeShift) | (type == kMcontrol ? kMaskmax : 0) |
         (v & (kM | kS | kU | kExecute | kStore | kLoad)) | (match << kMatchShift);
}
}  // namespace

Triggers::Triggers() {
  for (Trigger& t : triggers_) t.tdata1 = kDisabled << kTypeShift;
}

std::optional<std::uint64_t> Triggers::read_csr(unsigned csr) const {
  const Trigger& t = triggers_[select_];
  switch (csr) {
    case csrn::tselect: return select_;
    case csrn::tdata1: return t.tdata1;
    case csrn::tdata2: return t.tdata2;
    case csrn::tdata3: return 0;  // textra64: no context matching
    case csrn::tinfo: return kTinfo;
    default: return std::nullopt;
  }
}

bool Triggers::write_csr(unsigned csr, std::uint64_t value) {
  Trigger& t = triggers_[select_];
  switch (csr) {
    // WARL: an index past the last trigger leaves tselect unchanged.
    case csrn::tselect: if (value < kCount) select_ = static_cast<unsigned>(value); break;
    case csrn::tdata1: t.tdata1 = legalize(value); break;
    case csrn::tdata2: t.tdata2 = value; break;
    case csrn::tdata3:
    case csrn::tinfo: break;  // tdata3 holds no context fields; tinfo is read-only
    default: return false;
  }
  update_watch();
  return true;
}

void Triggers::update_watch() {
  watch_execute_ = watch_data_ = false;
  for (const Trigger& t : triggers_) {
    if (!matches_addresses(t.tdata1)) continue;
    watch_execute_ = watch_execute_ || (t.tdata1 & kExecute);
    watch_data_ = watch_data_ || (t.tdata1 & (kLoad | kStore));
  }
}

bool Triggers::enabled_in(const Trigger& t, rv::Priv p) const {
  if (!matches_addresses(t.tdata1)) return false;
  switch (p) {
    case rv::Priv::M: return t.tdata1 & kM;
    case rv::Priv::S: return t.tdata1 & kS;
    default: return t.tdata1 & kU;
  }
}

// match 0: tdata2 equals a compare value; 1: the top bits above tdata2's lowest 0 bit do;
// 2: a compare value >= tdata2; 3: a compare value < tdata2. The compare values are the
// accessed bytes' addresses.
bool Triggers::address_matches(const Trigger& t, std::uint64_t lo, unsigned len) {
  const std::uint64_t hi = lo + (len - 1);  // inclusive; accesses never wrap in practice
  switch ((t.tdata1 >> kMatchShift) & kMatchMask) {
    case Napot: {
      const std::uint64_t ignored = t.tdata2 ^ (t.tdata2 + 1);  // bits up to the lowest 0
      const std::uint64_t base = t.tdata2 & ~ignored;
      return hi >= base && lo <= (base | ignored);
    }
    case GreaterEqual: return hi >= t.tdata2;
    case Less: return lo < t.tdata2;
    default: return t.tdata2 >= lo && t.tdata2 <= hi;
  }
}

bool Triggers::fires_on_execute(std::uint64_t pc, rv::Priv p) const {
  for (const Trigger& t : triggers_) {
    if ((t.tdata1 & kExecute) && enabled_in(t, p) && address_matches(t, pc, 1)) return true;
  }
  return false;
}

bool Triggers::fires_on_data(std::uint64_t va, unsigned len, rv::Access kind, rv::Priv p) const {
  const std::uint64_t wanted = kind == rv::Access::Load ? kLoad : kind == rv::Access::Store ? kStore : (kLoad | kStore);
  for (const Trigger& t : triggers_) {
    if ((t.tdata1 & wanted) && enabled_in(t, p) && address_matches(t, va, len)) return true;
  }
  return false;
}

}  // namespace memvp
