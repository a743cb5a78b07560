// The two DRAM models behind MemoryTarget. SimpleMemory counts in core cycles and grants DMI;
// Ddr4Controller runs on its own clock (tCK), denies DMI and reports DramStats::named_values(),
// whose dotted names become nested objects ("bank.ch0.ra0.bg0.ba0.reads").
#include "platforms/memory_target.h"

#include "platforms/stats.h"

#include <cmath>
#include <string>

#include "dram/ddr4_controller.h"
#include "dram/simple_memory.h"

namespace memvp {

namespace {

class SimpleMemoryTarget final : public MemoryTarget {
 public:
  SimpleMemoryTarget(const char* name, const MemoryConfig& cfg) : memory_(name, with_size(cfg)) {}

  tlm::tlm_target_socket<>& socket() override { return memory_.socket; }
  nlohmann::ordered_json stats() const override {
    return {{"model", to_string(MemoryModel::Simple)}, {"accesses", memory_.accesses()}};
  }

 private:
  static SimpleMemoryConfig with_size(const MemoryConfig& cfg) {
    SimpleMemoryConfig c = cfg.simple;
    c.size_bytes = cfg.size_bytes;
    return c;
  }

  SimpleMemory memory_;
};

class Ddr4MemoryTarget final : public MemoryTarget {
 public:
  Ddr4MemoryTarget(const char* name, const MemoryConfig& cfg) : controller_(name, with_size(cfg)) {}

  tlm::tlm_target_socket<>& socket() override { return controller_.socket; }
  void finish() override { controller_.flush(); }

  nlohmann::ordered_json stats() const override {
    nlohmann::ordered_json j;
    j["model"] = to_string(MemoryModel::Ddr4);
    put_named_values(j, controller_.stats().named_values());
    return j;
  }

 private:
  static Ddr4Config with_size(const MemoryConfig& cfg) {
    Ddr4Config c = cfg.ddr4;
    c.size_bytes = cfg.size_bytes;
    return c;
  }

  Ddr4Controller controller_;
};

}  // namespace

std::unique_ptr<MemoryTarget> make_memory(const char* name, const MemoryConfig& cfg) {
  switch (cfg.model) {
    case MemoryModel::Simple: return std::make_unique<SimpleMemoryTarget>(name, cfg);
    case MemoryModel::Ddr4: return std::make_unique<Ddr4MemoryTarget>(name, cfg);
  }
  return nullptr;
}

}  // namespace memvp
