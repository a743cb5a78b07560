# The one list of ISA test programs, read by guest.cmake (cross build) and CMakeLists.txt
# (ctest registration). Test <name> is built from <name>.c plus <name>.S when present and
# its console output must equal expected/<name>.txt.
set(MEMVP_ISA_TESTS
  rv64i_alu rv64i_word rv64i_mem rv64i_ctrl rv64m rv64a rv64c
  zicsr zifencei trap_basic trap_priv trap_deleg)


# Checked on memvp only: QEMU 7.2 performs misaligned loads and stores in hardware, memvp
# traps them (priv. spec 1.12 §3.6.3 allows either).
set(MEMVP_ISA_TESTS_MEMVP_ONLY)

# Guests that must crash memvp's hart (exit status 4, hart/PC/cause on stderr).
set(MEMVP_ISA_CRASH_TESTS)
