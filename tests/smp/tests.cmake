# The one list of SMP test programs, read by guest.cmake (cross build) and CMakeLists.txt
# (ctest registration). Program <prog> is built from <prog>.c once per hart count in
# MEMVP_SMP_HARTS_<prog> (with -DSMP_NHARTS=N) as <prog>_<N>.elf, and that run's console
# output must equal expected/<prog>_<N>.txt on QEMU and on memvp.
set(MEMVP_SMP_PROGRAMS atomic_counter lrsc_contention ipi)
set(MEMVP_SMP_HARTS_atomic_counter 2 4)
set(MEMVP_SMP_HARTS_lrsc_contention 2 4)
set(MEMVP_SMP_HARTS_ipi 2 4)

# ctest names of memvp runs that are registered but disabled while the memvp behaviour they
# check is missing; remove a name once it is in.
set(MEMVP_SMP_OPEN_BUGS)
