// The event types' names and the companion files' names (docs/trace.md).
#include "common/trace/event_record.h"
#include "common/trace/dram_record.h"

#include <array>

namespace memvp::trace {

std::string_view event_name(std::uint16_t type) {
  // Indexed by memvp_event_type; the uapi header's order.
  static constexpr std::array<std::string_view, MEMVP_EV_NR> kNames{
      "none",           "page_fault",     "page_fault_done", "cow_copy",      "zero_page",
      "thp_alloc",      "thp_split",      "mmap",            "munmap",        "brk",
      "context_switch", "shootdown_send", "shootdown_recv",  "sfence",        "fork",
      "exec",           "exit",           "kswapd_wake",     "kswapd_sleep",  "direct_reclaim_begin",
      "direct_reclaim_end", "oom_kill",       "zone_free",
      "swap_out",       "swap_in"};
  return type < kNames.size() ? kNames[type] : "unknown";
}

namespace {

// `suffix` before a trailing ".zst", else appended.
std::string companion_path(const std::string& trace_path, std::string_view suffix) {
  constexpr std::string_view kZst = ".zst";
  if (trace_path.size() > kZst.size() && trace_path.ends_with(kZst))
    return trace_path.substr(0, trace_path.size() - kZst.size()) + std::string(suffix) + std::string(kZst);
  return trace_path + std::string(suffix);
}

}  // namespace

std::string event_trace_path(const std::string& trace_path) { return companion_path(trace_path, ".events"); }

std::string dram_trace_path(const std::string& trace_path) { return companion_path(trace_path, ".dram"); }

}  // namespace memvp::trace
