// load_elf_binary: maps the PT_LOAD segments of a static ELF64 executable held in memory into a
// fresh address space (Linux fs/binfmt_elf.c load_elf_binary / elf_load). Segments become
// private anonymous mappings with their own protection; their file bytes are copied in through
// the kernel's access to the new mm (access_process_vm, which faults each page in), and what
// lies beyond p_filesz stays zero: fresh anonymous pages are zero-filled on first touch.
#include "mm/mm.h"
#include "user_programs/elf.h"
#include "user_programs/user_programs.h"

namespace {

// PF_R/PF_W/PF_X -> PROT_READ/PROT_WRITE/PROT_EXEC (Linux make_prot).
unsigned long segment_prot(u32 p_flags)
{
    unsigned long prot = 0;
    if (p_flags & PF_R)
        prot |= PROT_READ;
    if (p_flags & PF_W)
        prot |= PROT_WRITE;
    if (p_flags & PF_X)
        prot |= PROT_EXEC;
    return prot;
}

// Zero bytes written from here; a page of them bounds what one call moves.
const u8 zeroes[256] = {};

// Clears [addr, addr + len) of mm (Linux padzero: the tail of the last file-backed page).
bool clear_user_range(mm_struct* mm, unsigned long addr, unsigned long len)
{
    while (len > 0) {
        unsigned long n = len < sizeof(zeroes) ? len : sizeof(zeroes);
        if (access_process_vm(mm, addr, const_cast<u8*>(zeroes), n, FOLL_WRITE | FOLL_FORCE) != long(n))
            return false;
        addr += n;
        len -= n;
    }
    return true;
}

// One segment: the mapping covers whole pages from p_vaddr's page to the end of p_memsz.
int load_segment(mm_struct* mm, const u8* image, const Elf64_Phdr& ph)
{
    unsigned long start = ph.p_vaddr & PAGE_MASK;
    unsigned long end = PAGE_ALIGN(ph.p_vaddr + ph.p_memsz);
    unsigned long addr = do_mmap(mm, start, end - start, segment_prot(ph.p_flags),
                                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS);
    if (IS_ERR_VALUE(addr))
        return int(long(addr));
    if (addr != start)
        return -ENOMEM;
    if (ph.p_filesz == 0)
        return 0;
    // FOLL_FORCE: text is written although its VMA is not writable, as a debugger's poke is.
    long copied = access_process_vm(mm, ph.p_vaddr, const_cast<u8*>(image + ph.p_offset), ph.p_filesz,
                                    FOLL_WRITE | FOLL_FORCE);
    if (copied != long(ph.p_filesz))
        return -ENOMEM;
    // The rest of the last file page belongs to bss (or is padding): make sure it reads zero
    // whatever the page held before, without touching the pages after it.
    unsigned long file_end = ph.p_vaddr + ph.p_filesz;
    unsigned long page_end = PAGE_ALIGN(file_end);
    unsigned long mem_end = ph.p_vaddr + ph.p_memsz;
    unsigned long pad = (page_end < mem_end ? page_end : mem_end) - file_end;
    if (pad > 0 && !clear_user_range(mm, file_end, pad))
        return -ENOMEM;
    return 0;
}

}  // namespace

int load_elf_binary(mm_struct* mm, const program_image* prog, elf_info* info)
{
    if (prog == nullptr)
        return -ENOEXEC;
    int err = elf_check(prog->start, static_cast<unsigned long>(prog->end - prog->start), task_size(), info);
    for (unsigned i = 0; err == 0 && i < info->phnum; i++) {
        Elf64_Phdr ph;
        if (elf_load_segment(prog->start, *info, i, &ph))
            err = load_segment(mm, prog->start, ph);
    }
    return err;
}
