// The two DRAM models behind DramModel. SimpleMemory counts in core cycles and grants DMI;
// Ddr4Controller runs on its own clock (tCK) and denies DMI. Each reports "model" and then its
// own statistics (docs/stats.md, "memory").
#include "platforms/dram_model.h"

#include "dram/ddr4_controller.h"
#include "dram/simple_memory.h"

namespace memvp {

namespace {

// One adapter for either model: Model is the SystemC module, built from the [memory] table's
// sub-table kConfig with [memory] size applied; kKind is the name it reports as "model".
template <class Model, class ModelConfig, ModelConfig MemoryConfig::*kConfig, MemoryModel kKind>
class DramModelOf final : public DramModel {
 public:
  DramModelOf(const char* name, const MemoryConfig& cfg) : model_(name, with_size(cfg)) {}

  tlm::tlm_target_socket<>& socket() override { return model_.socket; }
  void finish() override {
    if constexpr (requires(Model& m) { m.flush(); }) model_.flush();  // DDR4's posted writes
  }

  void attach_waves(waves::WaveRecorder& rec, const std::string& scope) override {
    if constexpr (requires(Model& m) { m.attach_waves(rec, scope); }) model_.attach_waves(rec, scope);
  }

  bool observe_bursts(const BurstObserver& burst) override {
    if constexpr (requires(Model& m) { m.add_command_observer(DramCommandObserver{}); }) {
      const std::uint64_t period_ticks = model_.clock_period().value();
      const unsigned bytes = model_.config().burst_bytes();
      model_.add_command_observer([burst, period_ticks, bytes](const DramCommandRecord& r) {
        if (r.cmd == DramCommand::Rd || r.cmd == DramCommand::Wr) {
          burst(sc_core::sc_time::from_value(r.at.value() * period_ticks), r.coord.channel.value(),
                r.cmd == DramCommand::Wr, bytes);
        }
      });
      return true;
    }
    return false;
  }

  void visit_stats(stats::Visitor& v) const override {
    v.text("model", to_string(kKind), "the DRAM model, [memory] model");
    model_.visit_stats(v);
  }

 private:
  static ModelConfig with_size(const MemoryConfig& cfg) {
    ModelConfig c = cfg.*kConfig;
    c.size_bytes = cfg.size_bytes;
    return c;
  }

  Model model_;
};

using SimpleDramModel = DramModelOf<SimpleMemory, SimpleMemoryConfig, &MemoryConfig::simple, MemoryModel::Simple>;
using Ddr4DramModel = DramModelOf<Ddr4Controller, Ddr4Config, &MemoryConfig::ddr4, MemoryModel::Ddr4>;

}  // namespace

std::unique_ptr<DramModel> make_dram_model(const char* name, const MemoryConfig& cfg) {
  switch (cfg.model) {
    case MemoryModel::Simple: return std::make_unique<SimpleDramModel>(name, cfg);
    case MemoryModel::Ddr4: return std::make_unique<Ddr4DramModel>(name, cfg);
  }
  return nullptr;
}

}  // namespace memvp
