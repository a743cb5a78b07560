// The "newc" cpio format of an initramfs (Linux Documentation/driver-api/early-userspace/
// buffer-format.rst, as usr/gen_init_cpio.c writes it): a 110-byte ASCII header, the
// NUL-terminated name, the file data, each padded to 4 bytes, up to the entry "TRAILER!!!";
// zero words between entries are skipped, as Linux init/initramfs.c skips them.
// Free of other kernel code so that the host tests build it unchanged.
#pragma once

#include "kernel/types.h"

inline constexpr u32 CPIO_S_IFMT = 0170000;
inline constexpr u32 CPIO_S_IFREG = 0100000;

struct cpio_entry {
    const char* name;     // inside the archive, NUL-terminated
    u32 mode;             // st_mode: file type and permissions
    const u8* data;       // filesize bytes inside the archive, at a 4-byte aligned offset
    unsigned long size;
};

// Reads the entry at *offset (4-byte aligned) of the archive [archive, archive + len), after
// any zero words, into *e and moves *offset past it. 1: an entry; 0: the trailer, the archive ends; -1: not a newc archive there (bad
// magic or hex digit, a name without its NUL, a name or data running past len).
int cpio_next(const u8* archive, unsigned long len, unsigned long* offset, cpio_entry* e);

// The regular file whose name (without leading "./" or "/") is name; false if the archive has
// none or is corrupt before it.
bool cpio_find(const u8* archive, unsigned long len, const char* name, cpio_entry* e);
