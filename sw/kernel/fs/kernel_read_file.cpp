// Reading a whole file into kernel memory (Linux fs/kernel_read_file.c), for execve of an ELF
// from the file system: the loader then maps it as it maps an initramfs file.
#include "fs/syscalls.h"

#include "kernel/errno.h"
#include "mm/mm.h"

int kernel_read_file_from_path(const char* path, void** buf, unsigned long* size)
{
    if (!root_sb()) return -ENOENT;
    vfs_lock();
    inode* ino;
    int err = filename_lookup(AT_FDCWD, path, &ino);
    if (!err) {
        if (!S_ISREG(ino->i_mode)) err = S_ISDIR(ino->i_mode) ? -EISDIR : -EACCES;
        else if (!(ino->i_mode & 0111)) err = -EACCES;
        else if (ino->i_size == 0) err = -ENOEXEC;
        else if (ino->i_size > (64ul << 20)) err = -EFBIG;
        if (!err) {
            *size = ino->i_size;
            *buf = vmalloc(PAGE_ALIGN(*size));
            if (!*buf) err = -ENOMEM;
            else if (ino->i_fop->read(ino, *buf, *size, 0) != long(*size)) err = -EIO;
            if (err && *buf) vfree(*buf);
        }
        iput(ino);
    }
    vfs_unlock();
    return err;
}
