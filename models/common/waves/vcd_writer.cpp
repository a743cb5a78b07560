// The VCD text: identifier codes, the scope tree of the header and the value-change lines. A
// vector value is written in binary without leading zeros, which §18.2.3.10 left-extends with 0.
#include "common/waves/vcd_writer.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>

#include "common/error.h"

namespace memvp::waves {

namespace {

// The scope tree of the header: children and variables in the order first named, so the
// header depends only on the registration order.
struct Scope {
  std::string name;
  std::vector<std::unique_ptr<Scope>> children;
  std::vector<std::uint32_t> vars;
  Scope* child(const std::string& n) {
    for (auto& c : children)
      if (c->name == n) return c.get();
    children.push_back(std::make_unique<Scope>());
    children.back()->name = n;
    return children.back().get();
  }
};

std::string leaf_name(const std::string& dotted) {
  const std::size_t dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

}  // namespace

std::string VcdWriter::id_code(std::uint32_t i) {
  std::string s;
  do {
    s += static_cast<char>('!' + i % 94);
    i /= 94;
  } while (i != 0);
  return s;
}

VcdWriter::VcdWriter(const std::string& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) throw InputError(path + ": cannot write the VCD file: " + std::strerror(errno));
}

VcdWriter::~VcdWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void VcdWriter::put(const char* s, std::size_t n) {
  if (std::fwrite(s, 1, n, file_) != n) failed_ = true;
}

void VcdWriter::header(const std::string& timescale, const std::string& comment,
                       const std::vector<SignalDecl>& signals) {
  Scope root;
  for (std::uint32_t i = 0; i < signals.size(); ++i) {
    Scope* s = &root;
    const std::string& n = signals[i].name;
    for (std::size_t from = 0, dot; (dot = n.find('.', from)) != std::string::npos; from = dot + 1)
      s = s->child(n.substr(from, dot - from));
    s->vars.push_back(i);
    ids_.push_back(id_code(i));
    widths_.push_back(signals[i].width);
  }
  put("$comment\n  " + comment + "\n$end\n");
  put("$timescale " + timescale + " $end\n");
  // Depth-first: each scope's variables, then its sub-scopes.
  auto emit = [&](auto& self, const Scope& s) -> void {
    for (std::uint32_t i : s.vars) {
      const SignalDecl& d = signals[i];
      put(std::string("$var ") + (d.kind == VarKind::Event ? "event " : "wire ") + std::to_string(d.width) +
          " " + ids_[i] + " " + leaf_name(d.name) + " $end\n");
    }
    for (const auto& c : s.children) {
      put("$scope module " + c->name + " $end\n");
      self(self, *c);
      put("$upscope $end\n");
    }
  };
  put("$scope module memvp $end\n");
  emit(emit, root);
  put("$upscope $end\n$enddefinitions $end\n");
}

void VcdWriter::time(std::uint64_t t) {
  char buf[24];
  buf[0] = '#';
  char* end = std::to_chars(buf + 1, buf + sizeof buf - 1, t).ptr;
  *end++ = '\n';
  put(buf, static_cast<std::size_t>(end - buf));
}
void VcdWriter::begin_dumpvars() { put("$dumpvars\n"); }
void VcdWriter::end_dumpvars() { put("$end\n"); }

void VcdWriter::value(std::uint32_t signal, std::uint64_t v) {
  char buf[80];
  std::size_t n = 0;
  if (widths_[signal] == 1) {
    buf[n++] = (v & 1) ? '1' : '0';
  } else {
    buf[n++] = 'b';
    int top = 63;
    while (top > 0 && ((v >> top) & 1) == 0) --top;
    for (int b = top; b >= 0; --b) buf[n++] = ((v >> b) & 1) ? '1' : '0';
    buf[n++] = ' ';
  }
  put(buf, n);
  put(ids_[signal]);
  put("\n", 1);
}

void VcdWriter::event(std::uint32_t signal) {
  put("1", 1);
  put(ids_[signal]);
  put("\n", 1);
}

void VcdWriter::close() {
  if (file_ == nullptr) return;
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) failed_ = true;
  if (failed_) throw InputError(path_ + ": writing the VCD file failed");
}

}  // namespace memvp::waves
