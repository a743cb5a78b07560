// Packet by packet, as the GDB manual's "Packets" appendix defines them. Unsupported packets
// get the empty reply, which tells gdb to do without them. Errors are "E" and two hex digits
// (the number itself carries no meaning to gdb).
#include "tools/gdb/session.h"

#include <algorithm>

#include <fmt/format.h>

namespace memvp::gdb {

namespace {
constexpr std::size_t kPacketSize = 0x4000;  // the largest packet we accept (qSupported PacketSize)
constexpr unsigned kGRegisters = regno::kPc + 1;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "addr,length" (and what follows a ':' if any).
struct AddrLen {
  std::uint64_t addr, len;
  std::string_view rest;
};
std::optional<AddrLen> parse_addr_len(std::string_view args) {
  const std::size_t comma = args.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  const std::size_t colon = args.find(':', comma);
  const auto addr = parse_hex(args.substr(0, comma));
  const auto len = parse_hex(args.substr(comma + 1, colon == std::string_view::npos ? colon : colon - comma - 1));
  if (!addr || !len) return std::nullopt;
  return AddrLen{*addr, *len, colon == std::string_view::npos ? std::string_view{} : args.substr(colon + 1)};
}
}  // namespace

Resume Session::serve(unsigned thread, Signal sig) {
  stopped_thread_ = g_thread_ = thread;
  signal_ = sig;
  if (resumed_) conn_.send(stop_reply());
  resumed_ = false;
  while (auto in = conn_.receive()) {
    if (in->kind == Incoming::Kind::Interrupt) continue;  // already stopped
    conn_.ack(in->kind == Incoming::Kind::Packet);
    if (in->kind != Incoming::Kind::Packet) continue;  // gdb sends it again
    if (auto r = handle(in->data)) {
      resumed_ = r->kind == Resume::Kind::Continue || r->kind == Resume::Kind::Step;
      if (r->kind == Resume::Kind::Detach) breakpoints_.clear();
      return *r;
    }
  }
  breakpoints_.clear();  // gdb went away: the run goes on without it
  return {Resume::Kind::Detach};
}

void Session::exited(int status) {
  if (resumed_) conn_.send(fmt::format("W{:02x}", status & 0xFF));
  resumed_ = false;
}

std::string Session::stop_reply() const {
  return fmt::format("T{:02x}thread:{:x};", static_cast<unsigned>(signal_), stopped_thread_ + 1);
}

std::optional<Resume> Session::handle(std::string_view p) {
  const char cmd = p.empty() ? '\0' : p[0];
  const std::string_view args = p.empty() ? p : p.substr(1);
  std::string reply;
  switch (cmd) {
    case '?': reply = stop_reply(); break;
    case 'q': reply = query(args); break;
    case 'g': reply = read_registers(); break;
    case 'G': reply = write_registers(args); break;
    case 'p': reply = read_register(args); break;
    case 'P': reply = write_register(args); break;
    case 'm': reply = read_memory(args); break;
    case 'M': reply = write_memory(args, false); break;
    case 'X': reply = write_memory(args, true); break;
    case 'Z': reply = breakpoint(args, true); break;
    case 'z': reply = breakpoint(args, false); break;
    case 'H': reply = set_thread(args); break;
    case 'T': reply = thread_index(args) ? "OK" : "E01"; break;
    case 'c':
    case 's':
    case 'C':
    case 'S': {
      // c [addr] and C sig[;addr]: resume at addr when given; signals are not delivered.
      const std::size_t semi = args.find(';');
      const std::string_view addr = cmd == 'c' || cmd == 's' ? args : semi == std::string_view::npos ? "" : args.substr(semi + 1);
      const unsigned t = c_thread_.value_or(stopped_thread_);
      if (const auto a = parse_hex(addr)) target_.write_register(t, regno::kPc, *a);
      if (cmd == 'c' || cmd == 'C') return Resume{Resume::Kind::Continue};
      return Resume{Resume::Kind::Step, t};
    }
    case 'v':
      if (args == "Cont?") reply = "vCont;c;C;s;S";
      else if (starts_with(args, "Cont;")) {
        if (auto r = vcont(args.substr(5))) return r;
        reply = "E01";
      } else if (args == "Kill" || starts_with(args, "Kill;")) {
        conn_.send("OK");
        return Resume{Resume::Kind::Kill};
      }
      break;
    case 'D':
      conn_.send("OK");
      return Resume{Resume::Kind::Detach};
    case 'k': return Resume{Resume::Kind::Kill};
    default: break;
  }
  conn_.send(reply);
  return std::nullopt;
}

std::string Session::query(std::string_view q) {
  if (starts_with(q, "Supported")) return fmt::format("PacketSize={:x};qXfer:features:read+;vContSupported+", kPacketSize);
  constexpr std::string_view kXfer = "Xfer:features:read:target.xml:";
  if (starts_with(q, kXfer)) {
    const auto r = parse_addr_len(q.substr(kXfer.size()));
    if (!r) return "E01";
    const std::string& xml = target_xml();
    if (r->addr >= xml.size()) return "l";
    const std::string part = xml.substr(r->addr, r->len);
    // The data of a qXfer reply is binary: frame() escapes it.
    return (r->addr + part.size() >= xml.size() ? "l" : "m") + part;
  }
  if (q == "fThreadInfo") {
    std::string s = "m";
    for (unsigned t = 0; t < target_.threads(); ++t) s += fmt::format("{}{:x}", t ? "," : "", t + 1);
    return s;
  }
  if (q == "sThreadInfo") return "l";
  if (q == "C") return fmt::format("QC{:x}", stopped_thread_ + 1);
  if (q == "Attached" || starts_with(q, "Attached:")) return "1";  // attached to a running machine: detach leaves it running
  if (starts_with(q, "ThreadExtraInfo,")) {
    const auto t = thread_index(q.substr(16));
    if (!t) return "E01";
    const std::string name = fmt::format("hart {}", *t);
    return to_hex(reinterpret_cast<const std::uint8_t*>(name.data()), name.size());
  }
  return "";
}

std::string Session::read_registers() {
  std::string s;
  for (unsigned r = 0; r < kGRegisters; ++r) {
    const auto v = target_.read_register(g_thread_, r);
    s += v ? le_hex64(*v) : "xxxxxxxxxxxxxxxx";
  }
  return s;
}

std::string Session::write_registers(std::string_view hex) {
  for (unsigned r = 0; r < kGRegisters && hex.size() >= 16; ++r, hex.remove_prefix(16)) {
    const auto v = parse_le_hex64(hex.substr(0, 16));
    if (!v) return "E01";
    target_.write_register(g_thread_, r, *v);
  }
  return "OK";
}

std::string Session::read_register(std::string_view args) {
  const auto n = parse_hex(args);
  if (!n) return "E01";
  const auto r = static_cast<unsigned>(*n);
  const auto v = target_.read_register(g_thread_, r);
  return v ? le_hex(*v, regno::bytes(r)) : "E0e";
}

std::string Session::write_register(std::string_view args) {
  const std::size_t eq = args.find('=');
  if (eq == std::string_view::npos) return "E01";
  const auto n = parse_hex(args.substr(0, eq));
  if (!n) return "E01";
  const auto v = parse_le_hex(args.substr(eq + 1), regno::bytes(static_cast<unsigned>(*n)));
  if (!v) return "E01";
  return target_.write_register(g_thread_, static_cast<unsigned>(*n), *v) ? "OK" : "E0e";
}

std::string Session::read_memory(std::string_view args) {
  const auto r = parse_addr_len(args);
  if (!r || r->len > kPacketSize / 2) return "E01";
  std::vector<std::uint8_t> buf(r->len);
  if (!target_.read_memory(g_thread_, r->addr, buf.data(), static_cast<unsigned>(r->len))) return "E14";
  return to_hex(buf.data(), buf.size());
}

std::string Session::write_memory(std::string_view args, bool binary) {
  const auto r = parse_addr_len(args);
  if (!r) return "E01";
  std::vector<std::uint8_t> bytes;
  if (binary) {
    const auto raw = unescape(r->rest);
    if (!raw) return "E01";
    bytes.assign(raw->begin(), raw->end());
  } else if (auto hex = from_hex(r->rest)) {
    bytes = std::move(*hex);
  } else {
    return "E01";
  }
  if (bytes.size() != r->len) return "E01";
  if (!bytes.empty() && !target_.write_memory(g_thread_, r->addr, bytes.data(), static_cast<unsigned>(bytes.size())))
    return "E14";
  return "OK";
}

// Z0 (software) and Z1 (hardware) breakpoints are one mechanism: the harts compare their PC
// before each instruction, so nothing is written into guest memory. Watchpoints (Z2-Z4) are
// not supported.
std::string Session::breakpoint(std::string_view args, bool insert) {
  if (args.size() < 2 || (args[0] != '0' && args[0] != '1') || args[1] != ',') return "";
  const auto r = parse_addr_len(args.substr(2));
  if (!r) return "E01";
  const auto at = std::lower_bound(breakpoints_.begin(), breakpoints_.end(), r->addr);
  const bool present = at != breakpoints_.end() && *at == r->addr;
  if (insert && !present) breakpoints_.insert(at, r->addr);
  if (!insert && present) breakpoints_.erase(at);
  return "OK";
}

std::string Session::set_thread(std::string_view args) {
  if (args.empty()) return "E01";
  const std::string_view id = args.substr(1);
  const bool any = id == "-1" || id == "0";
  const auto t = any ? std::optional<unsigned>(stopped_thread_) : thread_index(id);
  if (!t) return "E01";
  if (args[0] == 'g') g_thread_ = *t;
  else if (args[0] == 'c') c_thread_ = any ? std::nullopt : t;
  else return "E01";
  return "OK";
}

// vCont;action[:thread-id]... (GDB manual, "vCont"): in all-stop mode every thread resumes; the
// first step action names the thread that stops the machine after one instruction.
std::optional<Resume> Session::vcont(std::string_view actions) {
  Resume r{Resume::Kind::Continue};
  while (!actions.empty()) {
    const std::size_t semi = actions.find(';');
    std::string_view a = actions.substr(0, semi);
    actions = semi == std::string_view::npos ? std::string_view{} : actions.substr(semi + 1);
    const std::size_t colon = a.find(':');
    const std::string_view kind = a.substr(0, colon);
    if (kind.empty()) return std::nullopt;
    if ((kind[0] == 's' || kind[0] == 'S') && r.kind == Resume::Kind::Continue) {
      const auto t = colon == std::string_view::npos ? std::optional<unsigned>(c_thread_.value_or(stopped_thread_))
                                                      : thread_index(a.substr(colon + 1));
      if (!t) return std::nullopt;
      r = {Resume::Kind::Step, *t};
    } else if (kind[0] != 'c' && kind[0] != 'C' && kind[0] != 's' && kind[0] != 'S') {
      return std::nullopt;
    }
  }
  return r;
}

std::optional<unsigned> Session::thread_index(std::string_view id) const {
  if (id == "-1" || id == "0") return stopped_thread_;
  const auto n = parse_hex(id);
  if (!n || *n == 0 || *n > target_.threads()) return std::nullopt;
  return static_cast<unsigned>(*n - 1);
}

}  // namespace memvp::gdb
