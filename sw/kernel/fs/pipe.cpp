// Pipes (Linux fs/pipe.c): a one-page ring buffer between a read end and a write end, each a
// file that dup and fork share. A reader of an empty pipe sleeps until data comes or the last
// writer closes (then end of file); a writer of a full pipe sleeps until there is room, and
// gets EPIPE once no reader is left (no SIGPIPE: signals take only their default actions
// here). Sleeping is on completions, one per direction, re-checked on every wakeup.
#include "fs/syscalls.h"

#include "asm/uaccess.h"
#include "kernel/completion.h"
#include "kernel/errno.h"
#include "mm/slab.h"

struct pipe_inode_info {
    spinlock_t lock;
    char* buf;               // PIPE_SIZE bytes
    unsigned long head;      // bytes ever written
    unsigned long tail;      // bytes ever read
    int readers, writers;    // open ends
    int waiting_readers, waiting_writers;
    completion rd_wait;      // completed when data arrives or the last writer goes
    completion wr_wait;      // completed when room appears or the last reader goes
};

namespace {

constexpr unsigned long PIPE_SIZE = PAGE_SIZE;

// Wakes every task waiting on that side (each rechecks its condition).
void wake_all(completion* c, int waiting)
{
    for (int i = 0; i < waiting; ++i) complete(c);
}

// Sleeps on c with the pipe unlocked; called and returns with the lock held.
unsigned long wait_on(pipe_inode_info* p, completion* c, int* waiting, unsigned long flags)
{
    ++*waiting;
    spin_unlock_irqrestore(&p->lock, flags);
    wait_for_completion(c);
    flags = spin_lock_irqsave(&p->lock);
    --*waiting;
    return flags;
}

}  // namespace

int create_pipe_files(file* files[2])
{
    auto* p = static_cast<pipe_inode_info*>(kzalloc(sizeof(pipe_inode_info), GFP_KERNEL));
    char* buf = p ? static_cast<char*>(kmalloc(PIPE_SIZE, GFP_KERNEL)) : nullptr;
    files[0] = buf ? alloc_file(nullptr, O_RDONLY) : nullptr;
    files[1] = files[0] ? alloc_file(nullptr, O_WRONLY) : nullptr;
    if (!files[1]) {
        kfree(files[0]);
        kfree(buf);
        kfree(p);
        return -ENOMEM;
    }
    spin_lock_init(&p->lock);
    p->buf = buf;
    p->readers = p->writers = 1;
    init_completion(&p->rd_wait);
    init_completion(&p->wr_wait);
    files[0]->f_pipe = files[1]->f_pipe = p;
    return 0;
}

long pipe_read(file* f, char* ubuf, unsigned long len)
{
    if ((f->f_flags & O_ACCMODE) != O_RDONLY) return -EBADF;
    pipe_inode_info* p = f->f_pipe;
    char chunk[256];
    unsigned long done = 0;
    bool fault = false;
    unsigned long flags = spin_lock_irqsave(&p->lock);
    while (p->head == p->tail && p->writers) flags = wait_on(p, &p->rd_wait, &p->waiting_readers, flags);
    while (done < len && p->head != p->tail) {
        unsigned long n = p->head - p->tail;
        if (n > len - done) n = len - done;
        if (n > sizeof(chunk)) n = sizeof(chunk);
        for (unsigned long i = 0; i < n; ++i) chunk[i] = p->buf[(p->tail + i) % PIPE_SIZE];
        p->tail += n;
        spin_unlock_irqrestore(&p->lock, flags);
        fault = copy_to_user(ubuf + done, chunk, n);
        flags = spin_lock_irqsave(&p->lock);
        if (fault) {
            p->tail -= n;  // nothing consumed that the reader did not get
            break;
        }
        done += n;
    }
    const int writers_waiting = p->waiting_writers;
    spin_unlock_irqrestore(&p->lock, flags);
    wake_all(&p->wr_wait, writers_waiting);
    return done ? long(done) : fault ? -EFAULT : 0;
}

long pipe_write(file* f, const char* ubuf, unsigned long len)
{
    if ((f->f_flags & O_ACCMODE) != O_WRONLY) return -EBADF;
    pipe_inode_info* p = f->f_pipe;
    char chunk[256];
    unsigned long done = 0;
    long err = 0;
    while (done < len && !err) {
        unsigned long n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        if (copy_from_user(chunk, ubuf + done, n)) {
            err = -EFAULT;
            break;
        }
        unsigned long flags = spin_lock_irqsave(&p->lock);
        while (p->readers && p->head - p->tail == PIPE_SIZE)
            flags = wait_on(p, &p->wr_wait, &p->waiting_writers, flags);
        if (!p->readers) {
            err = -EPIPE;
        } else {
            if (n > PIPE_SIZE - (p->head - p->tail)) n = PIPE_SIZE - (p->head - p->tail);
            for (unsigned long i = 0; i < n; ++i) p->buf[(p->head + i) % PIPE_SIZE] = chunk[i];
            p->head += n;
            done += n;
        }
        const int readers_waiting = p->waiting_readers;
        spin_unlock_irqrestore(&p->lock, flags);
        wake_all(&p->rd_wait, readers_waiting);
    }
    return done ? long(done) : err;
}

void pipe_release(file* f)
{
    pipe_inode_info* p = f->f_pipe;
    unsigned long flags = spin_lock_irqsave(&p->lock);
    if ((f->f_flags & O_ACCMODE) == O_RDONLY) --p->readers;
    else --p->writers;
    const bool last = !p->readers && !p->writers;
    const int readers_waiting = p->waiting_readers, writers_waiting = p->waiting_writers;
    spin_unlock_irqrestore(&p->lock, flags);
    if (last) {
        kfree(p->buf);
        kfree(p);
        return;
    }
    wake_all(&p->rd_wait, readers_waiting);
    wake_all(&p->wr_wait, writers_waiting);
}

long sys_pipe2(int* ufds, unsigned flags)
{
    if (flags & ~O_CLOEXEC) return -EINVAL;
    file* files[2];
    int err = create_pipe_files(files);
    if (err) return err;
    int fds[2] = {fd_install(files[0]), -1};
    if (fds[0] >= 0) fds[1] = fd_install(files[1]);
    if (fds[1] < 0 || copy_to_user(ufds, fds, sizeof(fds))) {
        err = fds[1] < 0 ? -EMFILE : -EFAULT;
        if (fds[0] >= 0) close_fd(fds[0]);
        else fput(files[0]);
        if (fds[1] >= 0) close_fd(fds[1]);
        else fput(files[1]);
        return err;
    }
    return 0;
}
