// The event trace's on-disk format, version 1 (docs/trace.md): the companion of a translation
// trace that holds the guest OS's events, reported through the event port
// (models/devices/event_port), on the same cycle base. Same file header as the translation
// trace, magic "MVPEVENT"; static_asserts pin every offset so numpy reads it with one dtype.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/trace/record_format.h"
#include "common/trace/translation_record.h"
#include "sw/kernel/include/uapi/memvp_event.h"

namespace memvp::trace {

constexpr std::uint32_t kEventFormatVersion = 1;
constexpr char kEventMagic[8] = {'M', 'V', 'P', 'E', 'V', 'E', 'N', 'T'};
constexpr unsigned kEventArgs = MEMVP_EVENT_ARGS;

// One event, as the kernel committed it on one hart.
struct EventRecord {
  std::uint64_t cycle;            // hart-clock cycle at which the commit store reached the port
  std::uint64_t arg[kEventArgs];  // ARG0..ARG3 (docs/devices.md gives each type's meaning)
  std::uint32_t pid;              // the pid the kernel wrote with the type (the current task's)
  std::uint16_t type;             // memvp_event_type
  std::uint16_t hart;             // the hart whose slot was written
};

static_assert(sizeof(EventRecord) == 48);
static_assert(offsetof(EventRecord, cycle) == 0);
static_assert(offsetof(EventRecord, arg) == 8);
static_assert(offsetof(EventRecord, pid) == 40);
static_assert(offsetof(EventRecord, type) == 44);
static_assert(offsetof(EventRecord, hart) == 46);

constexpr std::string_view kEventLayout =
    "0 u64 cycle\n"
    "8 u64[4] arg\n"
    "40 u32 pid\n"
    "44 u16 type\n"
    "46 u16 hart\n";

constexpr RecordFormat kEventFormat{{kEventMagic, sizeof kEventMagic}, kEventFormatVersion, sizeof(EventRecord),
                                    kEventLayout, "event trace"};
static_assert(padded_header_size(kEventLayout.size()) == 112, "docs/trace.md quotes this");

// The event type's name ("page_fault", "context_switch", ...), as the statistics, the waves'
// documentation and `memvp trace` spell it; "unknown" outside the known types.
std::string_view event_name(std::uint16_t type);

// The companion event trace of the translation trace at `trace_path`: ".events" before a
// trailing ".zst" ("run.trace.zst" -> "run.trace.events.zst"), else appended.
std::string event_trace_path(const std::string& trace_path);

}  // namespace memvp::trace
