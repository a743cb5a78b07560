// Names of translation outcomes and walk steps, as the trace reader and statistics print them.
#include "mmu/translation.h"

namespace memvp::mmu {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Bare: return "bare";
    case Outcome::L1Hit: return "l1_hit";
    case Outcome::L2Hit: return "l2_hit";
    case Outcome::Walk: return "walk";
    case Outcome::Fault: return "fault";
  }
  return "?";
}

std::string_view step_kind_name(StepKind k) {
  switch (k) {
    case StepKind::PteRead: return "pte_read";
    case StepKind::PwcHit: return "pwc_hit";
    case StepKind::AdUpdate: return "ad_update";
  }
  return "?";
}

}  // namespace memvp::mmu
