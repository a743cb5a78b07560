// The two DRAM models behind DramModel. SimpleMemory counts in core cycles and grants DMI;
// Ddr4Controller runs on its own clock (tCK) and denies DMI. Each reports "model" and then its
// own statistics (docs/stats.md, "memory").
#include "platforms/dram_model.h"

#include "dram/ddr4_controller.h"
#include "dram/simple_memory.h"

namespace memvp {

namespace {

class SimpleDramModel final : public DramModel {
 public:
  SimpleDramModel(const char* name, const MemoryConfig& cfg) : memory_(name, with_size(cfg)) {}

  tlm::tlm_target_socket<>& socket() override { return memory_.socket; }
  void visit_stats(stats::Visitor& v) const override {
    v.text("model", to_string(MemoryModel::Simple), "the DRAM model, [memory] model");
    memory_.visit_stats(v);
  }

 private:
  static SimpleMemoryConfig with_size(const MemoryConfig& cfg) {
    SimpleMemoryConfig c = cfg.simple;
    c.size_bytes = cfg.size_bytes;
    return c;
  }

  SimpleMemory memory_;
};

class Ddr4DramModel final : public DramModel {
 public:
  Ddr4DramModel(const char* name, const MemoryConfig& cfg) : controller_(name, with_size(cfg)) {}

  tlm::tlm_target_socket<>& socket() override { return controller_.socket; }
  void finish() override { controller_.flush(); }

  void visit_stats(stats::Visitor& v) const override {
    v.text("model", to_string(MemoryModel::Ddr4), "the DRAM model, [memory] model");
    controller_.visit_stats(v);
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

std::unique_ptr<DramModel> make_dram_model(const char* name, const MemoryConfig& cfg) {
  switch (cfg.model) {
    case MemoryModel::Simple: return std::make_unique<SimpleDramModel>(name, cfg);
    case MemoryModel::Ddr4: return std::make_unique<Ddr4DramModel>(name, cfg);
  }
  return nullptr;
}

}  // namespace memvp
