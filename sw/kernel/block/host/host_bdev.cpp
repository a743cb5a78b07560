// HostBlockDevice: the image file as a synchronous disk (bio_endio before submit returns).
#include "block/host/host_bdev.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/errno.h"

HostBlockDevice::HostBlockDevice(const std::string& path, bool read_only, const char* name)
{
    fd_ = open(path.c_str(), read_only ? O_RDONLY : O_RDWR);
    struct stat st{};
    if (fd_ < 0 || fstat(fd_, &st) != 0) {
        std::fprintf(stderr, "HostBlockDevice: cannot open %s\n", path.c_str());
        std::abort();
    }
    std::snprintf(bdev_.name, sizeof(bdev_.name), "%s", name);
    bdev_.nr_sectors = u64(st.st_size) >> SECTOR_SHIFT;
    bdev_.read_only = read_only;
    static const block_device_operations ops = {submit};
    bdev_.ops = &ops;
    bdev_.private_data = this;
}

HostBlockDevice::~HostBlockDevice() { close(fd_); }

void HostBlockDevice::submit(bio* b)
{
    auto* self = static_cast<HostBlockDevice*>(b->bdev->private_data);
    if (self->fail_after == 0) {
        bio_endio(b, -EIO);
        return;
    }
    if (self->fail_after > 0) --self->fail_after;
    const off_t off = off_t(b->sector << SECTOR_SHIFT);
    ssize_t done = ssize_t(b->len);
    switch (b->op) {
    case REQ_OP_READ:
        ++self->reads;
        done = pread(self->fd_, b->buf, b->len, off);
        break;
    case REQ_OP_WRITE:
        ++self->writes;
        self->sectors_written += b->len >> SECTOR_SHIFT;
        self->last_write_sectors = b->len >> SECTOR_SHIFT;
        done = pwrite(self->fd_, b->buf, b->len, off);
        break;
    case REQ_OP_FLUSH:
        ++self->flushes;
        break;
    case REQ_OP_DRV_IN:
        std::snprintf(static_cast<char*>(b->buf), b->len, "host-image");
        break;
    }
    bio_endio(b, done == ssize_t(b->len) ? 0 : -EIO);
}
