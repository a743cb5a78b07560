/* Reading /proc for the procps-style tools (free, vmstat, ps): a whole file into a buffer, and
 * the "Name:  value" and "name value" lookups Linux's text formats need. Plain C for glibc. */
#ifndef MEMVP_PROCPS_PROC_READ_H
#define MEMVP_PROCPS_PROC_READ_H

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The file into buf (NUL-terminated, at most size - 1 bytes): its length, or -1. */
static inline long proc_read(const char *path, char *buf, size_t size)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  long len = 0;
  for (ssize_t n; len < (long)size - 1 && (n = read(fd, buf + len, size - 1 - (size_t)len)) > 0;)
    len += n;
  close(fd);
  buf[len] = '\0';
  return len;
}

/* The number after "name" and the separator sep (':' for meminfo, ' ' for vmstat) at the start
 * of a line; 0 when there is no such line. */
static inline unsigned long long proc_field(const char *text, const char *name, char sep)
{
  size_t n = strlen(name);
  for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (!strncmp(p, name, n) && p[n] == sep)
      return strtoull(p + n + 1, NULL, 10);
  return 0;
}

#endif
