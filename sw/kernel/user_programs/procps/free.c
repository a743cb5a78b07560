/* free (procps-ng free.c): memory in use and free from /proc/meminfo, in procps-ng's layout:
 *
 *                total        used        free      shared  buff/cache   available
 * Mem:          124928        2592      121724           0         612      122220
 * Swap:              0           0           0
 *
 * in KiB (-k, the default), MiB (-m) or with a unit each (-h, powers of 1024: "122Mi").
 * buff/cache = Buffers + Cached + SReclaimable, used = total - free - buff/cache (never below
 * 0), shared = Shmem, available = MemAvailable. */
#include <stdio.h>
#include <string.h>

#include "proc_read.h"

enum unit { KIBI, MEBI, HUMAN };

/* procps-ng scale_size for -h: the shortest of "%.1f" and "%ld" in the smallest unit that fits
 * 4 characters, then "i"; "B" for bytes. */
static const char *scale(unsigned long long kb, enum unit u, char *buf, size_t size)
{
  if (u == KIBI) {
    snprintf(buf, size, "%llu", kb);
    return buf;
  }
  if (u == MEBI) {
    snprintf(buf, size, "%llu", kb >> 10);
    return buf;
  }
  const unsigned long long bytes = kb * 1024;
  if (snprintf(buf, size, "%lluB", bytes) <= 4)
    return buf;
  const char *units = "KMGTPE";
  double div = 1024;
  for (int i = 0; units[i]; i++, div *= 1024) {
    if (snprintf(buf, size, "%.1f%c", (float)(bytes / div), units[i]) <= 4 ||
        snprintf(buf, size, "%ld%c", (long)(bytes / div), units[i]) <= 4) {
      strcat(buf, "i");
      return buf;
    }
  }
  return buf;
}

int main(int argc, char **argv)
{
  enum unit u = KIBI;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-k"))
      u = KIBI;
    else if (!strcmp(argv[i], "-m"))
      u = MEBI;
    else if (!strcmp(argv[i], "-h"))
      u = HUMAN;
    else {
      fprintf(stderr, "free: invalid option -- '%s'\nUsage: free [-k|-m|-h]\n", argv[i]);
      return 1;
    }
  }
  static char text[8192];
  if (proc_read("/proc/meminfo", text, sizeof(text)) <= 0) {
    perror("free: /proc/meminfo");
    return 1;
  }
  unsigned long long total = proc_field(text, "MemTotal", ':'), mfree = proc_field(text, "MemFree", ':');
  unsigned long long cache = proc_field(text, "Buffers", ':') + proc_field(text, "Cached", ':') +
                             proc_field(text, "SReclaimable", ':');
  unsigned long long used = total > mfree + cache ? total - mfree - cache : 0;
  unsigned long long swap_total = proc_field(text, "SwapTotal", ':'), swap_free = proc_field(text, "SwapFree", ':');
  char b[6][32];
  printf("               total        used        free      shared  buff/cache   available\n");
  printf("%-9s%11s %11s %11s %11s %11s %11s\n", "Mem:", scale(total, u, b[0], 32), scale(used, u, b[1], 32),
         scale(mfree, u, b[2], 32), scale(proc_field(text, "Shmem", ':'), u, b[3], 32), scale(cache, u, b[4], 32),
         scale(proc_field(text, "MemAvailable", ':'), u, b[5], 32));
  printf("%-9s%11s %11s %11s\n", "Swap:", scale(swap_total, u, b[0], 32), scale(swap_total - swap_free, u, b[1], 32),
         scale(swap_free, u, b[2], 32));
  return 0;
}
