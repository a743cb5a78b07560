// ConfigReader: dotted-path lookup in a toml++ table, range and type checks with one-line
// messages, --set overrides, and the final unknown-key sweep.
#include "common/config/config_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace memvp {

namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
  }
}

// "128MiB" -> 134217728; false when the text is not digits followed by an optional suffix.
bool parse_size(const std::string& s, std::uint64_t& out) {
  std::size_t pos = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos == 0 || pos > 18) return false;
  const std::uint64_t n = std::stoull(s.substr(0, pos));
  std::string suffix = s.substr(pos);
  if (!suffix.empty() && suffix.front() == ' ') suffix.erase(0, 1);
  const std::pair<const char*, unsigned> units[] = {{"", 0}, {"B", 0}, {"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"TiB", 40}};
  for (const auto& [name, shift] : units) {
    if (suffix == name) {
      if (shift > 0 && n > (~0ULL >> shift)) return false;
      out = n << shift;
      return true;
    }
  }
  return false;
}

// One part of a dotted key: a name and, for "name[i]", an index into an array.
struct KeyPart {
  std::string name;
  std::optional<std::size_t> index;
};

KeyPart parse_part(const std::string& part, const std::string& key, const std::string& origin) {
  const auto open = part.find('[');
  if (open == std::string::npos) return {part, std::nullopt};
  const std::string digits = part.substr(open + 1, part.size() - open - 2);
  if (open == 0 || part.back() != ']' || digits.empty() || digits.size() > 6 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    throw InputError(fmt::format("{}: \"{}\" is not a key of the form section.key or section.array[i].key", origin, key));
  }
  return {part.substr(0, open), std::stoul(digits)};
}

// The child of table node `n` named by `p` (and its element, for an index); nullptr when absent
// or when `n` is not a table or the named node not an array.
const toml::node* child(const toml::node* n, const KeyPart& p) {
  if (n == nullptr || !n->is_table()) return nullptr;
  const toml::node* c = n->as_table()->get(p.name);
  if (c == nullptr || !p.index) return c;
  const toml::array* a = c->as_array();
  return a != nullptr && *p.index < a->size() ? a->get(*p.index) : nullptr;
}

}  // namespace

std::string not_one_of(const std::string& name, const std::vector<std::string>& choices) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "\"" : ", \"") + c + "\"";
  return "\"" + name + "\" is not one of " + list;
}

std::vector<std::string> split_key(const std::string& key, const std::string& origin) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(key);
  while (std::getline(in, part, '.')) parts.push_back(part);
  if (key.empty() || key.back() == '.' || parts.empty()) {
    throw InputError(fmt::format("{}: \"{}\" is not a key of the form section.key", origin, key));
  }
  for (const auto& p : parts) {
    if (p.empty()) throw InputError(fmt::format("{}: \"{}\" is not a key of the form section.key", origin, key));
  }
  return parts;
}

ConfigReader ConfigReader::from_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path + ": no such platform file");
  ConfigReader r;
  r.file_ = path;
  try {
    r.root_ = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}:{}: not a valid TOML platform file: {}", path, e.source().begin.line,
                                 e.source().begin.column, e.description()));
  }
  return r;
}

ConfigReader ConfigReader::from_string(std::string_view text, const std::string& origin) {
  ConfigReader r;
  r.file_ = origin;
  try {
    r.root_ = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}:{}: not valid TOML: {}", origin, e.source().begin.line,
                                 e.source().begin.column, e.description()));
  }
  return r;
}

void ConfigReader::set(std::string_view assignment) {
  const std::string origin = "--set " + std::string(assignment);
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos) throw InputError(origin + ": expected section.key=value");
  const std::string key(assignment.substr(0, eq));
  const std::string text(assignment.substr(eq + 1));
  if (text.empty()) throw InputError(origin + ": missing value after '='");
  const auto parts = split_key(key, origin);

  // The value as TOML if it is one, else as a bare string.
  toml::table parsed;
  try {
    parsed = toml::parse("v = " + text);
  } catch (const toml::parse_error&) {
    parsed = toml::table{};
  }
  if (parsed.size() != 1 || !parsed.contains("v")) parsed = toml::table{{"v", text}};

  toml::table* t = &root_;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const KeyPart p = parse_part(parts[i], key, origin);
    toml::node* n = t->get(p.name);
    if (n == nullptr && !p.index) {
      t->insert(p.name, toml::table{});
      n = t->get(p.name);
    }
    if (p.index) {
      toml::array* a = n != nullptr ? n->as_array() : nullptr;
      if (a == nullptr || *p.index >= a->size()) {
        throw InputError(fmt::format("{}: {} has no element {}", origin, p.name, *p.index));
      }
      n = a->get(*p.index);
    }
    if (!n->is_table()) throw InputError(fmt::format("{}: {} is not a table", origin, parts[i]));
    t = n->as_table();
  }
  const KeyPart last = parse_part(parts.back(), key, origin);
  if (last.index) throw InputError(fmt::format("{}: set a whole array as {}=[...]", origin, last.name));
  if (const toml::node* old = t->get(last.name); old != nullptr && (old->is_table() || old->is_array_of_tables())) {
    throw InputError(fmt::format("{}: {} is a table, not a value", origin, key));
  }
  parsed.get("v")->visit([&](auto&& v) { t->insert_or_assign(last.name, v); });
  set_by_[key] = origin;
}

const toml::node* ConfigReader::lookup(const std::string& key, bool want_value) {
  known_.insert(key);
  const toml::node* n = &root_;
  std::string path;
  for (const auto& part : split_key(key, file_)) {
    const KeyPart p = parse_part(part, key, file_);
    if (!path.empty() && !n->is_table()) fail(path, "expected a table, got " + type_name(*n));
    path += (path.empty() ? "" : ".") + p.name;
    n = n->as_table()->get(p.name);
    if (n == nullptr) return nullptr;
    if (p.index) {
      if (!n->is_array_of_tables()) fail(path, "expected an array of tables ([[" + path + "]]), got " + type_name(*n));
      path += fmt::format("[{}]", *p.index);
      n = n->as_array()->get(*p.index);
      if (n == nullptr) return nullptr;
    }
  }
  if (want_value && n->is_table()) fail(key, "expected a value, got a table");
  return n;
}

const toml::node* ConfigReader::find(const std::string& key) const {
  const toml::node* n = &root_;
  for (const auto& part : split_key(key, file_)) n = child(n, parse_part(part, key, file_));
  return n;
}

std::size_t ConfigReader::table_array_size(const std::string& key) {
  const toml::node* n = lookup(key, false);
  if (n == nullptr) return 0;
  if (!n->is_array_of_tables()) fail(key, "expected an array of tables ([[" + key + "]]), got " + type_name(*n));
  return n->as_array()->size();
}

void ConfigReader::seed(const std::string& key, toml::array v) {
  if (defines(key)) return;
  const auto parts = split_key(key, file_);
  toml::table* t = &root_;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    toml::node* n = t->get(parts[i]);
    if (n == nullptr) {
      t->insert(parts[i], toml::table{});
      n = t->get(parts[i]);
    }
    if (!n->is_table()) return;  // the file's own (wrong) type is reported when the key is read
    t = n->as_table();
  }
  t->insert(parts.back(), std::move(v));
}

std::vector<std::string> ConfigReader::get_string_list(const std::string& key, const std::vector<std::string>& def) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  const toml::array* a = n->as_array();
  if (a == nullptr) fail(key, "expected an array of strings, got " + type_name(*n));
  std::vector<std::string> out;
  for (const auto& e : *a) {
    const auto s = e.value_exact<std::string>();
    if (!s) fail(key, "expected an array of strings, got an element that is " + type_name(e));
    out.push_back(*s);
  }
  return out;
}

std::vector<std::uint64_t> ConfigReader::get_uint_list(const std::string& key, const std::vector<std::uint64_t>& def,
                                                       std::uint64_t min, std::uint64_t max) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  const toml::array* a = n->as_array();
  if (a == nullptr) fail(key, "expected an array of integers, got " + type_name(*n));
  std::vector<std::uint64_t> out;
  for (const auto& e : *a) {
    const auto i = e.value_exact<std::int64_t>();
    if (!i) fail(key, "expected an array of integers, got an element that is " + type_name(e));
    if (*i < 0 || static_cast<std::uint64_t>(*i) < min || static_cast<std::uint64_t>(*i) > max) {
      fail(key, fmt::format("element {} is out of range [{}, {}]", *i, min, max));
    }
    out.push_back(static_cast<std::uint64_t>(*i));
  }
  return out;
}

std::vector<std::vector<std::uint64_t>> ConfigReader::get_uint_matrix(const std::string& key, std::uint64_t min,
                                                                      std::uint64_t max) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return {};
  const toml::array* a = n->as_array();
  if (a == nullptr) fail(key, "expected an array of integer arrays, got " + type_name(*n));
  std::vector<std::vector<std::uint64_t>> out;
  for (std::size_t r = 0; r < a->size(); ++r) {
    const toml::array* row = (*a)[r].as_array();
    if (row == nullptr) fail(fmt::format("{}[{}]", key, r), "expected an array of integers, got " + type_name((*a)[r]));
    auto& v = out.emplace_back();
    for (const auto& e : *row) {
      const auto i = e.value_exact<std::int64_t>();
      if (!i) fail(fmt::format("{}[{}]", key, r), "expected an array of integers, got an element that is " + type_name(e));
      if (*i < 0 || static_cast<std::uint64_t>(*i) < min || static_cast<std::uint64_t>(*i) > max) {
        fail(fmt::format("{}[{}]", key, r), fmt::format("element {} is out of range [{}, {}]", *i, min, max));
      }
      v.push_back(static_cast<std::uint64_t>(*i));
    }
  }
  return out;
}

bool ConfigReader::defines(const std::string& key) const { return find(key) != nullptr; }

std::string ConfigReader::where(const std::string& key) const {
  // The --set that gave the key (or created it as a table on the way to a deeper key)...
  if (auto it = set_by_.find(key); it != set_by_.end()) return it->second;
  for (const auto& [k, origin] : set_by_) {
    if (k.rfind(key + ".", 0) == 0 || k.rfind(key + "[", 0) == 0) return origin;
  }
  // ...else the line of the key when the file defines it, else the file alone.
  const toml::node* n = find(key);
  if (n != nullptr && n->source().begin.line > 0) return fmt::format("{}:{}", file_, n->source().begin.line);
  return file_;
}

void ConfigReader::fail(const std::string& key, const std::string& problem) const {
  throw InputError(fmt::format("{}: {}: {}", where(key), key, problem));
}

std::uint64_t ConfigReader::get_uint(const std::string& key, std::uint64_t def, std::uint64_t min, std::uint64_t max) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  std::uint64_t v = 0;
  if (const auto i = n->value_exact<std::int64_t>()) {
    if (*i < 0) fail(key, fmt::format("{} is negative; expected {} to {}", *i, min, max));
    v = static_cast<std::uint64_t>(*i);
  } else if (const auto d = n->value_exact<double>(); d && *d >= 0 && *d < 1.8e19 && std::floor(*d) == *d) {
    v = static_cast<std::uint64_t>(*d);  // 1e7 written as a float is still a whole number
  } else {
    fail(key, "expected a non-negative integer, got " + type_name(*n));
  }
  if (v < min || v > max) fail(key, fmt::format("{} is out of range [{}, {}]", v, min, max));
  return v;
}

std::uint64_t ConfigReader::get_size(const std::string& key, std::uint64_t def, std::uint64_t min, std::uint64_t max) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  if (const auto s = n->value_exact<std::string>()) {
    std::uint64_t v = 0;
    if (!parse_size(*s, v)) fail(key, "\"" + *s + "\" is not a size (an integer, or e.g. \"128MiB\", \"1GiB\")");
    if (v < min || v > max) fail(key, fmt::format("{} bytes is out of range [{}, {}]", v, min, max));
    return v;
  }
  return get_uint(key, def, min, max);
}

double ConfigReader::get_double(const std::string& key, double def, double min, double max) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  double v = 0;
  if (const auto d = n->value_exact<double>()) v = *d;
  else if (const auto i = n->value_exact<std::int64_t>()) v = static_cast<double>(*i);
  else fail(key, "expected a number, got " + type_name(*n));
  if (!(v >= min && v <= max)) fail(key, fmt::format("{:g} is out of range [{:g}, {:g}]", v, min, max));
  return v;
}

bool ConfigReader::get_bool(const std::string& key, bool def) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  if (const auto b = n->value_exact<bool>()) return *b;
  fail(key, "expected true or false, got " + type_name(*n));
}

std::string ConfigReader::get_string(const std::string& key, const std::string& def) {
  const toml::node* n = lookup(key);
  if (n == nullptr) return def;
  if (const auto s = n->value_exact<std::string>()) return *s;
  fail(key, "expected a string, got " + type_name(*n));
}

void ConfigReader::check_known(const toml::table& table, const std::string& prefix) const {
  for (const auto& [k, node] : table) {
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table* sub = node.as_table()) {
      bool used = false;
      for (const auto& known : known_) used = used || known.rfind(path + ".", 0) == 0;
      if (!used) fail(path, "unknown key");
      check_known(*sub, path);
    } else if (node.is_array_of_tables()) {
      if (!known_.contains(path)) fail(path, "unknown key");
      const toml::array& a = *node.as_array();
      for (std::size_t i = 0; i < a.size(); ++i) check_known(*a.get(i)->as_table(), fmt::format("{}[{}]", path, i));
    } else if (!known_.contains(path)) {
      fail(path, "unknown key");
    }
  }
}

void ConfigReader::finish() const { check_known(root_, ""); }

}  // namespace memvp
