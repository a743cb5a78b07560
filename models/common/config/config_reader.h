// Typed, checked access to a platform file (TOML, https://toml.io/en/v1.0.0). Each getter names
// a key by its dotted path, gives its default and its allowed range, and marks the key as known;
// finish() then rejects every key nobody asked for, so a misspelt key cannot be silently ignored.
// Every problem is one InputError line naming the file (or --set), the key and what is wrong.
// Elements of an array of tables are addressed by index: "mmu.l1_dtlb[0].ways". The blocks
// declare their keys with it through key_table.h, beside their config structs.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "common/error.h"

namespace memvp {

// The problem of a name outside `choices`: "\"mru\" is not one of \"lru\", \"fifo\"".
std::string not_one_of(const std::string& name, const std::vector<std::string>& choices);

class ConfigReader {
 public:
  // An empty configuration: every getter returns its default.
  ConfigReader() = default;
  // Parses a TOML file; a missing file or a syntax error is an InputError.
  static ConfigReader from_file(const std::string& path);
  // Parses TOML text; `origin` names it in messages.
  static ConfigReader from_string(std::string_view text, const std::string& origin);

  // Applies "section.key=value" as from --set. The value is read as a TOML value (2e9, 0x1000,
  // true, "text"); anything that is not valid TOML is taken as a bare string (model=simple).
  void set(std::string_view assignment);

  [[nodiscard]] std::uint64_t get_uint(const std::string& key, std::uint64_t def, std::uint64_t min,
                                       std::uint64_t max);
  // A byte count: an integer, or a string with a binary suffix ("128MiB", "4KiB", "2GiB").
  [[nodiscard]] std::uint64_t get_size(const std::string& key, std::uint64_t def, std::uint64_t min,
                                       std::uint64_t max);
  // A real number: an integer or a float (1000000000 and 1e9 alike).
  [[nodiscard]] double get_double(const std::string& key, double def, double min, double max);
  [[nodiscard]] bool get_bool(const std::string& key, bool def);
  [[nodiscard]] std::string get_string(const std::string& key, const std::string& def);
  // Arrays of values: ["4K", "2M"], [0, 32, 4, 2].
  [[nodiscard]] std::vector<std::string> get_string_list(const std::string& key, const std::vector<std::string>& def);
  [[nodiscard]] std::vector<std::uint64_t> get_uint_list(const std::string& key, const std::vector<std::uint64_t>& def,
                                                         std::uint64_t min, std::uint64_t max);
  // An array of integer arrays: [[0, 1], [1, 2]]; rows may differ in length (callers check shape).
  [[nodiscard]] std::vector<std::vector<std::uint64_t>> get_uint_matrix(const std::string& key, std::uint64_t min,
                                                                        std::uint64_t max);
  // The number of elements of an array of tables ([[section]]), 0 when absent; its elements'
  // keys are then read as "key[i].name".
  [[nodiscard]] std::size_t table_array_size(const std::string& key);
  // Gives `key` the value `v` unless the file already does, before --set is applied, so that a
  // --set can address an element of a default array of tables.
  void seed(const std::string& key, toml::array v);
  // One of the named values; the error lists them.
  template <class E>
  [[nodiscard]] E get_enum(const std::string& key, E def, const std::vector<std::pair<std::string, E>>& names) {
    std::string def_name;
    for (const auto& [n, v] : names) {
      if (v == def) def_name = n;
    }
    const std::string s = get_string(key, def_name);
    for (const auto& [n, v] : names) {
      if (n == s) return v;
    }
    std::vector<std::string> choices;
    for (const auto& [n, v] : names) choices.push_back(n);
    fail(key, not_one_of(s, choices));
  }

  // True when the file or a --set gives `key` a value (rather than its default applying).
  [[nodiscard]] bool defines(const std::string& key) const;

  // Rejects keys and tables that no getter asked for. Call after all getters.
  void finish() const;

  // The file's path (or the name given to from_string).
  [[nodiscard]] const std::string& origin() const { return file_; }

  // One InputError line: "<where key is defined>: <key>: <problem>".
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;

 private:
  // The value at a dotted path, or nullptr when absent; records the key as known.
  const toml::node* lookup(const std::string& key, bool want_value = true);
  [[nodiscard]] const toml::node* find(const std::string& key) const;
  [[nodiscard]] std::string where(const std::string& key) const;
  void check_known(const toml::table& table, const std::string& prefix) const;

  toml::table root_;
  std::string file_;                          // the file's path, or "<built-in>"
  std::set<std::string> known_;               // every key a getter asked for
  std::map<std::string, std::string> set_by_;  // key -> the --set assignment that gave it
};

// Splits "a.b[2].c" into its parts ("a", "b[2]", "c"); empty parts are an InputError naming `origin`.
std::vector<std::string> split_key(const std::string& key, const std::string& origin);

}  // namespace memvp
