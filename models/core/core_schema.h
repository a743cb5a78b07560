// The platform file's [core] table (docs/core.md): the keys of HartConfig and its branch
// predictor ([core.branch_predictor]); the MMU's keys are its own table, [mmu] (mmu_schema.h).
#pragma once

#include "common/config/key_table.h"
#include "core/hart_config.h"

namespace memvp {

[[nodiscard]] const KeyTable<HartConfig>& core_keys();

}  // namespace memvp
