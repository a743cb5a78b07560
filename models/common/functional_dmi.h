// An ignorable TLM-2.0 extension marking a DMI request made for a purely functional data path:
// the requester (a cache) times every access itself and uses the pointer only to move data.
// A cache grants DMI upward only to such requests (a hart with DMI would bypass the cache's
// timing); memory may grant them where it denies DMI to initiators that time nothing.
#pragma once

#include <tlm>

namespace memvp {

class FunctionalDmi : public tlm::tlm_extension<FunctionalDmi> {
 public:
  tlm::tlm_extension_base* clone() const override { return new FunctionalDmi(*this); }
  void copy_from(const tlm::tlm_extension_base&) override {}
};

}  // namespace memvp
