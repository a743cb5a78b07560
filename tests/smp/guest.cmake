# Cross-build rules of the SMP tests, included by sw/CMakeLists.txt (the guest project):
# each program of tests.cmake becomes build/guest/smp/<prog>_<N>.elf for every hart count N
# it runs with, linked with the runtime, the guest-test runtime (tests/support/guest) and the
# helpers in common/; the benchmark builds of MEMVP_SMP_BENCH become <prog>_bench_<N>.elf.
include(${CMAKE_CURRENT_LIST_DIR}/tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../support/guest/guest.cmake)

set(MEMVP_SMP_DIR ${CMAKE_CURRENT_LIST_DIR})
# smp_program(NAME PROG HARTS DEFINES...): build/guest/smp/NAME.elf from PROG.c for HARTS harts.
function(smp_program name prog harts)
  memvp_add_program(smp_${name}
    SOURCES ${MEMVP_SMP_DIR}/${prog}.c ${MEMVP_SMP_DIR}/common/smp.c LIBS guest_rt
    OUTPUT_DIR ${CMAKE_BINARY_DIR}/smp OUTPUT_NAME ${name})
  target_include_directories(smp_${name} PRIVATE ${MEMVP_SMP_DIR}/common)
  target_compile_definitions(smp_${name} PRIVATE SMP_NHARTS=${harts} ${ARGN})
  target_compile_options(smp_${name} PRIVATE -O2)
endfunction()

foreach(prog IN LISTS MEMVP_SMP_PROGRAMS)
  foreach(harts IN LISTS MEMVP_SMP_HARTS_${prog})
    smp_program(${prog}_${harts} ${prog} ${harts})
  endforeach()
endforeach()
foreach(prog IN LISTS MEMVP_SMP_BENCH)
  foreach(harts IN LISTS MEMVP_SMP_BENCH_HARTS_${prog})
    smp_program(${prog}_bench_${harts} ${prog} ${harts} ${MEMVP_SMP_BENCH_DEFINE_${prog}})
  endforeach()
endforeach()
