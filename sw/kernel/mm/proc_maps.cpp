// The /proc views of an address space (Linux fs/proc/task_mmu.c show_map_vma, and the mm
// fields of /proc/PID/status): one maps line per VMA, and the figures memvp_proc_stat reports.
#include "fs/file.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"

// Linux show_map_vma: "start-end perms offset dev inode", padded to a column, then the name.
static void show_map_vma(seq_buf* m, mm_struct* mm, vm_area_struct* vma)
{
    const unsigned long flags = vma->vm_flags;
    const size_t line_start = m->len;
    // A file mapping shows the root disk's device (254:0, as fstat) and the inode number; there
    // is no dentry cache to print its path from.
    const unsigned long ino = vma->vm_file ? vma->vm_file->f_inode->i_ino : 0;
    seq_buf_printf(m, "%08lx-%08lx %c%c%c%c %08lx %s %lu ", vma->vm_start, vma->vm_end,
                   (flags & VM_READ) ? 'r' : '-', (flags & VM_WRITE) ? 'w' : '-', (flags & VM_EXEC) ? 'x' : '-',
                   (flags & VM_MAYSHARE) ? 's' : 'p',
                   (vma->vm_shared || vma->vm_file) ? vma->vm_pgoff << PAGE_SHIFT : 0UL, ino ? "fe:00" : "00:00", ino);
    const char* name = nullptr;
    if (vma->vm_shared)
        name = "/dev/zero (deleted)";  // Linux's name for shared anonymous memory
    else if (vma->vm_start <= mm->brk && vma->vm_end > mm->start_brk)
        name = "[heap]";
    else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
        name = "[stack]";
    if (name) {
        // seq_setwidth(25 + 6 * sizeof(void*) - 1) then seq_pad(' '): 64-bit lines pad to 72.
        const size_t width = 25 + 6 * 8 - 1;
        while (m->len - line_start < width && !m->overflowed) seq_buf_putc(m, ' ');
        seq_buf_putc(m, ' ');
        seq_buf_puts(m, name);
    }
    seq_buf_putc(m, '\n');
}

void show_maps(mm_struct* mm, seq_buf* m)
{
    mmap_read_guard guard(mm);
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) show_map_vma(m, mm, vma);
}

int fill_proc_stat(mm_struct* mm, memvp_proc_stat* st)
{
    mmap_read_guard guard(mm);
    unsigned long total_vm = 0;
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) total_vm += vma_pages(vma);
    st->vm_size_pages = total_vm;
    st->rss_pages = mm->rss;
    st->rss_zero_pages = mm->rss_zero;
    st->page_table_pages = mm->nr_ptes;
    st->min_flt = mm->min_flt;
    st->maj_flt = mm->maj_flt;
    st->thp_pages = mm->thp_pages;
    st->start_brk = mm->start_brk;
    st->brk = mm->brk;
    st->mmap_base = mm->mmap_base;
    st->stack_top = mm->start_stack;
    return 0;
}
