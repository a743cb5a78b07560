// Names for exception and interrupt codes: as the privileged spec words them (messages), and as
// statistics keys.
#include "common/riscv.h"

namespace memvp::rv {

std::string_view exception_name(Exception e) {
  switch (e) {
    case Exception::InstrMisaligned: return "instruction address misaligned";
    case Exception::InstrAccessFault: return "instruction access fault";
    case Exception::IllegalInstr: return "illegal instruction";
    case Exception::Breakpoint: return "breakpoint";
    case Exception::LoadMisaligned: return "load address misaligned";
    case Exception::LoadAccessFault: return "load access fault";
    case Exception::StoreMisaligned: return "store/AMO address misaligned";
    case Exception::StoreAccessFault: return "store/AMO access fault";
    case Exception::EcallU: return "environment call from U-mode";
    case Exception::EcallS: return "environment call from S-mode";
    case Exception::EcallM: return "environment call from M-mode";
    case Exception::InstrPageFault: return "instruction page fault";
    case Exception::LoadPageFault: return "load page fault";
    case Exception::StorePageFault: return "store/AMO page fault";
  }
  return "reserved";
}

std::string_view interrupt_name(Interrupt i) {
  switch (i) {
    case Interrupt::SupervisorSoftware: return "supervisor software interrupt";
    case Interrupt::MachineSoftware: return "machine software interrupt";
    case Interrupt::SupervisorTimer: return "supervisor timer interrupt";
    case Interrupt::MachineTimer: return "machine timer interrupt";
    case Interrupt::SupervisorExternal: return "supervisor external interrupt";
    case Interrupt::MachineExternal: return "machine external interrupt";
  }
  return "reserved";
}

std::string_view exception_key(Exception e) {
  switch (e) {
    case Exception::InstrMisaligned: return "instruction_misaligned";
    case Exception::InstrAccessFault: return "instruction_access_fault";
    case Exception::IllegalInstr: return "illegal_instruction";
    case Exception::Breakpoint: return "breakpoint";
    case Exception::LoadMisaligned: return "load_misaligned";
    case Exception::LoadAccessFault: return "load_access_fault";
    case Exception::StoreMisaligned: return "store_misaligned";
    case Exception::StoreAccessFault: return "store_access_fault";
    case Exception::EcallU: return "ecall_u";
    case Exception::EcallS: return "ecall_s";
    case Exception::EcallM: return "ecall_m";
    case Exception::InstrPageFault: return "instruction_page_fault";
    case Exception::LoadPageFault: return "load_page_fault";
    case Exception::StorePageFault: return "store_page_fault";
  }
  return "reserved";
}

std::string_view interrupt_key(Interrupt i) {
  switch (i) {
    case Interrupt::SupervisorSoftware: return "supervisor_software";
    case Interrupt::MachineSoftware: return "machine_software";
    case Interrupt::SupervisorTimer: return "supervisor_timer";
    case Interrupt::MachineTimer: return "machine_timer";
    case Interrupt::SupervisorExternal: return "supervisor_external";
    case Interrupt::MachineExternal: return "machine_external";
  }
  return "reserved";
}

std::string_view priv_name(Priv p) {
  switch (p) {
    case Priv::U: return "U";
    case Priv::S: return "S";
    case Priv::M: return "M";
  }
  return "?";
}

}  // namespace memvp::rv
