// Closed-page policy: every RD/WR carries auto-precharge (RDA/WRA), so every access finds its
// bank closed (tRCD + CL) and never pays a row conflict (tRP).
#pragma once

#include "dram/page_policy.h"

namespace memvp {

class ClosedPagePolicy final : public PagePolicy {
 public:
  [[nodiscard]] bool auto_precharge(bool /*hits_queued*/) const override { return true; }
  [[nodiscard]] const char* name() const override { return "closed"; }
};

}  // namespace memvp
