// CSV writer for the trace reader: formatted with fmt into a large buffer, written in chunks.
#include "trace_csv.h"

#include <fmt/format.h>

namespace memvp::trace {

const char* const kCsvHeader =
    "cycle,hart,priv,asid,access,va,pa,outcome,source,fault_cause,page_size_log2,"
    "latency_cycles,walk_cycles,pte_reads,pwc_mask,pte_addr0,pte_addr1,pte_addr2,pte_addr3,"
    "step_cycles0,step_cycles1,step_cycles2,step_cycles3,ad_cycles,pte_flags,vm_mode";

void append_csv_line(std::string& out, const TranslationRecord& r) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "{},{},{},{},{},{:#x},{:#x},{},{},", r.cycle, r.hart, priv_name(r.priv), r.asid,
                 access_name(r.access), r.va, r.pa, outcome_name(r.outcome), source_name(r.source));
  if (r.fault_cause != kNoCause) fmt::format_to(o, "{}", r.fault_cause);
  fmt::format_to(o, ",{},{},{},{},{},{:#x},{:#x},{:#x},{:#x},{},{},{},{},{},{:#04x},{}\n",
                 r.page_size_log2, r.latency_cycles, r.walk_cycles, r.pte_reads, r.pwc_mask,
                 r.pte_addr[0], r.pte_addr[1], r.pte_addr[2], r.pte_addr[3], r.step_cycles[0],
                 r.step_cycles[1], r.step_cycles[2], r.step_cycles[3], r.ad_cycles, r.pte_flags,
                 r.vm_mode);
}

std::uint64_t write_csv(TraceReader& reader, const TraceFilter& filter, std::FILE* out) {
  std::string buf = std::string(kCsvHeader) + "\n";
  std::uint64_t lines = 0;
  auto flush = [&] {
    std::fwrite(buf.data(), 1, buf.size(), out);
    buf.clear();
  };
  reader.for_each([&](const TranslationRecord& r) {
    if (!filter.matches(r)) return;
    append_csv_line(buf, r);
    ++lines;
    if (buf.size() >= (1u << 20)) flush();
  });
  flush();
  return lines;
}

}  // namespace memvp::trace
