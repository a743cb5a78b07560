// An ignorable TLM-2.0 extension by which a target asks the initiator to synchronise with
// SystemC time after an access, because the access changed something other processes act on
// (a CLINT or PLIC register that drives an interrupt line). An initiator that runs ahead of
// SystemC time (temporal decoupling) attaches one to its payload and checks it on return;
// targets that find none simply carry on.
#pragma once

#include <tlm>

namespace memvp {

class SyncRequest : public tlm::tlm_extension<SyncRequest> {
 public:
  bool requested = false;

  tlm::tlm_extension_base* clone() const override { return new SyncRequest(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    requested = static_cast<const SyncRequest&>(other).requested;
  }
};

// Called by a target: asks the initiator of gp, if it listens, to synchronise.
inline void request_sync(tlm::tlm_generic_payload& gp) {
  if (SyncRequest* s = gp.get_extension<SyncRequest>()) s->requested = true;
}

}  // namespace memvp
