// swapon by path (Linux sys_swapon's path lookup and claim): "/dev/NAME" names a disk, which
// must not be the root file system's or already swap. For the swap= bootarg and memvp_swapon.
#include "block/blkdev.h"
#include "boot/bootargs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/swapfile.h"

namespace {

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

}  // namespace

long swapon_path(const char* path)
{
    const char* prefix = "/dev/";
    const char* name = path;
    for (const char* p = prefix; *p; ++p, ++name)
        if (*name != *p) return -ENOENT;
    block_device* bdev = blkdev_get_by_name(name);
    if (!bdev) return -ENOENT;
    // Linux claims the device exclusively: a mounted one or one already swapped on is busy.
    if (kernel_opts.root && streq(kernel_opts.root, name)) return -EBUSY;
    for (unsigned t = 0; t < nr_swapfiles; ++t)
        if (swap_info[t] && swap_info[t]->bdev == bdev) return -EBUSY;
    return swapon_bdev(bdev) < 0 ? -EINVAL : 0;
}

void swapon_boot()
{
    if (!kernel_opts.swap) return;
    const long r = swapon_path(kernel_opts.swap);
    if (r == -ENOENT) printk("swapon: %s: no such disk\n", kernel_opts.swap);
    else if (r == -EBUSY) printk("swapon: %s: device busy\n", kernel_opts.swap);
}
