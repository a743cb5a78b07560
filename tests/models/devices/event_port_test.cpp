// Event port: the register protocol (arguments, commit, clearing, the ID register), the time
// and hart an event carries, the statistics, the `os` wave group, and that bad accesses are
// error responses that record nothing.
#include "devices/event_port/event_port.h"

#include <algorithm>
#include <vector>

#include "common/stats/named_values.h"
#include "sc_test.h"
#include "vcd_reader.h"

namespace memvp {
namespace {

using test::Done;
using test::ScriptedInitiator;

struct Recorder : EventObserver {
  std::vector<trace::EventRecord> events;
  void on_event(const trace::EventRecord& e) override { events.push_back(e); }
};

EventPortConfig two_harts() {
  EventPortConfig c;
  c.enable = true;
  c.harts = 2;
  c.clock_hz = 1e9;  // 1 ns a cycle
  return c;
}

constexpr std::uint64_t slot(unsigned h) { return h * MEMVP_EVENT_SLOT_SIZE; }
constexpr std::uint64_t commit_value(std::uint16_t type, std::uint32_t pid) {
  return type | static_cast<std::uint64_t>(pid) << 32;
}

class EventPortTest : public test::SystemCTest {
 protected:
  EventPortTest() {
    init_.socket.bind(port_.socket);
    port_.add_observer(rec_);
  }
  void run(std::function<void(ScriptedInitiator&)> script) {
    init_.script = std::move(script);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  }
  double stat(const std::string& name) const {
    for (const auto& [n, v] : stats::named_values(port_))
      if (n == name) return v;
    ADD_FAILURE() << "no statistic " << name;
    return -1;
  }
  EventPort port_{"event_port", two_harts()};
  ScriptedInitiator init_{"init"};
  Recorder rec_;
};

TEST_F(EventPortTest, ACommitRecordsTheArgumentsPidHartAndLocalTime) {
  run([](ScriptedInitiator& i) {
    sc_core::wait(sc_core::sc_time(100, sc_core::SC_NS));
    i.write(slot(1) + MEMVP_EVENT_ARG0, 8, 0xdead'b000);
    i.write(slot(1) + MEMVP_EVENT_ARG0 + 8, 8, 15);
    i.write(slot(1) + MEMVP_EVENT_ARG0 + 24, 8, ~0ULL);
    // The hart runs 37 cycles ahead of SystemC time: the event is dated at its local time.
    i.access(tlm::TLM_WRITE_COMMAND, slot(1) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_PAGE_FAULT, 42),
             sc_core::sc_time(37, sc_core::SC_NS));
  });
  ASSERT_EQ(rec_.events.size(), 1u);
  const trace::EventRecord& e = rec_.events[0];
  EXPECT_EQ(e.cycle, 137u);
  EXPECT_EQ(e.hart, 1u);
  EXPECT_EQ(e.pid, 42u);
  EXPECT_EQ(e.type, MEMVP_EV_PAGE_FAULT);
  EXPECT_EQ(e.arg[0], 0xdead'b000u);
  EXPECT_EQ(e.arg[1], 15u);
  EXPECT_EQ(e.arg[2], 0u);
  EXPECT_EQ(e.arg[3], ~0ULL);
  EXPECT_EQ(port_.count(MEMVP_EV_PAGE_FAULT), 1u);
}

TEST_F(EventPortTest, ArgumentsReadBackAndACommitClearsThemForTheNextEvent) {
  Done before{}, after{}, id{}, other{};
  run([&](ScriptedInitiator& i) {
    i.write(slot(0) + 16, 8, 99);
    before = i.read(slot(0) + 16, 8);
    i.write(slot(0) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_MMAP, 3));
    after = i.read(slot(0) + 16, 8);
    i.write(slot(0) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_MUNMAP, 3));
    id = i.read(slot(1) + MEMVP_EVENT_ID, 8);
    other = i.read(slot(1) + MEMVP_EVENT_COMMIT, 8);
  });
  EXPECT_EQ(before.value, 99u);
  EXPECT_EQ(after.value, 0u);
  EXPECT_EQ(id.value, MEMVP_EVENT_ID_VALUE);
  EXPECT_EQ(other.value, 0u);
  ASSERT_EQ(rec_.events.size(), 2u);
  EXPECT_EQ(rec_.events[0].arg[2], 99u);
  EXPECT_EQ(rec_.events[1].arg[2], 0u);
}

TEST_F(EventPortTest, HartsHaveTheirOwnSlots) {
  run([](ScriptedInitiator& i) {
    i.write(slot(0) + MEMVP_EVENT_ARG0, 8, 1);
    i.write(slot(1) + MEMVP_EVENT_ARG0, 8, 2);
    i.write(slot(1) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_SFENCE, 0));
    i.write(slot(0) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_SFENCE, 0));
  });
  ASSERT_EQ(rec_.events.size(), 2u);
  EXPECT_EQ(rec_.events[0].hart, 1u);
  EXPECT_EQ(rec_.events[0].arg[0], 2u);
  EXPECT_EQ(rec_.events[1].hart, 0u);
  EXPECT_EQ(rec_.events[1].arg[0], 1u);
  EXPECT_EQ(stat("events.sfence"), 2);
}

TEST_F(EventPortTest, BadAccessesAreErrorsAndUnknownTypesAreNotRecorded) {
  std::vector<Done> bad;
  Done unknown{}, none{};
  run([&](ScriptedInitiator& i) {
    bad.push_back(i.write(slot(0) + MEMVP_EVENT_COMMIT, 4, MEMVP_EV_FORK));  // 32-bit
    bad.push_back(i.write(slot(0) + 4, 8, 1));                               // misaligned
    bad.push_back(i.read(slot(0), 1));                                       // a byte
    bad.push_back(i.write(slot(2) + MEMVP_EVENT_COMMIT, 8, MEMVP_EV_FORK));  // no hart 2
    bad.push_back(i.write(0x1000, 8, MEMVP_EV_FORK));                        // past the window
    i.write(slot(0), 8, 5);
    unknown = i.write(slot(0) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_NR, 1));
    none = i.write(slot(0) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_NONE, 1));
  });
  for (const Done& d : bad) EXPECT_EQ(d.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(unknown.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(none.status, tlm::TLM_OK_RESPONSE);
  EXPECT_TRUE(rec_.events.empty());
  EXPECT_EQ(stat("bad_accesses"), 5);
  EXPECT_EQ(stat("unknown_types"), 2);
  EXPECT_EQ(stat("events.fork"), 0);
}

TEST_F(EventPortTest, DebugReadsSeeTheRegistersAndDebugWritesCommitNothing) {
  std::uint8_t data[8] = {};
  unsigned read = 0, written = 0;
  run([&](ScriptedInitiator& i) {
    i.write(slot(0) + 8, 8, 0x1122);
    read = i.debug(tlm::TLM_READ_COMMAND, slot(0) + 8, data, 8);
    std::uint8_t commit[8] = {MEMVP_EV_EXIT};
    written = i.debug(tlm::TLM_WRITE_COMMAND, slot(0) + MEMVP_EVENT_COMMIT, commit, 8);
  });
  EXPECT_EQ(read, 8u);
  EXPECT_EQ(data[0], 0x22);
  EXPECT_EQ(written, 0u);
  EXPECT_TRUE(rec_.events.empty());
}

TEST_F(EventPortTest, OsWavesShowEventsAndTheCurrentPid) {
  const std::string path = ::testing::TempDir() + "memvp_event_port_waves.vcd";
  {
    waves::WaveRecorder wr(path, {});
    port_.attach_waves(wr, "os");
    run([](ScriptedInitiator& i) {
      sc_core::wait(sc_core::sc_time(10, sc_core::SC_NS));
      i.write(slot(1) + 8, 8, 7);  // next pid
      i.write(slot(1) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_CONTEXT_SWITCH, 1));
      sc_core::wait(sc_core::sc_time(10, sc_core::SC_NS));
      i.write(slot(1) + MEMVP_EVENT_COMMIT, 8, commit_value(MEMVP_EV_EXIT, 7));
    });
    wr.close(sc_core::sc_time_stamp().value());
  }
  using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  const test::Vcd v = test::read_vcd(path);
  EXPECT_EQ(v.change_times("os.hart1.event"), (std::vector<std::uint64_t>{10'000, 20'000}));
  EXPECT_EQ(v.signal("os.hart1.type").changes, (Changes{{0, 0}, {10'000, MEMVP_EV_CONTEXT_SWITCH}, {20'000, MEMVP_EV_EXIT}}));
  EXPECT_EQ(v.signal("os.hart1.pid").changes, (Changes{{0, 0}, {10'000, 1}, {20'000, 7}}));
  EXPECT_EQ(v.signal("os.hart1.current_pid").changes, (Changes{{0, 0}, {10'000, 7}}));
  EXPECT_TRUE(v.change_times("os.hart0.event").empty());
}

}  // namespace
}  // namespace memvp
