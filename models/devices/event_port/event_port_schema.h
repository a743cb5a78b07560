// The event port's table in the platform file, [event_port]: `enable` (default false, so that
// the guest's stores to it, which cost cycles, happen only when asked for) and `base`.
#pragma once

#include "common/config/key_table.h"
#include "devices/event_port/event_port.h"

namespace memvp {

[[nodiscard]] const KeyTable<EventPortConfig>& event_port_keys();

}  // namespace memvp
