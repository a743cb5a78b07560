// Names of the translation record's enumerated fields, as the trace reader prints them.
#include "common/trace/translation_record.h"

namespace memvp::trace {

std::string_view outcome_name(std::uint8_t outcome) {
  constexpr std::string_view kNames[] = {"l1_hit", "l2_hit", "walk", "fault", "flush"};
  return outcome < 5 ? kNames[outcome] : "?";
}

std::string_view source_name(std::uint8_t source) {
  constexpr std::string_view kNames[] = {"l1", "l2", "walk", "none"};
  return source < 4 ? kNames[source] : "?";
}

std::string_view access_name(std::uint8_t access) {
  constexpr std::string_view kNames[] = {"fetch", "load", "store", "amo"};
  return access < 4 ? kNames[access] : "?";
}

std::string_view priv_name(std::uint8_t priv) {
  switch (priv) {
    case 0: return "U";
    case 1: return "S";
    case 3: return "M";
    default: return "?";
  }
}

}  // namespace memvp::trace
