// Cache: the access path. Each access is first done functionally below (transport_dbg), then
// timed line by line: a hit costs the hit latency; a miss also costs the write-back of a dirty
// victim and the line fill, both real timed transactions through mem_side (docs/cache.md).
#include "cache/cache.h"

#include <bit>
#include <cstring>
#include <limits>

#include "common/error.h"
#include "common/tlm/dataless_write.h"
#include "common/tlm/payload.h"

namespace memvp::cache {

struct Cache::Transfer {
  tlm::tlm_generic_payload gp;
  CacheOpExtension* ext = nullptr;  // owned by gp
  MemoryEvents* events = nullptr;   // owned by gp
  std::vector<std::uint8_t> data;
};

namespace {

const CacheConfig& validated(const CacheConfig& cfg, const char* name) {
  validate_cache_config(cfg, ConfigScope(std::string("cache.") + name));
  return cfg;
}

}  // namespace

Cache::Cache(sc_core::sc_module_name name, const CacheConfig& cfg)
    : sc_module(name),
      cpu_side("cpu_side"),
      mem_side("mem_side"),
      snoop_in("snoop_in"),
      snoop_out("snoop_out"),
      cfg_(validated(cfg, basename())),
      line_shift_(static_cast<unsigned>(std::countr_zero(cfg.line_bytes))),
      clock_(Clock::from_hz(cfg.clock_hz)),
      hit_latency_(clock_.to_time(Cycles(cfg.hit_latency_cycles))),
      tags_(cfg_),
      mshrs_(cfg.mshrs),
      snoop_ext_(new CacheOpExtension),
      disabled_bytes_(cfg.line_bytes, TLM_BYTE_DISABLED) {
  cpu_side.register_b_transport(this, &Cache::b_transport);
  cpu_side.register_transport_dbg(this, &Cache::transport_dbg);
  cpu_side.register_get_direct_mem_ptr(this, &Cache::get_direct_mem_ptr);
  snoop_in.register_b_transport(this, &Cache::snoop);
  mem_side.register_invalidate_direct_mem_ptr(this, &Cache::invalidate_dmi);
  snoop_gp_.set_extension(snoop_ext_);
}

Cache::~Cache() = default;

void Cache::end_of_elaboration() {
  tracked_ports_ = static_cast<int>(snoop_out.size());
  if (tracked_ports_ > 64 || tracked_ports_ > static_cast<int>(cpu_side.size()))
    throw InputError(std::string(name()) + ": more snoop_out bindings (" +
                     std::to_string(tracked_ports_) + ") than cpu_side bindings or 64");
}

bool Cache::holds(PhysAddr addr) const {
  const std::uint64_t line = addr.value() >> line_shift_;
  return tags_.find(tags_.set_of(line), line) != TagArray::kNone;
}

bool Cache::dirty(PhysAddr addr) const {
  const std::uint64_t line = addr.value() >> line_shift_;
  const unsigned set = tags_.set_of(line);
  const int way = tags_.find(set, line);
  return way != TagArray::kNone &&
         (tags_.flags(set, static_cast<unsigned>(way)) & kDirty) != 0;
}

Cache::Request Cache::request_of(int port, const tlm::tlm_generic_payload& gp,
                                 CacheOpExtension* op) const {
  if (!op) {
    const AccessKind kind = gp.is_write()    ? AccessKind::Write
                            : cfg_.instruction ? AccessKind::Fetch
                                               : AccessKind::Read;
    return {port, kind, gp.is_write(), gp.is_write(), false, nullptr, gp.get_extension<MemoryEvents>()};
  }
  MemoryEvents* events = gp.get_extension<MemoryEvents>();
  switch (op->op) {
    case CacheOp::ReadOwn:
    case CacheOp::Upgrade: return {port, op->kind, false, true, false, op, events};
    case CacheOp::WriteBack: return {port, op->kind, true, true, true, op, events};
    case CacheOp::WriteThrough: return {port, op->kind, true, true, false, op, events};
    default: return {port, op->kind, false, false, false, op, events};
  }
}

void Cache::b_transport(int port, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  gp.set_dmi_allowed(false);  // every access must be timed here
  if (CacheOpExtension* op = gp.get_extension<CacheOpExtension>()) {
    // A request of a cache above: state and timing only, its data is not meaningful.
    const Request r = request_of(port, gp, op);
    const bool ok = access_line(r, gp.get_address() >> line_shift_, delay);
    gp.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_GENERIC_ERROR_RESPONSE);
    return;
  }
  if (gp.is_read() == gp.is_write()) {  // TLM_IGNORE_COMMAND
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  // Byte enables only as a data-less write, whose data the initiator wrote by debug transport
  // (the walker's atomic A/D update): timed as a write, with nothing to forward.
  const bool dataless = moves_no_data(gp);
  if (gp.get_byte_enable_ptr() && !dataless) {
    gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }
  if (gp.get_data_length() == 0 || (!dataless && !forward_functional(gp))) return;
  const Request r = request_of(port, gp, nullptr);
  const std::uint64_t first = gp.get_address() >> line_shift_;
  const std::uint64_t last = (gp.get_address() + gp.get_data_length() - 1) >> line_shift_;
  for (std::uint64_t line = first; line <= last; ++line) {  // a line-crossing access is split
    if (!access_line(r, line, delay)) {
      gp.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
      return;
    }
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned char* Cache::functional_ptr(std::uint64_t addr, unsigned len, bool write) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    for (const DmiRegion& r : dmi_) {
      if (!r.contains(addr)) continue;
      const bool allowed = write ? r.writable : r.readable;
      if (!r.ptr || !allowed || addr + len - 1 > r.end) return nullptr;
      return r.at(addr);
    }
    if (attempt == 0) request_dmi(addr);
  }
  return nullptr;
}

bool Cache::forward_functional(tlm::tlm_generic_payload& gp) {
  const unsigned len = gp.get_data_length();
  const std::uint64_t addr = gp.get_address();
  if (unsigned char* p = functional_ptr(addr, len, gp.is_write())) {
    if (gp.is_write())
      std::memcpy(p, gp.get_data_ptr(), len);
    else
      std::memcpy(gp.get_data_ptr(), p, len);
    return true;
  }
  set_payload(dbg_gp_, gp.get_command(), addr, gp.get_data_ptr(), len);
  if (mem_side->transport_dbg(dbg_gp_) == len) return true;
  const tlm::tlm_response_status s = dbg_gp_.get_response_status();
  gp.set_response_status(s == tlm::TLM_OK_RESPONSE || s == tlm::TLM_INCOMPLETE_RESPONSE
                             ? tlm::TLM_ADDRESS_ERROR_RESPONSE
                             : s);
  return false;
}

bool Cache::access_line(const Request& r, std::uint64_t line, sc_core::sc_time& delay) {
  if (waves_) waves_->access(sc_core::sc_time_stamp() + delay);
  delay += hit_latency_;
  const unsigned set = tags_.set_of(line);
  const int found = tags_.find(set, line);
  if (found == TagArray::kNone) return miss(r, set, line, delay);
  const auto way = static_cast<unsigned>(found);
  ++stats_.hits[static_cast<unsigned>(r.kind)];
  tags_.touch(set, way);
  if (!r.own && !r.op) return true;  // the common case: a load or fetch hit
  // The directory acts when a request arrives, before anything below may wait.
  track_request(r, set, way, delay);
  const bool write_back = cfg_.write_policy == WritePolicy::WriteBack;
  std::uint8_t& flags = tags_.flags(set, way);
  if (r.write && !write_back) {
    ++stats_.writethroughs;
    return send_down(CacheOp::WriteThrough, line, r.kind, delay, nullptr, r.events);
  }
  if (!r.own || (flags & (kOwned | kPending))) {  // owned, or owned once its fill completes
    if (r.write) flags |= kDirty;
    return true;
  }
  // A clean shared line: ask for ownership. A snoop during the wait marks it downgraded.
  ++stats_.upgrades;
  flags |= kPending;
  const bool ok = send_down(CacheOp::Upgrade, line, r.kind, delay, nullptr, r.events);
  return finish(r, set, line, ok, false) && ok;
}

bool Cache::miss(const Request& r, unsigned set, std::uint64_t line, sc_core::sc_time& delay) {
  ++stats_.misses[static_cast<unsigned>(r.kind)];
  if (r.events && miss_event_ != MemoryEvents::kKinds) ++r.events->count[miss_event_];
  if (r.write && cfg_.write_policy == WritePolicy::WriteThrough) {  // no-write-allocate
    ++stats_.writethroughs;
    return send_down(CacheOp::WriteThrough, line, r.kind, delay, nullptr, r.events);
  }
  const sc_core::sc_time issue = sc_core::sc_time_stamp() + delay;
  const sc_core::sc_time start = mshrs_.admit(issue);
  if (start > issue) {
    ++stats_.mshr_stalls;
    stats_.mshr_stall_cycles += clock_.cycles_floor(start - issue).value();
    delay += start - issue;
  }
  if (waves_) waves_->miss(start);
  // Everything up to the first transaction below is done without waiting: the victim leaves,
  // the line is installed (pending) and the directory records the request. So another
  // initiator finds the line (as a hit, the fill in flight) and never fills it twice, and
  // snoops see a consistent state.
  const unsigned way = tags_.choose_way(set);
  const bool victim_valid = tags_.valid(set, way);
  const std::uint64_t victim = tags_.line(set, way);
  bool victim_dirty = (tags_.flags(set, way) & kDirty) != 0;
  const std::uint64_t victim_sharers = tags_.sharers(set, way);
  tags_.install(set, way, line, kPending);
  if (victim_valid) ++stats_.evictions;
  if (victim_sharers) {  // inclusion: the caches above lose their copies too
    ++stats_.back_invalidations;
    victim_dirty |= snoop_up(victim, victim_sharers, CacheOp::SnoopInvalidate, delay);
  }
  track_request(r, set, way, delay);
  bool ok = true, shared = false;
  if (!r.full_line) {
    const sc_core::sc_time fill_start = sc_core::sc_time_stamp() + delay;
    ok = send_down(r.own ? CacheOp::ReadOwn : CacheOp::ReadShared, line, r.kind, delay, &shared, r.events);
    if (waves_) waves_->fill(fill_start, sc_core::sc_time_stamp() + delay);
  }
  if (victim_dirty) {  // after the fill, as from a write-back buffer; on the same critical path
    ++stats_.writebacks;
    if (waves_) waves_->writeback(sc_core::sc_time_stamp() + delay);
    ok = send_down(CacheOp::WriteBack, victim, AccessKind::Write, delay, nullptr, r.events) && ok;
  }
  mshrs_.record(start, sc_core::sc_time_stamp() + delay);
  if (waves_) waves_->mshr(start, sc_core::sc_time_stamp() + delay);
  return finish(r, set, line, ok, shared) && ok;
}

bool Cache::finish(const Request& r, unsigned set, std::uint64_t line, bool ok, bool shared) {
  const int found = tags_.find(set, line);
  if (found == TagArray::kNone) return true;  // invalidated or evicted while waiting
  const auto way = static_cast<unsigned>(found);
  if (!ok) {
    tags_.invalidate(set, way);
    return false;
  }
  std::uint8_t& flags = tags_.flags(set, way);
  const bool downgraded = (flags & kDowngraded) != 0;
  flags &= static_cast<std::uint8_t>(~(kPending | kDowngraded));
  if (downgraded) return true;  // another cache read it meanwhile: clean and shared
  if (shared) {
    flags &= static_cast<std::uint8_t>(~(kOwned | kUpOwned | kDirty));
    if (r.op) r.op->shared = true;
    return true;
  }
  flags |= kOwned;
  if (r.write && cfg_.write_policy == WritePolicy::WriteBack) flags |= kDirty;
  return true;
}

bool Cache::send_down(CacheOp op, std::uint64_t line, AccessKind kind, sc_core::sc_time& delay,
                      bool* shared, MemoryEvents* events) {
  std::unique_ptr<Transfer> t = acquire();
  tlm::tlm_generic_payload& gp = t->gp;
  t->events->count = {};
  const bool write = op == CacheOp::WriteBack || op == CacheOp::WriteThrough;
  *t->ext = CacheOpExtension{};
  t->ext->op = op;
  t->ext->kind = kind;
  const std::uint64_t addr = line << line_shift_;
  if (write) {  // memory is already up to date: the write moves no data
    timed_dataless_write(mem_side, gp, addr, t->data.data(), cfg_.line_bytes,
                         disabled_bytes_.data(), delay);
  } else {
    set_payload(gp, op == CacheOp::Upgrade ? tlm::TLM_IGNORE_COMMAND : tlm::TLM_READ_COMMAND, addr,
                t->data.data(), cfg_.line_bytes);
    mem_side->b_transport(gp, delay);
  }
  const bool ok = gp.get_response_status() == tlm::TLM_OK_RESPONSE;
  if (shared) *shared = t->ext->shared;
  if (events) events->add(*t->events);
  release(std::move(t));
  return ok;
}

std::unique_ptr<Cache::Transfer> Cache::acquire() {
  if (!pool_.empty()) {
    std::unique_ptr<Transfer> t = std::move(pool_.back());
    pool_.pop_back();
    return t;
  }
  auto t = std::make_unique<Transfer>();
  t->ext = new CacheOpExtension;
  t->gp.set_extension(t->ext);
  t->events = new MemoryEvents;
  t->gp.set_extension(t->events);
  t->data.resize(cfg_.line_bytes);
  return t;
}

void Cache::release(std::unique_ptr<Transfer> t) { pool_.push_back(std::move(t)); }

unsigned Cache::transport_dbg(int, tlm::tlm_generic_payload& gp) {
  return mem_side->transport_dbg(gp);
}

// Records the answer for the range around `addr`: the granted region, or the refused range
// (just `addr` when the refusal names no range that contains it).
void Cache::request_dmi(std::uint64_t addr) {
  tlm::tlm_generic_payload gp;
  FunctionalDmi marker;
  gp.set_extension(&marker);
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(addr);
  tlm::tlm_dmi dmi;
  const bool granted = mem_side->get_direct_mem_ptr(gp, dmi) && dmi.is_read_allowed();
  gp.clear_extension(&marker);
  DmiRegion r = DmiRegion::granted(dmi, clock_);
  if (!granted) r = DmiRegion{.start = r.start, .end = r.end};  // remembered as refused
  if (!r.contains(addr)) r.start = r.end = addr;
  dmi_[dmi_next_] = r;
  dmi_next_ = (dmi_next_ + 1) % kDmiRegions;
}

void Cache::invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end) {
  dmi_.fill(DmiRegion{});
  dmi_next_ = 0;
  for (unsigned i = 0; i < cpu_side.size(); ++i) cpu_side[i]->invalidate_direct_mem_ptr(start, end);
}

bool Cache::get_direct_mem_ptr(int, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  // A cache above may reach the data directly: it times its accesses itself.
  if (gp.get_extension<FunctionalDmi>()) return mem_side->get_direct_mem_ptr(gp, dmi);
  // An L1's initiator (a hart) may do its hits through try_access(); a shared cache keeps
  // b_transport, whose hits may snoop the caches above.
  if (auto* hit = gp.get_extension<HitPathRequest>(); hit && tracked_ports_ == 0) {
    hit->path = this;
    hit->target_address = gp.get_address();
  }
  // Anyone else is denied for the whole range, so it does not ask again: direct access would
  // skip this cache's timing and state.
  dmi.set_start_address(0);
  dmi.set_end_address(std::numeric_limits<sc_dt::uint64>::max());
  dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
  return false;
}

}  // namespace memvp::cache
