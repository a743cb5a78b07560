// What a debugger reaches in a stopped hart: registers, CSRs and privilege, and memory through
// the hart's own view. Memory goes by TLM debug transport (IEEE 1666-2011 §11.3.4), which
// carries no time, and translation by the MMU's side-effect-free walk, so looking at the
// machine changes none of its TLBs, caches, statistics or cycles.
#include <algorithm>

#include "common/tlm/payload.h"
#include "core/execution_engine.h"
#include "core/hart.h"

namespace memvp {

bool ExecutionEngine::debug_set_csr(unsigned csr, std::uint64_t v) {
  if (!csr_read(csr)) return false;
  csr_write(csr, v);
  irq_dirty_ = true;
  return true;
}

// Page by page: each page of the range is translated on its own (§12.3.2 at 4 KiB granularity
// is exact for superpages too). The hart's fetch privilege decides whether satp applies
// (§12.1.11: M-mode is never translated).
bool ExecutionEngine::debug_access(tlm::tlm_command cmd, VirtAddr va, std::uint8_t* data, unsigned len) {
  constexpr std::uint64_t kPage = 4096;
  while (len > 0) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::uint64_t>(len, kPage - (va.value() & (kPage - 1))));
    std::optional<PhysAddr> pa = PhysAddr(va.value());
    if ((satp_ >> 60) != 0 && priv_ != rv::Priv::M) pa = owner_.mmu.debug_translate(va, satp_);
    if (!pa) return false;
    tlm::tlm_generic_payload gp;
    set_payload(gp, cmd, pa->value(), data, chunk);
    if (owner_.data_socket->transport_dbg(gp) != chunk) return false;
    va += chunk;
    data += chunk;
    len -= chunk;
  }
  // The fetch buffer is a copy of memory: a debugger's write (a patched instruction) must be seen.
  if (cmd == tlm::TLM_WRITE_COMMAND) drop_fetch_line();
  return true;
}

void Hart::attach_debugger(HartDebugger& debugger) { engine_->attach_debugger(&debugger); }
void Hart::set_reg(unsigned i, std::uint64_t v) {
  if (i != 0) engine_->set_x(i, v);
}
void Hart::set_pc(std::uint64_t pc) { engine_->set_pc(pc); }
std::uint64_t Hart::freg(unsigned i) const { return engine_->f(i); }
void Hart::set_freg(unsigned i, std::uint64_t v) { engine_->set_f(i, v); }
std::optional<std::uint64_t> Hart::csr(unsigned csr) { return engine_->debug_csr(csr); }
bool Hart::set_csr(unsigned csr, std::uint64_t v) { return engine_->debug_set_csr(csr, v); }
rv::Priv Hart::priv() const { return engine_->priv(); }
void Hart::set_priv(rv::Priv p) { engine_->set_priv(p); }
bool Hart::debug_read(std::uint64_t va, std::uint8_t* data, unsigned len) {
  return engine_->debug_access(tlm::TLM_READ_COMMAND, VirtAddr(va), data, len);
}
bool Hart::debug_write(std::uint64_t va, const std::uint8_t* data, unsigned len) {
  return engine_->debug_access(tlm::TLM_WRITE_COMMAND, VirtAddr(va), const_cast<std::uint8_t*>(data), len);
}

}  // namespace memvp
