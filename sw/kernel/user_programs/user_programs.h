// User programs embedded in the kernel image and the ELF loader that starts them (Linux
// fs/binfmt_elf.c load_elf_binary and fs/exec.c setup_arg_pages, for static ELF64 RISC-V
// executables held in memory instead of in a file system).
#pragma once

#include "kernel/types.h"

struct mm_struct;

// One program's ELF image, placed in the kernel's .rodata by user_programs.S (generated).
struct embedded_program {
    const char* name;
    const unsigned char* start;
    const unsigned char* end;
};

// The program called name, or nullptr. The table is sorted by name.
const embedded_program* find_program(const char* name);
// All embedded programs, for listing them (e.g. when init= names an unknown one).
unsigned long nr_embedded_programs();
const embedded_program* embedded_program_at(unsigned long i);

// Maps every PT_LOAD segment of prog into mm (do_mmap MAP_FIXED | MAP_PRIVATE |
// MAP_ANONYMOUS with the prot of p_flags), copies its p_filesz bytes in and leaves the rest
// up to p_memsz zero. *entry receives e_entry, *end_of_bss the end of the highest segment
// (for setup_user_layout). 0, or -ENOEXEC (not a loadable ELF64 RISC-V executable) or -ENOMEM.
int load_elf_binary(mm_struct* mm, const embedded_program* prog, unsigned long* entry,
                    unsigned long* end_of_bss);

// Lays out the initial stack at the top of mm's stack VMA (setup_user_layout made it) as the
// Linux ELF ABI does: the argument and environment strings, then from *sp upwards argc,
// argv[] with NULL, envp[] with NULL, and the auxiliary vector (AT_PAGESZ, AT_ENTRY = entry,
// AT_NULL). argv and envp are kernel pointers, NULL-terminated; envp may be nullptr. *sp
// receives the 16-byte aligned user stack pointer. Returns 0, -E2BIG (too many or too long
// arguments), -EFAULT or -ENOMEM.
unsigned long setup_arg_pages(mm_struct* mm, const char* const argv[], unsigned long* sp,
                              unsigned long entry = 0, const char* const envp[] = nullptr);
