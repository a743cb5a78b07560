// read_initrd: the file's bytes at QEMU virt's -initrd address (entry + min(RAM / 2, 128 MiB)),
// and one clear InputError when the file is missing or the RAM above that address too small.
#include "platforms/initrd.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "common/error.h"

namespace memvp {
namespace {

class InitrdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(path_, std::ios::binary) << std::string(5000, 'x');
    image_.entry = 0x80000000;
  }
  void TearDown() override { std::remove(path_.c_str()); }

  // One file per test: ctest runs the tests of this suite as parallel processes.
  std::string path_ = ::testing::TempDir() + "initrd_test_" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".cpio";
  PlatformConfig cfg_;
  ElfImage image_;
};

TEST_F(InitrdTest, HalfWayIntoSmallRam) {
  cfg_.memory.size_bytes = 128ULL << 20;
  const Initrd initrd = read_initrd(path_, cfg_, image_);
  EXPECT_EQ(initrd.address.value(), 0x84000000u);
  EXPECT_EQ(initrd.bytes, std::vector<std::uint8_t>(5000, 'x'));
}

TEST_F(InitrdTest, At128MiBAboveTheEntryInLargeRam) {
  cfg_.memory.size_bytes = 1ULL << 30;
  EXPECT_EQ(read_initrd(path_, cfg_, image_).address.value(), 0x88000000u);
}

TEST_F(InitrdTest, MissingOrTooLarge) {
  EXPECT_THROW(read_initrd(path_ + ".none", cfg_, image_), InputError);
  cfg_.memory.size_bytes = 8192;  // 4 KiB above the entry's half-way point: too small
  EXPECT_THROW(read_initrd(path_, cfg_, image_), InputError);
}

}  // namespace
}  // namespace memvp
