# Cross-build rules of the system tests (whole-simulator properties checked on memvp),
# included by sw/CMakeLists.txt: each program becomes build/guest/system/<name>.elf.
set(MEMVP_SYSTEM_DIR ${CMAKE_CURRENT_LIST_DIR})
memvp_add_program(system_trace_timing SOURCES ${MEMVP_SYSTEM_DIR}/trace_timing.c
  OUTPUT_DIR ${CMAKE_BINARY_DIR}/system OUTPUT_NAME trace_timing)
memvp_add_program(system_numa_latency SOURCES ${MEMVP_SYSTEM_DIR}/numa_latency.c
  OUTPUT_DIR ${CMAKE_BINARY_DIR}/system OUTPUT_NAME numa_latency)
target_compile_options(system_numa_latency PRIVATE -O2)
