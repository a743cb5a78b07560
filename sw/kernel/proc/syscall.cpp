// The system-call table (Linux arch/riscv/kernel/syscall_table.c): RISC-V Linux numbers and
// semantics for the process, memory, time and file (fs/syscalls.h) calls, and memvp's own calls (uapi/memvp.h) that
// report memory statistics. Arguments from user memory go through copy_from_user.
#include "proc/syscall.h"

#include "asm/boot.h"
#include "asm/csr.h"
#include "asm/sbi.h"
#include "asm/smp.h"
#include "asm/uaccess.h"
#include "boot/boot_params.h"
#include "fs/syscalls.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
#include "mm/buddy.h"
#include "mm/overcommit.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vm_event.h"
#include "mm/writeback.h"
#include "proc/oom_kill_task.h"
#include "proc/process.h"
#include "proc/futex.h"
#include "proc/posix_timers.h"
#include "proc/random.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/sys.h"
#include "proc/syscall_log.h"
#include "proc/sysctl.h"

long sys_execve(pt_regs* regs, const char* upath, const char* const* uargv, const char* const* uenvp);

void vm_stat_snapshot(memvp_vmstat* st)
{
    *st = vm_events;
    st->nr_total_pages = page_allocator->totalram_pages();
    st->nr_free_pages = page_allocator->nr_free_pages();
    st->nr_slab_pages = slab_allocator->nr_slab_pages();
    global_dirty_limits(global_dirtyable_memory(), &st->nr_dirty_background_threshold, &st->nr_dirty_threshold);
    st->nr_inactive_anon = global_lru_pages(LRU_INACTIVE_ANON);
    st->nr_active_anon = global_lru_pages(LRU_ACTIVE_ANON);
    st->nr_inactive_file = global_lru_pages(LRU_INACTIVE_FILE);
    st->nr_active_file = global_lru_pages(LRU_ACTIVE_FILE);
    st->nr_mem_available = page_allocator->si_mem_available();
    st->nr_commit_limit = vm_commit_limit();
    st->nr_committed_as = vm_memory_committed();
    st->pgpgin /= 2;  // counted in sectors (block/bio.cpp), reported in KiB
    st->pgpgout /= 2;
}

task_struct* task_of(int pid) { return pid == 0 ? current : find_task_by_pid(pid); }

int proc_stat_snapshot(int pid, memvp_proc_stat* out)
{
    memvp_proc_stat st{};
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* t = task_of(pid);
    if (!t || !t->mm || t->state == TASK_ZOMBIE) {
        spin_unlock_irqrestore(&sched_lock, flags);
        return -ESRCH;
    }
    mm_struct* mm = t->mm;
    memvp_proc_stat ids{};
    ids.pid = t->pid;
    ids.ppid = t->parent ? t->parent->pid : 0;
    ids.oom_score_adj = t->oom_score_adj;
    ids.last_hart = t->last_hart;
    const bool unkillable = oom_unkillable_task(t);
    mmget(mm);
    spin_unlock_irqrestore(&sched_lock, flags);
    fill_proc_stat(mm, &st);
    oom_candidate oc{};
    oc.oom_score_adj = ids.oom_score_adj;
    oc.unkillable = unkillable;
    oom_fill_mm_totals(mm, &oc);
    mmput(mm);
    st.oom_totalpages = oom_totalpages();
    st.oom_score = proc_oom_score(oc, st.oom_totalpages);
    st.oom_badness = oom_badness(oc, st.oom_totalpages);
    st.pid = ids.pid;
    st.ppid = ids.ppid;
    st.oom_score_adj = ids.oom_score_adj;
    st.last_hart = ids.last_hart;
    *out = st;
    return 0;
}

long set_oom_score_adj(int pid, int adj)
{
    if (adj < -1000 || adj > 1000) return -EINVAL;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* t = task_of(pid);
    if (t) t->oom_score_adj = adj;
    spin_unlock_irqrestore(&sched_lock, flags);
    return t ? 0 : -ESRCH;
}

namespace {

long sys_vmstat(memvp_vmstat* uout)
{
    memvp_vmstat st;
    vm_stat_snapshot(&st);
    return copy_to_user(uout, &st, sizeof(st)) ? -EFAULT : 0;
}

// swapon(2) for a disk: memvp_swapon("/dev/vdb").
long sys_swapon(const char* upath)
{
    char path[32];
    const long n = strncpy_from_user(path, upath, sizeof(path));
    if (n < 0) return n;
    if (n == long(sizeof(path))) return -ENAMETOOLONG;
    return swapon_path(path);
}

long sys_getppid()
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    const task_struct* parent = current->group_leader->parent;
    const long ppid = parent ? parent->tgid : 0;
    spin_unlock_irqrestore(&sched_lock, flags);
    return ppid;
}

// sched_getaffinity(pid, len, mask): every online hart (tasks are not pinned); the bytes
// written, one unsigned long. -EINVAL for a len that is not a multiple of it or too short.
long sys_sched_getaffinity(int pid, unsigned long len, unsigned long* umask)
{
    if (len < sizeof(unsigned long) || (len & (sizeof(unsigned long) - 1))) return -EINVAL;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    const bool found = pid == 0 || find_task_by_pid(pid);
    spin_unlock_irqrestore(&sched_lock, flags);
    if (!found) return -ESRCH;
    unsigned long mask = 0;
    for (unsigned h = 0; h < NR_CPUS; ++h)
        if (runqueues[h].online) mask |= 1UL << h;
    return copy_to_user(umask, &mask, sizeof(mask)) ? -EFAULT : long(sizeof(mask));
}


// A performance counter for user programs (Linux's perf with perf_user_access, in one call):
// the M-mode layer programs it through the SBI PMU extension; scounteren already lets U-mode
// read every counter (time_init_hart).
long sys_memvp_hpm_config(unsigned long counter, unsigned long event)
{
    if (counter < 3 || counter > 31) return -EINVAL;
    const sbiret r = sbi_pmu_counter_start_raw(counter, event);
    if (r.error == SBI_ERR_NOT_SUPPORTED) return -EOPNOTSUPP;
    return r.error ? -EINVAL : 0;
}

long sys_proc_stat(int pid, memvp_proc_stat* uout)
{
    memvp_proc_stat st;
    const int err = proc_stat_snapshot(pid, &st);
    if (err) return err;
    return copy_to_user(uout, &st, sizeof(st)) ? -EFAULT : 0;
}


// set_mempolicy(mode, nodemask, maxnode) (Linux mm/mempolicy.c): MPOL_DEFAULT and MPOL_LOCAL
// allocate from the running hart's node; MPOL_PREFERRED from the lowest node in the mask first
// (an empty mask means local), falling back by distance. BIND and INTERLEAVE: -EINVAL.
long sys_set_mempolicy(int mode, const unsigned long* unodemask, unsigned long maxnode)
{
    unsigned long mask = 0;
    if (unodemask && maxnode && copy_from_user(&mask, unodemask, sizeof(mask))) return -EFAULT;
    if (maxnode < 64) mask &= (1UL << maxnode) - 1;
    task_struct* me = current;
    switch (mode) {
    case MPOL_DEFAULT:
    case MPOL_LOCAL:
        me->mempolicy_mode = MPOL_DEFAULT;
        return 0;
    case MPOL_PREFERRED:
        if (mask && (mask >> page_allocator->nr_nodes())) return -EINVAL;
        me->mempolicy_mode = mask ? MPOL_PREFERRED : MPOL_DEFAULT;
        me->mempolicy_node = mask ? int(__builtin_ctzl(mask)) : 0;
        return 0;
    default:
        return -EINVAL;
    }
}

// The /proc-style text calls: format into a kernel buffer, copy out what fits.
template <typename Fill>
long text_to_user(char* ubuf, unsigned long len, Fill fill)
{
    constexpr unsigned long MAX = 16384;
    char* buf = static_cast<char*>(kmalloc(MAX, GFP_KERNEL));
    if (!buf) return -ENOMEM;
    seq_buf s(buf, MAX);
    const long rc = fill(&s);
    unsigned long n = s.len < len ? s.len : len;
    long result = rc < 0 ? rc : long(n);
    if (rc >= 0 && copy_to_user(ubuf, buf, n)) result = -EFAULT;
    kfree(buf);
    return result;
}

long sys_maps(int pid, char* ubuf, unsigned long len)
{
    return text_to_user(ubuf, len, [pid](seq_buf* s) -> long {
        unsigned long flags = spin_lock_irqsave(&sched_lock);
        task_struct* t = task_of(pid);
        mm_struct* mm = t && t->state != TASK_ZOMBIE ? t->mm : nullptr;
        if (mm) mmget(mm);
        spin_unlock_irqrestore(&sched_lock, flags);
        if (!mm) return -ESRCH;
        show_maps(mm, s);
        mmput(mm);
        return 0;
    });
}

// The calls static glibc's start-up and its stdio, malloc and sysconf make (proc/sys.h,
// fs/syscalls.h), and rseq, which glibc tries and does without.
long do_linux_syscall(pt_regs* regs)
{
    const unsigned long a0 = regs->a0, a1 = regs->a1, a2 = regs->a2, a3 = regs->a3;
    switch (regs->a7) {
    case __NR_ioctl: return sys_ioctl(int(a0), unsigned(a1), a2);
    case __NR_readlinkat:
        return sys_readlinkat(int(a0), reinterpret_cast<const char*>(a1), reinterpret_cast<char*>(a2), int(a3));
    case __NR_set_tid_address: return sys_set_tid_address(reinterpret_cast<int*>(a0));
    case __NR_set_robust_list: return sys_set_robust_list(reinterpret_cast<const void*>(a0), a1);
    case __NR_uname: return sys_uname(reinterpret_cast<void*>(a0));
    case __NR_getrlimit: return sys_prlimit64(0, unsigned(a0), nullptr, reinterpret_cast<void*>(a1));
    case __NR_prlimit64:
        return sys_prlimit64(int(a0), unsigned(a1), reinterpret_cast<const void*>(a2), reinterpret_cast<void*>(a3));
    case __NR_getuid:
    case __NR_geteuid:
    case __NR_getgid:
    case __NR_getegid: return 0;  // every task runs as root
    case __NR_sysinfo: return sys_sysinfo(reinterpret_cast<void*>(a0));
    case __NR_getrandom: return sys_getrandom(reinterpret_cast<void*>(a0), a1, unsigned(a2));
    case __NR_clock_getres: return sys_clock_getres(int(a0), reinterpret_cast<kernel_timespec*>(a1));
    case __NR_clock_nanosleep:
        return sys_clock_nanosleep(int(a0), int(a1), reinterpret_cast<const kernel_timespec*>(a2),
                                   reinterpret_cast<kernel_timespec*>(a3));
    case __NR_rseq: return -ENOSYS;  // as a kernel without CONFIG_RSEQ
    case __NR_futex:
        return sys_futex(reinterpret_cast<u32*>(a0), int(a1), u32(a2), reinterpret_cast<const kernel_timespec*>(a3),
                         reinterpret_cast<u32*>(regs->a4), u32(regs->a5));
    case __NR_sched_getaffinity: return sys_sched_getaffinity(int(a0), a1, reinterpret_cast<unsigned long*>(a2));
    case __NR_tkill: return do_tkill(-1, int(a0), int(a1));
    case __NR_tgkill: return do_tkill(int(a0), int(a1), int(a2));
    case __NR_rt_sigaction:
        return sys_rt_sigaction(int(a0), reinterpret_cast<const void*>(a1), reinterpret_cast<void*>(a2), a3);
    case __NR_rt_sigprocmask:
        return sys_rt_sigprocmask(int(a0), reinterpret_cast<const u64*>(a1), reinterpret_cast<u64*>(a2), a3);
    case __NR_rt_sigpending: return sys_rt_sigpending(reinterpret_cast<u64*>(a0), a1);
    case __NR_sigaltstack: return sys_sigaltstack(reinterpret_cast<const void*>(a0), reinterpret_cast<void*>(a1), regs);
    case __NR_rt_sigreturn: return sys_rt_sigreturn(regs);
    case __NR_times: return sys_times(reinterpret_cast<void*>(a0));
    case __NR_gettimeofday: return sys_gettimeofday(reinterpret_cast<void*>(a0), reinterpret_cast<void*>(a1));
    default: return syscall_not_implemented(regs->a7);
    }
}

}  // namespace

void do_syscall(pt_regs* regs)
{
    const unsigned long a0 = regs->a0, a1 = regs->a1, a2 = regs->a2, a3 = regs->a3;
    mm_struct* mm = current->mm;
    long rc;
    switch (regs->a7) {
    case __NR_write: rc = sys_write(int(a0), reinterpret_cast<const char*>(a1), a2); break;
    case __NR_read: rc = sys_read(int(a0), reinterpret_cast<char*>(a1), a2); break;
    case __NR_pread64: rc = sys_pread64(int(a0), reinterpret_cast<char*>(a1), a2, long(a3)); break;
    case __NR_pwrite64: rc = sys_pwrite64(int(a0), reinterpret_cast<const char*>(a1), a2, long(a3)); break;
    case __NR_readv: rc = sys_readv(int(a0), reinterpret_cast<const void*>(a1), int(a2)); break;
    case __NR_writev: rc = sys_writev(int(a0), reinterpret_cast<const void*>(a1), int(a2)); break;
    case __NR_lseek: rc = sys_lseek(int(a0), long(a1), int(a2)); break;
    case __NR_openat: rc = sys_openat(int(a0), reinterpret_cast<const char*>(a1), unsigned(a2), unsigned(a3)); break;
    case __NR_close: rc = sys_close(int(a0)); break;
    case __NR_pipe2: rc = sys_pipe2(reinterpret_cast<int*>(a0), unsigned(a1)); break;
    case __NR_dup: rc = sys_dup(int(a0)); break;
    case __NR_dup3: rc = sys_dup3(int(a0), int(a1), unsigned(a2)); break;
    case __NR_ftruncate: rc = sys_ftruncate(int(a0), long(a1)); break;
    case __NR_fsync:
    case __NR_fdatasync: rc = sys_fsync(int(a0)); break;
    case __NR_sync: rc = sys_sync(); break;
    case __NR_newfstatat:
        rc = sys_newfstatat(int(a0), reinterpret_cast<const char*>(a1), reinterpret_cast<void*>(a2), unsigned(a3));
        break;
    case __NR_fstat: rc = sys_fstat(int(a0), reinterpret_cast<void*>(a1)); break;
    case __NR_getdents64: rc = sys_getdents64(int(a0), reinterpret_cast<void*>(a1), a2); break;
    case __NR_mkdirat: rc = sys_mkdirat(int(a0), reinterpret_cast<const char*>(a1), unsigned(a2)); break;
    case __NR_unlinkat: rc = sys_unlinkat(int(a0), reinterpret_cast<const char*>(a1), unsigned(a2)); break;
    case __NR_renameat2:
        rc = sys_renameat2(int(a0), reinterpret_cast<const char*>(a1), int(a2), reinterpret_cast<const char*>(a3),
                           unsigned(regs->a4));
        break;
    case __NR_chdir: rc = sys_chdir(reinterpret_cast<const char*>(a0)); break;
    case __NR_getcwd: rc = sys_getcwd(reinterpret_cast<char*>(a0), a1); break;
    case __NR_exit: do_exit(MEMVP_W_EXITCODE(int(a0 & 0xff), 0));
    case __NR_exit_group: do_group_exit(MEMVP_W_EXITCODE(int(a0 & 0xff), 0));
    case __NR_getpid: rc = current->tgid; break;
    case __NR_gettid: rc = current->pid; break;
    case __NR_getppid: rc = sys_getppid(); break;
    case __NR_sched_yield: set_tsk_need_resched(current); rc = 0; break;
    case __NR_clock_gettime: rc = sys_clock_gettime(int(a0), reinterpret_cast<kernel_timespec*>(a1)); break;
    case __NR_nanosleep:
        rc = sys_nanosleep(reinterpret_cast<const kernel_timespec*>(a0), reinterpret_cast<kernel_timespec*>(a1));
        break;
    case __NR_brk: rc = long(do_brk(mm, a0)); break;
    case __NR_mmap: rc = sys_mmap(mm, a0, a1, a2, a3, int(regs->a4), regs->a5); break;
    case __NR_msync: rc = sys_msync(mm, a0, a1, int(a2)); break;
    case __NR_munmap: rc = do_munmap(mm, a0, a1); break;
    case __NR_mremap: rc = long(do_mremap(mm, a0, a1, a2, a3)); break;
    case __NR_mprotect: rc = do_mprotect(mm, a0, a1, a2); break;
    case __NR_madvise: rc = do_madvise(mm, a0, a1, int(a2)); break;
    case __NR_clone:
        rc = do_fork(regs, a0, a1, reinterpret_cast<int*>(a2), a3, reinterpret_cast<int*>(regs->a4));
        break;
    case __NR_execve:
        rc = sys_execve(regs, reinterpret_cast<const char*>(a0), reinterpret_cast<const char* const*>(a1),
                        reinterpret_cast<const char* const*>(a2));
        break;
    case __NR_kill: rc = do_kill(int(a0), int(a1)); break;
    case __NR_set_mempolicy: rc = sys_set_mempolicy(int(a0), reinterpret_cast<const unsigned long*>(a1), a2); break;
    case __NR_wait4: rc = do_wait4(int(a0), reinterpret_cast<int*>(a1), int(a2)); break;
    case __NR_memvp_vmstat: rc = sys_vmstat(reinterpret_cast<memvp_vmstat*>(a0)); break;
    case __NR_memvp_proc_stat: rc = sys_proc_stat(int(a0), reinterpret_cast<memvp_proc_stat*>(a1)); break;
    case __NR_memvp_oom_score_adj: rc = set_oom_score_adj(int(a0), int(a1)); break;
    case __NR_memvp_buddyinfo:
        rc = text_to_user(reinterpret_cast<char*>(a0), a1, [](seq_buf* s) -> long {
            page_allocator->buddyinfo(s);
            return 0;
        });
        break;
    case __NR_memvp_slabinfo:
        rc = text_to_user(reinterpret_cast<char*>(a0), a1, [](seq_buf* s) -> long {
            slab_allocator->slabinfo(s);
            return 0;
        });
        break;
    case __NR_memvp_maps: rc = sys_maps(int(a0), reinterpret_cast<char*>(a1), a2); break;
    case __NR_memvp_hartid: rc = smp_processor_id(); break;
    case __NR_memvp_nr_harts: rc = nr_cpu_ids; break;
    case __NR_memvp_drop_caches: rc = sys_drop_caches(int(a0)); break;
    case __NR_memvp_min_free_kbytes: rc = vm_min_free_kbytes(long(a0)); break;
    case __NR_memvp_hpm_config: rc = sys_memvp_hpm_config(a0, a1); break;
    case __NR_memvp_swapon: rc = sys_swapon(reinterpret_cast<const char*>(a0)); break;
    case __NR_memvp_sysctl: rc = sys_memvp_sysctl(reinterpret_cast<const char*>(a0), long(a1)); break;
    default: rc = do_linux_syscall(regs); break;
    }
    trace_syscall_event(regs, rc);
    regs->a0 = static_cast<unsigned long>(rc);
}
