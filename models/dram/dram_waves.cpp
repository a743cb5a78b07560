// The `dram` group's signals. A bank index follows Ddr4Timeline's flat numbering (rank-major,
// then bank group, then bank). REF (JESD79-4 §4.26) is all-bank: it shows on every bank of its
// rank and holds the rank's refresh signal for tRFC. RDA/WRA close the row with the command.
#include "dram/dram_waves.h"

#include <bit>

#include <fmt/format.h>

namespace memvp {

DramWaves::DramWaves(waves::WaveRecorder& rec, const std::string& scope, const Ddr4Config& cfg, std::uint64_t tck_ticks)
    : rec_(rec), org_(cfg.org), tck_(tck_ticks), trfc_(cfg.timing.tRFC) {
  const unsigned row_bits = static_cast<unsigned>(std::bit_width(std::max<std::uint32_t>(org_.rows - 1, 1)));
  for (std::uint32_t ch = 0; ch < org_.channels; ++ch) {
    const std::string c = fmt::format("{}.ch{}", scope, ch);
    queue_.push_back(rec.add_signal(c + ".queue", 16));
    for (std::uint32_t r = 0; r < org_.ranks; ++r) refresh_.push_back(rec.add_signal(fmt::format("{}.rank{}_refresh", c, r), 1));
    for (std::uint32_t b = 0; b < org_.banks_per_channel(); ++b) {
      const std::string bank = fmt::format("{}.bank{}", c, b);
      banks_.push_back({rec.add_signal(bank + ".cmd", 3), rec.add_signal(bank + ".open", 1),
                        rec.add_signal(bank + ".row", row_bits)});
    }
  }
}

std::size_t DramWaves::bank_index(const DramCoord& c) const {
  const std::size_t flat = (c.rank.value() * org_.bank_groups + c.bank_group.value()) * org_.banks_per_group + c.bank.value();
  return c.channel.value() * org_.banks_per_channel() + flat;
}

void DramWaves::pulse(waves::SignalId s, std::uint64_t t, DramWaveCommand code) {
  rec_.set(s, t, static_cast<std::uint64_t>(code));
  rec_.set(s, t + tck_, 0);
}

void DramWaves::command(const DramCommandRecord& c, std::size_t queued) {
  const std::uint64_t t = c.at.value() * tck_;
  rec_.set(queue_[c.coord.channel.value()], t, queued);
  if (c.cmd == DramCommand::Ref) {
    const std::size_t first = bank_index({c.coord.channel, c.coord.rank, BankGroup(0), Bank(0), Row(0), Column(0)});
    for (std::size_t b = first; b < first + org_.banks_per_rank(); ++b) pulse(banks_[b].cmd, t, DramWaveCommand::Ref);
    const waves::SignalId ref = refresh_[c.coord.channel.value() * org_.ranks + c.coord.rank.value()];
    rec_.set(ref, t, 1);
    rec_.set(ref, t + trfc_ * tck_, 0);
    return;
  }
  const BankSignals& b = banks_[bank_index(c.coord)];
  switch (c.cmd) {
    case DramCommand::Act:
      pulse(b.cmd, t, DramWaveCommand::Act);
      rec_.set(b.open, t, 1);
      rec_.set(b.row, t, c.coord.row.value());
      break;
    case DramCommand::Pre:
      pulse(b.cmd, t, DramWaveCommand::Pre);
      rec_.set(b.open, t, 0);
      break;
    case DramCommand::Rd:
    case DramCommand::Wr: {
      const bool rd = c.cmd == DramCommand::Rd;
      pulse(b.cmd, t, c.auto_precharge ? (rd ? DramWaveCommand::Rda : DramWaveCommand::Wra)
                                       : (rd ? DramWaveCommand::Rd : DramWaveCommand::Wr));
      if (c.auto_precharge) rec_.set(b.open, t, 0);
      break;
    }
    case DramCommand::Ref: break;
  }
}

}  // namespace memvp
