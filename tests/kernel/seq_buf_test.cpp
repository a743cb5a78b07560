// The kernel's printf subset must print exactly what C's snprintf prints for the conversions
// it supports, so /proc text is the same on the guest and on the host.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "kernel/seq_buf.h"

namespace {

template <typename... Args>
void expect_like_snprintf(const char* fmt, Args... args)
{
    char want[256];
    std::snprintf(want, sizeof(want), fmt, args...);
    char got[256];
    seq_buf s(got, sizeof(got));
    seq_buf_printf(&s, fmt, args...);
    EXPECT_STREQ(got, want) << "format \"" << fmt << "\"";
}

}  // namespace

TEST(kernel_seq_buf, MatchesSnprintf)
{
    expect_like_snprintf("Node %d, zone %8s ", 0, "Normal");
    expect_like_snprintf("%6lu |%-17s|%4u %4d", 123456789UL, "kmalloc-8k", 8u, -3);
    expect_like_snprintf("%d %i %u %x %X %c %%", -42, 7, 4000000000u, 0xbeefu, 0xbeefu, 'z');
    expect_like_snprintf("%ld %lu %lld %llu %zu", -9000000000L, 18000000000UL, -1LL, 2ULL, size_t(77));
    expect_like_snprintf("%#lx %#x %08x %-6d| %06d", 0x80004UL, 0u, 0xabu, 12, -12);
    expect_like_snprintf("%s", "");
}

TEST(kernel_seq_buf, TruncatesAndFlagsOverflow)
{
    char buf[8];
    seq_buf s(buf, sizeof(buf));
    seq_buf_printf(&s, "%s-%d", "kmalloc", 8);
    EXPECT_STREQ(buf, "kmalloc");
    EXPECT_EQ(s.len, 7u);
    EXPECT_TRUE(s.overflowed);
}
