// The kernel's random bytes (Linux drivers/char/random.c: AT_RANDOM, getrandom) made
// deterministic: every task draws from its own SplitMix64 stream, seeded at execve from a fixed
// platform seed and its pid and at fork from its parent's stream, so that a run gives the same
// bytes on memvp and on QEMU whatever the harts interleave. Nothing here is secret.
#pragma once

#include "kernel/types.h"

struct task_struct;

// The stream a new program image of t starts with (execve installs it once the exec succeeds).
u64 random_exec_state(const task_struct* t);
// A child's stream: its parent's, mixed with the child's pid.
void random_fork(task_struct* child, const task_struct* parent);
// The next len bytes of the stream *state.
void get_random_bytes(u64* state, void* buf, unsigned long len);
// getrandom(buf, len, flags): GRND_NONBLOCK, GRND_RANDOM and GRND_INSECURE are accepted (the
// stream never blocks); other flag bits -EINVAL. Returns len, at most 32 MiB - 1 bytes per call
// as Linux's MAX_RW_COUNT-limited reads, or -EFAULT.
long sys_getrandom(void* ubuf, unsigned long len, unsigned flags);
