# The one list of virtual-memory test programs, read by guest.cmake (cross build) and
# CMakeLists.txt (ctest registration). Test <name> is built from <name>.c plus <name>.S when
# present, with the helpers in common/, and its console output must equal
# expected/<name>.txt on QEMU and on memvp.
set(MEMVP_VM_TESTS sv39_basic sv48_basic vm_faults vm_ad vm_mprv vm_superpage_fence)

# Checked on memvp only (expected output written by hand): vm_strict where QEMU 7.2 reports
# AMO page faults as load page faults, and vm_svade for the page-faulting A/D scheme that
# QEMU 7.2 does not offer.
set(MEMVP_VM_TESTS_MEMVP_ONLY vm_strict vm_svade)

# ctest entries registered but disabled (ctest shows "Not Run (Disabled)") while a memvp bug
# they found is open; remove a name once its bug is fixed. Open: sfence.vma with rs1 = VA
# removes only the TLB pieces that contain VA when a TLB keeps a superpage in smaller pieces
# (ITLB 4 KiB pieces of 2 MiB/1 GiB pages, 1 GiB pieces of 512 GiB pages, any piece with
# small_tlbs.toml); §4.2.1 orders the whole leaf.
set(MEMVP_VM_OPEN_BUGS
  vm.vm_superpage_fence.memvp vm.vm_superpage_fence.memvp_small_tlbs
  vm.sv39_basic.memvp_small_tlbs vm.sv48_basic.memvp_small_tlbs)

# Extra memvp command-line arguments of a test.
set(MEMVP_VM_ARGS_vm_svade --set mmu.hardware_ad_update=false)
