// Shared pieces of the block-layer and file-system tests: a machine with page and slab
// allocators (VmMachine), a scratch image file per test, and a check that the buffer cache
// has let go of every buffer when the test ends.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "block/host/host_bdev.h"
#include "fs/buffer_head.h"
#include "../vm_test_support.h"

// A file under a name unique to the running test, holding a copy of the image src or the
// given bytes; removed by the destructor.
class ScratchImage {
public:
    explicit ScratchImage(const std::string& src)
    {
        std::ifstream in(src, std::ios::binary);
        write(std::vector<char>(std::istreambuf_iterator<char>(in), {}));
    }
    explicit ScratchImage(const std::vector<char>& data) { write(data); }
    ~ScratchImage() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }
    std::vector<char> bytes() const
    {
        std::ifstream in(path_, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }

private:
    void write(const std::vector<char>& data)
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "_" + info->name();
        for (char& c : name)
            if (c == '/') c = '_';
        path_ = ::testing::TempDir() + "memvp_" + name + ".img";
        std::ofstream(path_, std::ios::binary).write(data.data(), std::streamsize(data.size()));
    }
    std::string path_;
};

// Fresh allocators for each test; on teardown every buffer must have been released, and the
// device's buffers are dropped before the allocators go.
class FsTest : public ::testing::Test {
protected:
    FsTest() : machine(3, 64 * MiB) { host_printk_take(); }
    void forget(block_device* bdev)
    {
        invalidate_bdev(bdev);
        EXPECT_EQ(read_vm_event(&memvp_vmstat::nr_buffer_heads), 0u) << "buffers still referenced or dirty";
        shrink_buffers(~0ul);
    }
    VmMachine machine;
};
