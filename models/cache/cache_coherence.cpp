// Cache: the coherence approximation. A cache with caches above (the shared L2) keeps, per
// line, a bit-vector of the upstream ports that may hold it and whether the one holder owns it
// (MESI's E/M); it snoops the others when one asks for ownership, downgrades an owner when
// another reads, and back-invalidates on eviction (inclusion). An upstream cache answers a
// snoop by dropping or downgrading its copy; a dirty copy's write-back is timed, not moved.
#include "cache/cache.h"
#include "common/tlm/payload.h"

#include <algorithm>
#include <bit>

namespace memvp::cache {

void Cache::track_request(const Request& r, unsigned set, unsigned way, sc_core::sc_time& delay) {
  if (tracked_ports_ == 0) return;  // an L1: nothing above holds lines
  const bool cache_above = tracks(r.port);
  if (!cache_above && !r.write) return;  // a read of a non-caching initiator (the walker)
  const std::uint64_t me = cache_above ? 1ULL << r.port : 0;
  const std::uint64_t line = tags_.line(set, way);
  std::uint64_t sharers = tags_.sharers(set, way);
  std::uint8_t flags = tags_.flags(set, way);

  if (r.op && r.op->op == CacheOp::WriteBack) {  // an owner evicted its copy
    // It may have lost ownership to another cache while its write-back was on the way.
    if (sharers == me) flags &= static_cast<std::uint8_t>(~kUpOwned);
    sharers &= ~me;
  } else if (r.own || r.write) {  // ownership for one: every other copy goes
    bool dirty = false;
    if (sharers & ~me) dirty = snoop_up(line, sharers & ~me, CacheOp::SnoopInvalidate, delay);
    if (dirty && cfg_.write_policy == WritePolicy::WriteBack) flags |= kDirty;
    sharers = me;
    const bool owns = me && r.own && !(r.op && r.op->op == CacheOp::WriteThrough);
    flags = owns ? (flags | kUpOwned) : (flags & static_cast<std::uint8_t>(~kUpOwned));
  } else {  // a shared fill: an owner above loses ownership (and writes back if dirty)
    if ((flags & kUpOwned) && (sharers & ~me)) {
      if (snoop_up(line, sharers & ~me, CacheOp::SnoopShare, delay) &&
          cfg_.write_policy == WritePolicy::WriteBack)
        flags |= kDirty;
    }
    flags &= static_cast<std::uint8_t>(~kUpOwned);
    sharers |= me;
    // Exclusive (MESI E) when no other cache above holds it and this cache owns it.
    // A pending line counts as owned here; finish() corrects the answer if the fill says not.
    const bool shared = (sharers & ~me) != 0 || !(flags & (kOwned | kPending));
    if (r.op) r.op->shared = shared;
    if (!shared) flags |= kUpOwned;
  }
  // Snoops never wait, so (set, way) still holds the line.
  tags_.sharers(set, way) = sharers;
  tags_.flags(set, way) = flags;
}

bool Cache::snoop_up(std::uint64_t line, std::uint64_t mask, CacheOp op,
                     sc_core::sc_time& delay) {
  bool dirty = false;
  sc_core::sc_time latest = delay;  // the snoops go out in parallel
  for (; mask; mask &= mask - 1) {
    const int port = std::countr_zero(mask);
    if (!tracks(port)) continue;
    set_payload(snoop_gp_, tlm::TLM_IGNORE_COMMAND, line << line_shift_, disabled_bytes_.data(),
                cfg_.line_bytes);
    *snoop_ext_ = CacheOpExtension{};
    snoop_ext_->op = op;
    sc_core::sc_time d = delay;
    snoop_out[port]->b_transport(snoop_gp_, d);
    ++stats_.snoops_sent;
    latest = std::max(latest, d);
    dirty |= snoop_ext_->was_dirty;
  }
  delay = latest;
  if (dirty) delay += hit_latency_;  // the dirty line is written into this cache's array
  return dirty;
}

void Cache::snoop(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  CacheOpExtension* ext = gp.get_extension<CacheOpExtension>();
  if (!ext) {
    gp.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
    return;
  }
  delay += hit_latency_;  // the tag check
  const std::uint64_t line = gp.get_address() >> line_shift_;
  const unsigned set = tags_.set_of(line);
  const int found = tags_.find(set, line);
  bool was_dirty = false;
  if (found != TagArray::kNone) {
    const auto way = static_cast<unsigned>(found);
    was_dirty = (tags_.flags(set, way) & kDirty) != 0;
    // A cache with caches above passes the snoop on first; their dirty data lands here.
    if (const std::uint64_t above = tags_.sharers(set, way))
      was_dirty |= snoop_up(line, above, ext->op, delay);
    if (was_dirty) ++stats_.writebacks;
    if (ext->op == CacheOp::SnoopInvalidate) {
      ++stats_.invalidations_received;
      tags_.invalidate(set, way);
    } else {
      ++stats_.downgrades_received;
      std::uint8_t& flags = tags_.flags(set, way);
      flags &= static_cast<std::uint8_t>(~(kDirty | kOwned | kUpOwned));
      if (flags & kPending) flags |= kDowngraded;
    }
  }
  ext->was_dirty = was_dirty;
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace memvp::cache
