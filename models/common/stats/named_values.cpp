// The flattening visitor behind named_values(): a stack of name prefixes, with a running index
// for the open list's elements.
#include "common/stats/named_values.h"

#include <cstddef>

namespace memvp::stats {
namespace {

class Flattener final : public Visitor {
 public:
  std::vector<std::pair<std::string, double>> values;

  void counter(std::string_view name, std::uint64_t value, std::string_view) override {
    values.emplace_back(path(name), static_cast<double>(value));
  }
  void real(std::string_view name, double value, std::string_view) override { values.emplace_back(path(name), value); }
  void text(std::string_view, std::string_view, std::string_view) override {}
  void counters(std::string_view name, std::span<const std::uint64_t> vs, std::string_view) override {
    for (std::size_t i = 0; i < vs.size(); ++i) values.emplace_back(path(name) + "." + std::to_string(i), static_cast<double>(vs[i]));
  }
  void begin_group(std::string_view name, std::string_view) override { push(name); }
  void end_group() override { levels_.pop_back(); }
  void begin_list(std::string_view name, std::string_view) override {
    push(name);
    levels_.back().next_element = 0;
  }
  void end_list() override { levels_.pop_back(); }

 private:
  struct Level {
    std::string prefix;          // "a.b." (empty at the top)
    std::size_t next_element = 0;  // the index the next unnamed group takes
  };

  [[nodiscard]] std::string path(std::string_view name) const { return (levels_.empty() ? "" : levels_.back().prefix) + std::string(name); }

  void push(std::string_view name) {
    std::string own(name);
    if (own.empty() && !levels_.empty()) own = std::to_string(levels_.back().next_element++);
    levels_.push_back({path(own) + ".", 0});
  }

  std::vector<Level> levels_;
};

}  // namespace

std::vector<std::pair<std::string, double>> named_values(const Group& g) {
  Flattener f;
  g.visit_stats(f);
  return std::move(f.values);
}

}  // namespace memvp::stats
