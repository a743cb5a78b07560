// NS16550A: transmit to the console stream, status registers as a driver polls them, and the
// divisor latch behind LCR.DLAB (PC16550D data sheet, Table II).
#include "devices/uart16550.h"

#include <sstream>

#include "sc_test.h"

namespace memvp {
namespace {

using test::Done;
using test::ScriptedInitiator;
using U = Uart16550;

class UartTest : public test::SystemCTest {
 protected:
  UartTest() { init_.socket.bind(uart_.socket); }
  void run(std::function<void(ScriptedInitiator&)> script) {
    init_.script = std::move(script);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  }
  std::ostringstream out_;
  Uart16550 uart_{"uart", Uart16550Config{}, out_};
  ScriptedInitiator init_{"init"};
};

TEST_F(UartTest, TransmittedBytesReachTheConsole) {
  run([](ScriptedInitiator& i) {
    for (char c : std::string("hi\n")) i.write(U::kRbrThr, 1, static_cast<unsigned char>(c));
  });
  EXPECT_EQ(out_.str(), "hi\n");
  EXPECT_EQ(uart_.bytes_written(), 3u);
}

TEST_F(UartTest, LineStatusAlwaysShowsAnEmptyTransmitterAndNoInput) {
  Done lsr{}, rbr{}, iir{}, iir_fifo{}, msr{};
  run([&](ScriptedInitiator& i) {
    lsr = i.read(U::kLsr, 1);
    rbr = i.read(U::kRbrThr, 1);
    iir = i.read(U::kIirFcr, 1);
    i.write(U::kIirFcr, 1, 0x07);  // enable and reset the FIFOs
    iir_fifo = i.read(U::kIirFcr, 1);
    msr = i.read(U::kMsr, 1);
  });
  EXPECT_EQ(lsr.value, U::kLsrThre | U::kLsrTemt);
  EXPECT_EQ(rbr.value, 0u);
  EXPECT_EQ(iir.value, 0x01u);  // no interrupt pending
  EXPECT_EQ(iir_fifo.value, 0xC1u);
  EXPECT_EQ(msr.value, 0xB0u);  // DCD, DSR, CTS
}

TEST_F(UartTest, DivisorLatchIsReachedWithDlabAndDoesNotTransmit) {
  Done dll{}, dlm{}, ier{}, lcr{}, scr{};
  run([&](ScriptedInitiator& i) {
    i.write(U::kIer, 1, 0x0F);
    i.write(U::kLcr, 1, 0x83);  // DLAB, 8 data bits
    i.write(U::kRbrThr, 1, 0x01);
    i.write(U::kIer, 1, 0x02);
    dll = i.read(U::kRbrThr, 1);
    dlm = i.read(U::kIer, 1);
    i.write(U::kLcr, 1, 0x03);
    ier = i.read(U::kIer, 1);
    lcr = i.read(U::kLcr, 1);
    i.write(U::kScr, 1, 0x5A);
    scr = i.read(U::kScr, 1);
  });
  EXPECT_EQ(dll.value, 0x01u);
  EXPECT_EQ(dlm.value, 0x02u);
  EXPECT_EQ(ier.value, 0x0Fu);
  EXPECT_EQ(lcr.value, 0x03u);
  EXPECT_EQ(scr.value, 0x5Au);
  EXPECT_EQ(out_.str(), "");
}

TEST_F(UartTest, LoopbackKeepsBytesInsideAndMirrorsModemLines) {
  Done msr{};
  run([&](ScriptedInitiator& i) {
    i.write(U::kMcr, 1, 0x10 | 0x03);  // loopback, DTR, RTS
    i.write(U::kRbrThr, 1, 'x');
    msr = i.read(U::kMsr, 1);
  });
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(msr.value, 0x30u);  // DSR from DTR, CTS from RTS
}

TEST_F(UartTest, WideAccessesAndOffsetsPastTheRegistersAreErrors) {
  Done wide{}, past{};
  run([&](ScriptedInitiator& i) {
    wide = i.read(U::kRbrThr, 4);
    past = i.read(8, 1);
  });
  EXPECT_EQ(wide.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(past.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

}  // namespace
}  // namespace memvp
