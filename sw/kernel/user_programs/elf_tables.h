// The initial user stack of a new program as Linux fs/binfmt_elf.c create_elf_tables lays it
// out (RISC-V psABI "Process Initialization"; glibc's _start and _dl_aux_init read it), kept
// free of the rest of the kernel so that host tests build it unchanged. From the top of the
// stack downwards: the argument and environment strings (argv[0] lowest), 16 bytes for
// AT_RANDOM at a 16-byte boundary, then, from the 16-byte aligned sp upwards, argc, argv[]
// and NULL, envp[] and NULL, and the auxiliary vector's (type, value) pairs ending in AT_NULL.
#pragma once

#include "kernel/types.h"

// Auxiliary-vector types (Linux include/uapi/linux/auxvec.h).
inline constexpr unsigned long AT_NULL = 0;
inline constexpr unsigned long AT_PHDR = 3;
inline constexpr unsigned long AT_PHENT = 4;
inline constexpr unsigned long AT_PHNUM = 5;
inline constexpr unsigned long AT_PAGESZ = 6;
inline constexpr unsigned long AT_BASE = 7;
inline constexpr unsigned long AT_FLAGS = 8;
inline constexpr unsigned long AT_ENTRY = 9;
inline constexpr unsigned long AT_UID = 11;
inline constexpr unsigned long AT_EUID = 12;
inline constexpr unsigned long AT_GID = 13;
inline constexpr unsigned long AT_EGID = 14;
inline constexpr unsigned long AT_HWCAP = 16;
inline constexpr unsigned long AT_CLKTCK = 17;
inline constexpr unsigned long AT_SECURE = 23;
inline constexpr unsigned long AT_RANDOM = 25;

// AT_HWCAP on RISC-V: bit (letter - 'a') for each single-letter extension (Linux
// arch/riscv/include/uapi/asm/hwcap.h COMPAT_HWCAP_ISA_*).
inline constexpr unsigned long riscv_hwcap(char ext) { return 1UL << (ext - 'a'); }
// USER_HZ: the unit of times(2) and /proc's tick counts (AT_CLKTCK).
inline constexpr unsigned long USER_HZ = 100;

// Limits of what execve passes (Linux MAX_ARG_STRINGS and MAX_ARG_STRLEN are far larger; these
// keep the whole block within a few pages of the 8 MiB stack).
inline constexpr unsigned long MAX_ARGS = 64;
inline constexpr unsigned long MAX_STRINGS_BYTES = 16 * 1024;

// What the auxiliary vector tells the program about itself and the machine.
struct exec_aux {
    unsigned long entry;  // AT_ENTRY: e_entry
    unsigned long phdr;   // AT_PHDR: the program headers' user address
    unsigned long phnum;  // AT_PHNUM
    unsigned long hwcap;  // AT_HWCAP
    u8 random[16];        // the bytes AT_RANDOM points to
};

// Stores len bytes at user address addr of the new image; false if it cannot.
using user_writer = bool (*)(void* ctx, unsigned long addr, const void* src, unsigned long len);

// The pairs of the auxiliary vector for aux, AT_NULL last, with AT_RANDOM pointing at
// random_addr (Linux's order; uid, gid and AT_SECURE 0: every task runs as root); returns the
// number of words written to out, which must hold AUXV_WORDS.
inline constexpr unsigned AUXV_WORDS = 2 * 15;
unsigned fill_auxv(unsigned long* out, const exec_aux& aux, unsigned long random_addr);

// Writes the whole block below top (page-aligned: the stack VMA's end) through put and sets
// *sp. argv and envp are NULL-terminated kernel arrays; envp may be nullptr. 0, -E2BIG (more
// than MAX_ARGS strings or MAX_STRINGS_BYTES bytes of them, or below stack_floor) or -EFAULT
// (put failed).
long create_elf_tables(unsigned long top, unsigned long stack_floor, const char* const argv[],
                       const char* const envp[], const exec_aux& aux, user_writer put, void* ctx,
                       unsigned long* sp);
