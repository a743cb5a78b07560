// Wall-clock seconds for file timestamps (Linux ktime_get_real_seconds). The guest has no RTC:
// its clock is the CLINT's mtime (read with rdtime) since reset, so times count from the epoch
// at boot. Host builds of kernel code supply their own.
#pragma once

#include "kernel/types.h"

u64 ktime_get_real_seconds();
