// Cache::try_access: the hit path of b_transport (cache.cpp: forward_functional, then
// access_line on a line that is present) without the payload, for the accesses whose hit
// neither sends anything below nor snoops: a load or fetch, and a store to a line this cache
// owns (or will own once its fill completes) under write-back. Anything else — a miss, a
// line-crossing access, a store needing an upgrade or writing through, recorded waves — is
// left to b_transport with nothing changed.
#include <cstring>

#include "cache/cache.h"

namespace memvp::cache {

bool Cache::try_access(std::uint64_t addr, unsigned char* data, unsigned len, bool write,
                       sc_core::sc_time& delay) {
  if (waves_ || len == 0) return false;
  const std::uint64_t line = addr >> line_shift_;
  if ((addr + len - 1) >> line_shift_ != line) return false;
  const unsigned set = tags_.set_of(line);
  const int found = tags_.find(set, line);
  if (found == TagArray::kNone) return false;
  const auto way = static_cast<unsigned>(found);
  std::uint8_t& flags = tags_.flags(set, way);
  if (write && (cfg_.write_policy != WritePolicy::WriteBack || (flags & (kOwned | kPending)) == 0))
    return false;
  unsigned char* p = functional_ptr(addr, len, write);
  if (p == nullptr) return false;  // b_transport moves the data by debug transport
  if (write)
    std::memcpy(p, data, len);
  else
    std::memcpy(data, p, len);
  // access_line()'s hit, for a request of a non-caching initiator (request_of(), no op).
  delay += hit_latency_;
  const AccessKind kind = write ? AccessKind::Write : cfg_.instruction ? AccessKind::Fetch : AccessKind::Read;
  ++stats_.hits[static_cast<unsigned>(kind)];
  tags_.touch(set, way);
  if (write) flags |= kDirty;
  return true;
}

}  // namespace memvp::cache
