/* A static glibc program that runs the procps-style tools (free, free -m, free -h, vmstat 1 2,
 * ps aux) through a pipe and checks what they print: procps-ng's headers byte for byte, every
 * number right-aligned under its column, and the numbers' relations: free's used = total -
 * free - buff/cache and total = MemTotal, -m and -h as MiB of it, vmstat's cpu shares adding up
 * to 100 and its free column at most MemTotal, ps's line for this process with its VSZ and
 * RSS as /proc/PID/status gives them and its own line in state R. The headers and check
 * results are printed, never a figure that differs between machines. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static char out[65536], text[65536];

static void check(const char *what, int ok)
{
  printf("%s: %s\n", what, ok ? "ok" : "FAIL");
  if (!ok)
    failures++;
}

/* Runs argv with stdout into out; its exit status, or -1. */
static int run(char *const argv[])
{
  int fds[2];
  if (pipe(fds))
    return -1;
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execve(argv[0], argv, NULL);
    _exit(127);
  }
  close(fds[1]);
  size_t len = 0;
  for (ssize_t n; len < sizeof(out) - 1 && (n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0;)
    len += (size_t)n;
  out[len] = '\0';
  close(fds[0]);
  int status;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
    return -1;
  return WEXITSTATUS(status);
}

static long meminfo(const char *name)
{
  int fd = open("/proc/meminfo", O_RDONLY);
  ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
  if (fd >= 0)
    close(fd);
  text[n > 0 ? n : 0] = '\0';
  size_t len = strlen(name);
  for (char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (!strncmp(p, name, len) && p[len] == ':')
      return strtol(p + len + 1, NULL, 10);
  return -1;
}

/* Line i (from 0) of out, copied into line; false if there is none. */
static int nth_line(int i, char *line, size_t size)
{
  const char *p = out;
  for (; i > 0 && p; i--) {
    p = strchr(p, '\n');
    p = p ? p + 1 : NULL;
  }
  if (!p || !*p)
    return 0;
  const char *nl = strchr(p, '\n');
  size_t len = nl ? (size_t)(nl - p) : strlen(p);
  snprintf(line, size, "%.*s", (int)len, p);
  return 1;
}

/* Every token of line from column from on ends where a token of header ends (right-aligned
 * columns); there are tokens of them. */
static int aligned(const char *header, const char *line, size_t from, int tokens)
{
  int found = 0;
  for (size_t i = from; line[i]; i++)
    if (line[i] != ' ' && (line[i + 1] == ' ' || !line[i + 1])) {
      if (i >= strlen(header) || header[i] == ' ' || (header[i + 1] != ' ' && header[i + 1]))
        return 0;
      found++;
    }
  return found == tokens;
}

static void test_free(void)
{
  static const char header[] = "               total        used        free      shared  buff/cache   available";
  char line[256], mem[256];
  long v[6];
  check("free exits 0", run((char *[]){"free", NULL}) == 0);
  nth_line(0, line, sizeof(line));
  printf("%s\n", line);
  check("free: procps-ng's header", !strcmp(line, header));
  nth_line(1, mem, sizeof(mem));
  check("free: a Mem: line of six numbers under the header",
        sscanf(mem, "Mem: %ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) == 6 &&
            aligned(header, mem, 4, 6));
  check("free: total is MemTotal", v[0] == meminfo("MemTotal"));
  check("free: used = total - free - buff/cache", v[1] == v[0] - v[2] - v[4]);
  check("free: available <= total, available <= free + buff/cache", v[5] <= v[0] && v[5] <= v[2] + v[4]);
  nth_line(2, line, sizeof(line));
  long s[3];
  check("free: a Swap: line of three numbers, used = total - free",
        sscanf(line, "Swap: %ld %ld %ld", &s[0], &s[1], &s[2]) == 3 && s[1] == s[0] - s[2] && aligned(header, line, 5, 3));

  check("free -m exits 0", run((char *[]){"free", "-m", NULL}) == 0);
  nth_line(1, mem, sizeof(mem));
  check("free -m: total is MemTotal in MiB", sscanf(mem, "Mem: %ld", &v[0]) == 1 && v[0] == meminfo("MemTotal") / 1024);

  check("free -h exits 0", run((char *[]){"free", "-h", NULL}) == 0);
  nth_line(1, mem, sizeof(mem));
  char want[32], got[32];
  snprintf(want, sizeof(want), "%ldMi", meminfo("MemTotal") / 1024);
  check("free -h: total in Mi, as procps-ng scales it", sscanf(mem, "Mem: %31s", got) == 1 && !strcmp(got, want));
  nth_line(2, line, sizeof(line));
  check("free -h: no swap is 0B", sscanf(line, "Swap: %31s", got) == 1 && !strcmp(got, "0B"));
  check("free -x: refused with status 1", run((char *[]){"free", "-x", NULL}) == 1);
}

static void test_vmstat(void)
{
  char h1[256], h2[256], line[256];
  check("vmstat 1 2 exits 0", run((char *[]){"vmstat", "1", "2", NULL}) == 0);
  nth_line(0, h1, sizeof(h1));
  nth_line(1, h2, sizeof(h2));
  printf("%s\n%s\n", h1, h2);
  check("vmstat: procps-ng's headers", !strcmp(h1, "procs -----------memory---------- ---swap-- -----io---- -system-- "
                                                 "------cpu-----") &&
                                          !strcmp(h2, " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs "
                                                      "us sy id wa st"));
  int lines = 0, ok = 1;
  long total = meminfo("MemTotal");
  for (int i = 2; nth_line(i, line, sizeof(line)); i++) {
    long f[17];
    int n = sscanf(line, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", &f[0], &f[1], &f[2], &f[3],
                   &f[4], &f[5], &f[6], &f[7], &f[8], &f[9], &f[10], &f[11], &f[12], &f[13], &f[14], &f[15], &f[16]);
    long cpu = f[12] + f[13] + f[14] + f[15] + f[16];
    /* Up to cs the columns line up; an id of 100 is wider than its column and pushes the
     * last ones right, as in procps-ng. */
    char head[128];
    const size_t cs_end = (size_t)(strstr(h2, " us") - h2);
    snprintf(head, sizeof(head), "%.*s", (int)cs_end, line);
    ok &= n == 17 && aligned(h2, head, 0, 12) && f[0] >= 1 && f[3] > 0 && f[3] <= total && cpu >= 98 && cpu <= 102;
    lines++;
  }
  check("vmstat: two lines of 17 numbers, under the header up to cs, r >= 1, free <= MemTotal, cpu shares add up to 100",
        lines == 2 && ok);
}

static void test_ps(void)
{
  static const char header[] = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND";
  char line[512], mine[512] = "", its[512] = "";
  check("ps aux exits 0", run((char *[]){"ps", "aux", NULL}) == 0);
  nth_line(0, line, sizeof(line));
  printf("%s\n", line);
  check("ps aux: procps-ng's header", !strcmp(line, header));
  int ok = 1, lines = 0;
  for (int i = 1; nth_line(i, line, sizeof(line)); i++) {
    int pid;
    char user[16], cmd[64];
    ok &= sscanf(line, "%15s %d", user, &pid) == 2 && !strcmp(user, "root") && strlen(line) > 67;
    /* USER to TIME as ps pads them; COMMAND from column 67 on. */
    ok &= line[8] == ' ' && line[16] == ' ' && line[21] == ' ' && line[26] == ' ' && line[33] == ' ' &&
          line[39] == ' ' && line[48] == ' ' && line[53] == ' ' && line[59] == ' ' && line[66] == ' ' && line[67] != ' ';
    snprintf(cmd, sizeof(cmd), "%.63s", line + 67);
    if (pid == getpid())
      snprintf(mine, sizeof(mine), "%s", line);
    if (!strcmp(cmd, "ps aux"))
      snprintf(its, sizeof(its), "%s", line);
    lines++;
  }
  check("ps aux: a root line per process, columns where ps puts them", ok && lines >= 2);
  long vsz = 0, rss = 0;
  char stat[8] = "", cmd[64] = "";
  sscanf(mine, "%*s %*d %*f %*f %ld %ld %*s %7s %*s %*s %63s", &vsz, &rss, stat, cmd);
  int fd = open("/proc/self/status", O_RDONLY);
  ssize_t n = read(fd, text, sizeof(text) - 1);
  close(fd);
  text[n > 0 ? n : 0] = '\0';
  /* Asleep in the pipe's read: D here, as this kernel's pipes sleep uninterruptibly (Linux: S). */
  check("ps aux: this process, VSZ as VmSize, asleep (reading the pipe)",
        vsz == strtol(strstr(text, "VmSize:") + 7, NULL, 10) && rss > 0 && (!strcmp(stat, "S") || !strcmp(stat, "D")) &&
            !strcmp(cmd, "glibc_procps"));
  sscanf(its, "%*s %*d %*f %*f %*d %*d %*s %7s", stat);
  check("ps aux: its own line, running", its[0] && !strcmp(stat, "R"));
}

int main(void)
{
  memset(out, ' ', sizeof(out));
  memset(text, ' ', sizeof(text));
  test_free();
  test_vmstat();
  test_ps();
  printf("glibc_procps: %s\n", failures ? "FAIL" : "PASS");
  return failures != 0;
}
