// Deterministic random bytes per task (proc/random.h): SplitMix64 (Steele, Lea and Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014) over a 64-bit state.
#include "proc/random.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "proc/sched.h"

namespace {

// The platform seed: "memvp" in ASCII. Linux would mix in device-tree /chosen/rng-seed, which
// QEMU fills with fresh bytes on every boot.
constexpr u64 PLATFORM_SEED = 0x6d656d7670ULL;
constexpr u64 GOLDEN_GAMMA = 0x9e3779b97f4a7c15ULL;

u64 splitmix64(u64* state)
{
    u64 z = (*state += GOLDEN_GAMMA);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr unsigned GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
constexpr unsigned long MAX_RW_COUNT = (1UL << 25) - 1;

}  // namespace

u64 random_exec_state(const task_struct* t)
{
    u64 s = PLATFORM_SEED ^ (u64(unsigned(t->pid)) * GOLDEN_GAMMA);
    return splitmix64(&s);
}

void random_fork(task_struct* child, const task_struct* parent)
{
    u64 s = parent->random_state ^ (u64(unsigned(child->pid)) << 32);
    child->random_state = splitmix64(&s);
}

void get_random_bytes(u64* state, void* buf, unsigned long len)
{
    u8* out = static_cast<u8*>(buf);
    while (len > 0) {
        const u64 word = splitmix64(state);
        const unsigned long n = len < sizeof(word) ? len : sizeof(word);
        __builtin_memcpy(out, &word, n);
        out += n;
        len -= n;
    }
}

long sys_getrandom(void* ubuf, unsigned long len, unsigned flags)
{
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return -EINVAL;
    if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM)) return -EINVAL;
    if (len > MAX_RW_COUNT) len = MAX_RW_COUNT;
    u8 chunk[64];
    for (unsigned long done = 0; done < len;) {
        const unsigned long n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        get_random_bytes(&current->random_state, chunk, n);
        if (copy_to_user(static_cast<u8*>(ubuf) + done, chunk, n)) return done ? long(done) : -EFAULT;
        done += n;
    }
    return long(len);
}
