// User programs, in the initramfs or built into the kernel image, and the ELF loader that starts
// them (Linux fs/binfmt_elf.c load_elf_binary and fs/exec.c setup_arg_pages, for static ELF64
// RISC-V executables held in memory instead of in a file system).
#pragma once

#include "kernel/types.h"

struct mm_struct;
struct elf_info;
struct exec_aux;

// One program's ELF image: in the initramfs pages, or in the kernel's .rodata (user_programs.S,
// generated).
struct program_image {
    const char* name;
    const unsigned char* start;
    const unsigned char* end;
};

// The program called name: the initramfs's when it has one of that name (as files of Linux's
// external initramfs replace those of the built-in one), else the built-in one. False if
// neither has it.
bool find_program(const char* name, program_image* out);
// Prints " name" for every program, for init= naming an unknown one.
void print_program_names();

// The programs built into the image (embedded.cpp): the one called name, or nullptr.
const program_image* find_builtin_program(const char* name);

// The initramfs (initramfs.cpp). initramfs_init checks the archive setup_arch reserved, once,
// and ignores it (with a console line) when it is not a newc cpio archive.
void initramfs_init();
bool initramfs_find(const char* name, program_image* out);
void initramfs_print_names();

// Maps every PT_LOAD segment of prog into mm (do_mmap MAP_FIXED | MAP_PRIVATE |
// MAP_ANONYMOUS with the prot of p_flags), copies its p_filesz bytes in and leaves the rest
// up to p_memsz zero. *info receives what elf_check found (entry, end of the highest segment
// for setup_user_layout, AT_PHDR and AT_PHNUM). 0, or -ENOEXEC (not a loadable ELF64 RISC-V
// executable) or -ENOMEM.
int load_elf_binary(mm_struct* mm, const program_image* prog, elf_info* info);

// Lays out the initial stack at the top of mm's stack VMA (setup_user_layout made it) as the
// Linux ELF ABI does (elf_tables.h): the strings, AT_RANDOM's bytes, and from *sp upwards
// argc, argv[] with NULL, envp[] with NULL and the auxiliary vector of aux. argv and envp are
// kernel pointers, NULL-terminated; envp may be nullptr. *sp receives the 16-byte aligned user
// stack pointer. Returns 0, -E2BIG (too many or too long arguments), -EFAULT or -ENOMEM.
unsigned long setup_arg_pages(mm_struct* mm, const char* const argv[], unsigned long* sp, const exec_aux& aux,
                              const char* const envp[] = nullptr);
