// Which ISA extensions the harts have, from the device tree's riscv,isa (Linux
// arch/riscv/kernel/cpufeature.c, riscv_fill_hwcap): the single letters after "rv64" up to
// the first '_' (unprivileged spec §36.2 names the standard extensions this way).
#include "asm/switch_to.h"
#include "boot/boot_params.h"

namespace {

bool isa_has_letter(const char* isa, char letter)
{
    if (isa[0] != 'r' || isa[1] != 'v') return false;
    const char* p = isa + 2;
    while (*p >= '0' && *p <= '9') ++p;
    for (; *p && *p != '_'; ++p)
        if (*p == letter) return true;
    return false;
}

}  // namespace

// User tasks get F/D state only when both F and D are there, as Linux requires.
bool has_fpu()
{
    static const bool fpu = isa_has_letter(boot_params.isa, 'f') && isa_has_letter(boot_params.isa, 'd');
    return fpu;
}
