# Cross-build rules of the bare-metal guest-test runtime, included by the guest.cmake of each
# suite that uses it (tests/isa, tests/vm, tests/smp): guest_rt, a static library so that a
# program links only the parts it calls (a program without traps gets no trap stacks).
include_guard(GLOBAL)
set(MEMVP_GUEST_RT_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(guest_rt STATIC
  ${MEMVP_GUEST_RT_DIR}/guest_check.c
  ${MEMVP_GUEST_RT_DIR}/guest_trap.c
  ${MEMVP_GUEST_RT_DIR}/guest_trap_entry.S)
# The runtime headers only: memvp_rt itself (crt0 first) is linked by each program.
target_include_directories(guest_rt PUBLIC $<TARGET_PROPERTY:memvp_rt,INTERFACE_INCLUDE_DIRECTORIES>)
target_include_directories(guest_rt PUBLIC ${MEMVP_GUEST_RT_DIR})
target_compile_options(guest_rt PRIVATE -O2)
