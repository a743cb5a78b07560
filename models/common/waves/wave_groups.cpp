// Group names and the parsing of a --waves list.
#include "common/waves/wave_groups.h"

#include "common/error.h"

namespace memvp::waves {

const char* group_name(Group g) {
  switch (g) {
    case Group::Hart: return "hart";
    case Group::Mmu: return "mmu";
    case Group::Cache: return "cache";
    case Group::Dram: return "dram";
    case Group::Noc: return "noc";
    case Group::Dev: return "dev";
    case Group::Os: return "os";
    case Group::Count: break;
  }
  return "?";
}

GroupSet GroupSet::all() {
  GroupSet s;
  for (unsigned g = 0; g < static_cast<unsigned>(Group::Count); ++g) s.insert(static_cast<Group>(g));
  return s;
}

std::string GroupSet::names() const {
  std::string out;
  for (unsigned g = 0; g < static_cast<unsigned>(Group::Count); ++g) {
    if (!has(static_cast<Group>(g))) continue;
    if (!out.empty()) out += ',';
    out += group_name(static_cast<Group>(g));
  }
  return out;
}

GroupSet GroupSet::parse(const std::string& list) {
  GroupSet s;
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = list.find(',', from);
    const std::string name = list.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    bool found = false;
    for (unsigned g = 0; g < static_cast<unsigned>(Group::Count); ++g) {
      if (name == group_name(static_cast<Group>(g))) {
        s.insert(static_cast<Group>(g));
        found = true;
      }
    }
    if (!found)
      throw InputError("--waves " + list + ": unknown wave group \"" + name + "\" (groups: " + all().names() + ")");
    if (comma == std::string::npos) return s;
    from = comma + 1;
  }
}

}  // namespace memvp::waves
