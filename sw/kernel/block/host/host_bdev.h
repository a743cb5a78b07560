// Host stand-in for a disk, for the GoogleTest suites of the buffer cache and ext2: a
// block_device whose driver reads and writes an image file at once (pread/pwrite), and counts
// the requests it saw, so tests can check merging. Host build only.
#pragma once

#include <string>

#include "block/blkdev.h"

class HostBlockDevice {
public:
    // Opens path (read-only when read_only); aborts the test run if it cannot.
    HostBlockDevice(const std::string& path, bool read_only, const char* name = "vda");
    ~HostBlockDevice();
    HostBlockDevice(const HostBlockDevice&) = delete;
    HostBlockDevice& operator=(const HostBlockDevice&) = delete;

    block_device* bdev() { return &bdev_; }

    unsigned long reads = 0, writes = 0, flushes = 0;
    unsigned long sectors_written = 0;
    unsigned long last_write_sectors = 0;
    // When nonzero, requests fail with -EIO once this many more have been served.
    long fail_after = -1;

private:
    static void submit(bio* b);
    block_device bdev_{};
    int fd_ = -1;
};

// Everything printk wrote since the last host_printk_take(), cleared by it.
std::string host_printk_take();
