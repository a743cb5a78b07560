// [uart], [clint] and [finisher] keys: page-aligned bases below 2^56.
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

const KeyTable<TestFinisherConfig>& finisher_keys() {
  static const KeyTable<TestFinisherConfig> keys{{page_address_key("base", &TestFinisherConfig::base)}};
  return keys;
}

}  // namespace memvp
