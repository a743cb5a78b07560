// The joins of `memvp trace` between the translation trace and its companion event trace
// (docs/trace.md): both are dated in the same hart cycles and each is in cycle order per hart,
// so a hart's translations are walked in step with its events. The events say which pid runs
// on the hart (a context switch's next pid, else the pid an event carries) and when a page
// fault's handler runs (from its page_fault to its page_fault_done event).
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/trace/dram_record.h"
#include "common/trace/event_record.h"
#include "trace_filter.h"
#include "trace_reader.h"

namespace memvp::trace {

// Every event of the event trace at `path`, in file order. Throws InputError.
std::vector<EventRecord> read_events(const std::string& path);
// Every record of the DRAM trace at `path` (common/trace/dram_record.h); InputError as the reader.
std::vector<DramSampleRecord> read_dram_samples(const std::string& path);

// One page fault: the faulting translation, the handler's own translations, and the retried
// translation of the faulting page after the handler returned.
struct FaultRow {
  std::uint64_t cycle = 0;         // the page_fault event
  std::uint16_t hart = 0;
  std::uint32_t pid = 0;
  std::uint64_t va = 0;
  std::uint64_t cause = 0;         // scause
  std::uint32_t fault_walk_cycles = 0;  // the faulting translation's walk (the last fault record of that page)
  std::optional<std::uint64_t> handler_cycles;  // page_fault_done minus page_fault; none if it never returned
  std::uint64_t handler_translations = 0, handler_walks = 0, handler_walk_cycles = 0;
  std::optional<std::uint32_t> retry_walk_cycles;  // the hart's next translation of the page by the pid, if any
  std::optional<std::uint64_t> result;  // page_fault_done's vm_fault_t
};

// One target of one TLB shootdown: from the IPI's sending to the target serving the request.
struct ShootdownRow {
  std::uint64_t cycle = 0;  // the shootdown_send event
  std::uint16_t hart = 0;
  std::uint32_t pid = 0;
  std::uint64_t start = 0, end = 0, asid = 0;
  std::uint16_t target = 0;
  std::optional<std::uint64_t> recv_cycle;  // the target's shootdown_recv for it; none if it never served it
};

// Every target of every shootdown_send, matched with the target hart's receipt of it: its
// receipts in order answer the shootdowns that named it in order (the kernel sends one at a time).
std::vector<ShootdownRow> join_shootdowns(const std::vector<EventRecord>& events);

// Translation cost per pid (the pid running on the hart at the translation's cycle).
struct PidCost {
  std::uint64_t translations = 0, walks = 0, faults = 0;
  std::uint64_t translation_cycles = 0, walk_cycles = 0;
};

struct JoinResult {
  std::vector<FaultRow> faults;               // in order of their page_fault events per hart, harts in turn
  std::map<std::int64_t, PidCost> pids;       // -1: before the hart's first event (pid unknown)
};

// Walks the translations of `reader` that `filter` selects in step with `events` (any order:
// sorted here).
JoinResult join_events(TraceReader& reader, std::vector<EventRecord> events, const TraceFilter& filter = {});

// The CSV outputs: `memvp trace FILE events`, `faults`, `pids` and `shootdowns`.
void write_event_csv(const std::vector<EventRecord>& events, std::FILE* out);
void write_fault_csv(const std::vector<FaultRow>& faults, std::FILE* out);
void write_pid_csv(const std::map<std::int64_t, PidCost>& pids, std::FILE* out);
void write_shootdown_csv(const std::vector<ShootdownRow>& rows, std::FILE* out);

}  // namespace memvp::trace
