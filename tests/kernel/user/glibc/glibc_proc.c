/* An unmodified static glibc program that reads /proc as Linux programs do: the directory
 * listings, /proc/self, the global files (meminfo, vmstat, buddyinfo, slabinfo, zoneinfo, stat,
 * loadavg, uptime), its own /proc/PID files and /proc/sys/vm. It checks Linux's layouts (column
 * widths, field counts and order) and that the figures agree with each other and with the
 * kernel's own counters (memvp_vmstat, memvp_proc_stat, memvp_sysctl), and that writes behave
 * as Linux's: a sysctl or oom_score_adj written reads back, an invalid value is EINVAL, a
 * read-only file refuses writes. Only the checks' results and the layouts are printed, never
 * a figure that differs between machines. Run as init with arguments "x y". */
#define _GNU_SOURCE
/* memvp's calls and their structures; glibc's <sys/syscall.h> is left out, as it defines the
 * same Linux numbers differently spelt. */
#include "../../../../sw/kernel/include/uapi/memvp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static char text[65536];  /* file contents; static and touched before use: reads do not fault */
static char text2[65536];

static void check(const char *what, int ok)
{
  printf("%s: %s\n", what, ok ? "ok" : "FAIL");
  if (!ok)
    failures++;
}

/* The whole file into out (NUL-terminated) through read(2) calls of chunk bytes: its length or -errno. */
static long slurp_chunked(const char *path, char *out, size_t chunk)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -errno;
  long len = 0;
  for (;;) {
    size_t want = chunk < sizeof(text) - 1 - (size_t)len ? chunk : sizeof(text) - 1 - (size_t)len;
    ssize_t n = read(fd, out + len, want);
    if (n < 0) {
      len = -errno;
      break;
    }
    if (n == 0 || want == 0)
      break;
    len += n;
  }
  close(fd);
  if (len >= 0)
    out[len] = '\0';
  return len;
}

static long slurp(const char *path, char *out) { return slurp_chunked(path, out, sizeof(text) - 1); }

/* The value of "Name:" in a meminfo- or status-style text, or -1. */
static long field(const char *t, const char *name)
{
  size_t n = strlen(name);
  for (const char *p = t; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (!strncmp(p, name, n) && p[n] == ':')
      return strtol(p + n + 1, NULL, 10);
  return -1;
}

static long vm_field(const char *t, const char *name)
{
  size_t n = strlen(name);
  for (const char *p = t; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (!strncmp(p, name, n) && p[n] == ' ')
      return strtol(p + n + 1, NULL, 10);
  return -1;
}

static void memvp_vmstat(struct memvp_vmstat *st) { syscall(__NR_memvp_vmstat, st); }

static long write_str(const char *path, const char *s)
{
  int fd = open(path, O_WRONLY);
  if (fd < 0)
    return -errno;
  long rc = write(fd, s, strlen(s));
  if (rc < 0)
    rc = -errno;
  close(fd);
  return rc;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The names in dir other than pids, sorted, into out; whether pid is among the pid entries. */
static int list_dir(const char *dir, char *out, size_t size, int pid)
{
  static char names[64][260];
  char *sorted[64];
  int n = 0, found = 0;
  DIR *d = opendir(dir);
  if (!d)
    return -1;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] >= '1' && e->d_name[0] <= '9') {
      found |= atoi(e->d_name) == pid && e->d_type == DT_DIR;
      continue;
    }
    if (n < 64)
      snprintf(names[n], sizeof(names[n]), "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : "");
    sorted[n] = names[n];
    n++;
  }
  closedir(d);
  qsort(sorted, n, sizeof(*sorted), cmp_names);
  out[0] = '\0';
  for (int i = 0; i < n; i++)
    snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", sorted[i]);
  return found;
}

static void directories(void)
{
  char line[1024];
  int has_self = list_dir("/proc", line, sizeof(line), getpid());
  printf("/proc: %s\n", line);
  check("/proc lists this process's directory", has_self == 1);
  list_dir("/proc/self", line, sizeof(line), -1);
  printf("/proc/self: %s\n", line);
  list_dir("/proc/sys/vm", line, sizeof(line), -1);
  printf("/proc/sys/vm: %s\n", line);
  list_dir("/", line, sizeof(line), -1);
  check("/ lists proc", strstr(line, "proc/") != NULL);

  char link[32], pid[32];
  ssize_t n = readlink("/proc/self", link, sizeof(link));
  snprintf(pid, sizeof(pid), "%d", getpid());
  check("readlink /proc/self is the pid", n == (ssize_t)strlen(pid) && !memcmp(link, pid, (size_t)n));
  struct stat st;
  check("stat /proc/self follows the link", stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode));
  check("lstat /proc/self is a link", lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode));
  check("stat /proc/meminfo: a regular file of size 0", stat("/proc/meminfo", &st) == 0 && S_ISREG(st.st_mode) &&
                                                           st.st_size == 0);
  check("readlink of a file is EINVAL", readlink("/proc/meminfo", link, sizeof(link)) == -1 && errno == EINVAL);
  check("/proc/99999 is ENOENT", open("/proc/99999/status", O_RDONLY) == -1 && errno == ENOENT);
  check("/proc/self/../meminfo resolves", slurp("/proc/self/../meminfo", text) > 0);
  check("chdir /proc/sys/vm, open swappiness", chdir("/proc/sys/vm") == 0 && slurp("swappiness", text) > 0 &&
                                                  chdir("/") == 0);
  check("creat in /proc is EACCES, mkdir and unlink EPERM",
        open("/proc/new", O_WRONLY | O_CREAT, 0644) == -1 && errno == EACCES && mkdir("/proc/new", 0755) == -1 &&
            errno == EPERM && unlink("/proc/meminfo") == -1 && errno == EPERM && rmdir("/proc/sys") == -1 &&
            errno == EPERM);
  char cwd[64];
  check("getcwd in /proc/self", chdir("/proc/self") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/proc/1") &&
                                   chdir("/") == 0);
}

/* Every line "Label:   value kB" has the value right-aligned to column 24 (Linux show_val_kb). */
static void meminfo_layout(const char *t)
{
  char names[2048] = "";
  int aligned = 1;
  for (const char *p = t; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    const char *colon = memchr(p, ':', len);
    if (!colon) {
      aligned = 0;
      break;
    }
    snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%.*s", names[0] ? " " : "", (int)(colon - p), p);
    int kb = len > 3 && !memcmp(p + len - 3, " kB", 3);
    if ((kb && len != 27) || (!kb && len != 24) || p[(kb ? 27 : 24) - 1 - (kb ? 3 : 0)] == ' ')
      aligned = 0;
    p += len + (nl ? 1 : 0);
  }
  printf("meminfo fields: %s\n", names);
  check("meminfo values right-aligned to column 24", aligned);
}

/* Free pages from buddyinfo: blocks * 2^order summed over zones. */
static long buddy_free_pages(const char *t)
{
  long pages = 0;
  for (const char *p = t; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
    const char *q = strstr(p, "zone");
    if (!q)
      break;
    q += 4;
    while (*q == ' ')
      q++;
    while (*q && *q != ' ')
      q++;  /* the zone name */
    for (int order = 0; order < 16; order++) {
      char *end;
      long n = strtol(q, &end, 10);
      if (end == q)
        break;
      pages += n << order;
      q = end;
    }
  }
  return pages;
}

static void global_files(void)
{
  struct memvp_vmstat before, after;
  long len = 0, mem_free = -1, buddy = -1, vm_free = -1;
  /* The figures move when the kernel allocates: compare snapshots taken while nothing moved. */
  for (int tries = 0; tries < 20; tries++) {
    memvp_vmstat(&before);
    len = slurp("/proc/meminfo", text);
    slurp("/proc/buddyinfo", text2);
    buddy = buddy_free_pages(text2);
    slurp("/proc/vmstat", text2);
    vm_free = vm_field(text2, "nr_free_pages");
    memvp_vmstat(&after);
    mem_free = field(text, "MemFree");
    if (before.nr_free_pages == after.nr_free_pages && mem_free == (long)after.nr_free_pages * 4 &&
        buddy == (long)after.nr_free_pages && vm_free == (long)after.nr_free_pages)
      break;
  }
  check("meminfo read", len > 0);
  meminfo_layout(text);
  check("MemTotal is memvp_vmstat's total", field(text, "MemTotal") == (long)after.nr_total_pages * 4);
  check("MemFree is memvp_vmstat's free", mem_free == (long)after.nr_free_pages * 4);
  check("buddyinfo blocks * 2^order * 4 KiB == MemFree", buddy * 4 == mem_free);
  check("vmstat nr_free_pages == MemFree / 4", vm_free * 4 == mem_free);
  check("MemAvailable <= MemTotal", field(text, "MemAvailable") <= field(text, "MemTotal"));
  check("Active + Inactive == the four LRU lists",
        field(text, "Active") + field(text, "Inactive") ==
            field(text, "Active(anon)") + field(text, "Inactive(anon)") + field(text, "Active(file)") +
                field(text, "Inactive(file)"));
  check("Slab == SReclaimable + SUnreclaim", field(text, "Slab") == field(text, "SReclaimable") + field(text, "SUnreclaim"));

  /* Offsets: reading 7 bytes at a time gives the same text as one read (a snapshot per open). */
  long whole = slurp("/proc/zoneinfo", text), chunked = slurp_chunked("/proc/zoneinfo", text2, 7);
  check("zoneinfo read in 7-byte reads has the same length", whole > 0 && whole == chunked);
  int fd = open("/proc/uptime", O_RDONLY);
  char a[8] = "", b[8] = "";
  check("uptime: lseek(3), read, lseek(3) again, same bytes",
        fd >= 0 && read(fd, text2, 64) > 0 && lseek(fd, 3, SEEK_SET) == 3 && read(fd, a, 5) == 5 &&
            lseek(fd, -5, SEEK_CUR) == 3 && read(fd, b, 5) == 5 && !memcmp(a, b, 5) && !memcmp(a, text2 + 3, 5));
  check("lseek SEEK_END on a proc file is EINVAL", lseek(fd, 0, SEEK_END) == -1 && errno == EINVAL);
  close(fd);

  /* zoneinfo: free pages per zone add up; watermarks ordered; min summed is min_free_kbytes. */
  long zone_free = 0, min_sum = 0, ordered = 1, zones = 0;
  for (const char *p = strstr(text, "pages free"); p; p = strstr(p + 1, "pages free")) {
    long mn = strtol(strstr(p, "min") + 3, NULL, 10), lo = strtol(strstr(p, "low") + 3, NULL, 10),
         hi = strtol(strstr(p, "high") + 4, NULL, 10);
    zone_free += strtol(p + 10, NULL, 10);
    min_sum += mn;
    ordered &= mn <= lo && lo <= hi;
    zones++;
  }
  long min_free_kbytes = syscall(__NR_memvp_min_free_kbytes, 0L);
  check("zoneinfo has every zone, Node 0 first", zones >= 1 && !strncmp(text, "Node 0, zone ", 13));
  check("zoneinfo: min <= low <= high in every zone", ordered);
  check("zoneinfo: the zones' min watermarks add up to min_free_kbytes",
        min_sum * 4 <= min_free_kbytes && min_sum * 4 > min_free_kbytes - 4 * zones);
  check("zoneinfo: pages free near MemFree", zone_free * 4 <= mem_free + 1024 && zone_free * 4 >= mem_free - 1024);

  slurp("/proc/slabinfo", text);
  check("slabinfo: version 2.1 and its header", !strncmp(text, "slabinfo - version: 2.1\n# name ", 31));

  slurp("/proc/stat", text);
  unsigned long v[10];
  int n = sscanf(text, "cpu  %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
                 &v[7], &v[8], &v[9]);
  check("stat: a cpu line of 10 figures, then cpu0", n == 10 && strstr(text, "\ncpu0 ") != NULL);
  check("stat: ctxt, btime, processes, procs_running, procs_blocked",
        strstr(text, "\nctxt ") && strstr(text, "\nbtime ") && strstr(text, "\nprocesses ") &&
            strstr(text, "\nprocs_running ") && strstr(text, "\nprocs_blocked "));
  check("stat: at least this process running", strtol(strstr(text, "procs_running ") + 14, NULL, 10) >= 1);

  slurp("/proc/loadavg", text);
  int running, threads, last;
  unsigned l1, l1f, l5, l5f, l15, l15f;
  n = sscanf(text, "%u.%2u %u.%2u %u.%2u %d/%d %d", &l1, &l1f, &l5, &l5f, &l15, &l15f, &running, &threads, &last);
  check("loadavg: three averages, running/threads, last pid", n == 9 && running >= 1 && threads >= running &&
                                                                 last >= getpid());
  slurp("/proc/uptime", text);
  unsigned long up, upc, idle, idlec;
  check("uptime: two figures with hundredths", sscanf(text, "%lu.%2lu %lu.%2lu\n", &up, &upc, &idle, &idlec) == 4 &&
                                                   strlen(text) > 9);
  check("a write to a read-only file is EIO", write_str("/proc/meminfo", "1\n") == -EIO);
}

static void self_files(void)
{
  struct memvp_proc_stat ps;
  char name[64];
  long rss0, rss1, vmsize;
  slurp("/proc/self/status", text);
  syscall(__NR_memvp_proc_stat, 0, &ps);
  check("status: Name, State, Pid, PPid", !strncmp(text, "Name:\tglibc_proc\n", 17) && strstr(text, "\nState:\tR (running)\n") &&
                                              field(text, "Pid") == getpid() && field(text, "Tgid") == getpid() &&
                                              field(text, "PPid") == getppid());
  char names[1024] = "";
  for (const char *p = text; *p;) {
    const char *colon = strchr(p, ':');
    if (!colon)
      break;
    if (!strncmp(p, "Vm", 2) || !strncmp(p, "Rss", 3) || !strncmp(p, "Threads", 7))
      snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%.*s", names[0] ? " " : "", (int)(colon - p), p);
    p = strchr(p, '\n');
    if (!p)
      break;
    p++;
  }
  printf("status memory fields: %s\n", names);
  check("status: VmRSS is memvp_proc_stat's rss", field(text, "VmRSS") == (long)ps.rss_pages * 4);
  check("status: VmSize is memvp_proc_stat's size", field(text, "VmSize") == (long)ps.vm_size_pages * 4);
  check("status: RssAnon + RssFile + RssShmem == VmRSS",
        field(text, "RssAnon") + field(text, "RssFile") + field(text, "RssShmem") == field(text, "VmRSS"));
  check("status: Threads 1", field(text, "Threads") == 1);
  check("status: VmRSS line layout", strstr(text, "\nVmRSS:\t") && strstr(strstr(text, "\nVmRSS:\t"), " kB\n") ==
                                                                        strstr(text, "\nVmRSS:\t") + 8 + 8);

  /* Touching N new pages adds exactly N pages to VmRSS. */
  enum { N = 40 };
  char *block = malloc(N * 4096 + 200 * 1024);  /* above the mmap threshold: fresh, untouched pages */
  char *first = (char *)(((unsigned long)block + 4095) & ~4095UL);
  slurp("/proc/self/status", text);
  rss0 = field(text, "VmRSS");
  for (int i = 0; i < N; i++)
    first[i * 4096] = 1;
  slurp("/proc/self/status", text);
  rss1 = field(text, "VmRSS");
  printf("VmRSS grows by %ld kB after touching %d pages\n", rss1 - rss0, N);
  check("VmRSS grows by exactly N pages", rss1 - rss0 == N * 4);
  vmsize = field(text, "VmSize");

  slurp("/proc/self/statm", text2);
  unsigned long sm[7];
  int n = sscanf(text2, "%lu %lu %lu %lu %lu %lu %lu", &sm[0], &sm[1], &sm[2], &sm[3], &sm[4], &sm[5], &sm[6]);
  check("statm: 7 fields, size and resident as status", n == 7 && (long)sm[0] * 4 == vmsize && (long)sm[1] * 4 == rss1);

  slurp("/proc/self/stat", text2);
  char *close_paren = strrchr(text2, ')');
  int fields = 2;
  for (char *p = close_paren + 1; *p; p++)
    fields += *p == ' ';
  unsigned long vsize = 0, rss = 0;
  int pid, ppid, threads = 0;
  char state;
  sscanf(text2, "%d (%63[^)]) %c %d", &pid, name, &state, &ppid);
  {
    char *p = close_paren + 2;
    for (int f = 3; f <= 24; f++) {
      if (f == 20)
        threads = atoi(p);
      if (f == 23)
        vsize = strtoul(p, NULL, 10);
      if (f == 24)
        rss = strtoul(p, NULL, 10);
      p = strchr(p, ' ') + 1;
    }
  }
  printf("stat: %d fields\n", fields);
  check("stat: 52 fields, pid (comm) R ppid", fields == 52 && pid == getpid() && !strcmp(name, "glibc_proc") &&
                                                  state == 'R' && ppid == getppid());
  check("stat: num_threads 1, vsize and rss as status", threads == 1 && (long)(vsize / 1024) == vmsize &&
                                                            (long)rss * 4 == rss1);

  long len = slurp("/proc/self/cmdline", text2);
  check("cmdline: the arguments, NUL-separated", len == 15 && !memcmp(text2, "glibc_proc\0x\0y\0", 15));

  char *small = malloc(100);  /* the brk heap */
  slurp("/proc/self/maps", text2);
  check("maps: a [heap] and a [stack] line", strstr(text2, " [heap]\n") && strstr(text2, " [stack]\n"));
  char perms[5];
  unsigned long start, end, off;
  check("maps: start-end perms offset dev inode", sscanf(text2, "%lx-%lx %4s %lx 00:00 0", &start, &end, perms, &off) == 4 &&
                                                      start < end);
  slurp("/proc/self/smaps_rollup", text);
  check("smaps_rollup: [rollup] header", strstr(text, "[rollup]\n") && strchr(text, '\n') == strstr(text, "[rollup]\n") + 8);
  slurp("/proc/self/status", text2);
  long rss_now = field(text2, "VmRSS");
  check("smaps_rollup: Rss == VmRSS, Pss <= Rss, Anonymous <= Rss", field(text, "Rss") == rss_now &&
                                                                        field(text, "Pss") <= rss_now &&
                                                                        field(text, "Anonymous") <= rss_now);
  check("smaps_rollup: Private + Shared == Rss", field(text, "Private_Clean") + field(text, "Private_Dirty") +
                                                     field(text, "Shared_Clean") + field(text, "Shared_Dirty") ==
                                                 field(text, "Rss"));
  free(small);
  free(block);

  slurp("/proc/self/oom_score_adj", text);
  check("oom_score_adj reads 0", !strcmp(text, "0\n"));
  check("oom_score_adj: write 500", write_str("/proc/self/oom_score_adj", "500\n") == 4);
  slurp("/proc/self/oom_score_adj", text);
  syscall(__NR_memvp_proc_stat, 0, &ps);
  check("oom_score_adj reads back 500, as memvp_proc_stat", !strcmp(text, "500\n") && ps.oom_score_adj == 500);
  slurp("/proc/self/oom_score", text);
  check("oom_score is memvp_proc_stat's", strtol(text, NULL, 10) == ps.oom_score);
  check("oom_score_adj: 1001 is EINVAL", write_str("/proc/self/oom_score_adj", "1001") == -EINVAL);
  check("oom_score_adj: \"abc\" is EINVAL", write_str("/proc/self/oom_score_adj", "abc") == -EINVAL);
  write_str("/proc/self/oom_score_adj", "0");
}

static void child_files(void)
{
  int fds[2];
  if (pipe(fds))
    return;
  pid_t child = fork();
  if (child == 0) {
    char c;
    close(fds[1]);
    read(fds[0], &c, 1);  /* waits for the parent to look */
    _exit(0);
  }
  close(fds[0]);
  char path[64];
  snprintf(path, sizeof(path), "/proc/%d/status", child);
  slurp(path, text);
  check("a child's status: PPid is us", field(text, "PPid") == getpid() && field(text, "Pid") == child);
  snprintf(path, sizeof(path), "/proc/%d/cmdline", child);
  long len = slurp(path, text);
  check("a child's cmdline is its parent's", len == 15 && !memcmp(text, "glibc_proc\0x\0y\0", 15));
  close(fds[1]);
  waitpid(child, NULL, 0);
  snprintf(path, sizeof(path), "/proc/%d", child);
  check("a reaped child's directory is gone", open(path, O_RDONLY | O_DIRECTORY) == -1 && errno == ENOENT);
}

static void sysctl_files(void)
{
  slurp("/proc/sys/vm/swappiness", text);
  check("swappiness reads 60", !strcmp(text, "60\n"));
  check("swappiness: write 10", write_str("/proc/sys/vm/swappiness", "10\n") == 3);
  slurp("/proc/sys/vm/swappiness", text);
  check("swappiness reads back 10, as memvp_sysctl", !strcmp(text, "10\n") &&
                                                        syscall(__NR_memvp_sysctl, "vm.swappiness", -1L) == 10);
  check("swappiness: 201 is EINVAL", write_str("/proc/sys/vm/swappiness", "201") == -EINVAL);
  check("swappiness: -1 is EINVAL", write_str("/proc/sys/vm/swappiness", "-1") == -EINVAL);
  check("swappiness: \"1x\" is EINVAL", write_str("/proc/sys/vm/swappiness", "1x") == -EINVAL);
  write_str("/proc/sys/vm/swappiness", "60");
  slurp("/proc/sys/vm/swappiness", text);
  check("swappiness still 60 after the refused writes", !strcmp(text, "60\n"));

  long mfk = syscall(__NR_memvp_min_free_kbytes, 0L);
  slurp("/proc/sys/vm/min_free_kbytes", text);
  check("min_free_kbytes reads memvp_min_free_kbytes", strtol(text, NULL, 10) == mfk);
  char v[32];
  snprintf(v, sizeof(v), "%ld\n", mfk * 2);
  check("min_free_kbytes: write twice the value", write_str("/proc/sys/vm/min_free_kbytes", v) == (long)strlen(v));
  check("min_free_kbytes moved", syscall(__NR_memvp_min_free_kbytes, 0L) == mfk * 2);
  snprintf(v, sizeof(v), "%ld", mfk);
  write_str("/proc/sys/vm/min_free_kbytes", v);
  check("min_free_kbytes restored", syscall(__NR_memvp_min_free_kbytes, 0L) == mfk);

  slurp("/proc/sys/vm/zone_reclaim_mode", text);
  check("zone_reclaim_mode reads 0", !strcmp(text, "0\n"));
  slurp("/proc/sys/vm/overcommit_memory", text);
  check("overcommit_memory reads 0", !strcmp(text, "0\n"));
  check("overcommit_memory: 3 is EINVAL", write_str("/proc/sys/vm/overcommit_memory", "3") == -EINVAL);
  check("drop_caches: write 3", write_str("/proc/sys/vm/drop_caches", "3\n") == 2);
  check("drop_caches: 5 is EINVAL", write_str("/proc/sys/vm/drop_caches", "5") == -EINVAL);
}

int main(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  memset(text, ' ', sizeof(text));
  memset(text2, ' ', sizeof(text2));
  directories();
  global_files();
  self_files();
  child_files();
  sysctl_files();
  printf("glibc_proc: %s\n", failures ? "FAIL" : "PASS");
  return failures != 0;
}
