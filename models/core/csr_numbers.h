// The CSR numbers the hart implements (priv spec §2.2, Tables 4-7) and the Zicsr operations
// (§7.1). Shared by the CSR file and the tests that program it, so no CSR is named by a literal.
#pragma once

namespace memvp {

// Kept in their own namespace: the CSR file's functions take a CSR number called `csr`.
namespace csrn {
// Floating point (unprivileged spec §21.2): fcsr and its two fields.
constexpr unsigned fflags = 0x001, frm = 0x002, fcsr = 0x003;
// Supervisor.
constexpr unsigned sstatus = 0x100, sie = 0x104, stvec = 0x105, scounteren = 0x106, senvcfg = 0x10A,
                   sscratch = 0x140, sepc = 0x141, scause = 0x142, stval = 0x143, sip = 0x144, satp = 0x180;
// Machine trap setup and handling.
constexpr unsigned mstatus = 0x300, misa = 0x301, medeleg = 0x302, mideleg = 0x303, mie = 0x304,
                   mtvec = 0x305, mcounteren = 0x306, menvcfg = 0x30A, mcountinhibit = 0x320,
                   mscratch = 0x340, mepc = 0x341, mcause = 0x342, mtval = 0x343, mip = 0x344;
// Counters: the unprivileged shadows, their machine registers and the event selectors.
constexpr unsigned cycle = 0xC00, time = 0xC01, instret = 0xC02, hpmcounter3 = 0xC03, hpmcounter31 = 0xC1F,
                   mcycle = 0xB00, minstret = 0xB02, mhpmcounter3 = 0xB03, mhpmcounter31 = 0xB1F,
                   mhpmevent3 = 0x323, mhpmevent31 = 0x33F;
// Physical memory protection (§3.7): 16 pmpcfg registers (odd ones RV32-only), 64 pmpaddr.
constexpr unsigned pmpcfg0 = 0x3A0, pmpcfg15 = 0x3AF, pmpaddr0 = 0x3B0, pmpaddr63 = 0x3EF;
// Machine information.
constexpr unsigned mvendorid = 0xF11, marchid = 0xF12, mimpid = 0xF13, mhartid = 0xF14, mconfigptr = 0xF15;
}  // namespace csrn

// What CSRRW/CSRRS/CSRRC (and their immediate forms) do to the CSR with the operand (§7.1).
enum class CsrOp { Write, Set, Clear };

}  // namespace memvp
