// fuzz_translation_trace: a translation trace as `memvp trace FILE` reads it (header, then every
// record; what the subcommands compute from the records is not the reader's).
#include <vector>

#include "common/trace/translation_record.h"
#include "fuzz/fuzz_inputs.h"
#include "fuzz/memory_file.h"
#include "trace_reader.h"

namespace memvp::fuzz {

void translation_trace_input(const std::uint8_t* data, std::size_t size) {
  const MemoryFile file(data, size);
  trace::TraceReader reader(file.path());
  // Batches of 64 records rather than for_each's 16384: the same reading, at fuzzing speed.
  std::vector<trace::TranslationRecord> batch(64);
  std::uint64_t n = 0;
  while (const std::size_t got = reader.read(batch.data(), batch.size())) {
    check(got <= batch.size());
    n += got;
  }
  check(n == reader.records_read());
}

}  // namespace memvp::fuzz
