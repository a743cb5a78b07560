// The system-call table (RISC-V Linux ABI: a7 = number, a0..a5 arguments, a0 = result or
// -errno), numbers from uapi/memvp.h.
#pragma once

#include "asm/ptrace.h"

void do_syscall(pt_regs* regs);
