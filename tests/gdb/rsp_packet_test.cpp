// The remote protocol's framing: checksums, escapes, hex encodings and the byte-by-byte reader
// (GDB manual, Remote Protocol, "Overview" and "Binary data").
#include <gtest/gtest.h>

#include "tools/gdb/rsp_packet.h"

namespace memvp::gdb {
namespace {

TEST(RspPacket, ChecksumIsTheByteSumModulo256) {
  EXPECT_EQ(checksum(""), 0);
  EXPECT_EQ(checksum("g"), 0x67);
  EXPECT_EQ(checksum("qSupported"), 0x37);
  EXPECT_EQ(checksum(std::string(3, '\xff')), 0xfd);
}

TEST(RspPacket, FrameAddsDollarHashAndChecksum) {
  EXPECT_EQ(frame("OK"), "$OK#9a");
  EXPECT_EQ(frame(""), "$#00");
}

TEST(RspPacket, FrameEscapesTheFourSpecialBytes) {
  // '$' 0x24, '#' 0x23, '}' 0x7d and '*' 0x2a go as '}' and the byte xor 0x20; the checksum is
  // over the escaped bytes: 4 x 0x7d + 0x04 + 0x03 + 0x5d + 0x0a = 0x262.
  EXPECT_EQ(frame("$#}*"), "$}\x04}\x03}]}\x0a#62");
  EXPECT_EQ(unescape("}\x04}\x03}]}\x0a"), "$#}*");
}

TEST(RspPacket, UnescapeRejectsATrailingEscape) {
  EXPECT_EQ(unescape("ab}"), std::nullopt);
  EXPECT_EQ(unescape("a}]b"), "a}b");
}

TEST(RspPacket, HexRoundTripsAndRejectsBadInput) {
  const std::uint8_t bytes[] = {0x00, 0x7f, 0xa5, 0xff};
  EXPECT_EQ(to_hex(bytes, 4), "007fa5ff");
  EXPECT_EQ(from_hex("007FA5ff"), (std::vector<std::uint8_t>{0x00, 0x7f, 0xa5, 0xff}));
  EXPECT_EQ(from_hex("abc"), std::nullopt);
  EXPECT_EQ(from_hex("zz"), std::nullopt);
  EXPECT_EQ(parse_hex("ffffffff80000000"), 0xffffffff80000000ULL);
  EXPECT_EQ(parse_hex(""), std::nullopt);
  EXPECT_EQ(parse_hex("1ffffffff80000000"), std::nullopt);
}

TEST(RspPacket, RegistersAreLittleEndianHex) {
  EXPECT_EQ(le_hex64(0x8000019a), "9a01008000000000");
  EXPECT_EQ(parse_le_hex64("9a01008000000000"), 0x8000019aULL);
  EXPECT_EQ(parse_le_hex64("9a01"), std::nullopt);
}

std::vector<Incoming> feed_all(PacketReader& r, std::string_view bytes) {
  std::vector<Incoming> out;
  for (char c : bytes)
    if (auto in = r.feed(c)) out.push_back(*in);
  return out;
}

TEST(RspPacket, ReaderSplitsPacketsAndDropsAcks) {
  PacketReader r;
  const auto in = feed_all(r, "+$g#67+$m80000000,4#55-");
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].kind, Incoming::Kind::Packet);
  EXPECT_EQ(in[0].data, "g");
  EXPECT_EQ(in[1].data, "m80000000,4");
}

TEST(RspPacket, ReaderReportsABadChecksumAndTheInterruptByte) {
  PacketReader r;
  const auto in = feed_all(r, "$g#68\x03$?#3F");
  ASSERT_EQ(in.size(), 3u);
  EXPECT_EQ(in[0].kind, Incoming::Kind::BadChecksum);
  EXPECT_EQ(in[1].kind, Incoming::Kind::Interrupt);
  EXPECT_EQ(in[2].kind, Incoming::Kind::Packet);  // upper-case checksum digits are accepted
  EXPECT_EQ(in[2].data, "?");
}

TEST(RspPacket, AnInterruptByteInsideAPacketIsData) {
  PacketReader r;
  const std::string p = frame("X0,1:\x03");
  const auto in = feed_all(r, p);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].data, "X0,1:\x03");
}

}  // namespace
}  // namespace memvp::gdb
