// ktest=uaccess: copy_to_user, copy_from_user and strncpy_from_user against a real address
// space. The test thread adopts a fresh mm with one writable and one read-only anonymous
// mapping: copies into untouched writable pages fault them in (one minor fault each) and
// succeed; copies into the read-only page, into unmapped space and beyond TASK_SIZE fail
// whole, as -EFAULT would, without killing anyone; a string runs into an unmapped page.
#include "lib/ktest.h"

#include "asm/mmu_context.h"
#include "asm/uaccess.h"
#include "kernel/printk.h"
#include "mm/mm.h"
#include "proc/sched.h"

int ktest_uaccess()
{
    int errors = 0;
    auto check = [&errors](bool ok, const char* what) {
        printk("ktest uaccess: %s: %s\n", what, ok ? "yes" : "no");
        if (!ok) ++errors;
    };
    mm_struct* mm = mm_alloc();
    if (!mm) return 2;
    task_struct* me = current;
    me->mm = mm;
    use_mm(mm);
    const unsigned long rw = do_mmap(mm, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    const unsigned long ro = do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
    if (IS_ERR_VALUE(rw) || IS_ERR_VALUE(ro)) return 2;
    // The top page of rw becomes a hole, so a string can run off the end of the mapping.
    if (do_munmap(mm, rw + 3 * PAGE_SIZE, PAGE_SIZE) != 0) return 2;

    static char buf[3 * PAGE_SIZE];
    for (unsigned i = 0; i < sizeof(buf); ++i) buf[i] = char('a' + i % 26);
    const unsigned long flt = mm->min_flt;
    check(copy_to_user(reinterpret_cast<void*>(rw + 100), buf, 2 * PAGE_SIZE) == 0,
          "a copy across three untouched writable pages succeeds");
    printk("ktest uaccess: minor faults for it: %lu\n", mm->min_flt - flt);
    if (mm->min_flt - flt != 3) ++errors;
    static char back[2 * PAGE_SIZE];
    check(copy_from_user(back, reinterpret_cast<void*>(rw + 100), sizeof(back)) == 0 &&
              __builtin_memcmp(back, buf, sizeof(back)) == 0,
          "copy_from_user reads back what was written");
    check(copy_to_user(reinterpret_cast<void*>(ro), buf, 8) == 8, "a copy into a read-only page fails whole");
    char c = 1;
    check(copy_from_user(&c, reinterpret_cast<void*>(ro), 1) == 0 && c == 0, "the read-only page reads as zero");
    check(copy_to_user(reinterpret_cast<void*>(rw + 3 * PAGE_SIZE), buf, 1) == 1, "a copy into a hole fails");
    check(copy_to_user(reinterpret_cast<void*>(task_size() - 4), buf, 8) == 8, "a copy past TASK_SIZE fails");
    // A string of 'x' up to the hole: no NUL before the unmapped page.
    static char xs[PAGE_SIZE];
    __builtin_memset(xs, 'x', sizeof(xs));
    copy_to_user(reinterpret_cast<void*>(rw + 2 * PAGE_SIZE), xs, sizeof(xs));
    static char name[2 * PAGE_SIZE];
    check(strncpy_from_user(name, reinterpret_cast<const char*>(rw + 2 * PAGE_SIZE), sizeof(name)) == -EFAULT,
          "a string running into a hole gives -EFAULT");
    check(strncpy_from_user(name, reinterpret_cast<const char*>(rw + 2 * PAGE_SIZE), 16) == -36,
          "a string longer than the limit gives -ENAMETOOLONG");
    copy_to_user(reinterpret_cast<void*>(rw + 2 * PAGE_SIZE + 5), "", 1);
    check(strncpy_from_user(name, reinterpret_cast<const char*>(rw + 2 * PAGE_SIZE), 16) == 5 &&
              __builtin_strcmp(name, "xxxxx") == 0,
          "a short string is copied with its length");

    me->mm = nullptr;
    switch_to_kernel_mm();
    mmput(mm);
    printk("ktest uaccess: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
