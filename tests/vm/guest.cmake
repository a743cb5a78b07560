# Cross-build rules of the virtual-memory tests, included by sw/CMakeLists.txt (the guest
# project) after tests/isa/guest.cmake: every test in tests.cmake becomes
# build/guest/vm/<name>.elf, linked with the runtime, the guest-test runtime
# (tests/support/guest), tests/isa/common and common/ here.
include(${CMAKE_CURRENT_LIST_DIR}/tests.cmake)

set(MEMVP_VM_DIR ${CMAKE_CURRENT_LIST_DIR})
if(NOT TARGET isa_common)
  message(FATAL_ERROR "tests/vm needs isa_common: include tests/isa/guest.cmake first")
endif()
add_library(vm_common OBJECT
  ${MEMVP_VM_DIR}/common/vm.c ${MEMVP_VM_DIR}/common/vm_code_page.S ${MEMVP_VM_DIR}/common/basic.c)
target_link_libraries(vm_common PUBLIC isa_common)
target_include_directories(vm_common PUBLIC ${MEMVP_VM_DIR}/common)
target_compile_options(vm_common PRIVATE -O2)

foreach(name IN LISTS MEMVP_VM_TESTS MEMVP_VM_TESTS_MEMVP_ONLY)
  set(sources)
  foreach(ext c S)
    if(EXISTS ${MEMVP_VM_DIR}/${name}.${ext})
      list(APPEND sources ${MEMVP_VM_DIR}/${name}.${ext})
    endif()
  endforeach()
  if(NOT sources)
    message(FATAL_ERROR "VM test ${name}: no ${name}.c or ${name}.S in ${MEMVP_VM_DIR}")
  endif()
  memvp_add_program(vm_${name} SOURCES ${sources} LIBS vm_common isa_common
    OUTPUT_DIR ${CMAKE_BINARY_DIR}/vm OUTPUT_NAME ${name})
  target_compile_options(vm_${name} PRIVATE -O2)
endforeach()
