// The check the walker makes before each implicit PTE access (priv spec §12.3.2 steps 2 and 9):
// the hart's physical memory protection, for which the effective privilege of a page-table
// access is S (§3.7.2). A refused access ends the walk with the access fault of the original
// access type, as an error response does.
#pragma once

#include "common/types.h"

namespace memvp::mmu {

class PteAccessCheck {
 public:
  virtual ~PteAccessCheck() = default;
  // True when the 8-byte PTE at `pte` may be read (write = false) or written (write = true).
  [[nodiscard]] virtual bool pte_access_allowed(PhysAddr pte, bool write) = 0;
};

}  // namespace memvp::mmu
