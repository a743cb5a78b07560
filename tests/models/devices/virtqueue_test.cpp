// SplitVirtqueue against guest memory laid out by hand: chains direct and indirect, the driver
// errors of virtio 1.2 §2.7.5 each reported (never a crash or an endless walk), the used ring's
// element and index (§2.7.8), 16-bit index wrap-around and interrupt suppression.
#include "devices/virtio/virtqueue.h"

#include <gtest/gtest.h>

#include "guest_memory.h"

namespace memvp::virtio {
namespace {

using test::GuestMemory;

constexpr std::uint64_t kBase = 0x8000'0000;
constexpr std::uint16_t kSize = 8;
constexpr std::uint64_t kDesc = kBase, kDriver = kBase + 0x100, kDevice = kBase + 0x200, kTable = kBase + 0x400;
constexpr std::uint64_t kData = kBase + 0x1000;

class VirtqueueTest : public ::testing::Test {
 protected:
  GuestMemory mem{kBase, 0x4000};
  SplitVirtqueue queue{{kSize, kDesc, kDriver, kDevice}, true};
  VirtqChain chain;
  ChainError error = ChainError::None;

  bool pop() { return queue.pop(mem, chain, error); }
};

TEST_F(VirtqueueTest, EmptyRingGivesNoChainAndNoError) {
  EXPECT_EQ(queue.pending(mem), 0);
  EXPECT_FALSE(pop());
  EXPECT_EQ(error, ChainError::None);
}

TEST_F(VirtqueueTest, ChainFollowsNextWithReadableThenWritableBuffers) {
  mem.desc(kDesc, 3, kData, 16, kDescNext, 5);
  mem.desc(kDesc, 5, kData + 0x100, 512, kDescNext | kDescWrite, 1);
  mem.desc(kDesc, 1, kData + 0x400, 1, kDescWrite);
  mem.make_available(kDriver, kSize, 3);
  EXPECT_EQ(queue.pending(mem), 1);
  ASSERT_TRUE(pop());
  EXPECT_EQ(chain.head, 3);
  ASSERT_EQ(chain.buffers.size(), 3u);
  EXPECT_EQ(chain.buffers[1].addr, kData + 0x100);
  EXPECT_TRUE(chain.buffers[1].device_writable);
  EXPECT_EQ(chain.readable_bytes(), 16u);
  EXPECT_EQ(chain.writable_bytes(), 513u);
  EXPECT_EQ(queue.pending(mem), 0);
}

TEST_F(VirtqueueTest, IndirectTableEndsAChainOfDirectDescriptors) {
  mem.desc(kDesc, 0, kData, 16, kDescNext, 1);
  mem.desc(kDesc, 1, kTable, 2 * kDescBytes, kDescIndirect | kDescWrite);  // WRITE ignored on the table
  mem.desc(kTable, 0, kData + 0x100, 64, kDescNext, 1);
  mem.desc(kTable, 1, kData + 0x200, 1, kDescWrite);
  mem.make_available(kDriver, kSize, 0);
  ASSERT_TRUE(pop());
  ASSERT_EQ(chain.buffers.size(), 3u);
  EXPECT_FALSE(chain.buffers[1].device_writable);
  EXPECT_EQ(chain.readable_bytes(), 80u);
  EXPECT_EQ(chain.writable_bytes(), 1u);
}

struct BadChain {
  const char* name;
  void (*lay_out)(GuestMemory&);
  ChainError expected;
  bool indirect_negotiated = true;
};

class VirtqueueBadChainTest : public ::testing::TestWithParam<BadChain> {};

TEST_P(VirtqueueBadChainTest, IsReportedAndConsumed) {
  GuestMemory mem{kBase, 0x4000};
  SplitVirtqueue queue{{kSize, kDesc, kDriver, kDevice}, GetParam().indirect_negotiated};
  GetParam().lay_out(mem);
  mem.make_available(kDriver, kSize, 0);
  VirtqChain chain;
  ChainError error = ChainError::None;
  EXPECT_FALSE(queue.pop(mem, chain, error));
  EXPECT_EQ(error, GetParam().expected) << to_string(error);
  EXPECT_EQ(queue.pending(mem), 0);  // the next pop does not see it again
}

INSTANTIATE_TEST_SUITE_P(
    DriverErrors, VirtqueueBadChainTest,
    ::testing::Values(
        BadChain{"Loop", [](GuestMemory& m) {
                   m.desc(kDesc, 0, kData, 8, kDescNext, 1);
                   m.desc(kDesc, 1, kData, 8, kDescNext, 0);
                 }, ChainError::TooLong},
        BadChain{"NextBeyondQueue", [](GuestMemory& m) { m.desc(kDesc, 0, kData, 8, kDescNext, kSize); },
                 ChainError::IndexOutOfRange},
        BadChain{"ReadableAfterWritable", [](GuestMemory& m) {
                   m.desc(kDesc, 0, kData, 8, kDescWrite | kDescNext, 1);
                   m.desc(kDesc, 1, kData, 8, 0);
                 }, ChainError::ReadableAfterWritable},
        BadChain{"IndirectNotNegotiated", [](GuestMemory& m) { m.desc(kDesc, 0, kTable, 16, kDescIndirect); },
                 ChainError::IndirectNotOffered, false},
        BadChain{"IndirectWithNext", [](GuestMemory& m) {
                   m.desc(kDesc, 0, kTable, 16, kDescIndirect | kDescNext, 1);
                   m.desc(kTable, 0, kData, 8, 0);
                 }, ChainError::IndirectBadTable},
        BadChain{"IndirectTableNotWholeDescriptors", [](GuestMemory& m) { m.desc(kDesc, 0, kTable, 24, kDescIndirect); },
                 ChainError::IndirectBadTable},
        BadChain{"IndirectTableEmpty", [](GuestMemory& m) { m.desc(kDesc, 0, kTable, 0, kDescIndirect); },
                 ChainError::IndirectBadTable},
        BadChain{"NestedIndirect", [](GuestMemory& m) {
                   m.desc(kDesc, 0, kTable, 16, kDescIndirect);
                   m.desc(kTable, 0, kTable + 0x100, 16, kDescIndirect);
                 }, ChainError::IndirectBadTable},
        BadChain{"IndirectLoop", [](GuestMemory& m) {
                   m.desc(kDesc, 0, kTable, 32, kDescIndirect);
                   m.desc(kTable, 0, kData, 8, kDescNext, 1);
                   m.desc(kTable, 1, kData, 8, kDescNext, 0);
                 }, ChainError::TooLong},
        BadChain{"IndirectTableOutsideMemory", [](GuestMemory& m) { m.desc(kDesc, 0, 0x1000, 16, kDescIndirect); },
                 ChainError::RingFault}),
    [](const auto& info) { return std::string(info.param.name); });

// The device reads the driver's index once per chain: pending() for the depth, then take().
TEST_F(VirtqueueTest, TakeAfterPendingDoesNotReadTheIndexAgain) {
  struct CountingMemory : GuestMemory {
    using GuestMemory::GuestMemory;
    unsigned index_reads = 0;
    bool read(std::uint64_t addr, void* data, std::size_t len) override {
      if (addr == kDriver + 2) ++index_reads;
      return GuestMemory::read(addr, data, len);
    }
  } counting{kBase, 0x4000};
  counting.desc(kDesc, 0, kData, 8, 0);
  counting.make_available(kDriver, kSize, 0);
  ASSERT_EQ(queue.pending(counting), 1);
  ASSERT_TRUE(queue.take(counting, chain, error));
  EXPECT_EQ(chain.buffers.size(), 1u);
  EXPECT_EQ(counting.index_reads, 1u);
}

TEST_F(VirtqueueTest, HeadIndexBeyondQueueIsAnError) {
  mem.make_available(kDriver, kSize, 200);
  EXPECT_FALSE(pop());
  EXPECT_EQ(error, ChainError::IndexOutOfRange);
}

TEST_F(VirtqueueTest, RingOutsideMemoryIsARingFault) {
  SplitVirtqueue far{{kSize, kDesc, 0x1000, kDevice}, false};
  EXPECT_EQ(far.pending(mem), -1);
  EXPECT_FALSE(far.pop(mem, chain, error));
  EXPECT_EQ(error, ChainError::RingFault);
  SplitVirtqueue no_used{{kSize, kDesc, kDriver, 0x1000}, false};
  EXPECT_FALSE(no_used.push_used(mem, 0, 1));
}

TEST_F(VirtqueueTest, UsedElementIsWrittenBeforeItsIndexAndSlotsWrap) {
  for (unsigned i = 0; i < kSize + 2; ++i) ASSERT_TRUE(queue.push_used(mem, static_cast<std::uint16_t>(i), 100 + i));
  EXPECT_EQ(mem.get<std::uint16_t>(kDevice + 2), kSize + 2);
  // Slot 1 was written twice: by element 1, then by element kSize + 1.
  EXPECT_EQ(mem.get<std::uint32_t>(kDevice + 4 + 8 * 1), kSize + 1);
  EXPECT_EQ(mem.get<std::uint32_t>(kDevice + 4 + 8 * 1 + 4), 100u + kSize + 1);
  EXPECT_EQ(mem.get<std::uint32_t>(kDevice + 4 + 8 * 2), 2u);
}

TEST_F(VirtqueueTest, AvailableIndexWrapsAt16Bits) {
  // A driver that has published 65535 chains before this device state began: start the ring there.
  mem.desc(kDesc, 0, kData, 8, 0);
  SplitVirtqueue q{{kSize, kDesc, kDriver, kDevice}, false};
  for (unsigned i = 0; i < 65535; ++i) {
    mem.make_available(kDriver, kSize, 0);
    ASSERT_TRUE(q.pop(mem, chain, error));
  }
  EXPECT_EQ(mem.get<std::uint16_t>(kDriver + 2), 65535);
  mem.make_available(kDriver, kSize, 0);  // idx wraps to 0
  mem.make_available(kDriver, kSize, 0);  // and on to 1
  EXPECT_EQ(mem.get<std::uint16_t>(kDriver + 2), 1);
  EXPECT_EQ(q.pending(mem), 2);
  EXPECT_TRUE(q.pop(mem, chain, error));
  EXPECT_TRUE(q.pop(mem, chain, error));
  EXPECT_EQ(q.pending(mem), 0);
}

TEST_F(VirtqueueTest, DriverFlagSuppressesInterrupts) {
  EXPECT_FALSE(queue.interrupt_suppressed(mem));
  mem.put<std::uint16_t>(kDriver, kAvailNoInterrupt);
  EXPECT_TRUE(queue.interrupt_suppressed(mem));
}

}  // namespace
}  // namespace memvp::virtio
