// The devices' tables in the platform file: [uart], [clint], [plic] and [finisher], each the base of
// the device's register window (QEMU virt's addresses by default); the window sizes are the devices'.
#pragma once

#include "common/config/key_table.h"
#include "devices/clint.h"
#include "devices/plic.h"
#include "devices/test_finisher.h"
#include "devices/uart16550.h"

namespace memvp {

[[nodiscard]] const KeyTable<Uart16550Config>& uart_keys();
[[nodiscard]] const KeyTable<ClintConfig>& clint_keys();
[[nodiscard]] const KeyTable<PlicConfig>& plic_keys();
[[nodiscard]] const KeyTable<TestFinisherConfig>& finisher_keys();

}  // namespace memvp
