// ktime_get_real_seconds on the guest: the CLINT's mtime (the time CSR, privileged spec
// 10.1 "Machine Timer Registers", read through rdtime) over the DTB's timebase-frequency.
#include "kernel/timekeeping.h"

#include "asm/csr.h"
#include "boot/boot_params.h"

u64 ktime_get_real_seconds() { return get_cycles() / boot_params.timebase_frequency; }
