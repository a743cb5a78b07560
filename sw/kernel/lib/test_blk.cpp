// ktest=blk: the block layer and the virtio-blk driver against vda, a disk image whose sector s
// holds s as a little-endian u64 in bytes 0-7 and (s * 7 + i) & 0xff in byte i ≥ 8
// (tests/kernel/boot/make_pattern_disk.py writes it). Reads of one, several and the last
// sectors, a 64 KiB read and one into a kmalloc buffer check every byte; writes read back and
// leave their neighbours alone (and the old contents are written back); flush, the serial (GET_ID), reads past the end (-EIO); every
// request puts the task to sleep; 48 kernel threads read at once, more than the ring holds.
#include "lib/ktest.h"

#include "block/blkdev.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/slab.h"
#include "mm/vm_event.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

constexpr u64 DISK_SECTORS = 2048;  // the 1 MiB image
constexpr unsigned NR_READERS = 48, READS_PER_READER = 8, READER_SECTORS = 4;

u8 pattern_byte(u64 sector, unsigned i) { return i < 8 ? u8(sector >> (8 * i)) : u8(sector * 7 + i); }

// First mismatching byte of nr sectors at sector against the pattern (xor mask), or -1.
long check_pattern(const u8* buf, u64 sector, unsigned nr, u8 mask = 0)
{
    for (unsigned s = 0; s < nr; ++s)
        for (unsigned i = 0; i < SECTOR_SIZE; ++i)
            if (buf[s * SECTOR_SIZE + i] != u8(pattern_byte(sector + s, i) ^ mask)) return long(s * SECTOR_SIZE + i);
    return -1;
}

void fill_pattern(u8* buf, u64 sector, unsigned nr, u8 mask)
{
    for (unsigned s = 0; s < nr; ++s)
        for (unsigned i = 0; i < SECTOR_SIZE; ++i) buf[s * SECTOR_SIZE + i] = u8(pattern_byte(sector + s, i) ^ mask);
}

struct blk_test {
    block_device* bdev;
    int errors;
    unsigned requests;
};

blk_test test;

void check(bool ok, const char* what)
{
    printk("ktest blk: %s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) ++test.errors;
}

bool read_and_check(u8* buf, u64 sector, unsigned nr)
{
    ++test.requests;
    return blkdev_read(test.bdev, sector, buf, nr) == 0 && check_pattern(buf, sector, nr) < 0;
}

// Reader thread i: its own sectors, spread over the disk, READS_PER_READER times.
int reader(void* arg)
{
    const unsigned i = unsigned(reinterpret_cast<uintptr_t>(arg));
    u8* buf = static_cast<u8*>(kmalloc(READER_SECTORS * SECTOR_SIZE, GFP_KERNEL));
    int bad = !buf;
    for (unsigned r = 0; buf && r < READS_PER_READER; ++r) {
        const u64 sector = (u64(i) * 41 + r * 211) % (DISK_SECTORS - READER_SECTORS);
        bad += blkdev_read(test.bdev, sector, buf, READER_SECTORS) != 0 || check_pattern(buf, sector, READER_SECTORS) >= 0;
    }
    kfree(buf);
    return bad;
}

void test_reads(u8* buf)
{
    check(read_and_check(buf, 0, 1), "read sector 0");
    check(read_and_check(buf, 1, 8), "read sectors 1-8 in one request");
    check(read_and_check(buf, DISK_SECTORS - 8, 8), "read the last 8 sectors");
    check(read_and_check(buf, 1000, 128), "read 64 KiB at sector 1000");
    u8* small = static_cast<u8*>(kmalloc(SECTOR_SIZE, GFP_KERNEL));
    check(small && read_and_check(small, 77, 1), "read sector 77 into a kmalloc buffer");
    kfree(small);
}

void test_writes(u8* buf)
{
    fill_pattern(buf, 100, 3, 0xa5);
    test.requests += 2;
    const bool written = blkdev_write(test.bdev, 100, buf, 3) == 0;
    __builtin_memset(buf, 0, 3 * SECTOR_SIZE);
    check(written && blkdev_read(test.bdev, 100, buf, 3) == 0 && check_pattern(buf, 100, 3, 0xa5) < 0,
          "write sectors 100-102, read them back");
    check(read_and_check(buf, 99, 1) && read_and_check(buf, 103, 1), "sectors 99 and 103 unchanged");
    fill_pattern(buf, 100, 3, 0);
    ++test.requests;
    check(blkdev_write(test.bdev, 100, buf, 3) == 0 && read_and_check(buf, 100, 3), "write the old contents back");
    ++test.requests;
    check(blkdev_issue_flush(test.bdev) == 0, "flush");
}

void test_errors(u8* buf)
{
    char serial[BLK_SERIAL_LEN + 1];
    ++test.requests;
    const int err = blkdev_get_serial(test.bdev, serial);
    printk("ktest blk: serial: %s\n", err ? "(error)" : serial);
    if (err) ++test.errors;
    check(blkdev_read(test.bdev, DISK_SECTORS, buf, 1) == -EIO, "read at the end of the disk fails with EIO");
    check(blkdev_read(test.bdev, DISK_SECTORS - 1, buf, 2) == -EIO, "read across the end fails with EIO");
    check(read_and_check(buf, 5, 1), "the disk still reads");
}

void test_readers()
{
    for (unsigned i = 0; i < NR_READERS; ++i)
        if (!kthread_run(reader, reinterpret_cast<void*>(uintptr_t(i)), "ktest-blk")) ++test.errors;
    int failed = 0;
    for (unsigned i = 0; i < NR_READERS; ++i) {
        int status = -1;
        if (do_wait4(-1, nullptr, 0, &status) <= 0 || status) ++failed;
    }
    printk("ktest blk: %u threads read %u sectors %u times each, together: %s\n", NR_READERS, READER_SECTORS,
           READS_PER_READER, failed ? "FAILED" : "ok");
    test.errors += failed;
}

}  // namespace

int ktest_blk()
{
    test.bdev = blkdev_get_by_name("vda");
    if (!test.bdev) {
        printk("ktest blk: FAIL: no disk vda\n");
        return 1;
    }
    printk("ktest blk: vda: %lu sectors, %s\n", (unsigned long)test.bdev->nr_sectors,
           test.bdev->read_only ? "read-only" : "read-write");
    check(test.bdev->nr_sectors == DISK_SECTORS && !test.bdev->read_only, "the 1 MiB test image, writable");
    u8* buf = static_cast<u8*>(__get_free_pages(GFP_KERNEL, 4));  // 64 KiB
    if (!buf) return 1;
    const u64 switches = read_vm_event(&memvp_vmstat::context_switches);
    test_reads(buf);
    test_writes(buf);
    test_errors(buf);
    // Each request switched to the idle task and back (one hart; the interrupt is taken in idle).
    check(read_vm_event(&memvp_vmstat::context_switches) - switches >= 2 * test.requests,
          "every request slept until its interrupt");
    test_readers();
    free_pages(buf, 4);
    printk("ktest blk: %s\n", test.errors ? "FAIL" : "PASS");
    return test.errors ? 1 : 0;
}
