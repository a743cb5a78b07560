// The initramfs (Linux init/initramfs.c): the newc cpio archive the boot loader left in memory
// (QEMU -initrd, memvp --initrd) and setup_arch reserved. It is not unpacked into a file
// system: execve finds a program's ELF in the archive and loads it from there.
#include "boot/setup.h"
#include "kernel/printk.h"
#include "mm/memory_model.h"
#include "user_programs/cpio.h"
#include "user_programs/user_programs.h"

namespace {

const u8* archive;  // nullptr without a usable initramfs
unsigned long archive_len;

}  // namespace

void initramfs_init()
{
    if (initrd_end_pa() == initrd_start_pa())
        return;
    const u8* start = static_cast<const u8*>(phys_to_virt(PhysAddr{initrd_start_pa()}));
    const unsigned long len = initrd_end_pa() - initrd_start_pa();
    unsigned long offset = 0;
    cpio_entry e;
    int rc;
    while ((rc = cpio_next(start, len, &offset, &e)) == 1) {
    }
    if (rc < 0) {
        printk("initramfs: no newc cpio archive at byte %lu; ignoring it\n", offset);
        return;
    }
    archive = start;
    archive_len = len;
}

bool initramfs_find(const char* name, program_image* out)
{
    cpio_entry e;
    if (!archive || !cpio_find(archive, archive_len, name, &e))
        return false;
    *out = {e.name, e.data, e.data + e.size};
    return true;
}

void initramfs_print_names()
{
    unsigned long offset = 0;
    cpio_entry e;
    while (archive && cpio_next(archive, archive_len, &offset, &e) == 1)
        if ((e.mode & CPIO_S_IFMT) == CPIO_S_IFREG)
            printk(" %s", e.name);
}
