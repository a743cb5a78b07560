// The parts of the ELF64 format the loader reads (System V gABI "ELF Header" and "Program
// Header"; RISC-V psABI: e_machine EM_RISCV) and the header check of load_elf_binary, kept
// free of the rest of the kernel so that host tests exercise it on hand-made images.
#pragma once

#include "kernel/errno.h"
#include "kernel/types.h"

inline constexpr unsigned EI_NIDENT = 16;
inline constexpr u8 ELFCLASS64 = 2;
inline constexpr u8 ELFDATA2LSB = 1;
inline constexpr u8 EV_CURRENT = 1;
inline constexpr u16 ET_EXEC = 2;
inline constexpr u16 EM_RISCV = 243;
inline constexpr u32 PT_LOAD = 1;
inline constexpr u32 PT_INTERP = 3;
inline constexpr u32 PT_PHDR = 6;
// Headers the loader leaves to the program (static glibc handles them itself): PT_TLS (the
// thread-local storage image, set up by __libc_setup_tls), PT_GNU_RELRO (mprotect'ed read-only
// by glibc after start-up), PT_GNU_STACK (the stack is never executable here).
inline constexpr u32 PT_TLS = 7;
inline constexpr u32 PT_GNU_STACK = 0x6474e551;
inline constexpr u32 PT_GNU_RELRO = 0x6474e552;
inline constexpr u32 PF_X = 1;
inline constexpr u32 PF_W = 2;
inline constexpr u32 PF_R = 4;
// e_flags (RISC-V psABI "ELF Object Files"): RVC, the floating-point ABI, RVE.
inline constexpr u32 EF_RISCV_RVC = 0x1;
inline constexpr u32 EF_RISCV_FLOAT_ABI = 0x6;
inline constexpr u32 EF_RISCV_FLOAT_ABI_QUAD = 0x6;
inline constexpr u32 EF_RISCV_RVE = 0x8;

struct Elf64_Ehdr {
    u8 e_ident[EI_NIDENT];
    u16 e_type;
    u16 e_machine;
    u32 e_version;
    u64 e_entry;
    u64 e_phoff;
    u64 e_shoff;
    u32 e_flags;
    u16 e_ehsize;
    u16 e_phentsize;
    u16 e_phnum;
    u16 e_shentsize;
    u16 e_shnum;
    u16 e_shstrndx;
};
static_assert(sizeof(Elf64_Ehdr) == 64);

struct Elf64_Phdr {
    u32 p_type;
    u32 p_flags;
    u64 p_offset;
    u64 p_vaddr;
    u64 p_paddr;
    u64 p_filesz;
    u64 p_memsz;
    u64 p_align;
};
static_assert(sizeof(Elf64_Phdr) == 56);

// Linux's binfmt_elf refuses more than 64 KiB of program headers; the loader needs few.
inline constexpr u16 ELF_MAX_PHNUM = 16;

// What elf_check found in a valid image.
struct elf_info {
    u64 entry;
    u64 end;             // highest p_vaddr + p_memsz of the PT_LOAD segments
    u64 phoff;           // the program header table in the file
    u64 phdr;            // ... and its user address (AT_PHDR), 0 if no segment maps it
    unsigned phnum;
    unsigned nr_load;    // PT_LOAD segments with p_memsz > 0 (the ones to map)
};

// Checks that [image, image + len) is an ELF64 little-endian RISC-V ET_EXEC whose non-empty
// PT_LOAD segments lie inside the image (file bytes) and inside [PAGE_SIZE, user_end) (memory),
// in ascending address order with no page shared between two of them, and whose entry point
// lies in an executable one. e_flags may name RVC and the soft, single or double float ABI
// (the hart is RV64GC); the quad-float ABI and RVE are refused, and so is PT_INTERP: there is
// no dynamic linker to load. 0 and *info filled, or -ENOEXEC.
int elf_check(const u8* image, unsigned long len, unsigned long user_end, elf_info* info);

// Program header i of a checked image; true if it is a segment to map (PT_LOAD, p_memsz > 0).
bool elf_load_segment(const u8* image, const elf_info& info, unsigned i, Elf64_Phdr* ph);
