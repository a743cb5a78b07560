// ConfigScope: key names under a table, and problems sent to the platform reader (with the file
// and line of the key) or thrown as the key's one-line InputError.
#include "common/config/config_scope.h"

#include "common/config/config_reader.h"
#include "common/error.h"

namespace memvp {

std::string ConfigScope::key(std::string_view name) const {
  if (name.empty()) return table_;
  if (table_.empty()) return std::string(name);
  return table_ + "." + std::string(name);
}

ConfigScope ConfigScope::parent() const {
  const auto dot = table_.rfind('.');
  return ConfigScope(dot == std::string::npos ? std::string() : table_.substr(0, dot), reader_);
}

void ConfigScope::fail(std::string_view name, const std::string& problem) const {
  if (reader_ != nullptr) reader_->fail(key(name), problem);
  throw InputError(key(name) + ": " + problem);
}

}  // namespace memvp
