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

set(memvp_glibc_files "")
set(memvp_glibc_entries "")
set(memvp_glibc_builds "")
foreach(prog IN LISTS MEMVP_KERNEL_GLIBC_TESTS)
  list(APPEND memvp_glibc_builds "${prog}=${MEMVP_SOURCE_DIR}/tests/kernel/user/glibc/${prog}.c")
endforeach()
foreach(prog IN LISTS MEMVP_KERNEL_GLIBC_SHARED_TESTS)
  list(APPEND memvp_glibc_builds "glibc_${prog}=${MEMVP_SOURCE_DIR}/tests/kernel/user/${prog}.c")
endforeach()
foreach(entry IN LISTS memvp_glibc_builds)
  string(REPLACE "=" ";" entry ${entry})
  list(GET entry 0 prog)
  list(GET entry 1 src)
  set(elf ${CMAKE_BINARY_DIR}/user/${prog}.elf)
  set(stripped ${CMAKE_CURRENT_BINARY_DIR}/user_programs/${prog}.elf)
  add_custom_command(OUTPUT ${elf}
    # The shared programs read memvp's own calls' structures from the kernel's uapi header.
    COMMAND ${MEMVP_LINUX_CC} -static -O2 -g -Wall -Wextra -Werror -I${MEMVP_SOURCE_DIR}/sw/kernel/include -o ${elf} ${src}
    DEPENDS ${src}
    COMMENT "riscv64-linux-gnu-gcc -static: ${prog}")
  add_custom_command(OUTPUT ${stripped}
    COMMAND ${CMAKE_OBJCOPY} --strip-all ${elf} ${stripped}
    DEPENDS ${elf}
    COMMENT "Stripping glibc program ${prog}")
  list(APPEND memvp_glibc_files ${stripped})
  list(APPEND memvp_glibc_entries "${prog}=${stripped}")
endforeach()
set(MEMVP_GLIBC_INITRAMFS ${CMAKE_BINARY_DIR}/glibc.cpio)
add_custom_command(OUTPUT ${MEMVP_GLIBC_INITRAMFS}
  COMMAND ${Python3_EXECUTABLE} ${MEMVP_USER_PROGRAMS_DIR}/gen_init_cpio.py ${MEMVP_GLIBC_INITRAMFS} ${memvp_glibc_entries}
  DEPENDS ${MEMVP_USER_PROGRAMS_DIR}/gen_init_cpio.py ${memvp_glibc_files}
  COMMENT "Packing the glibc programs' initramfs")
add_custom_target(glibc_initramfs ALL DEPENDS ${MEMVP_GLIBC_INITRAMFS})
