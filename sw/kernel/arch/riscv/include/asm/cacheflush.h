// Instruction-fetch coherence (Linux arch/riscv/mm/cacheflush.c, Zifencei): stores that put
// code into memory become visible to a hart's instruction fetch only after that hart executes
// fence.i. execve writes program text through the data side, so it bumps a global generation
// and fences locally; every hart fences before it next switches to a user task if it has not
// seen the latest generation (a new program can only reach another hart through a switch).
#pragma once

// After the loader wrote a program's text: fence.i here, and mark every other hart stale.
void flush_icache_all_lazy();
// Before running a user task on this hart: fence.i if code was loaded since the last one.
void flush_icache_if_stale();
