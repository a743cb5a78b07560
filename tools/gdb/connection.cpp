// Sockets for the stub (POSIX): a listener bound to the loopback address only, so that the
// debug port is not reachable from other machines, and a connection with Nagle's algorithm off
// so that the small packets of the protocol go out at once.
#include "tools/gdb/connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp::gdb {

Connection::~Connection() { ::close(fd_); }

bool Connection::fill(bool block) {
  if (!block) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return true;
  }
  char chunk[4096];
  ssize_t n;
  do n = ::recv(fd_, chunk, sizeof chunk, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  buf_.erase(0, pos_);
  pos_ = 0;
  buf_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<Incoming> Connection::receive() {
  while (!closed_) {
    while (pos_ < buf_.size()) {
      if (auto in = reader_.feed(buf_[pos_++])) return in;
    }
    if (!fill(true)) break;
  }
  return std::nullopt;
}

std::optional<Incoming> Connection::poll() {
  if (pos_ == buf_.size() && !fill(false)) return std::nullopt;
  while (pos_ < buf_.size()) {
    if (auto in = reader_.feed(buf_[pos_++])) return in;
  }
  return std::nullopt;
}

void Connection::ack(bool good) { send_raw(good ? "+" : "-"); }

void Connection::send(std::string_view data) { send_raw(frame(data)); }

void Connection::send_raw(std::string_view bytes) {
  while (!bytes.empty() && !closed_) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed_ = true;
      return;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

Listener::Listener(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)), port_(port) {
  const auto fail = [&](const char* what) {
    const std::string why = std::strerror(errno);
    if (fd_ >= 0) ::close(fd_);
    throw InputError(fmt::format("--gdb {}: cannot {} 127.0.0.1:{}: {}", port, what, port, why));
  };
  if (fd_ < 0) fail("open a socket for");
  const int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("listen on");
  if (::listen(fd_, 1) != 0) fail("listen on");
  socklen_t len = sizeof addr;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

Listener::~Listener() { ::close(fd_); }

int Listener::accept(bool block) {
  if (!block) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return -1;
  }
  int fd;
  do fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd >= 0) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return fd;
}

}  // namespace memvp::gdb
