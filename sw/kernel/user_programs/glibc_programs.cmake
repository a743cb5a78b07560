# The unmodified static glibc programs (tests/kernel/user/programs.cmake
# MEMVP_KERNEL_GLIBC_TESTS, from tests/kernel/user/glibc/<name>.c; and
# MEMVP_KERNEL_GLIBC_SHARED_TESTS, from tests/kernel/user/<name>.c, built for glibc as
# glibc_<name> as well as for the memvp library as <name>), included by
# user_programs.cmake: each is built with `riscv64-linux-gnu-gcc -static` into
# <build>/user/<name>.elf, stripped, and packed into their own archive <build>/glibc.cpio
# (target `glibc_initramfs`), which tests pass as the initramfs instead of initramfs.cpio: at
# 0.5 MiB each they would outgrow the 2 MiB that every other test reserves for it. Without
# the cross compiler they are skipped with a message.
include(${CMAKE_CURRENT_LIST_DIR}/find_linux_cc.cmake)
if(NOT MEMVP_LINUX_CC)
  list(JOIN MEMVP_KERNEL_GLIBC_TESTS " " memvp_glibc_names)
  message(STATUS "riscv64-linux-gnu-gcc or its static glibc not found: the glibc programs "
                 "(${memvp_glibc_names}) are not built; scripts/setup.sh installs "
                 "gcc-riscv64-linux-gnu and libc6-dev-riscv64-cross")
  return()
endif()

# One glibc program from src: built, stripped, and its "name=file" archive entry appended to
# the list entries_var names (and the file to files_var).
function(memvp_glibc_program prog src entries_var files_var)
  set(elf ${CMAKE_BINARY_DIR}/user/${prog}.elf)
  set(stripped ${CMAKE_CURRENT_BINARY_DIR}/user_programs/${prog}.elf)
  add_custom_command(OUTPUT ${elf}
    # The shared programs read memvp's own calls' structures from the kernel's uapi header.
    COMMAND ${MEMVP_LINUX_CC} -static -O2 -g -Wall -Wextra -Werror -I${MEMVP_SOURCE_DIR}/sw/kernel/include -o ${elf} ${src}
    DEPENDS ${src} ${MEMVP_USER_PROGRAMS_DIR}/procps/proc_read.h
    COMMENT "riscv64-linux-gnu-gcc -static: ${prog}")
  add_custom_command(OUTPUT ${stripped}
    COMMAND ${CMAKE_OBJCOPY} --strip-all ${elf} ${stripped}
    DEPENDS ${elf}
    COMMENT "Stripping glibc program ${prog}")
  set(${files_var} ${${files_var}} ${stripped} PARENT_SCOPE)
  set(${entries_var} ${${entries_var}} "${prog}=${stripped}" PARENT_SCOPE)
endfunction()

set(memvp_glibc_files "")
set(memvp_glibc_entries "")
foreach(prog IN LISTS MEMVP_KERNEL_GLIBC_TESTS)
  memvp_glibc_program(${prog} ${MEMVP_SOURCE_DIR}/tests/kernel/user/glibc/${prog}.c memvp_glibc_entries memvp_glibc_files)
endforeach()
# Programs built both for glibc and for the memvp library (MEMVP_KERNEL_GLIBC_SHARED_TESTS, from
# tests/kernel/user/<name>.c): the glibc build is glibc_<name>.
foreach(prog IN LISTS MEMVP_KERNEL_GLIBC_SHARED_TESTS)
  memvp_glibc_program(glibc_${prog} ${MEMVP_SOURCE_DIR}/tests/kernel/user/${prog}.c memvp_glibc_entries memvp_glibc_files)
endforeach()
set(MEMVP_GLIBC_INITRAMFS ${CMAKE_BINARY_DIR}/glibc.cpio)
add_custom_command(OUTPUT ${MEMVP_GLIBC_INITRAMFS}
  COMMAND ${Python3_EXECUTABLE} ${MEMVP_USER_PROGRAMS_DIR}/gen_init_cpio.py ${MEMVP_GLIBC_INITRAMFS} ${memvp_glibc_entries}
  DEPENDS ${MEMVP_USER_PROGRAMS_DIR}/gen_init_cpio.py ${memvp_glibc_files}
  COMMENT "Packing the glibc programs' initramfs")
add_custom_target(glibc_initramfs ALL DEPENDS ${MEMVP_GLIBC_INITRAMFS})

# The procps-style tools (procps/<name>.c: free, vmstat, ps read /proc and print what procps-ng
# prints) with the tests that run them (MEMVP_KERNEL_GLIBC_PROCPS_TESTS), in an archive of their
# own, <build>/procps.cpio, so that the other glibc tests' initramfs keeps its size.
set(memvp_procps_files "")
set(memvp_procps_entries "")
foreach(prog IN LISTS MEMVP_KERNEL_GLIBC_PROCPS_TESTS)
  memvp_glibc_program(${prog} ${MEMVP_SOURCE_DIR}/tests/kernel/user/glibc/${prog}.c memvp_procps_entries memvp_procps_files)
endforeach()
foreach(prog free vmstat ps)
  memvp_glibc_program(${prog} ${MEMVP_USER_PROGRAMS_DIR}/procps/${prog}.c memvp_procps_entries memvp_procps_files)
endforeach()
set(MEMVP_PROCPS_INITRAMFS ${CMAKE_BINARY_DIR}/procps.cpio)
add_custom_command(OUTPUT ${MEMVP_PROCPS_INITRAMFS}
  COMMAND ${Python3_EXECUTABLE} ${MEMVP_USER_PROGRAMS_DIR}/gen_init_cpio.py ${MEMVP_PROCPS_INITRAMFS} ${memvp_procps_entries}
  DEPENDS ${MEMVP_USER_PROGRAMS_DIR}/gen_init_cpio.py ${memvp_procps_files}
  COMMENT "Packing the procps tools' initramfs")
add_custom_target(procps_initramfs ALL DEPENDS ${MEMVP_PROCPS_INITRAMFS})
