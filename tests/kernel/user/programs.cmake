# The user test programs, read by sw/kernel/user_programs/user_programs.cmake (built from
# tests/kernel/user/<name>.c and packed into the initramfs; `init` is built into the kernel
# image) and by CMakeLists.txt here (ctest registration: each runs as init on QEMU and memvp).
set(MEMVP_KERNEL_USER_TESTS init libc pipe procs demand_paging pgtable_reuse zero_page cow hugepage segv smp_spread mm_layout ctxswitch fp_switch tlb_shootdown oom_choice oom_leak sysctl_vm overcommit malloc_trace)
# Test programs run as init on memvp only (what they check QEMU does not model).
set(MEMVP_KERNEL_USER_MEMVP_TESTS hpm_counters)
# Test programs that must end in a kernel panic (CMakeLists.txt: exit status 255).
set(MEMVP_KERNEL_USER_PANIC_TESTS oom_panic)
# Files packed into the initramfs under their name as they are (tests/kernel/user/<name>.bin):
# execve of them must fail with ENOEXEC and leave the caller running.
set(MEMVP_KERNEL_USER_BLOBS not_elf)
# Test programs run as init with the disk image as root (root=/dev/vda rw), checked on the host
# afterwards (CMakeLists.txt); packed into the initramfs like the others.
set(MEMVP_KERNEL_USER_DISK_TESTS fs_test cache_read writeback mmap_file mmap_throttle reclaim_read reclaim_mmap reclaim_wmark zone_reclaim swap_on swap_fill swappiness swap_cost)
# Programs that live only on the disk image, under /bin (execve'd from the file system).
set(MEMVP_KERNEL_DISK_PROGRAMS fs_hello)
# The disk image's other contents: DEST=SRC entries for gen_disk_image.py.
set(MEMVP_KERNEL_DISK_DATA "data=dir:${CMAKE_CURRENT_LIST_DIR}/fs_data" "data/big.bin=pattern:307200"
    "data/file32.bin=pattern:33554432")
# Unmodified static glibc programs (tests/kernel/user/glibc/<name>.c, built with Debian's
# riscv64-linux-gnu-gcc -static into their own initramfs, build/guest/glibc.cpio), each run as
# init on QEMU and memvp.
set(MEMVP_KERNEL_GLIBC_TESTS glibc_hello glibc_qsort glibc_malloc glibc_exec glibc_threads glibc_signals glibc_proc)
# Programs built both ways, from tests/kernel/user/<name>.c: for the memvp library as <name>
# (in the list above) and for glibc as glibc_<name>; their outputs are compared.
set(MEMVP_KERNEL_GLIBC_SHARED_TESTS malloc_trace)
# Static glibc programs that run the procps-style tools (sw/kernel/user_programs/procps: free,
# vmstat, ps) and check their output; packed with the tools into build/guest/procps.cpio.
set(MEMVP_KERNEL_GLIBC_PROCPS_TESTS glibc_procps)
