// The extension that marks a transaction between caches (STYLE rule 1: caches talk only through
// sockets). A marked transaction is timing and state only: data always lives in memory, so the
// receiving cache never forwards its data. Requests go down mem_side -> cpu_side (fills,
// upgrades, write-backs, write-throughs); snoops go up snoop_out -> snoop_in. Memory targets
// ignore the extension; write-backs also disable every byte, so a memory target moves nothing.
#pragma once

#include <cstdint>

#include <tlm>

#include "common/functional_dmi.h"

namespace memvp::cache {

// The kind of the access a transaction serves; the next level counts its hits and misses by it.
enum class AccessKind : std::uint8_t { Read, Write, Fetch };
constexpr unsigned kAccessKinds = 3;

enum class CacheOp : std::uint8_t {
  ReadShared,       // line fill for a read or fetch; the response says whether it is shared
  ReadOwn,          // line fill for a write-allocate: other copies are invalidated
  Upgrade,          // a write to a clean shared line: other copies are invalidated, no data
  WriteBack,        // a dirty line leaves the cache
  WriteThrough,     // a store of a write-through cache
  SnoopInvalidate,  // (snoop) another cache writes the line: drop it
  SnoopShare,       // (snoop) another cache reads the line: keep it clean and without ownership
};

class CacheOpExtension : public tlm::tlm_extension<CacheOpExtension> {
 public:
  CacheOp op = CacheOp::ReadShared;
  AccessKind kind = AccessKind::Read;
  bool shared = false;     // response to ReadShared: another cache may hold the line
  bool was_dirty = false;  // response to a snoop: the line was dirty and its data moved down

  tlm::tlm_extension_base* clone() const override { return new CacheOpExtension(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const CacheOpExtension&>(other);
  }
};


}  // namespace memvp::cache
