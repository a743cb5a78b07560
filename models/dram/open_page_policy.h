// Open-page policy: a row stays open after an access and is closed only by a conflicting
// request (PRE) or by refresh. Favours row hits in streams.
#pragma once

#include "dram/page_policy.h"

namespace memvp {

class OpenPagePolicy final : public PagePolicy {
 public:
  [[nodiscard]] bool auto_precharge(bool /*hits_queued*/) const override { return false; }
  [[nodiscard]] const char* name() const override { return "open"; }
};

}  // namespace memvp
