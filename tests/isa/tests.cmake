# The one list of ISA test programs, read by guest.cmake (cross build) and CMakeLists.txt
# (ctest registration). Test <name> is built from <name>.c plus <name>.S when present and
# its console output must equal expected/<name>.txt.
set(MEMVP_ISA_TESTS
  rv64i_alu rv64i_word rv64i_mem rv64i_ctrl rv64m rv64a rv64c
  zicsr zifencei trap_basic trap_priv trap_deleg interrupts counters
  misaligned_amo misaligned_ldst pmp sdtrig rv64fd rv64fd_random)

# Built with F and D (-march=rv64imafdc_zicsr_zifencei, still the lp64 ABI); the rest stay rv64imac.
set(MEMVP_ISA_FD_TESTS rv64fd rv64fd_random)

# Checked on memvp only (expected output written by hand): misaligned_trap runs with
# core.misaligned = "trap", which QEMU has no option for; sdtrig_rules checks what the debug
# spec leaves to the implementation where QEMU 7.2 chose otherwise (tval, the MIE gate, which
# bytes match, tdata1 = 0); priv_strict.c lists where QEMU 7.2 departs from the specs.
set(MEMVP_ISA_TESTS_MEMVP_ONLY misaligned_trap sdtrig_rules priv_strict zihpm zihpm_numa2)

# Extra `memvp run` options of a test, by name.
set(MEMVP_ISA_MEMVP_ARGS_misaligned_trap --set core.misaligned=trap)
# zihpm counts cache and DRAM events: the caches on, DDR4 (every access timed, no DMI).
set(MEMVP_ISA_MEMVP_ARGS_zihpm --set cache.enabled=true --set memory.model=ddr4)
set(MEMVP_ISA_MEMVP_ARGS_zihpm_numa2 --platform ${CMAKE_CURRENT_LIST_DIR}/../../platforms/numa2.toml
    --set cache.enabled=true)

# Guests that must crash memvp's hart (exit status 4, hart/PC/cause on stderr).
set(MEMVP_ISA_CRASH_TESTS bad_guest)
