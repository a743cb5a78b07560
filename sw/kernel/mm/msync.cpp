// The file side of the mmap family's system calls (Linux ksys_mmap_pgoff and do_mmap's file
// checks in mm/mmap.c; mm/msync.c): mmap of an open file, checked against its open mode, and
// msync, which for MS_SYNC writes the files of the shared mappings in the range back and waits.
#include "fs/syscalls.h"

#include "kernel/errno.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"

long sys_mmap(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags, int fd,
              unsigned long off)
{
    if (flags & MAP_ANONYMOUS) return long(do_mmap(mm, addr, len, prot, flags));
    if (off & ~PAGE_MASK) return -EINVAL;
    file* f = fget(fd);
    if (!f) return -EBADF;
    const unsigned accmode = f->f_flags & O_ACCMODE;
    long rc;
    unsigned long mask = 0;  // VM_MAY* the open mode forbids
    if (!f->f_inode || !f->f_inode->i_fop->mmap) rc = -ENODEV;  // the console, pipes, directories
    else if (accmode == O_WRONLY) rc = -EACCES;                  // a mapping always reads
    else if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && (accmode != O_RDWR || (f->f_flags & O_APPEND)))
        rc = -EACCES;
    else rc = 0;
    if (!rc) {
        if ((flags & MAP_SHARED) && accmode != O_RDWR) mask = VM_MAYWRITE;
        rc = long(do_mmap_file(mm, f, addr, len, prot, flags, mask, off >> PAGE_SHIFT));
    }
    fput(f);
    return rc;
}

// The next shared file VMA at or after start below end, its file referenced, and where it
// ends; nullptr when none is left. *hole is set when [start, the VMA) is not wholly mapped.
static file* next_shared_file(mm_struct* mm, unsigned long start, unsigned long end, unsigned long* vm_end,
                              bool* hole)
{
    mmap_read_guard guard(mm);
    for (vm_area_struct* vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma)) {
        if (vma->vm_start > start) *hole = true;
        start = vma->vm_end;
        if (vma->vm_file && (vma->vm_flags & VM_SHARED)) {
            get_file(vma->vm_file);
            *vm_end = vma->vm_end;
            return vma->vm_file;
        }
    }
    if (start < end) *hole = true;
    return nullptr;
}

long sys_msync(mm_struct* mm, unsigned long start, unsigned long len, int flags)
{
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return -EINVAL;
    if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return -EINVAL;
    if (start & ~PAGE_MASK) return -EINVAL;
    len = PAGE_ALIGN(len);
    const unsigned long end = start + len;
    if (end < start || end > task_size()) return -ENOMEM;
    // Stores dirty the page-cache pages as they fault (filemap_fault.cpp), so MS_ASYNC has
    // nothing left to do (as in Linux); MS_SYNC waits for each file's write-back (vfs_fsync),
    // without mmap_lock, which a fault of another thread may want meanwhile.
    bool hole = false;
    int err = 0;
    while (start < end) {
        unsigned long vm_end = end;
        file* f = next_shared_file(mm, start, end, &vm_end, &hole);
        if (!f) break;
        if ((flags & MS_SYNC) && !err) err = vfs_fsync(f);
        fput(f);
        start = vm_end;
    }
    return err ? err : hole ? -ENOMEM : 0;
}
