# Debian's riscv64 Linux cross compiler and static glibc (gcc-riscv64-linux-gnu,
# libc6-dev-riscv64-cross; scripts/setup.sh installs them), for the unmodified glibc programs.
# Included by the guest build (glibc_programs.cmake) and by tests/kernel/user, so that both
# agree: MEMVP_LINUX_CC is set only when the compiler and libc.a are both there.
find_program(MEMVP_LINUX_CC_PROGRAM riscv64-linux-gnu-gcc)
set(MEMVP_LINUX_CC "")
if(MEMVP_LINUX_CC_PROGRAM)
  execute_process(COMMAND ${MEMVP_LINUX_CC_PROGRAM} -print-file-name=libc.a
                  OUTPUT_VARIABLE memvp_linux_libc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(IS_ABSOLUTE "${memvp_linux_libc}" AND EXISTS "${memvp_linux_libc}")
    set(MEMVP_LINUX_CC ${MEMVP_LINUX_CC_PROGRAM})
  endif()
endif()
