// [uart], [clint], [plic] and [finisher] keys: page-aligned bases below 2^56; the PLIC's source
// count (up to the 1024 ids its register layout has room for) and priority width.
#include "devices/devices_schema.h"

namespace memvp {

const KeyTable<Uart16550Config>& uart_keys() {
  static const KeyTable<Uart16550Config> keys{{page_address_key("base", &Uart16550Config::base)}};
  return keys;
}

const KeyTable<ClintConfig>& clint_keys() {
  static const KeyTable<ClintConfig> keys{{page_address_key("base", &ClintConfig::base)}};
  return keys;
}

const KeyTable<PlicConfig>& plic_keys() {
  static const KeyTable<PlicConfig> keys{{
      page_address_key("base", &PlicConfig::base),
      uint_key("sources", &PlicConfig::sources, 2, Plic::kMaxSources),
      uint_key("priority_bits", &PlicConfig::priority_bits, 1, 32),  // priorities are 32-bit registers
  }};
  return keys;
}

const KeyTable<TestFinisherConfig>& finisher_keys() {
  static const KeyTable<TestFinisherConfig> keys{{page_address_key("base", &TestFinisherConfig::base)}};
  return keys;
}

}  // namespace memvp
