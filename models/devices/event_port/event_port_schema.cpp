// [event_port] keys: enable, and a page-aligned base below 2^56.
#include "devices/event_port/event_port_schema.h"

namespace memvp {

const KeyTable<EventPortConfig>& event_port_keys() {
  static const KeyTable<EventPortConfig> keys{{
      bool_key("enable", &EventPortConfig::enable),
      page_address_key("base", &EventPortConfig::base),
  }};
  return keys;
}

}  // namespace memvp
