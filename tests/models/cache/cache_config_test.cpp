// CacheConfig validation: each impossible geometry is rejected with the platform-file key.
#include <gtest/gtest.h>

#include "cache/cache_config.h"
#include "cache/cache_schema.h"
#include "common/error.h"
#include "read_keys.h"

namespace memvp::cache {
namespace {

std::string error_of(const CacheConfig& c) {
  try {
    validate_cache_config(c, ConfigScope("cache.l1d"));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(CacheConfig, DefaultsAreValid) { EXPECT_EQ(error_of(CacheConfig{}), ""); }

TEST(CacheConfig, WaysMustDivideTheLines) {
  CacheConfig c;
  c.ways = 3;
  EXPECT_EQ(error_of(c), "cache.l1d.ways: 3 must divide the number of lines (512)");
}

TEST(CacheConfig, RejectsEachBadKey) {
  CacheConfig c;
  c.line_bytes = 48;
  EXPECT_EQ(error_of(c).rfind("cache.l1d.line_bytes:", 0), 0u);
  c = CacheConfig{};
  c.size_bytes = 1000;
  EXPECT_EQ(error_of(c).rfind("cache.l1d.size:", 0), 0u);
  c = CacheConfig{};
  c.ways = 0;
  EXPECT_EQ(error_of(c).rfind("cache.l1d.ways:", 0), 0u);
  c = CacheConfig{};
  c.size_bytes = 64 * 24;  // 24 lines, 8 ways: 3 sets
  EXPECT_EQ(error_of(c), "cache.l1d.ways: 8 ways give 3 sets, not a power of two");
  c = CacheConfig{};
  c.mshrs = 0;
  EXPECT_EQ(error_of(c), "cache.l1d.mshrs: must be at least 1");
  c = CacheConfig{};
  c.clock_hz = 0;
  EXPECT_EQ(error_of(c), "cache.l1d.clock_hz: must be positive");
}

TEST(CacheConfig, FullyAssociativeIsOneSet) {
  CacheConfig c;
  c.size_bytes = 1024;
  c.ways = 16;
  EXPECT_EQ(error_of(c), "");
  EXPECT_EQ(c.sets(), 1u);
}

TEST(CacheConfig, WritePolicyNames) {
  EXPECT_EQ(read_keys(cache_keys(), "cache", "[cache.l1d]\nwrite_policy = \"write_through\"\n").l1d.write_policy,
            WritePolicy::WriteThrough);
  EXPECT_EQ(read_keys_error(cache_keys(), "cache", "[cache.l1d]\nwrite_policy = \"write_around\"\n"),
            "test.toml:2: cache.l1d.write_policy: \"write_around\" is not one of \"write_back\", \"write_through\"");
  EXPECT_EQ(write_policy_name(WritePolicy::WriteThrough), "write_through");
}

}  // namespace
}  // namespace memvp::cache
