// The RISC-V target description (GDB manual, "Target Descriptions" and "RISC-V Features"): the
// feature names gdb's riscv-tdep requires, registers named as its ABI names them, and each CSR
// at regnum 65 + its number so that p/P use gdb's own numbering (f0-f31 at 33-64).
#include <fmt/format.h>

#include <utility>

#include "core/csr_numbers.h"
#include "tools/gdb/target.h"

namespace memvp::gdb {

namespace {

constexpr const char* kXNames[32] = {"zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "fp", "s1", "a0",
                                     "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
                                     "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

struct CsrName {
  const char* name;
  unsigned number;
};
// The CSRs the hart implements (models/core/csr.cpp), by the names of the privileged spec §2.2.
constexpr CsrName kCsrs[] = {
    {"sstatus", csrn::sstatus},   {"sie", csrn::sie},           {"stvec", csrn::stvec},
    {"scounteren", csrn::scounteren}, {"senvcfg", csrn::senvcfg}, {"sscratch", csrn::sscratch},
    {"sepc", csrn::sepc},         {"scause", csrn::scause},     {"stval", csrn::stval},
    {"sip", csrn::sip},           {"satp", csrn::satp},         {"mstatus", csrn::mstatus},
    {"misa", csrn::misa},         {"medeleg", csrn::medeleg},   {"mideleg", csrn::mideleg},
    {"mie", csrn::mie},           {"mtvec", csrn::mtvec},       {"mcounteren", csrn::mcounteren},
    {"menvcfg", csrn::menvcfg},   {"mcountinhibit", csrn::mcountinhibit}, {"mscratch", csrn::mscratch},
    {"mepc", csrn::mepc},         {"mcause", csrn::mcause},     {"mtval", csrn::mtval},
    {"mip", csrn::mip},           {"mcycle", csrn::mcycle},     {"minstret", csrn::minstret},
    {"cycle", csrn::cycle},       {"time", csrn::time},         {"instret", csrn::instret},
    {"mvendorid", csrn::mvendorid}, {"marchid", csrn::marchid}, {"mimpid", csrn::mimpid},
    {"mhartid", csrn::mhartid},
};

// gdb's features/riscv/64bit-fpu.xml: each f register as a union of its single (NaN-boxed in
// the low 32 bits) and double views, ABI names, fcsr and its fields as 32-bit registers.
constexpr const char* kFNames[32] = {"ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
                                     "fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
                                     "fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
                                     "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

std::string fpu_feature() {
  std::string x = "<feature name=\"org.gnu.gdb.riscv.fpu\">\n<union id=\"riscv_double\">\n"
                  "  <field name=\"float\" type=\"ieee_single\"/>\n  <field name=\"double\" type=\"ieee_double\"/>\n"
                  "</union>\n";
  for (unsigned i = 0; i < 32; ++i)
    x += fmt::format("  <reg name=\"{}\" bitsize=\"64\" type=\"riscv_double\" regnum=\"{}\"/>\n", kFNames[i],
                     regno::kFirstFpr + i);
  const std::pair<const char*, unsigned> fcsr[] = {{"fflags", regno::kFflags}, {"frm", regno::kFrm}, {"fcsr", regno::kFcsr}};
  for (const auto& [name, n] : fcsr)
    x += fmt::format("  <reg name=\"{}\" bitsize=\"32\" type=\"int\" regnum=\"{}\" group=\"float\"/>\n", name, n);
  return x + "</feature>\n";
}

std::string build() {
  std::string x = "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n"
                  "<architecture>riscv:rv64</architecture>\n<feature name=\"org.gnu.gdb.riscv.cpu\">\n";
  for (unsigned i = 0; i < 32; ++i) {
    const char* type = i == 1 ? "code_ptr" : i == 2 ? "data_ptr" : "int";
    x += fmt::format("  <reg name=\"{}\" bitsize=\"64\" type=\"{}\" regnum=\"{}\"/>\n", kXNames[i], type, i);
  }
  x += fmt::format("  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"{}\"/>\n</feature>\n", regno::kPc);
  x += fpu_feature();
  x += "<feature name=\"org.gnu.gdb.riscv.csr\">\n";
  for (const CsrName& c : kCsrs)
    x += fmt::format("  <reg name=\"{}\" bitsize=\"64\" type=\"int\" regnum=\"{}\" group=\"system\"/>\n", c.name,
                     regno::kFirstCsr + c.number);
  x += fmt::format("</feature>\n<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
                   "  <reg name=\"priv\" bitsize=\"64\" type=\"int\" regnum=\"{}\" group=\"system\"/>\n</feature>\n"
                   "</target>\n",
                   regno::kPriv);
  return x;
}

}  // namespace

const std::string& target_xml() {
  static const std::string xml = build();
  return xml;
}

}  // namespace memvp::gdb
