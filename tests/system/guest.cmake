# Cross-build rules of the system tests (whole-simulator properties checked on memvp),
# included by sw/CMakeLists.txt: each program becomes build/guest/system/<name>.elf.
set(MEMVP_SYSTEM_DIR ${CMAKE_CURRENT_LIST_DIR})
memvp_add_program(system_trace_timing SOURCES ${MEMVP_SYSTEM_DIR}/trace_timing.c
  OUTPUT_DIR ${CMAKE_BINARY_DIR}/system OUTPUT_NAME trace_timing)
memvp_add_program(system_roi_vm SOURCES ${MEMVP_SYSTEM_DIR}/roi_vm.c
  OUTPUT_DIR ${CMAKE_BINARY_DIR}/system OUTPUT_NAME roi_vm)
foreach(name numa_latency load_latency)
  memvp_add_program(system_${name} SOURCES ${MEMVP_SYSTEM_DIR}/${name}.c
    ${MEMVP_SYSTEM_DIR}/pointer_chase.c OUTPUT_DIR ${CMAKE_BINARY_DIR}/system OUTPUT_NAME ${name})
  target_compile_options(system_${name} PRIVATE -O2)
endforeach()
