// The statistics interface every block implements (after gem5's
// statistics::Group): a block hands a Visitor its counters, reals, vectors and sub-groups, each
// under a stable name with a one-line description. Writers (the run's JSON document, the dotted
// names of named_values()) walk the tree and know no block's fields.
#pragma once

#include <concepts>
#include <cstdint>
#include <span>
#include <string_view>

namespace memvp::stats {

class Visitor;

// A block, or a part of one, that has statistics. Names are stable (docs/stats.md lists them).
class Group {
 public:
  virtual void visit_stats(Visitor& v) const = 0;

 protected:
  ~Group() = default;
};

class Visitor {
 public:
  virtual ~Visitor() = default;

  // A count: written as an integer.
  virtual void counter(std::string_view name, std::uint64_t value, std::string_view desc) = 0;
  // A derived figure (an average, a rate): written as a real.
  virtual void real(std::string_view name, double value, std::string_view desc) = 0;
  // A word naming what the block is (e.g. the DRAM model).
  virtual void text(std::string_view name, std::string_view value, std::string_view desc) = 0;
  // Counts indexed from 0 (e.g. hits by page-table level).
  virtual void counters(std::string_view name, std::span<const std::uint64_t> values, std::string_view desc) = 0;
  // A named sub-group; in a list, `name` is empty and elements are numbered in order.
  virtual void begin_group(std::string_view name, std::string_view desc) = 0;
  virtual void end_group() = 0;
  // A sequence of unnamed groups (one per hart, one per node).
  virtual void begin_list(std::string_view name, std::string_view desc) = 0;
  virtual void end_list() = 0;

  // `g`'s statistics as the sub-group `name` (an element of the open list when `name` is empty).
  void group(std::string_view name, std::string_view desc, const Group& g) {
    begin_group(name, desc);
    g.visit_stats(*this);
    end_group();
  }
  // A sub-group whose members `body` visits.
  template <std::invocable Body>
  void group(std::string_view name, std::string_view desc, Body&& body) {
    begin_group(name, desc);
    body();
    end_group();
  }
};

}  // namespace memvp::stats
