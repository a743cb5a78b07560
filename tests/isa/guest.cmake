# Cross-build rules of the ISA tests, included by sw/CMakeLists.txt (the guest project):
# every test in tests.cmake becomes build/guest/isa/<name>.elf, linked with the runtime, the
# guest-test runtime (tests/support/guest) and the helpers in common/.
include(${CMAKE_CURRENT_LIST_DIR}/tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../support/guest/guest.cmake)

set(MEMVP_ISA_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(isa_common OBJECT ${MEMVP_ISA_DIR}/common/isa.c)
target_link_libraries(isa_common PUBLIC memvp_rt guest_rt)
target_include_directories(isa_common PUBLIC ${MEMVP_ISA_DIR}/common)

foreach(name IN LISTS MEMVP_ISA_TESTS MEMVP_ISA_TESTS_MEMVP_ONLY MEMVP_ISA_CRASH_TESTS)
  set(sources)
  foreach(ext c S)
    if(EXISTS ${MEMVP_ISA_DIR}/${name}.${ext})
      list(APPEND sources ${MEMVP_ISA_DIR}/${name}.${ext})
    endif()
  endforeach()
  if(NOT sources)
    message(FATAL_ERROR "ISA test ${name}: no ${name}.c or ${name}.S in ${MEMVP_ISA_DIR}")
  endif()
  memvp_add_program(isa_${name} SOURCES ${sources} LIBS isa_common
    OUTPUT_DIR ${CMAKE_BINARY_DIR}/isa OUTPUT_NAME ${name})
  # Base-ISA checks need exact instruction sequences: keep the optimiser predictable.
  target_compile_options(isa_${name} PRIVATE -O2 -fno-inline-small-functions)
  if(name IN_LIST MEMVP_ISA_FD_TESTS)
    target_compile_options(isa_${name} PRIVATE -march=rv64imafdc_zicsr_zifencei)
  endif()
endforeach()
