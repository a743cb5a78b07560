// ELF64 header and program-header validation for load_elf_binary (Linux fs/binfmt_elf.c
// elf_check_arch, elf_read_phdrs and the range checks of elf_load), free of other kernel code
// so that the host tests build it unchanged.
#include "user_programs/elf.h"

namespace {

// The image may sit at any byte offset; copy fields out rather than cast (no misaligned loads).
template <typename T>
void read_struct(T* out, const u8* src)
{
    __builtin_memcpy(out, src, sizeof(T));
}

bool ident_ok(const Elf64_Ehdr& eh)
{
    return eh.e_ident[0] == 0x7f && eh.e_ident[1] == 'E' && eh.e_ident[2] == 'L' && eh.e_ident[3] == 'F' &&
           eh.e_ident[4] == ELFCLASS64 && eh.e_ident[5] == ELFDATA2LSB && eh.e_ident[6] == EV_CURRENT;
}

bool header_ok(const Elf64_Ehdr& eh, unsigned long len)
{
    if (!ident_ok(eh) || eh.e_type != ET_EXEC || eh.e_machine != EM_RISCV || eh.e_version != EV_CURRENT)
        return false;
    // No Q extension for the quad-float ABI; RVE code assumes 16 registers, with its own ABI.
    if ((eh.e_flags & EF_RISCV_FLOAT_ABI) == EF_RISCV_FLOAT_ABI_QUAD || (eh.e_flags & EF_RISCV_RVE))
        return false;
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum > ELF_MAX_PHNUM)
        return false;
    // e_phnum <= 16, so the table size cannot overflow; the offset may be anything.
    unsigned long table = eh.e_phnum * sizeof(Elf64_Phdr);
    return eh.e_phoff <= len && table <= len - eh.e_phoff;
}

// File bytes inside the image, memory inside [PAGE_SIZE, user_end), without wrap-around.
bool segment_ok(const Elf64_Phdr& ph, unsigned long len, unsigned long user_end)
{
    if (ph.p_filesz > ph.p_memsz)
        return false;
    if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset)
        return false;
    return ph.p_vaddr >= PAGE_SIZE && ph.p_vaddr < user_end && ph.p_memsz <= user_end - ph.p_vaddr;
}

}  // namespace

int elf_check(const u8* image, unsigned long len, unsigned long user_end, elf_info* info)
{
    Elf64_Ehdr eh;
    if (image == nullptr || len < sizeof(eh))
        return -ENOEXEC;
    read_struct(&eh, image);
    if (!header_ok(eh, len))
        return -ENOEXEC;

    info->entry = eh.e_entry;
    info->end = 0;
    info->phoff = eh.e_phoff;
    info->phdr = 0;
    info->phnum = eh.e_phnum;
    info->nr_load = 0;
    bool entry_in_text = false;
    unsigned long prev_end_page = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (!elf_load_segment(image, *info, i, &ph)) {
            if (ph.p_type == PT_INTERP)
                return -ENOEXEC;
            continue;
        }
        if (!segment_ok(ph, len, user_end))
            return -ENOEXEC;
        // Each segment gets pages of its own: MAP_FIXED of the next would replace a shared one.
        unsigned long first_page = ph.p_vaddr & PAGE_MASK;
        if (first_page < prev_end_page)
            return -ENOEXEC;
        prev_end_page = ALIGN(ph.p_vaddr + ph.p_memsz, PAGE_SIZE);
        if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz)
            entry_in_text = true;
        // AT_PHDR: where the segment holding the table maps it (Linux load_elf_binary).
        if (ph.p_offset <= eh.e_phoff && eh.e_phoff < ph.p_offset + ph.p_filesz)
            info->phdr = eh.e_phoff - ph.p_offset + ph.p_vaddr;
        info->nr_load++;
        info->end = ph.p_vaddr + ph.p_memsz;
    }
    if (info->nr_load == 0 || !entry_in_text)
        return -ENOEXEC;
    return 0;
}

bool elf_load_segment(const u8* image, const elf_info& info, unsigned i, Elf64_Phdr* ph)
{
    read_struct(ph, image + info.phoff + i * sizeof(Elf64_Phdr));
    return ph->p_type == PT_LOAD && ph->p_memsz != 0;
}
