// Names of the replacement kinds, and the factory that builds the policy an array (TLB,
// page-walk cache or cache) was configured with.
#include "common/replacement/replacement_policy.h"

#include "common/replacement/fifo_policy.h"
#include "common/replacement/lru_policy.h"
#include "common/replacement/random_policy.h"
#include "common/replacement/tree_plru_policy.h"

namespace memvp {

std::string_view replacement_name(ReplacementKind k) {
  switch (k) {
    case ReplacementKind::Lru: return "lru";
    case ReplacementKind::TreePlru: return "tree_plru";
    case ReplacementKind::Fifo: return "fifo";
    case ReplacementKind::Random: return "random";
  }
  return "?";
}

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

}  // namespace memvp
