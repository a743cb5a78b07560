// Architectural constants shared by every block: privilege levels, access kinds, and the
// exception and interrupt codes of the RISC-V privileged spec 20260120 (Tables 16 and 37).
#pragma once

#include <cstdint>
#include <string_view>

namespace memvp::rv {

// Privilege levels as encoded in mstatus.MPP (priv spec §1.2, Table 1).
enum class Priv : std::uint8_t { U = 0, S = 1, M = 3 };

// What an address is used for; decides the fault cause and the permission bit checked.
enum class Access : std::uint8_t { Fetch, Load, Store, Amo };

// Synchronous exception codes (mcause with interrupt bit clear), priv spec Table 16.
enum class Exception : std::uint64_t {
  InstrMisaligned = 0,
  InstrAccessFault = 1,
  IllegalInstr = 2,
  Breakpoint = 3,
  LoadMisaligned = 4,
  LoadAccessFault = 5,
  StoreMisaligned = 6,  // store/AMO
  StoreAccessFault = 7,  // store/AMO
  EcallU = 8,
  EcallS = 9,
  EcallM = 11,
  InstrPageFault = 12,
  LoadPageFault = 13,
  StorePageFault = 15,  // store/AMO
};

// Interrupt codes (mcause with interrupt bit set) and their mip/mie bit positions.
enum class Interrupt : std::uint64_t {
  SupervisorSoftware = 1,
  MachineSoftware = 3,
  SupervisorTimer = 5,
  MachineTimer = 7,
  SupervisorExternal = 9,
  MachineExternal = 11,
};

constexpr std::uint64_t kInterruptBit = 1ULL << 63;

std::string_view exception_name(Exception e);
std::string_view interrupt_name(Interrupt i);

// Every code, in code order, and its statistic name ("load_page_fault", "machine_timer";
// docs/stats.md), stable where the names above are the spec's wording.
inline constexpr Exception kExceptions[] = {
    Exception::InstrMisaligned, Exception::InstrAccessFault, Exception::IllegalInstr,  Exception::Breakpoint,
    Exception::LoadMisaligned,  Exception::LoadAccessFault,  Exception::StoreMisaligned, Exception::StoreAccessFault,
    Exception::EcallU,          Exception::EcallS,           Exception::EcallM,          Exception::InstrPageFault,
    Exception::LoadPageFault,   Exception::StorePageFault,
};
inline constexpr Interrupt kInterrupts[] = {
    Interrupt::SupervisorSoftware, Interrupt::MachineSoftware,    Interrupt::SupervisorTimer,
    Interrupt::MachineTimer,       Interrupt::SupervisorExternal, Interrupt::MachineExternal,
};
std::string_view exception_key(Exception e);
std::string_view interrupt_key(Interrupt i);
std::string_view priv_name(Priv p);

// The fault causes for an access of the given kind. Translation faults are raised
// "corresponding to the original access type" (priv spec §12.3.2 steps 2-6, 8 and 9), as are
// PMA faults (§3.6); Table 16 groups AMOs with stores for every cause.
constexpr Exception page_fault_for(Access a) {
  switch (a) {
    case Access::Fetch: return Exception::InstrPageFault;
    case Access::Load: return Exception::LoadPageFault;
    default: return Exception::StorePageFault;
  }
}
constexpr Exception access_fault_for(Access a) {
  switch (a) {
    case Access::Fetch: return Exception::InstrAccessFault;
    case Access::Load: return Exception::LoadAccessFault;
    default: return Exception::StoreAccessFault;
  }
}
constexpr Exception misaligned_for(Access a) {
  switch (a) {
    case Access::Fetch: return Exception::InstrMisaligned;
    case Access::Load: return Exception::LoadMisaligned;
    default: return Exception::StoreMisaligned;
  }
}

}  // namespace memvp::rv
