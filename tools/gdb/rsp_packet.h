// The framing of the GDB remote serial protocol (GDB manual, "Overview" of Appendix E, Remote
// Protocol): packets `$data#cc` with a modulo-256 checksum, `}` escapes (byte ^ 0x20) for the
// binary packets and replies, the 0x03 interrupt byte, '+'/'-' acknowledgements, and the hex
// encodings that registers and memory travel in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memvp::gdb {

// The two hex digits after '#': the sum of the data bytes modulo 256.
std::uint8_t checksum(std::string_view data);
// `$data#cc`, escaping '$', '#', '}' and '*' so that any byte string can be sent.
std::string frame(std::string_view data);
// Binary data with its `}` escapes removed (the X packet); nullopt if it ends inside an escape.
std::optional<std::string> unescape(std::string_view data);

// Bytes as lowercase hex; hex back to bytes (nullopt on an odd length or a non-hex digit).
std::string to_hex(const std::uint8_t* bytes, std::size_t n);
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);
// A register as gdb sends it: its bytes (8 for a 64-bit one), little-endian, in hex.
std::string le_hex(std::uint64_t v, unsigned bytes);
std::optional<std::uint64_t> parse_le_hex(std::string_view hex, unsigned bytes);
std::string le_hex64(std::uint64_t v);
std::optional<std::uint64_t> parse_le_hex64(std::string_view hex);
// A plain big-endian hex number (addresses, lengths, register and thread numbers).
std::optional<std::uint64_t> parse_hex(std::string_view hex);

// What arrives from gdb, one byte at a time.
struct Incoming {
  enum class Kind { Packet, BadChecksum, Interrupt } kind;
  std::string data;  // the packet's data, escapes kept (only X and vFile data use them)
};

class PacketReader {
 public:
  // Takes one byte; returns a complete packet, a packet whose checksum is wrong (to be
  // answered with '-'), or the interrupt byte outside a packet. Acks and noise between
  // packets are dropped.
  std::optional<Incoming> feed(char c);

 private:
  enum class State { Idle, Data, Check1, Check2 } state_ = State::Idle;
  std::string data_;
  char check_hi_ = 0;
};

}  // namespace memvp::gdb
