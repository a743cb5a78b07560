# The one list of SMP test programs, read by guest.cmake (cross build) and CMakeLists.txt
# (ctest registration). Program <prog> is built from <prog>.c once per hart count in
# MEMVP_SMP_HARTS_<prog> (with -DSMP_NHARTS=N) as <prog>_<N>.elf, and that run's console
# output must equal expected/<prog>_<N>.txt on QEMU and on memvp.
set(MEMVP_SMP_PROGRAMS atomic_counter lrsc_contention ipi numa_compute)
set(MEMVP_SMP_HARTS_atomic_counter 2 4 8)
set(MEMVP_SMP_HARTS_lrsc_contention 2 4 8)
set(MEMVP_SMP_HARTS_ipi 2 4 8)
set(MEMVP_SMP_HARTS_numa_compute 4)

# NUMA machines every program also runs on when built for the machine's hart count: on memvp with
# platforms/<name>.toml (smp.<prog>_<N>.memvp_<name>, and with caches .memvp_<name>_caches),
# and, where MEMVP_SMP_NUMA_QEMU_<name> is set, on QEMU virt given the same nodes (memory split,
# harts, SLIT distances) by -numa (smp.<prog>_<N>.qemu_<name>). QEMU's -m 128M must equal the
# node sizes' sum.
set(MEMVP_SMP_NUMA_PLATFORMS numa2 numa4)
set(MEMVP_SMP_NUMA_HARTS_numa2 4)
set(MEMVP_SMP_NUMA_QEMU_numa2
    -object memory-backend-ram,id=m0,size=64M -object memory-backend-ram,id=m1,size=64M
    -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1
    -numa dist,src=0,dst=1,val=20)
set(MEMVP_SMP_NUMA_HARTS_numa4 8)
# No QEMU run on numa4: QEMU 7.2's virt aborts with more than two NUMA nodes (sockets) at start
# ("Property 'riscv.sifive.plic.unnamed-gpio-out[4]' not found"), whatever the guest.

# ctest names of memvp runs that are registered but disabled while the memvp behaviour they
# check is missing; remove a name once it is in.
set(MEMVP_SMP_OPEN_BUGS)

# Longer builds for scripts/bench, not tests: <prog>_bench_<N>.elf with -D<define>, whose console
# must equal expected/<prog>_bench_<N>.txt (QEMU's output).
set(MEMVP_SMP_BENCH numa_compute)
set(MEMVP_SMP_BENCH_HARTS_numa_compute 4)
set(MEMVP_SMP_BENCH_DEFINE_numa_compute NUMA_ROUNDS=24)
