// VcdWriter: the text of a Value Change Dump (IEEE 1364-2005 §18.2): the header ($date-free, so
// the same run gives the same bytes), $timescale, one $scope per level of a dotted signal name,
// $var for each signal, $enddefinitions, then #time lines and value changes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace memvp::waves {

// VCD variable types used here (§18.2.3.8): `wire` for states and values, `event` for
// instants that have no level (a TLB lookup, an sfence), drawn by GTKWave as arrows.
enum class VarKind : std::uint8_t { Wire, Event };

struct SignalDecl {
  std::string name;    // dotted hierarchy, "hart0.mmu.va": scopes hart0, mmu; variable va
  unsigned width = 1;  // 1..64 bits
  VarKind kind = VarKind::Wire;
};

class VcdWriter {
 public:
  // Opens (truncates) `path`; throws InputError naming the file.
  explicit VcdWriter(const std::string& path);
  ~VcdWriter();
  VcdWriter(const VcdWriter&) = delete;
  VcdWriter& operator=(const VcdWriter&) = delete;

  // The header: `timescale` as "1 ps", `comment` as a $comment block, then the signals in
  // scopes. Signal i gets the i-th identifier code.
  void header(const std::string& timescale, const std::string& comment,
              const std::vector<SignalDecl>& signals);
  void time(std::uint64_t t);         // "#t"
  void begin_dumpvars();              // "$dumpvars": the values at the first time written
  void end_dumpvars();                // "$end"
  void value(std::uint32_t signal, std::uint64_t v);  // one value change
  void event(std::uint32_t signal);   // an event variable triggers
  // Flushes and closes; throws InputError if a write failed. Idempotent.
  void close();

  // The identifier code of signal i: printable ASCII '!'..'~' in base 94 (§18.2.1).
  static std::string id_code(std::uint32_t i);

 private:
  void put(const char* s, std::size_t n);
  void put(const std::string& s) { put(s.data(), s.size()); }

  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<std::string> ids_;
  std::vector<unsigned> widths_;
  bool failed_ = false;
};

}  // namespace memvp::waves
