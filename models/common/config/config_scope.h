// How a block's validation names what is wrong: the key of the platform file it concerns, under
// the table the block was read from ("memory.ddr4" + "tRC"), and the problem. Read from a platform
// file, the problem becomes the reader's one line with the file and line of the key; a config
// built in code gets an InputError "memory.ddr4.tRC: must be at least tRAS".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace memvp {

class ConfigReader;

class ConfigScope {
 public:
  // The table `table` ("mmu", "cache.l1d", "numa.nodes[1]"), reported through `reader` if given.
  explicit ConfigScope(std::string table, const ConfigReader* reader = nullptr)
      : table_(std::move(table)), reader_(reader) {}

  [[nodiscard]] const std::string& table() const { return table_; }
  // The full key of `name` in this table ("mmu.l1_itlb"); the table itself for an empty name.
  [[nodiscard]] std::string key(std::string_view name) const;
  // The scope of a sub-table or an element of an array of tables: at("l1_itlb[0]").
  [[nodiscard]] ConfigScope at(std::string_view name) const { return ConfigScope(key(name), reader_); }
  // The enclosing table ("memory.ddr4" -> "memory"), for a key a block's struct holds but its
  // table does not (the DRAM size is [memory] size).
  [[nodiscard]] ConfigScope parent() const;

  // Reports `problem` against key `name` of this table (the table itself when empty).
  [[noreturn]] void fail(std::string_view name, const std::string& problem) const;
  // The scope of element i of this array of tables: "mmu.l1_dtlb" -> "mmu.l1_dtlb[1]".
  [[nodiscard]] ConfigScope element(std::size_t i) const {
    return ConfigScope(table_ + "[" + std::to_string(i) + "]", reader_);
  }

  void require(bool ok, std::string_view name, const std::string& problem) const {
    if (!ok) fail(name, problem);
  }

 private:
  std::string table_;
  const ConfigReader* reader_;
};

}  // namespace memvp
