/* swap_on: swap devices (docs/reclaim.md). The bootarg swap=/dev/vdb enabled a 16 MiB area
 * made by mkswap: 4096 pages, the first its header, so SwapTotal is 4095 pages, all free, and
 * the OOM killer's totalpages counts them beside RAM (Linux oom_badness). memvp_swapon refuses
 * a disk without the signature (the kernel logs Linux's line), the root disk, a disk already in
 * use as swap and disks that do not exist. */
#include <errno.h>

#include "utest.h"

static void check_refused(const char *path, int want)
{
  errno = 0;
  const int r = memvp_swapon(path);
  printf("swap_on: swapon %s: %s\n", path,
         r == 0 ? "enabled" : errno == EBUSY ? "busy" : errno == ENOENT ? "no such disk" : errno == EINVAL ? "invalid" : "?");
  CHECK(r == -1 && errno == want);
}

int main(void)
{
  const struct memvp_vmstat v = vmstat_now();
  printf("swap_on: SwapTotal %lu kB, SwapFree %lu kB, SwapCached %lu kB\n", (unsigned long)v.nr_swap_total * 4,
         (unsigned long)v.nr_swap_free * 4, (unsigned long)v.nr_swapcached * 4);
  CHECK_EQ("SwapTotal pages", v.nr_swap_total, 4095);
  CHECK_EQ("SwapFree pages", v.nr_swap_free, 4095);
  CHECK_EQ("SwapCached pages", v.nr_swapcached, 0);
  CHECK_EQ("pswpout", v.pswpout, 0);
  const struct memvp_proc_stat s = proc_stat_self();
  CHECK_EQ("oom totalpages", s.oom_totalpages, v.nr_total_pages + 4095);

  check_refused("/dev/vdc", EINVAL);
  check_refused("/dev/vdb", EBUSY);
  check_refused("/dev/vda", EBUSY);
  check_refused("/dev/vdz", ENOENT);
  check_refused("vdc", ENOENT);
  CHECK_EQ("SwapTotal pages after", vmstat_now().nr_swap_total, 4095);
  printf("swap_on: PASS\n");
  return 0;
}
