/* ps aux (procps-ng ps with BSD options a, u, x): every process, from /proc/PID/stat, statm-free
 * (stat has vsize and rss), cmdline and /proc/meminfo, /proc/uptime, in ps's user format:
 *
 * USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
 *
 * %CPU is the CPU time over the time since the process started, %MEM its RSS over MemTotal,
 * VSZ and RSS in KiB, TTY "?" (no terminal is a controlling terminal), STAT the state letter
 * ("l" added for a multi-threaded process), START the wall-clock HH:MM it started, TIME its CPU
 * time as M:SS, COMMAND its arguments, or its name in brackets when it has none (a kernel
 * thread). Only "aux" (or no argument) is accepted. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc_read.h"

static char text[65536];

static void show(int pid, unsigned long long mem_total, double uptime, long btime)
{
  char path[64], comm[64], state, cmd[512], flags[8];
  snprintf(path, sizeof(path), "/proc/%d/stat", pid);
  if (proc_read(path, text, sizeof(text)) <= 0)
    return;  /* exited meanwhile */
  const char *open = strchr(text, '('), *close = strrchr(text, ')');
  if (!open || !close)
    return;
  snprintf(comm, sizeof(comm), "%.*s", (int)(close - open - 1), open + 1);
  /* Fields from 3 on: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
   * utime stime cutime cstime priority nice threads itreal starttime vsize rss. */
  unsigned long long f[24] = {0};
  state = close[2];
  const char *p = close + 4;
  for (int i = 4; i <= 24 && p; i++) {
    f[i - 1] = strtoull(p, NULL, 10);
    p = strchr(p, ' ');
    p = p ? p + 1 : NULL;
  }
  const unsigned long long ticks = f[13] + f[14], threads = f[19], start = f[21], vsize = f[22], rss = f[23];
  const long hz = sysconf(_SC_CLK_TCK);
  const double elapsed = uptime - (double)start / (double)hz;
  const double cpu = elapsed > 0 ? 100.0 * ((double)ticks / (double)hz) / elapsed : 0;
  const double mem = mem_total ? 100.0 * (double)(rss * 4) / (double)mem_total : 0;

  snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
  long n = proc_read(path, cmd, sizeof(cmd));
  if (n > 0) {
    while (n > 0 && cmd[n - 1] == '\0')
      n--;
    for (long i = 0; i < n; i++)
      if (cmd[i] == '\0')
        cmd[i] = ' ';
  } else {
    snprintf(cmd, sizeof(cmd), "[%s]", comm);
  }
  snprintf(flags, sizeof(flags), "%c%s", state, threads > 1 ? "l" : "");
  char started[8], time_s[32];
  time_t t0 = (time_t)(btime + (long)(start / (unsigned long long)hz));
  struct tm tm;
  gmtime_r(&t0, &tm);
  strftime(started, sizeof(started), "%H:%M", &tm);
  snprintf(time_s, sizeof(time_s), "%llu:%02llu", ticks / (unsigned long long)hz / 60, ticks / (unsigned long long)hz % 60);
  printf("%-8s %7d %4.1f %4.1f %6llu %5llu %-8s %-4s %5s %6s %s\n", "root", pid, cpu > 99.9 ? 99.9 : cpu, mem,
         vsize / 1024, rss * 4, "?", flags, started, time_s, cmd);
}

static int by_pid(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv)
{
  if (argc > 2 || (argc == 2 && strcmp(argv[1], "aux"))) {
    fprintf(stderr, "ps: only \"ps aux\" is supported\n");
    return 1;
  }
  proc_read("/proc/meminfo", text, sizeof(text));
  const unsigned long long mem_total = proc_field(text, "MemTotal", ':');
  proc_read("/proc/uptime", text, sizeof(text));
  const double uptime = strtod(text, NULL);
  proc_read("/proc/stat", text, sizeof(text));
  const long btime = (long)proc_field(text, "btime", ' ');
  static int pids[1024];
  int npids = 0;
  DIR *d = opendir("/proc");
  if (!d) {
    perror("ps: /proc");
    return 1;
  }
  for (struct dirent *e; (e = readdir(d)) && npids < 1024;)
    if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
      pids[npids++] = atoi(e->d_name);
  closedir(d);
  qsort(pids, (size_t)npids, sizeof(int), by_pid);
  printf("USER         PID %%CPU %%MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n");
  for (int i = 0; i < npids; i++)
    show(pids[i], mem_total, uptime, btime);
  return 0;
}
