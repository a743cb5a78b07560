// Reads the points of a --grid-file: TOML `[[point]]` tables (nested tables flattened to dotted
// keys) or CSV rows under a header of keys (RFC 4180 quoting), into one Design.
#include "tools/memvp/sweep_grid_file.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/error.h"

namespace memvp::sweep {

namespace {

// Adds one point, given as (key, value) pairs, to design: new keys become columns, and every
// point gets a value (maybe "") for every column.
void add_point(Design& design, const std::vector<std::pair<std::string, std::string>>& values, std::string origin) {
  for (const auto& [key, value] : values) {
    if (std::find(design.keys.begin(), design.keys.end(), key) == design.keys.end()) {
      design.keys.push_back(key);
      for (auto& p : design.points) p.params.emplace_back(key, "");
    }
  }
  GridPoint point{design.points.size(), {}, std::move(origin)};
  for (const auto& key : design.keys) {
    const auto it = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    point.params.emplace_back(key, it == values.end() ? "" : it->second);
  }
  design.points.push_back(std::move(point));
}

// A TOML value as `--set` takes it: strings bare, numbers and booleans as TOML writes them.
std::string value_text(const toml::node& node, const std::string& where, const std::string& key) {
  if (const auto* s = node.as_string()) {
    if (s->get().empty()) throw InputError(where + ": " + key + ": an empty value");
    return s->get();
  }
  if (node.is_integer() || node.is_floating_point() || node.is_boolean()) {
    std::ostringstream text;
    node.visit([&text](const auto& v) {
      if constexpr (toml::is_integer<decltype(v)> || toml::is_floating_point<decltype(v)> ||
                    toml::is_boolean<decltype(v)>) {
        text << v;
      }
    });
    return text.str();
  }
  throw InputError(where + ": " + key + ": a point's value must be a string, a number or a boolean");
}

void flatten(const toml::table& table, const std::string& prefix, const std::string& where,
             std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& [k, node] : table) {
    const std::string key = prefix + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, key + ".", where, out);
    } else {
      out.emplace_back(key, value_text(node, where, key));
    }
  }
}

// One CSV line's fields; quoted fields may hold commas and doubled quotes (RFC 4180 §2).
std::vector<std::string> csv_fields(std::string_view line, const std::string& where) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  for (;;) {
    std::string field;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) throw InputError(where + ": a quoted field is not closed");
        if (line[i] == '"' && (i + 1 >= line.size() || line[i + 1] != '"')) break;
        if (line[i] == '"') ++i;
        field += line[i];
      }
      ++i;
      while (i < line.size() && line[i] == ' ') ++i;
      if (i < line.size() && line[i] != ',') throw InputError(where + ": text after a quoted field");
    } else {
      const std::size_t comma = std::min(line.find(',', i), line.size());
      field = std::string(line.substr(i, comma - i));
      while (!field.empty() && field.back() == ' ') field.pop_back();
      i = comma;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return fields;
    ++i;  // the comma
  }
}

}  // namespace

Design parse_grid_toml(std::string_view text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}:{}: not valid TOML: {}", origin, e.source().begin.line,
                                 e.source().begin.column, e.description()));
  }
  for (const auto& [k, node] : root) {
    if (k.str() != "point") {
      throw InputError(fmt::format("{}:{}: {}: a grid file holds only [[point]] tables", origin,
                                   node.source().begin.line, k.str()));
    }
  }
  const toml::array* points = root["point"].as_array();
  if (points == nullptr || points->empty() || !points->is_array_of_tables()) {
    throw InputError(origin + ": no [[point]] tables");
  }
  Design design;
  for (const auto& node : *points) {
    const std::string where = fmt::format("{}:{}", origin, node.source().begin.line);
    std::vector<std::pair<std::string, std::string>> values;
    flatten(*node.as_table(), "", where, values);
    add_point(design, values, where);
  }
  return design;
}

Design parse_grid_csv(std::string_view text, const std::string& origin) {
  Design design;
  std::vector<std::string> header;
  std::size_t line_no = 0;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(' ') == std::string::npos || line.front() == '#') continue;
    const std::string where = fmt::format("{}:{}", origin, line_no);
    std::vector<std::string> fields = csv_fields(line, where);
    if (header.empty()) {
      for (const auto& key : fields) {
        if (key.empty()) throw InputError(where + ": an empty key in the header");
        if (std::count(fields.begin(), fields.end(), key) > 1) throw InputError(where + ": " + key + " is given twice");
      }
      header = std::move(fields);
      design.keys = header;
      continue;
    }
    if (fields.size() != header.size()) {
      throw InputError(fmt::format("{}: {} fields, the header has {}", where, fields.size(), header.size()));
    }
    std::vector<std::pair<std::string, std::string>> values;
    for (std::size_t i = 0; i < header.size(); ++i) values.emplace_back(header[i], fields[i]);
    add_point(design, values, where);
  }
  if (design.points.empty()) throw InputError(origin + ": no points (a header line of keys, then one line per point)");
  return design;
}

Design read_grid_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the grid file");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (path.ends_with(".toml")) return parse_grid_toml(text, path);
  if (path.ends_with(".csv")) return parse_grid_csv(text, path);
  throw InputError(path + ": a grid file is .toml or .csv");
}

}  // namespace memvp::sweep
