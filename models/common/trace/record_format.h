// What tells one memvp record file from another: its magic, version, record size and layout
// text. The translation trace and its companion event trace (docs/trace.md) share the file
// header and the writer and reader code, and differ only in this description.
#pragma once

#include <cstdint>
#include <string_view>

namespace memvp::trace {

struct RecordFormat {
  std::string_view magic;      // 8 ASCII bytes at offset 0
  std::uint32_t version;
  std::uint32_t record_size;
  std::string_view layout;     // "<offset> <type> <name>\n" per field
  std::string_view what;       // "translation trace", for messages
  std::uint32_t oldest_version = 0;  // the oldest version a reader accepts; 0: `version` only
};

}  // namespace memvp::trace
