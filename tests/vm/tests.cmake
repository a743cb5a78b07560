# The one list of virtual-memory test programs, read by guest.cmake (cross build) and
# CMakeLists.txt (ctest registration). Test <name> is built from <name>.c plus <name>.S when
# present, with the helpers in common/, and its console output must equal
# expected/<name>.txt on QEMU and on memvp.
set(MEMVP_VM_TESTS sv39_basic sv48_basic vm_faults vm_demand vm_ad vm_mprv vm_superpage_fence)

# Checked on memvp only (expected output written by hand): vm_strict where QEMU 7.2 reports
# AMO page faults as load page faults, and vm_svade for the page-faulting A/D scheme that
# QEMU 7.2 does not offer.
set(MEMVP_VM_TESTS_MEMVP_ONLY vm_strict vm_svade)

# ctest names of memvp runs that are registered but disabled while a memvp bug they found is
# open; remove a name once its bug is fixed. Open: none.
set(MEMVP_VM_OPEN_BUGS)

# Extra memvp command-line arguments of a test.
set(MEMVP_VM_ARGS_vm_svade --set mmu.hardware_ad_update=false)
