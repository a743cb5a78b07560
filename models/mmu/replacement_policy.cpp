// Builds the replacement policy a TLB or page-walk-cache array was configured with.
#include "mmu/replacement_policy.h"

#include "mmu/fifo_policy.h"
#include "mmu/lru_policy.h"
#include "mmu/random_policy.h"
#include "mmu/tree_plru_policy.h"

namespace memvp::mmu {

std::unique_ptr<ReplacementPolicy> make_replacement_policy(ReplacementKind kind, unsigned sets,
                                                           unsigned ways, std::uint64_t seed) {
  switch (kind) {
    case ReplacementKind::Lru: return std::make_unique<LruPolicy>(sets, ways);
    case ReplacementKind::TreePlru: return std::make_unique<TreePlruPolicy>(sets, ways);
    case ReplacementKind::Fifo: return std::make_unique<FifoPolicy>(sets, ways);
    case ReplacementKind::Random: return std::make_unique<RandomPolicy>(ways, seed);
  }
  return std::make_unique<LruPolicy>(sets, ways);
}

}  // namespace memvp::mmu
