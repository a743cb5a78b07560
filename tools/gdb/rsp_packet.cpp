// Remote-protocol framing and hex encodings (GDB manual, Remote Protocol: "Overview",
// "Binary data"). Run-length encoding is never produced, and gdb never sends it.
#include "tools/gdb/rsp_packet.h"

namespace memvp::gdb {

namespace {
constexpr char kHex[] = "0123456789abcdef";
constexpr char kEscape = '}';

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::uint8_t checksum(std::string_view data) {
  unsigned sum = 0;
  for (char c : data) sum += static_cast<std::uint8_t>(c);
  return static_cast<std::uint8_t>(sum);
}

std::string frame(std::string_view data) {
  std::string body;
  body.reserve(data.size() + 8);
  for (char c : data) {
    if (c == '$' || c == '#' || c == kEscape || c == '*') {
      body += kEscape;
      body += static_cast<char>(c ^ 0x20);
    } else {
      body += c;
    }
  }
  const std::uint8_t sum = checksum(body);
  return "$" + body + "#" + kHex[sum >> 4] + kHex[sum & 15];
}

std::optional<std::string> unescape(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] != kEscape) {
      out += data[i];
    } else if (++i < data.size()) {
      out += static_cast<char>(data[i] ^ 0x20);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string to_hex(const std::uint8_t* bytes, std::size_t n) {
  std::string s;
  s.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    s += kHex[bytes[i] >> 4];
    s += kHex[bytes[i] & 15];
  }
  return s;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::vector<std::uint8_t> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string le_hex(std::uint64_t v, unsigned bytes) {
  std::uint8_t b[8];
  for (unsigned i = 0; i < bytes; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
  return to_hex(b, bytes);
}

std::optional<std::uint64_t> parse_le_hex(std::string_view hex, unsigned bytes) {
  const auto b = from_hex(hex);
  if (!b || b->size() != bytes) return std::nullopt;
  std::uint64_t v = 0;
  for (unsigned i = bytes; i-- > 0;) v = v << 8 | (*b)[i];
  return v;
}

std::string le_hex64(std::uint64_t v) { return le_hex(v, 8); }
std::optional<std::uint64_t> parse_le_hex64(std::string_view hex) { return parse_le_hex(hex, 8); }

std::optional<std::uint64_t> parse_hex(std::string_view hex) {
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : hex) {
    const int d = hex_value(c);
    if (d < 0) return std::nullopt;
    v = v << 4 | static_cast<unsigned>(d);
  }
  return v;
}

std::optional<Incoming> PacketReader::feed(char c) {
  switch (state_) {
    case State::Idle:
      if (c == '$') {
        data_.clear();
        state_ = State::Data;
      } else if (c == '\x03') {
        return Incoming{Incoming::Kind::Interrupt, {}};
      }
      return std::nullopt;
    case State::Data:
      if (c == '#') state_ = State::Check1;
      else data_ += c;
      return std::nullopt;
    case State::Check1:
      check_hi_ = c;
      state_ = State::Check2;
      return std::nullopt;
    case State::Check2: {
      state_ = State::Idle;
      const int hi = hex_value(check_hi_), lo = hex_value(c);
      const bool ok = hi >= 0 && lo >= 0 && checksum(data_) == (hi << 4 | lo);
      return Incoming{ok ? Incoming::Kind::Packet : Incoming::Kind::BadChecksum, std::move(data_)};
    }
  }
  return std::nullopt;
}

}  // namespace memvp::gdb
