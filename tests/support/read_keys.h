// Reads a platform-file fragment through one block's key table, as the platform reads that
// block's table, for tests of a block's schema without the rest of the platform.
#pragma once

#include <string>

#include "common/config/config_reader.h"
#include "common/config/key_table.h"

namespace memvp {

// `text` as the file "test.toml", its table `table` read into `s` (defaults: s's values); unknown
// keys are rejected. Every problem is the reader's InputError line.
template <class S>
S read_keys(const KeyTable<S>& keys, const std::string& table, const std::string& text, S s = S{}) {
  ConfigReader r = ConfigReader::from_string(text, "test.toml");
  keys.read(r, table, s);
  r.finish();
  return s;
}

// The message of the InputError reading `text` raises; empty when it raises none.
template <class S>
std::string read_keys_error(const KeyTable<S>& keys, const std::string& table, const std::string& text) {
  try {
    (void)read_keys(keys, table, text);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

}  // namespace memvp
