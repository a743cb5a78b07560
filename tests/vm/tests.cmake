# The one list of virtual-memory test programs, read by guest.cmake (cross build) and
# CMakeLists.txt (ctest registration). Test <name> is built from <name>.c plus <name>.S when
# present, with the helpers in common/, and its console output must equal
# expected/<name>.txt on QEMU and on memvp.
set(MEMVP_VM_TESTS sv39_basic sv48_basic vm_faults vm_ad vm_mprv)
