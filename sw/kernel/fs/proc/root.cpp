// The proc file system's directories and inodes (Linux fs/proc/root.c, base.c, generic.c):
// /proc holds fixed entries, a directory per process (its thread group leader's pid) and the
// self link; each inode is made on lookup from the entry it shows and freed with its last
// reference. Mounted on /proc at boot (fs/namespace.cpp), on the root disk or on rootfs.
#include "fs/proc/internal.h"

#include "kernel/errno.h"
#include "mm/slab.h"
#include "proc/sched.h"

namespace {

struct proc_inode {
    inode vfs;                 // first: the VFS hands out &vfs
    const proc_entry* entry;   // what it shows; nullptr for /proc and /proc/PID
    const proc_entry* parent;  // the directory entry it is in; nullptr: /proc or /proc/PID
    int pid;                   // under /proc/PID: the process; 0 otherwise
};

proc_inode* PI(inode* ino) { return reinterpret_cast<proc_inode*>(ino); }

super_block proc_sb;
inode* proc_root;

// Everything proc shows is regenerated at each open: nothing is kept for an unused inode.
inode* proc_alloc_inode(super_block*)
{
    auto* pi = static_cast<proc_inode*>(kzalloc(sizeof(proc_inode), GFP_KERNEL));
    return pi ? &pi->vfs : nullptr;
}
void proc_destroy_inode(inode* ino) { kfree(PI(ino)); }
void proc_evict_inode(inode*) {}

const super_operations proc_sops = {
    .alloc_inode = proc_alloc_inode, .destroy_inode = proc_destroy_inode, .evict_inode = proc_evict_inode};

bool name_is(const qstr* q, const char* s)
{
    unsigned i = 0;
    for (; s[i]; ++i)
        if (i >= q->len || q->name[i] != s[i]) return false;
    return i == q->len;
}

// A pid as /proc names its directory: decimal digits without a leading zero; 0 if not one.
int name_to_pid(const qstr* q)
{
    if (!q->len || q->len > 9 || q->name[0] == '0') return 0;
    int pid = 0;
    for (unsigned i = 0; i < q->len; ++i) {
        if (q->name[i] < '0' || q->name[i] > '9') return 0;
        pid = pid * 10 + (q->name[i] - '0');
    }
    return pid;
}

// A process /proc shows: a live thread group leader (kernel threads included, idle tasks not).
bool pid_visible(int pid)
{
    spin_guard g(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks)
        if (t->pid == pid) return t->tgid == pid && !t->is_idle && t->state != TASK_DEAD;
    return false;
}

// The smallest visible pid at least from, or 0.
int next_pid_from(int from)
{
    int best = 0;
    spin_guard g(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks) {
        if (t->pid < from || t->tgid != t->pid || t->is_idle || t->state == TASK_DEAD) continue;
        if (!best || t->pid < best) best = t->pid;
    }
    return best;
}

unsigned entry_index(const proc_entry* table, const proc_entry* e) { return unsigned(e - table); }

extern const inode_operations proc_dir_iops, proc_link_iops, proc_file_iops;
extern const file_operations proc_dir_fops, proc_file_fops;

// The inode for entry e (or a /proc/PID directory when e is nullptr), referenced.
int proc_get_inode(unsigned long ino_nr, const proc_entry* e, const proc_entry* parent, int pid, inode** out)
{
    bool is_new;
    inode* ino = iget_locked(&proc_sb, ino_nr, &is_new);
    if (!ino) return -ENOMEM;
    if (is_new) {
        proc_inode* pi = PI(ino);
        pi->entry = e;
        pi->parent = parent;
        pi->pid = pid;
        ino->i_mode = e ? e->mode : umode_t(S_IFDIR | 0555);
        ino->i_nlink = S_ISDIR(ino->i_mode) ? 2 : 1;
        ino->i_op = S_ISLNK(ino->i_mode) ? &proc_link_iops : S_ISDIR(ino->i_mode) ? &proc_dir_iops : &proc_file_iops;
        ino->i_fop = S_ISDIR(ino->i_mode) ? &proc_dir_fops : &proc_file_fops;
    }
    *out = ino;
    return 0;
}

// Fixed entries are numbered by table and index (below 1 << PROC_PID_SHIFT), a process's by pid.
unsigned long entry_ino(const proc_entry* table, unsigned table_base, const proc_entry* e, int pid)
{
    const unsigned long idx = table_base + entry_index(table, e);
    return pid ? (unsigned long)pid << PROC_PID_SHIFT | (idx + 1) : idx;
}

unsigned table_base(const proc_entry* table)
{
    if (table == proc_root_entries) return 2;
    if (table == proc_pid_entries) return 0;
    return table == proc_sys_entries ? 32 : 64;  // /proc/sys, /proc/sys/vm
}

// The table a directory inode lists, after the dot entries.
const proc_entry* dir_table(inode* dir)
{
    proc_inode* pi = PI(dir);
    if (pi->entry) return pi->entry->children;
    return pi->pid ? proc_pid_entries : proc_root_entries;
}

int proc_lookup(inode* dir, const qstr* name, inode** out)
{
    proc_inode* pi = PI(dir);
    if (name_is(name, "..")) {
        if (pi->parent) return proc_get_inode(entry_ino(proc_root_entries, 2, pi->parent, 0), pi->parent, nullptr, 0, out);
        *out = igrab(pi->entry || pi->pid ? proc_root : vfs_root_inode());
        return 0;
    }
    const proc_entry* table = dir_table(dir);
    for (const proc_entry* e = table; e->name; ++e)
        if (name_is(name, e->name))
            return proc_get_inode(entry_ino(table, table_base(table), e, pi->pid), e, pi->entry, pi->pid, out);
    if (dir == proc_root) {
        const int pid = name_to_pid(name);
        if (pid && pid_visible(pid)) return proc_get_inode((unsigned long)pid << PROC_PID_SHIFT, nullptr, nullptr, pid, out);
    }
    return -ENOENT;
}

u8 dt_of(umode_t mode) { return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG; }

// Positions: 0 and 1 the dot entries, then the table's, then (in /proc) PID_POS_BASE + pid.
constexpr u64 PID_POS_BASE = 256;

int proc_iterate(inode* dir, dir_context* ctx)
{
    proc_inode* pi = PI(dir);
    const proc_entry* table = dir_table(dir);
    unsigned n = 0;
    while (table[n].name) ++n;
    for (; ctx->pos < 2; ++ctx->pos)
        if (!ctx->actor(ctx, ctx->pos ? ".." : ".", unsigned(ctx->pos + 1), ctx->pos + 1, dir->i_ino, DT_DIR)) return 0;
    for (; ctx->pos < 2 + n; ++ctx->pos) {
        const proc_entry* e = &table[ctx->pos - 2];
        const unsigned long ino = entry_ino(table, table_base(table), e, pi->pid);
        if (!ctx->actor(ctx, e->name, unsigned(__builtin_strlen(e->name)), ctx->pos + 1, ino, dt_of(e->mode))) return 0;
    }
    if (dir != proc_root) return 0;
    if (ctx->pos < PID_POS_BASE) ctx->pos = PID_POS_BASE;
    for (int pid; (pid = next_pid_from(int(ctx->pos - PID_POS_BASE))) != 0; ctx->pos = PID_POS_BASE + u64(pid) + 1) {
        char name[12];
        seq_buf s(name, sizeof(name));
        seq_buf_printf(&s, "%d", pid);
        if (!ctx->actor(ctx, name, unsigned(s.len), PID_POS_BASE + u64(pid) + 1, (unsigned long)pid << PROC_PID_SHIFT,
                        DT_DIR))
            return 0;
    }
    return 0;
}

// /proc/self: the caller's thread group id (Linux proc_self_get_link).
int proc_self_get_link(inode*, char* buf, unsigned size)
{
    seq_buf s(buf, size);
    seq_buf_printf(&s, "%d", current->tgid);
    return s.overflowed ? -ENAMETOOLONG : int(s.len);
}

// The text an open file reads: made once, at open (Linux seq_file makes it at the first read
// and keeps it for the next ones; the difference shows only between open and read).
struct proc_snapshot {
    size_t len;
    char text[];
};

constexpr size_t SNAPSHOT_FIRST = 4096 - sizeof(proc_snapshot), SNAPSHOT_MAX = 256 * 1024;

int proc_open(inode* ino, file* f)
{
    proc_inode* pi = PI(ino);
    if ((f->f_flags & O_ACCMODE) == O_WRONLY) return 0;  // a sysctl write: nothing to show
    if (!pi->entry->show) return -EINVAL;
    for (size_t cap = SNAPSHOT_FIRST; cap <= SNAPSHOT_MAX; cap = cap * 2 + sizeof(proc_snapshot)) {
        auto* snap = static_cast<proc_snapshot*>(kmalloc(sizeof(proc_snapshot) + cap, GFP_KERNEL));
        if (!snap) return -ENOMEM;
        seq_buf m(snap->text, cap);
        const int err = pi->entry->show(&m, pi->pid);
        if (err || !m.overflowed) {
            if (err) {
                kfree(snap);
                return err;
            }
            snap->len = m.len;
            f->private_data = snap;
            return 0;
        }
        kfree(snap);  // did not fit: again, twice as large
    }
    return -ENOMEM;
}

void proc_release(inode*, file* f) { kfree(f->private_data); }

long proc_read(file* f, void* buf, size_t len, u64 pos)
{
    const auto* snap = static_cast<const proc_snapshot*>(f->private_data);
    if (!snap) return -EBADF;
    if (pos >= snap->len) return 0;
    const size_t n = len < snap->len - pos ? len : size_t(snap->len - pos);
    __builtin_memcpy(buf, snap->text + pos, n);
    return long(n);
}

long proc_write(file* f, const void* buf, size_t len, u64 pos)
{
    proc_inode* pi = PI(f->f_inode);
    if (!pi->entry->write) return -EIO;  // Linux proc_reg_write without a proc_write
    // sysctl_writes_strict (Linux's default): a write that does not start at 0 changes nothing.
    if (pos) return long(len);
    return pi->entry->write(pi->pid, static_cast<const char*>(buf), len);
}

const inode_operations proc_dir_iops = {.lookup = proc_lookup};
const inode_operations proc_link_iops = {.get_link = proc_self_get_link};
const inode_operations proc_file_iops = {};
const file_operations proc_dir_fops = {.iterate = proc_iterate};
const file_operations proc_file_fops = {
    .open = proc_open, .release = proc_release, .read_file = proc_read, .write_file = proc_write};

}  // namespace

inode* proc_root_inode() { return proc_root; }

void proc_root_init()
{
    // The root is static, as the mount holds it for good: mounting allocates nothing, so the
    // boot-time figures (free pages, slabs) are those of a kernel without /proc.
    static proc_inode root;
    proc_sb.s_blocksize = 1024;  // as Linux's proc inodes report
    proc_sb.s_dev = 20;          // 0:20, an anonymous device as Linux gives procfs
    proc_sb.s_op = &proc_sops;
    INIT_LIST_HEAD(&proc_sb.s_inodes);
    inode* ino = &root.vfs;
    ino->i_sb = &proc_sb;
    ino->i_ino = PROC_ROOT_INO;
    ino->i_mode = S_IFDIR | 0555;
    ino->i_nlink = 2;
    ino->i_count = 1;
    ino->i_op = &proc_dir_iops;
    ino->i_fop = &proc_dir_fops;
    INIT_LIST_HEAD(&ino->i_sb_list);
    proc_root = proc_sb.s_root = ino;
}

const proc_entry proc_root_entries[] = {
    {"buddyinfo", S_IFREG | 0444, buddyinfo_show, nullptr, nullptr},
    {"loadavg", S_IFREG | 0444, loadavg_show, nullptr, nullptr},
    {"meminfo", S_IFREG | 0444, meminfo_show, nullptr, nullptr},
    {"self", S_IFLNK | 0777, nullptr, nullptr, nullptr},
    {"slabinfo", S_IFREG | 0400, slabinfo_show, nullptr, nullptr},
    {"stat", S_IFREG | 0444, stat_show, nullptr, nullptr},
    {"sys", S_IFDIR | 0555, nullptr, nullptr, proc_sys_entries},
    {"uptime", S_IFREG | 0444, uptime_show, nullptr, nullptr},
    {"vmstat", S_IFREG | 0444, vmstat_show, nullptr, nullptr},
    {"zoneinfo", S_IFREG | 0444, zoneinfo_show, nullptr, nullptr},
    {nullptr, 0, nullptr, nullptr, nullptr},
};

// Linux tgid_base_stuff's order for the ones there are.
const proc_entry proc_pid_entries[] = {
    {"status", S_IFREG | 0444, proc_pid_status_show, nullptr, nullptr},
    {"cmdline", S_IFREG | 0444, proc_pid_cmdline_show, nullptr, nullptr},
    {"stat", S_IFREG | 0444, proc_pid_stat_show, nullptr, nullptr},
    {"statm", S_IFREG | 0444, proc_pid_statm_show, nullptr, nullptr},
    {"maps", S_IFREG | 0444, proc_pid_maps_show, nullptr, nullptr},
    {"smaps_rollup", S_IFREG | 0444, proc_pid_smaps_rollup_show, nullptr, nullptr},
    {"oom_score", S_IFREG | 0444, proc_oom_score_show, nullptr, nullptr},
    {"oom_score_adj", S_IFREG | 0644, proc_oom_score_adj_show, proc_oom_score_adj_write, nullptr},
    {nullptr, 0, nullptr, nullptr, nullptr},
};
