// Parsing of /chosen/bootargs into kernel_options (Linux parse_args on the command line, with
// the few options this kernel knows). Runs before translation, so no tables of pointers.
#include "boot/bootargs.h"

namespace {

bool word_is(const char* word, const char* key, const char** value)
{
    while (*key)
        if (*word++ != *key++) return false;
    *value = word;
    return true;
}

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

// A decimal number that is the whole of s, or -1.
long parse_ulong(const char* s)
{
    long n = 0;
    if (!*s) return -1;
    for (; *s; ++s) {
        if (*s < '0' || *s > '9' || n > 100000000) return -1;
        n = n * 10 + (*s - '0');
    }
    return n;
}

// sysctl.vm.KEY=VALUE for the write-back tunables (index in kernel_options::sysctl_vm_dirty),
// min_free_kbytes (at least 1), swappiness (0 to 200), page-cluster (0 to 31), overcommit_memory (0 to 2), overcommit_ratio
// and zone_reclaim_mode (0 to 7); false if the key is not one of
// them or the value is not a number in range.
bool apply_sysctl_vm(kernel_options* o, const char* w)
{
    const char* v;
    if (word_is(w, "min_free_kbytes=", &v)) return (o->sysctl_vm_min_free_kbytes = parse_ulong(v)) > 0;
    if (word_is(w, "swappiness=", &v)) {
        const long s = parse_ulong(v);
        if (s < 0 || s > 200) return false;
        o->sysctl_vm_swappiness = unsigned(s);
        return true;
    }
    if (word_is(w, "page-cluster=", &v)) {
        const long c = parse_ulong(v);
        if (c < 0 || c > 31) return false;  // Linux page_cluster_max
        o->sysctl_vm_page_cluster = unsigned(c);
        return true;
    }
    if (word_is(w, "overcommit_memory=", &v)) {
        const long mode = parse_ulong(v);
        if (mode < 0 || mode > 2) return false;
        o->sysctl_vm_overcommit_memory = unsigned(mode);
        return true;
    }
    if (word_is(w, "overcommit_ratio=", &v)) {
        const long ratio = parse_ulong(v);
        if (ratio < 0) return false;
        o->sysctl_vm_overcommit_ratio = unsigned(ratio);
        return true;
    }
    if (word_is(w, "zone_reclaim_mode=", &v)) {
        const long mode = parse_ulong(v);
        if (mode < 0 || mode > 7) return false;
        o->sysctl_vm_zone_reclaim_mode = unsigned(mode);
        return true;
    }
    int k = -1;
    if (word_is(w, "dirty_background_ratio=", &v)) k = 0;
    else if (word_is(w, "dirty_ratio=", &v)) k = 1;
    else if (word_is(w, "dirty_writeback_centisecs=", &v)) k = 2;
    else if (word_is(w, "dirty_expire_centisecs=", &v)) k = 3;
    if (k < 0 || (o->sysctl_vm_dirty[k] = parse_ulong(v)) < 0) return false;
    return true;
}

// Returns false if the word is an unknown or malformed option.
bool apply(kernel_options* o, const char* w)
{
    const char* v;
    if (word_is(w, "init=", &v)) o->init = o->init_argv[0] = v;
    else if (word_is(w, "ktest=", &v)) o->ktest = v;
    else if (word_is(w, "root=", &v)) {
        if (!word_is(v, "/dev/", &o->root) || !*o->root) {
            o->root = nullptr;
            return false;
        }
    } else if (word_is(w, "swap=", &v)) {
        if (!*v) return false;
        o->swap = v;
    } else if (word_is(w, "sysctl.vm.", &v)) {
        return apply_sysctl_vm(o, v);
    } else if (streq(w, "rw")) o->root_rw = true;
    else if (streq(w, "ro")) o->root_rw = false;
    else if (word_is(w, "mmu=", &v)) {
        if (streq(v, "sv39")) o->mmu_levels = 3;
        else if (streq(v, "sv48")) o->mmu_levels = 4;
        else return false;
    } else if (word_is(w, "thp=", &v)) {
        if (streq(v, "always")) o->thp = THP_OPT_ALWAYS;
        else if (streq(v, "madvise")) o->thp = THP_OPT_MADVISE;
        else if (streq(v, "never")) o->thp = THP_OPT_NEVER;
        else return false;
    } else if (word_is(w, "asid=", &v)) {
        if (streq(v, "on")) o->asid = true;
        else if (streq(v, "off")) o->asid = false;
        else return false;
    } else if (word_is(w, "clear_young_flush=", &v)) {
        if (streq(v, "on")) o->clear_young_flush = true;
        else if (streq(v, "off")) o->clear_young_flush = false;
        else return false;
    } else {
        for (const char* c = w; *c; ++c)
            if (*c == '=') return false;
        if (o->init_argc < INIT_MAX_ARGS) o->init_argv[o->init_argc++] = w;
    }
    return true;
}

}  // namespace

void parse_bootargs(const char* bootargs, kernel_options* o)
{
    unsigned n = 0;
    for (; bootargs[n] && n + 1 < BOOTARGS_MAX; ++n) o->words[n] = bootargs[n] == ' ' ? '\0' : bootargs[n];
    o->words[n] = '\0';
    o->init = "init";
    o->init_argv[0] = o->init;
    o->init_argc = 1;
    o->mmu_levels = 3;
    o->thp = THP_OPT_MADVISE;
    o->asid = true;
    o->clear_young_flush = false;
    o->ktest = nullptr;
    o->root = nullptr;
    o->root_rw = false;
    o->swap = nullptr;
    o->bad = nullptr;
    for (long& v : o->sysctl_vm_dirty) v = -1;
    o->sysctl_vm_min_free_kbytes = -1;
    o->sysctl_vm_zone_reclaim_mode = 0;
    o->sysctl_vm_swappiness = 60;
    o->sysctl_vm_page_cluster = 3;
    o->sysctl_vm_overcommit_memory = 0;
    o->sysctl_vm_overcommit_ratio = 50;
    for (unsigned i = 0; i < n; ++i) {
        if (!o->words[i] || (i && o->words[i - 1])) continue;
        if (!apply(o, &o->words[i]) && !o->bad) o->bad = &o->words[i];
    }
    o->init_argv[o->init_argc] = nullptr;
}

void kernel_options_rebase(kernel_options* o, long delta)
{
    auto move = [delta](const char*& p) {
        if (p) p += delta;
    };
    move(o->init);
    move(o->ktest);
    move(o->root);
    move(o->swap);
    move(o->bad);
    for (int i = 0; i < o->init_argc; ++i) move(o->init_argv[i]);
}
