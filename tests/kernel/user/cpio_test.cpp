// Host tests of the initramfs reader (sw/kernel/user_programs/cpio.cpp) on an archive that
// gen_init_cpio.py packed at build time: entries, names, data and the trailer come back as
// written, lookups strip "./" and "/", and every way an archive can be cut or damaged is -1.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "user_programs/cpio.h"

namespace {

std::vector<u8> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    return std::vector<u8>(std::istreambuf_iterator<char>(in), {});
}

class Cpio : public ::testing::Test {
protected:
    std::vector<u8> archive = read_file(KERNEL_USER_CPIO);
    std::vector<u8> not_elf = read_file(KERNEL_USER_SOURCE_DIR "/not_elf.bin");
    std::vector<u8> programs = read_file(KERNEL_USER_SOURCE_DIR "/programs.cmake");
};

TEST_F(Cpio, EntriesInOrderThenTrailer)
{
    EXPECT_EQ(archive.size() % 512, 0u);  // padded as gen_init_cpio.c pads
    unsigned long offset = 0;
    cpio_entry e{};
    ASSERT_EQ(cpio_next(archive.data(), archive.size(), &offset, &e), 1);
    EXPECT_STREQ(e.name, "not_elf");
    EXPECT_EQ(e.mode, CPIO_S_IFREG | 0755);
    EXPECT_EQ(std::vector<u8>(e.data, e.data + e.size), not_elf);
    EXPECT_EQ((e.data - archive.data()) % 4, 0);
    ASSERT_EQ(cpio_next(archive.data(), archive.size(), &offset, &e), 1);
    EXPECT_STREQ(e.name, "bin/programs.cmake");
    EXPECT_EQ(std::vector<u8>(e.data, e.data + e.size), programs);
    EXPECT_EQ(cpio_next(archive.data(), archive.size(), &offset, &e), 0);
    EXPECT_STREQ(e.name, "TRAILER!!!");
}

// gen_init_cpio.py puts a zero word before a header where that makes the data 8-byte aligned;
// any number of zero words between entries is skipped.
TEST_F(Cpio, DataEightByteAlignedAndZeroWordsSkipped)
{
    unsigned long offset = 0;
    cpio_entry e{};
    while (cpio_next(archive.data(), archive.size(), &offset, &e) == 1)
        EXPECT_EQ((e.data - archive.data()) % 8, 0) << e.name;
    offset = 0;
    ASSERT_EQ(cpio_next(archive.data(), archive.size(), &offset, &e), 1);
    std::vector<u8> padded = archive;
    padded.insert(padded.begin() + long(offset), 12, 0);
    ASSERT_EQ(cpio_next(padded.data(), padded.size(), &offset, &e), 1);
    EXPECT_STREQ(e.name, "bin/programs.cmake");
    EXPECT_EQ(std::vector<u8>(e.data, e.data + e.size), programs);
}

TEST_F(Cpio, FindStripsLeadingDotSlashAndSlash)
{
    cpio_entry e{};
    ASSERT_TRUE(cpio_find(archive.data(), archive.size(), "not_elf", &e));
    EXPECT_EQ(e.size, not_elf.size());
    EXPECT_TRUE(cpio_find(archive.data(), archive.size(), "./not_elf", &e));
    EXPECT_TRUE(cpio_find(archive.data(), archive.size(), "/bin/programs.cmake", &e));
    EXPECT_FALSE(cpio_find(archive.data(), archive.size(), "programs.cmake", &e));
    EXPECT_FALSE(cpio_find(archive.data(), archive.size(), "not_el", &e));
    EXPECT_FALSE(cpio_find(archive.data(), archive.size(), "TRAILER!!!", &e));
}

TEST_F(Cpio, DamagedArchivesAreRefused)
{
    unsigned long offset = 0;
    cpio_entry e{};
    // Nothing but zeros, then cuts inside the first header, inside its name, inside its data.
    const std::vector<u8> zeros(64, 0);
    EXPECT_EQ(cpio_next(zeros.data(), zeros.size(), &offset, &e), -1);
    for (unsigned long len : {0UL, 109UL, 112UL, 120UL + not_elf.size() - 1}) {
        offset = 0;
        EXPECT_EQ(cpio_next(archive.data(), len, &offset, &e), -1) << len;
    }
    std::vector<u8> bad = archive;
    bad[5] = '7';  // the old binary/odc magics are not newc
    offset = 0;
    EXPECT_EQ(cpio_next(bad.data(), bad.size(), &offset, &e), -1);
    bad = archive;
    bad[6 + 8 * 6] = 'g';  // filesize not hex
    offset = 0;
    EXPECT_EQ(cpio_next(bad.data(), bad.size(), &offset, &e), -1);
    bad = archive;
    bad[110 + 7] = 'x';  // the name loses its NUL
    offset = 0;
    EXPECT_EQ(cpio_next(bad.data(), bad.size(), &offset, &e), -1);
    EXPECT_FALSE(cpio_find(bad.data(), bad.size(), "not_elf", &e));
}

}  // namespace
