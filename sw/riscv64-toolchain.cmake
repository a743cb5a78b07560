# CMake toolchain file for the memvp guest: Debian's riscv64-unknown-elf GCC with picolibc,
# bare-metal RV64IMAC (+Zicsr, Zifencei), LP64, code model medany so that images linked at
# DRAM 0x8000_0000 (QEMU virt's memory map) can be addressed PC-relatively.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

set(MEMVP_CROSS_PREFIX riscv64-unknown-elf- CACHE STRING "Prefix of the cross tools")
set(CMAKE_C_COMPILER ${MEMVP_CROSS_PREFIX}gcc)
set(CMAKE_CXX_COMPILER ${MEMVP_CROSS_PREFIX}g++)
set(CMAKE_ASM_COMPILER ${MEMVP_CROSS_PREFIX}gcc)
set(CMAKE_OBJCOPY ${MEMVP_CROSS_PREFIX}objcopy CACHE FILEPATH "objcopy")
set(CMAKE_OBJDUMP ${MEMVP_CROSS_PREFIX}objdump CACHE FILEPATH "objdump")

# No hosted executables can run here: let try_compile build static libraries only.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# picolibc supplies the headers and libc.a (string functions, tinystdio printf); the runtime
# in sw/lib supplies crt0, the linker script and the console, so -nostartfiles at link time.
set(MEMVP_ARCH_FLAGS "-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany")
set(MEMVP_PICOLIBC_SPECS "--specs=picolibc.specs" CACHE STRING "picolibc GCC specs")

set(CMAKE_C_FLAGS_INIT "${MEMVP_ARCH_FLAGS} ${MEMVP_PICOLIBC_SPECS} -ffreestanding -fno-common -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${MEMVP_ARCH_FLAGS} ${MEMVP_PICOLIBC_SPECS} -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${MEMVP_ARCH_FLAGS}")
# The compile flags (arch, specs) reach the link line too. GCC picks the multilib by the
# literal -march string and Debian's are named without extensions (rv64imac/lp64), so the
# link line repeats -march without _zicsr_zifencei; the last -march wins.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-march=rv64imac -nostartfiles -static -Wl,--gc-sections -Wl,--no-warn-rwx-segments")

# Debian ships no libstdc++ for this target and g++ 12 always asks for -lstdc++, so C++
# programs link through the C driver; sw/lib/cxx.cpp supplies the C++ runtime symbols.
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_C_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
