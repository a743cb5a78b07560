# The user test programs, read by sw/kernel/user_programs/user_programs.cmake (built from
# tests/kernel/user/<name>.c and packed into the initramfs; `init` is built into the kernel
# image) and by CMakeLists.txt here (ctest registration: each runs as init on QEMU and memvp).
set(MEMVP_KERNEL_USER_TESTS init libc procs demand_paging pgtable_reuse zero_page cow hugepage segv smp_spread mm_layout ctxswitch tlb_shootdown)
# Files packed into the initramfs under their name as they are (tests/kernel/user/<name>.bin):
# execve of them must fail with ENOEXEC and leave the caller running.
set(MEMVP_KERNEL_USER_BLOBS not_elf)
