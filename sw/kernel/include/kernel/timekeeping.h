// Wall-clock seconds for file timestamps (Linux ktime_get_real_seconds). The guest has no RTC:
// its clock is the CLINT's mtime since reset plus an offset that starts at 0 (the epoch) and
// is moved forward once, when the root file system is mounted, to its last write time (as a
// system without an RTC restores its clock from a file-system timestamp), so new timestamps
// never precede old ones and e2fsck sees plausible times. Host builds supply their own.
#pragma once

#include "kernel/types.h"

u64 ktime_get_real_seconds();
// Moves the clock forward so that it reads at least seconds; never backward.
void timekeeping_advance_to(u64 seconds);
// Nanoseconds since boot, never going back (Linux ktime_get_ns; the write-back clock).
u64 ktime_get_ns();
