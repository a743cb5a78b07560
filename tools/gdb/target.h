// What the protocol needs of the machine being debugged, and gdb's RISC-V register numbering
// (gdb's riscv-tdep: x0-x31 are 0-31, pc 32, f0-f31 33-64, CSR n is 65 + n, the virtual `priv`
// register follows the 4096 CSRs). Threads are numbered from 0 here; gdb sees thread id n + 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace memvp::gdb {

namespace regno {
constexpr unsigned kPc = 32;
constexpr unsigned kFirstFpr = 33;
constexpr unsigned kFirstCsr = 65;
constexpr unsigned kFflags = kFirstCsr + 1, kFrm = kFirstCsr + 2, kFcsr = kFirstCsr + 3;
constexpr unsigned kPriv = kFirstCsr + 4096;
// fflags, frm and fcsr are 32 bits wide in the FPU feature (as gdb's own 64bit-fpu.xml has
// them); every other register is 64.
constexpr unsigned bytes(unsigned n) { return n >= kFflags && n <= kFcsr ? 4 : 8; }
}  // namespace regno

class Target {
 public:
  virtual ~Target() = default;
  [[nodiscard]] virtual unsigned threads() const = 0;
  // nullopt / false: the thread has no such register (gdb then shows it as unavailable).
  virtual std::optional<std::uint64_t> read_register(unsigned thread, unsigned regno) = 0;
  virtual bool write_register(unsigned thread, unsigned regno, std::uint64_t value) = 0;
  // Virtual addresses as the thread sees them now; false when some byte cannot be reached.
  virtual bool read_memory(unsigned thread, std::uint64_t addr, std::uint8_t* data, unsigned len) = 0;
  virtual bool write_memory(unsigned thread, std::uint64_t addr, const std::uint8_t* data, unsigned len) = 0;
};

// The target description gdb reads with qXfer:features:read:target.xml: rv64, the integer
// registers and pc (org.gnu.gdb.riscv.cpu), f0-f31 with fflags, frm and fcsr
// (org.gnu.gdb.riscv.fpu), the other CSRs memvp implements (org.gnu.gdb.riscv.csr) and priv
// (org.gnu.gdb.riscv.virtual).
const std::string& target_xml();

}  // namespace memvp::gdb
