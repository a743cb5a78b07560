// One TCP connection to gdb, and the listening socket on 127.0.0.1 it is accepted from. The
// stub reads blocking while the machine is stopped and polls without blocking while it runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tools/gdb/rsp_packet.h"

namespace memvp::gdb {

class Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Blocks for the next packet, bad packet or interrupt; nullopt when gdb closed the connection.
  std::optional<Incoming> receive();
  // Without blocking: whatever complete input has arrived (nullopt: nothing yet); sets closed().
  std::optional<Incoming> poll();
  // Sends '+' (or '-') and a framed reply; the '+' gdb answers with is dropped by the reader.
  void ack(bool good);
  void send(std::string_view data);
  [[nodiscard]] bool closed() const { return closed_; }

 private:
  // Reads what is there (blocking or not) into buf_; false on end of file or error.
  bool fill(bool block);
  void send_raw(std::string_view bytes);
  int fd_;
  bool closed_ = false;
  std::string buf_;
  std::size_t pos_ = 0;
  PacketReader reader_;
};

class Listener {
 public:
  // Listens on 127.0.0.1:port (0: a free port); throws InputError when it cannot.
  explicit Listener(std::uint16_t port);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // A new connection's descriptor, or -1 when none is waiting (block = false).
  int accept(bool block);

 private:
  int fd_;
  std::uint16_t port_;
};

}  // namespace memvp::gdb
