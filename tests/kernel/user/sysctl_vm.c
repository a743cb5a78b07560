/* sysctl_vm: the vm.* sysctls at run time through memvp_sysctl (docs/reclaim.md): each knob's
 * default (Linux's, with min_free_kbytes from the size of memory), a write read back, its
 * range's ends accepted and the values beyond them refused with EINVAL, unknown names with
 * ENOENT; min_free_kbytes moves the watermarks as memvp_min_free_kbytes does. */
#include <errno.h>

#include "utest.h"

struct knob {
  const char *name;
  long dflt, min, max;
};

static const struct knob knobs[] = {
    {"vm.swappiness", 60, 0, 200},
    {"vm.page-cluster", 3, 0, 31},
    {"vm.zone_reclaim_mode", 0, 0, 7},
    {"vm.overcommit_memory", 0, 0, 2},
    {"vm.overcommit_ratio", 50, 0, 100000000},
    {"vm.dirty_background_ratio", 10, 0, 100},
    {"vm.dirty_ratio", 20, 0, 100},
    {"vm.dirty_writeback_centisecs", 500, 1, 100000000},
    {"vm.dirty_expire_centisecs", 3000, 0, 100000000},
};

static void check_refused(const char *name, long value, int err)
{
  errno = 0;
  const long rc = memvp_sysctl(name, value);
  printf("sysctl_vm: %s = %ld: %s\n", name, value, rc == -1 && errno == err ? "refused" : "accepted");
  CHECK(rc == -1 && errno == err);
}

static void check_knob(const struct knob *k)
{
  CHECK_EQ(k->name, memvp_sysctl(k->name, -1), k->dflt);
  CHECK_EQ(k->name, memvp_sysctl(k->name, k->min), k->min);
  CHECK_EQ(k->name, memvp_sysctl(k->name, -1), k->min);
  CHECK_EQ(k->name, memvp_sysctl(k->name, k->max), k->max);
  check_refused(k->name, k->max + 1, EINVAL);
  if (k->min > 0)
    check_refused(k->name, k->min - 1, EINVAL);
  CHECK_EQ(k->name, memvp_sysctl(k->name, k->dflt), k->dflt);
  printf("sysctl_vm: %s: default %ld, %ld to %ld\n", k->name, k->dflt, k->min, k->max);
}

int main(void)
{
  for (unsigned i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
    check_knob(&knobs[i]);
  const long mfk = memvp_sysctl("vm.min_free_kbytes", -1);
  CHECK_EQ("vm.min_free_kbytes", mfk, memvp_min_free_kbytes(0));
  CHECK_EQ("vm.min_free_kbytes", memvp_sysctl("vm.min_free_kbytes", 4 * mfk), 4 * mfk);
  CHECK_EQ("memvp_min_free_kbytes", memvp_min_free_kbytes(0), 4 * mfk);
  check_refused("vm.min_free_kbytes", 0, EINVAL);
  check_refused("vm.min_free_kbytes", (long)vmstat_now().nr_total_pages * 4, EINVAL);
  CHECK_EQ("vm.min_free_kbytes", memvp_sysctl("vm.min_free_kbytes", mfk), mfk);
  printf("sysctl_vm: vm.min_free_kbytes: the watermarks follow\n");
  check_refused("vm.no_such_knob", 1, ENOENT);
  check_refused("kernel.swappiness", -1, ENOENT);
  check_refused("vm.swappiness.", -1, ENOENT);
  check_refused("vm.swappiness_and_a_name_longer_than_any_knob_has", -1, ENOENT);
  printf("sysctl_vm: PASS\n");
  return 0;
}
