// A user task's F/D state across context switches (Linux arch/riscv/include/asm/switch_to.h):
// the hart's f registers and fcsr belong to the task that last ran in U-mode; the FS field of
// the task's saved sstatus (pt_regs.status, §3.1.6.6) says whether they changed since they
// were saved (Dirty). Switching away saves them only then; switching in loads them unless FS
// is Off; both leave FS Clean. Kernel threads have no user state and are skipped.
#pragma once

#include "asm/csr.h"
#include "asm/ptrace.h"

// The harts have F and D (cpufeature.cpp): user tasks start with FS = Initial, else Off.
bool has_fpu();

extern "C" void __fstate_save(d_ext_state* state);
extern "C" void __fstate_restore(const d_ext_state* state);

inline void fstate_clean(pt_regs* regs) { regs->status = (regs->status & ~SR_FS) | SR_FS_CLEAN; }

inline void fstate_save(d_ext_state* state, pt_regs* regs)
{
    if ((regs->status & SR_FS) != SR_FS_DIRTY) return;
    __fstate_save(state);
    fstate_clean(regs);
}

inline void fstate_restore(const d_ext_state* state, pt_regs* regs)
{
    if ((regs->status & SR_FS) == SR_FS_OFF) return;
    __fstate_restore(state);
    fstate_clean(regs);
}
