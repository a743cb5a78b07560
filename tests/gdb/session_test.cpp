// The stub's packets against a scripted client over a socket pair: each exchange writes gdb's
// packets, lets the session serve them until it resumes the machine, and reads the replies.
// The target is a fake two-hart machine with registers and 64 bytes of memory at 0x1000.
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tools/gdb/session.h"

namespace memvp::gdb {
namespace {

class FakeTarget : public Target {
 public:
  std::array<std::map<unsigned, std::uint64_t>, 2> regs;
  std::array<std::uint8_t, 64> mem{};
  static constexpr std::uint64_t kBase = 0x1000;

  unsigned threads() const override { return 2; }
  std::optional<std::uint64_t> read_register(unsigned t, unsigned r) override {
    if (r > regno::kPc && r < regno::kFirstCsr) return std::nullopt;  // no FPU
    return regs.at(t)[r];
  }
  bool write_register(unsigned t, unsigned r, std::uint64_t v) override {
    if (r > regno::kPc && r < regno::kFirstCsr) return false;
    regs.at(t)[r] = v;
    return true;
  }
  bool read_memory(unsigned, std::uint64_t a, std::uint8_t* d, unsigned n) override {
    if (a < kBase || a + n > kBase + mem.size()) return false;
    std::copy_n(mem.begin() + static_cast<long>(a - kBase), n, d);
    return true;
  }
  bool write_memory(unsigned, std::uint64_t a, const std::uint8_t* d, unsigned n) override {
    if (a < kBase || a + n > kBase + mem.size()) return false;
    std::copy_n(d, n, mem.begin() + static_cast<long>(a - kBase));
    return true;
  }
};

class SessionTest : public testing::Test {
 protected:
  SessionTest() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) std::abort();
    client_ = fds[0];
    conn_ = std::make_unique<Connection>(fds[1]);
    session_ = std::make_unique<Session>(*conn_, target_);
  }
  ~SessionTest() override { ::close(client_); }

  // Sends `packets` (framed), serves them with the machine stopped in `thread`, and returns the
  // replies (acks dropped) and how the session resumed.
  std::vector<std::string> exchange(const std::vector<std::string>& packets, unsigned thread = 0,
                                    Signal sig = Signal::Trap) {
    for (const std::string& p : packets) write(frame(p));
    resume_ = session_->serve(thread, sig);
    return replies();
  }
  void write(const std::string& bytes) { ASSERT_EQ(::send(client_, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size())); }
  std::vector<std::string> replies() {
    std::string bytes;
    char buf[4096];
    for (ssize_t n; (n = ::recv(client_, buf, sizeof buf, MSG_DONTWAIT)) > 0;) bytes.append(buf, static_cast<std::size_t>(n));
    std::vector<std::string> out;
    PacketReader r;
    for (char c : bytes)
      if (auto in = r.feed(c)) out.push_back(in->data);
    return out;
  }

  FakeTarget target_;
  int client_;
  std::unique_ptr<Connection> conn_;
  std::unique_ptr<Session> session_;
  Resume resume_;
};

TEST_F(SessionTest, AttachReportsFeaturesThreadsAndTheStop) {
  const auto r = exchange({"qSupported:multiprocess+;swbreak+", "?", "qfThreadInfo", "qsThreadInfo", "qC",
                           "qAttached", "vCont?", "vMustReplyEmpty", "D"});
  ASSERT_EQ(r.size(), 9u);
  EXPECT_EQ(r[0], "PacketSize=4000;qXfer:features:read+;vContSupported+");
  EXPECT_EQ(r[1], "T05thread:1;");
  EXPECT_EQ(r[2], "m1,2");
  EXPECT_EQ(r[3], "l");
  EXPECT_EQ(r[4], "QC1");
  EXPECT_EQ(r[5], "1");
  EXPECT_EQ(r[6], "vCont;c;C;s;S");
  EXPECT_EQ(r[7], "");
  EXPECT_EQ(r[8], "OK");
  EXPECT_EQ(resume_.kind, Resume::Kind::Detach);
}

TEST_F(SessionTest, TargetXmlComesInPiecesAndDescribesRv64) {
  const auto r = exchange({"qXfer:features:read:target.xml:0,40", "qXfer:features:read:target.xml:40,100000", "k"});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][0], 'm');
  EXPECT_EQ(r[0].size(), 0x41u);
  EXPECT_EQ(r[1][0], 'l');
  const std::string xml = r[0].substr(1) + r[1].substr(1);
  EXPECT_EQ(xml, target_xml());
  EXPECT_NE(xml.find("<architecture>riscv:rv64</architecture>"), std::string::npos);
  EXPECT_NE(xml.find("org.gnu.gdb.riscv.cpu"), std::string::npos);
  EXPECT_NE(xml.find("<reg name=\"satp\" bitsize=\"64\" type=\"int\" regnum=\"449\""), std::string::npos);  // 65 + 0x180
  EXPECT_NE(xml.find("<feature name=\"org.gnu.gdb.riscv.fpu\">"), std::string::npos);
  EXPECT_NE(xml.find("<reg name=\"ft1\" bitsize=\"64\" type=\"riscv_double\" regnum=\"34\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\" group=\"float\"/>"),
            std::string::npos);
  // fflags, frm and fcsr are described once, in the FPU feature.
  EXPECT_EQ(xml.find("regnum=\"68\""), xml.rfind("regnum=\"68\""));
  EXPECT_EQ(resume_.kind, Resume::Kind::Kill);
}

TEST_F(SessionTest, RegistersOfTheSelectedThread) {
  target_.regs[1][10] = 0x1122334455667788;
  target_.regs[1][regno::kPc] = 0x80000000;
  target_.regs[1][regno::kFirstCsr + 0x143] = 0xdead;  // stval
  const auto r = exchange({"Hg2", "p20", "pa", "p184", "p21", "P20=0400008000000000", "p20", "g", "c"});
  ASSERT_EQ(r.size(), 8u);
  EXPECT_EQ(r[0], "OK");
  EXPECT_EQ(r[1], "0000008000000000");
  EXPECT_EQ(r[2], "8877665544332211");
  EXPECT_EQ(r[3], "adde000000000000");
  EXPECT_EQ(r[4], "E0e");  // f0: no FPU
  EXPECT_EQ(r[5], "OK");
  EXPECT_EQ(r[6], "0400008000000000");
  ASSERT_EQ(r[7].size(), 33u * 16);
  EXPECT_EQ(r[7].substr(10 * 16, 16), "8877665544332211");
  EXPECT_EQ(r[7].substr(32 * 16, 16), "0400008000000000");
  EXPECT_EQ(resume_.kind, Resume::Kind::Continue);
}

TEST_F(SessionTest, FcsrAndItsFieldsTravelAsFourBytes) {
  target_.regs[0][regno::kFcsr] = 0x65;
  const auto r = exchange({"p44", "P43=03000000", "P43=0300000000000000", "p43", "c"});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0], "65000000");
  EXPECT_EQ(r[1], "OK");
  EXPECT_EQ(r[2], "E01");
  EXPECT_EQ(r[3], "03000000");
  EXPECT_EQ(target_.regs[0][regno::kFrm], 3u);
}

TEST_F(SessionTest, MemoryInHexAndBinaryWithErrorsOutsideTheMap) {
  // X carries binary data with its escapes as they are on the wire: '}' ']' is '}', '}' 0x03 is '#'.
  const std::string x = "X1004,2:}]}\x03";
  write("$" + x + "#" + fmt::format("{:02x}", checksum(x)));
  const auto r = exchange({"M1000,4:deadbeef", "m1000,6", "m1004,2", "m0,4", "M2000,1:00", "M1000,2:00", "k"});
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0], "OK");  // the X
  EXPECT_EQ(r[1], "OK");
  EXPECT_EQ(r[2], "deadbeef7d23");
  EXPECT_EQ(r[3], "7d23");  // '}' and '#', unescaped
  EXPECT_EQ(r[4], "E14");
  EXPECT_EQ(r[5], "E14");
  EXPECT_EQ(r[6], "E01");  // two bytes announced, one given
}

TEST_F(SessionTest, BreakpointsAreKeptSortedAndWatchpointsAreUnsupported) {
  const auto r = exchange({"Z0,80000010,2", "Z1,80000004,4", "Z0,80000010,2", "z0,80000008,2", "Z2,80000000,8", "c"});
  EXPECT_EQ(r, (std::vector<std::string>{"OK", "OK", "OK", "OK", ""}));
  EXPECT_EQ(session_->breakpoints(), (std::vector<std::uint64_t>{0x80000004, 0x80000010}));
  exchange({"z1,80000004,4", "c"});
  EXPECT_EQ(session_->breakpoints(), (std::vector<std::uint64_t>{0x80000010}));
}

TEST_F(SessionTest, AResumeGetsItsStopReplyAtTheNextStop) {
  exchange({"vCont;c"});
  EXPECT_EQ(resume_.kind, Resume::Kind::Continue);
  const auto r = exchange({"D"}, 1, Signal::Int);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], "T02thread:2;");
  EXPECT_EQ(r[1], "OK");
}

TEST_F(SessionTest, StepNamesItsThread) {
  exchange({"vCont;s:2;c"});
  EXPECT_EQ(resume_.kind, Resume::Kind::Step);
  EXPECT_EQ(resume_.step_thread, 1u);
  exchange({"Hc1", "s"}, 1);
  EXPECT_EQ(resume_.kind, Resume::Kind::Step);
  EXPECT_EQ(resume_.step_thread, 0u);
  const auto r = exchange({"vCont;s:3", "Hg5", "T2", "T3", "k"});
  EXPECT_EQ(r, (std::vector<std::string>{"T05thread:1;", "E01", "E01", "OK", "E01"}));
}

TEST_F(SessionTest, ContinueAtAnAddressMovesThePc) {
  exchange({"c80000100"});
  EXPECT_EQ(resume_.kind, Resume::Kind::Continue);
  EXPECT_EQ(target_.regs[0][regno::kPc], 0x80000100u);
}

TEST_F(SessionTest, ABadChecksumIsNakedAndTheInterruptByteIgnoredWhileStopped) {
  write("$g#00");
  write("\x03");
  write(frame("qC"));
  write(frame("k"));
  resume_ = session_->serve(0, Signal::Trap);
  EXPECT_EQ(resume_.kind, Resume::Kind::Kill);
  std::string bytes;
  char buf[256];
  for (ssize_t n; (n = ::recv(client_, buf, sizeof buf, MSG_DONTWAIT)) > 0;) bytes.append(buf, static_cast<std::size_t>(n));
  EXPECT_EQ(bytes, "-+" + frame("QC1") + "+");
}

TEST_F(SessionTest, TheRunsEndIsReportedToAWaitingGdb) {
  exchange({"c"});
  session_->exited(3);
  EXPECT_EQ(replies(), std::vector<std::string>{"W03"});
}

TEST_F(SessionTest, ClosingTheConnectionDetachesAndDropsTheBreakpoints) {
  write(frame("Z0,80000000,2"));
  ::shutdown(client_, SHUT_WR);
  resume_ = session_->serve(0, Signal::Trap);
  EXPECT_EQ(resume_.kind, Resume::Kind::Detach);
  EXPECT_TRUE(session_->breakpoints().empty());
}

}  // namespace
}  // namespace memvp::gdb
