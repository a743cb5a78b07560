// A block's configuration schema, declared once as a table of keys beside its config struct: each
// row names a key, the field it fills, its range or its names; the default is the field's value in
// the struct handed in (a default-constructed one gives the built-in platform). The same table
// reads a platform table (through ConfigReader), writes a struct back as TOML (so tests compare
// platform files with the defaults) and gives default arrays of tables to --set (seed).
#pragma once

#include <bit>
#include <concepts>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/config/config_reader.h"
#include "common/config/config_scope.h"
#include "common/types.h"

namespace memvp {

// The full name of `name` in table `table`; either may be empty (the root, a flattened group).
inline std::string join_key(const std::string& table, const std::string& name) {
  if (table.empty()) return name;
  return name.empty() ? table : table + "." + name;
}

// One row of a KeyTable<S>: how key `name` is read into an S, written from one, and seeded.
template <class S>
struct Key {
  std::string name;  // relative to the table; empty for a group whose keys lie in the table itself
  std::function<void(ConfigReader& r, const std::string& key, S& s)> read;  // s holds the default
  std::function<void(const S& s, toml::table& out)> write;                  // s's value under name
  std::function<void(ConfigReader& r, const std::string& key, const S& s)> seed;  // may be empty
};

template <class S>
class KeyTable {
 public:
  // Checks that involve several keys of the table, reported against the key they blame.
  using Check = std::function<void(const S& s, const ConfigScope& where)>;

  KeyTable(std::vector<Key<S>> keys, Check check = {}) : keys_(std::move(keys)), check_(std::move(check)) {}

  // Reads every key of `table` into `s` (absent keys keep s's values), then runs the check.
  void read(ConfigReader& r, const std::string& table, S& s) const {
    for (const auto& k : keys_) k.read(r, join_key(table, k.name), s);
    if (check_) check_(s, ConfigScope(table, &r));
  }
  // `s` as the TOML table a platform file would spell it with.
  [[nodiscard]] toml::table write(const S& s) const {
    toml::table out;
    for (const auto& k : keys_) k.write(s, out);
    return out;
  }
  // Gives each array of tables s's elements unless the file has its own, so that --set can
  // address an element of a default level ("mmu.l1_dtlb[0].entries=128").
  void seed(ConfigReader& r, const std::string& table, const S& s) const {
    for (const auto& k : keys_) {
      if (k.seed) k.seed(r, join_key(table, k.name), s);
    }
  }

 private:
  std::vector<Key<S>> keys_;
  Check check_;
};

// Enum names from a block's name function: named({Open, Closed}, to_string).
template <class E, class Name>
std::vector<std::pair<std::string, E>> named(std::initializer_list<E> values, Name name) {
  std::vector<std::pair<std::string, E>> out;
  for (E v : values) out.emplace_back(std::string(name(v)), v);
  return out;
}

// An unsigned integer in [min, max].
template <class S, std::unsigned_integral T>
Key<S> uint_key(std::string name, T S::*field, std::uint64_t min, std::uint64_t max) {
  return {name,
          [=](ConfigReader& r, const std::string& key, S& s) {
            s.*field = static_cast<T>(r.get_uint(key, s.*field, min, max));
          },
          [=](const S& s, toml::table& out) { out.insert(name, static_cast<std::int64_t>(s.*field)); },
          {}};
}

// A power of two in [min, max] (a count the model indexes with bit masks).
template <class S, std::unsigned_integral T>
Key<S> pow2_key(std::string name, T S::*field, std::uint64_t min, std::uint64_t max) {
  Key<S> k = uint_key(name, field, min, max);
  k.read = [=](ConfigReader& r, const std::string& key, S& s) {
    const std::uint64_t v = r.get_uint(key, s.*field, min, max);
    if (!std::has_single_bit(v)) r.fail(key, fmt::format("{} is not a power of two", v));
    s.*field = static_cast<T>(v);
  };
  return k;
}

// A byte count in [min, max]: an integer or "32KiB", "128MiB", "1GiB".
template <class S>
Key<S> size_key(std::string name, std::uint64_t S::*field, std::uint64_t min, std::uint64_t max) {
  Key<S> k = uint_key(name, field, min, max);
  k.read = [=](ConfigReader& r, const std::string& key, S& s) { s.*field = r.get_size(key, s.*field, min, max); };
  return k;
}

// A real number in [min, max].
template <class S>
Key<S> real_key(std::string name, double S::*field, double min, double max) {
  return {name,
          [=](ConfigReader& r, const std::string& key, S& s) { s.*field = r.get_double(key, s.*field, min, max); },
          [=](const S& s, toml::table& out) { out.insert(name, s.*field); },
          {}};
}

template <class S>
Key<S> bool_key(std::string name, bool S::*field) {
  return {name, [=](ConfigReader& r, const std::string& key, S& s) { s.*field = r.get_bool(key, s.*field); },
          [=](const S& s, toml::table& out) { out.insert(name, s.*field); }, {}};
}

template <class S>
Key<S> string_key(std::string name, std::string S::*field) {
  return {name, [=](ConfigReader& r, const std::string& key, S& s) { s.*field = r.get_string(key, s.*field); },
          [=](const S& s, toml::table& out) { out.insert(name, s.*field); }, {}};
}

// One of `names`, as the block names its enum values.
template <class S, class E>
Key<S> enum_key(std::string name, E S::*field, std::vector<std::pair<std::string, E>> names) {
  return {name,
          [=](ConfigReader& r, const std::string& key, S& s) { s.*field = r.get_enum(key, s.*field, names); },
          [=](const S& s, toml::table& out) {
            for (const auto& [n, v] : names) {
              if (v == s.*field) out.insert(name, n);
            }
          },
          {}};
}

// Physical addresses are at most 56 bits wide (Sv39 and Sv48 PTEs, priv spec §12.4.1, §12.5.1).
inline constexpr std::uint64_t kMaxPhysAddr = (1ULL << 56) - 1;

// The 4 KiB-aligned base of a memory-mapped region.
template <class S>
Key<S> page_address_key(std::string name, PhysAddr S::*field) {
  return {name,
          [=](ConfigReader& r, const std::string& key, S& s) {
            const std::uint64_t v = r.get_uint(key, (s.*field).value(), 0, kMaxPhysAddr);
            if (v % 4096 != 0) r.fail(key, fmt::format("{:#x} is not aligned to 4 KiB", v));
            s.*field = PhysAddr(v);
          },
          [=](const S& s, toml::table& out) { out.insert(name, static_cast<std::int64_t>((s.*field).value())); },
          {}};
}

// A sub-table [table.name] read into the T that `get` (a member pointer or a function of S&)
// returns, with T's own keys and check.
template <class S, class T, class Get>
Key<S> table_key(std::string name, Get get, KeyTable<T> keys) {
  return {name,
          [=](ConfigReader& r, const std::string& key, S& s) { keys.read(r, key, std::invoke(get, s)); },
          [=](const S& s, toml::table& out) { out.insert(name, keys.write(std::invoke(get, s))); },
          [=](ConfigReader& r, const std::string& key, const S& s) { keys.seed(r, key, std::invoke(get, s)); }};
}

// T's keys laid out in S's own table (DDR4 timings and organisation in [memory.ddr4]).
template <class S, class T>
Key<S> group_key(T S::*field, KeyTable<T> keys) {
  return {"",
          [=](ConfigReader& r, const std::string& key, S& s) { keys.read(r, key, s.*field); },
          [=](const S& s, toml::table& out) {
            for (auto&& [k, v] : keys.write(s.*field)) out.insert(k, v);
          },
          [=](ConfigReader& r, const std::string& key, const S& s) { keys.seed(r, key, s.*field); }};
}

// An array of tables [[table.name]], one T each, into the std::vector<T> that `get` returns. An
// element's keys default to the element at the same index in s, or to T{} beyond its end; a file
// that gives the array replaces the whole of it.
template <class S, class T, class Get>
Key<S> table_array_key(std::string name, Get get, KeyTable<T> element) {
  auto to_toml = [=](const std::vector<T>& v) {
    toml::array a;
    for (const T& e : v) a.push_back(element.write(e));
    return a;
  };
  return {name,
          [=](ConfigReader& r, const std::string& key, S& s) {
            const std::size_t n = r.table_array_size(key);
            if (n == 0) return;
            std::vector<T>& v = std::invoke(get, s);
            std::vector<T> out;
            for (std::size_t i = 0; i < n; ++i) {
              T e = i < v.size() ? v[i] : T{};
              element.read(r, fmt::format("{}[{}]", key, i), e);
              out.push_back(std::move(e));
            }
            v = std::move(out);
          },
          [=](const S& s, toml::table& out) {
            if (!std::invoke(get, s).empty()) out.insert(name, to_toml(std::invoke(get, s)));
          },
          [=](ConfigReader& r, const std::string& key, const S& s) {
            if (!std::invoke(get, s).empty()) r.seed(key, to_toml(std::invoke(get, s)));
          }};
}

}  // namespace memvp
