// Page policy (STYLE rule 4): decides whether a RD/WR closes its row with auto-precharge.
// Open page keeps rows open for later hits; closed page precharges after every access.
#pragma once

#include <memory>

#include "dram/ddr4_config.h"

namespace memvp {

class PagePolicy {
 public:
  virtual ~PagePolicy() = default;
  // True if the column command about to issue should carry auto-precharge (RDA/WRA).
  // `hits_queued`: another queued request targets the same open row.
  [[nodiscard]] virtual bool auto_precharge(bool hits_queued) const = 0;
  [[nodiscard]] virtual const char* name() const = 0;
};

[[nodiscard]] std::unique_ptr<PagePolicy> make_page_policy(PagePolicyKind kind);

}  // namespace memvp
