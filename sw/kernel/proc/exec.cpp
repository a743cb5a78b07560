// execve of a program from the root file system, else from the initramfs or the image (Linux
// fs/exec.c do_execve, binfmt_elf.c):
// a new address space is built completely (K3's load_elf_binary and setup_arg_pages, K2's
// setup_user_layout) before the old one is dropped, so a failing exec leaves the caller intact.
#include "asm/cacheflush.h"
#include "asm/csr.h"
#include "asm/mmu_context.h"
#include "asm/switch_to.h"
#include "asm/uaccess.h"
#include "fs/file.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/random.h"
#include "user_programs/elf.h"
#include "user_programs/elf_tables.h"
#include "user_programs/user_programs.h"

namespace {

constexpr int EXEC_MAX_ARGS = 32;
constexpr unsigned long EXEC_ARG_MAX = 4096;  // bytes of argument strings

const char* basename(const char* path)
{
    const char* base = path;
    for (const char* p = path; *p; ++p)
        if (*p == '/') base = p + 1;
    return base;
}

// AT_HWCAP: the single-letter extensions of RV64GC user code may use; F and D only with an
// FPU (Linux riscv_fill_hwcap).
unsigned long elf_hwcap()
{
    unsigned long hwcap = riscv_hwcap('i') | riscv_hwcap('m') | riscv_hwcap('a') | riscv_hwcap('c');
    if (has_fpu()) hwcap |= riscv_hwcap('f') | riscv_hwcap('d');
    return hwcap;
}

}  // namespace

long do_execve(const char* name, const char* const argv[], pt_regs* regs, const char* const envp[])
{
    // The file at that path (from the working directory) when a root file system has it;
    // otherwise the initramfs's or the image's program of that base name.
    program_image prog;
    void* file_buf = nullptr;
    unsigned long file_size = 0;
    const int err = kernel_read_file_from_path(name, &file_buf, &file_size);
    if (err == 0) {
        prog = program_image{name, static_cast<const unsigned char*>(file_buf),
                             static_cast<const unsigned char*>(file_buf) + file_size};
    } else if (err != -ENOENT && err != -ENOTDIR) {
        return err;
    } else if (!find_program(basename(name), &prog)) {
        return -ENOENT;
    }
    mm_struct* mm = mm_alloc();
    elf_info info{};
    unsigned long sp = 0;
    u64 random_state = 0;
    long rc = mm ? load_elf_binary(mm, &prog, &info) : -ENOMEM;
    if (file_buf) vfree(file_buf);  // the loader copied what it needs into mm
    if (rc == 0) {
        setup_user_layout(mm, info.end);
        exec_aux aux{info.entry, info.phdr, info.phnum, elf_hwcap(), {}};
        random_state = random_exec_state(current);
        get_random_bytes(&random_state, aux.random, sizeof(aux.random));
        rc = long(setup_arg_pages(mm, argv, &sp, aux, envp));
    }
    if (rc != 0) {
        if (mm) mmput(mm);
        return rc;
    }
    flush_icache_all_lazy();
    task_struct* me = current;
    me->random_state = random_state;
    mm_struct* old = me->mm;
    me->mm = mm;
    switch_mm(old, mm);
    runqueues[smp_processor_id()].active_mm = mm;
    if (old) mmput(old);
    const char* base = basename(name);
    unsigned i = 0;
    for (; base[i] && i + 1 < sizeof(me->comm); ++i) me->comm[i] = base[i];
    me->comm[i] = '\0';
    flush_signal_handlers(me);
    __builtin_memset(regs, 0, sizeof(*regs));
    regs->epc = info.entry;
    regs->sp = sp;
    // Return to U-mode (SPP = 0) with interrupts enabled there (SPIE, §12.1.1).
    regs->status = (csr_read(sstatus) & ~(SR_SPP | SR_SUM | SR_SIE | SR_FS)) | SR_SPIE;
    // The new image starts with f0-f31 and fcsr zero (Linux flush_thread and start_thread):
    // FS = Initial, loaded now, so Clean from here.
    __builtin_memset(&me->thread.fstate, 0, sizeof(me->thread.fstate));
    if (has_fpu()) {
        regs->status |= SR_FS_INITIAL;
        fstate_restore(&me->thread.fstate, regs);
    }
    trace_event(MEMVP_EV_EXEC, info.entry, csr_read(satp) >> SATP_ASID_SHIFT & SATP_ASID_MASK);
    return 0;
}

namespace {

// Copies the NULL-terminated user array uvec (nullptr: empty) and its strings into vec[*n...]
// and buf[*used...], then a NULL; argv and envp share EXEC_MAX_ARGS slots and EXEC_ARG_MAX
// bytes (-E2BIG beyond, as Linux's limits).
long copy_user_strings(const char* const* uvec, const char** vec, int* n, char* buf, unsigned long* used)
{
    for (int i = 0; uvec; i++) {
        const char* ustr = nullptr;
        if (copy_from_user(&ustr, uvec + i, sizeof(ustr))) return -EFAULT;
        if (!ustr) break;
        if (*n == EXEC_MAX_ARGS || *used >= EXEC_ARG_MAX) return -E2BIG;
        const long len = strncpy_from_user(buf + *used, ustr, EXEC_ARG_MAX - *used);
        if (len < 0) return len == -ENAMETOOLONG ? -E2BIG : len;
        vec[(*n)++] = buf + *used;
        *used += len + 1;
    }
    vec[(*n)++] = nullptr;
    return 0;
}

}  // namespace

// sys_execve: the name, arguments and environment come from user memory.
long sys_execve(pt_regs* regs, const char* upath, const char* const* uargv, const char* const* uenvp)
{
    char* buf = static_cast<char*>(kmalloc(EXEC_ARG_MAX + 256, GFP_KERNEL));
    const char** vec = static_cast<const char**>(kmalloc(sizeof(char*) * (EXEC_MAX_ARGS + 2), GFP_KERNEL));
    long rc = -ENOMEM;
    if (buf && vec) {
        rc = strncpy_from_user(buf, upath, 256);
        unsigned long used = 256;
        int n = 0;
        if (rc >= 0) rc = copy_user_strings(uargv, vec, &n, buf, &used);
        const int envp_at = n;
        if (rc >= 0) rc = copy_user_strings(uenvp, vec, &n, buf, &used);
        if (rc >= 0) rc = do_execve(buf, vec, regs, vec + envp_at);
    }
    if (buf) kfree(buf);
    if (vec) kfree(vec);
    return rc;
}
