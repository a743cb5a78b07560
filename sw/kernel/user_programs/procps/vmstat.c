/* vmstat [delay [count]] (procps-ng vmstat.c, its default mode): one line of averages since boot,
 * then with a delay one line per delay seconds of the changes over it, count lines in all
 * (without a count: forever):
 *
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *
 * r, b: /proc/stat procs_running and procs_blocked; swpd = SwapTotal - SwapFree, free =
 * MemFree, buff = Buffers, cache = Cached + SReclaimable (KiB); si, so: pswpin and pswpout in
 * KiB per second; bi, bo: pgpgin and pgpgout (KiB) per second; in, cs: interrupts and context
 * switches per second; the cpu columns are shares of the ticks in /proc/stat's cpu line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc_read.h"

struct sample {
  unsigned long long cpu[8];  /* user nice system idle iowait irq softirq steal */
  unsigned long long intr, ctxt, running, blocked;
  unsigned long long pswpin, pswpout, pgpgin, pgpgout;
  unsigned long long swpd, free, buff, cache;
  double uptime;
};

static char text[65536];

static void take(struct sample *s)
{
  memset(s, 0, sizeof(*s));
  proc_read("/proc/stat", text, sizeof(text));
  sscanf(text, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &s->cpu[0], &s->cpu[1], &s->cpu[2], &s->cpu[3], &s->cpu[4],
         &s->cpu[5], &s->cpu[6], &s->cpu[7]);
  s->intr = proc_field(text, "intr", ' ');
  s->ctxt = proc_field(text, "ctxt", ' ');
  s->running = proc_field(text, "procs_running", ' ');
  s->blocked = proc_field(text, "procs_blocked", ' ');
  proc_read("/proc/vmstat", text, sizeof(text));
  s->pswpin = proc_field(text, "pswpin", ' ');
  s->pswpout = proc_field(text, "pswpout", ' ');
  s->pgpgin = proc_field(text, "pgpgin", ' ');
  s->pgpgout = proc_field(text, "pgpgout", ' ');
  proc_read("/proc/meminfo", text, sizeof(text));
  s->swpd = proc_field(text, "SwapTotal", ':') - proc_field(text, "SwapFree", ':');
  s->free = proc_field(text, "MemFree", ':');
  s->buff = proc_field(text, "Buffers", ':');
  s->cache = proc_field(text, "Cached", ':') + proc_field(text, "SReclaimable", ':');
  proc_read("/proc/uptime", text, sizeof(text));
  s->uptime = strtod(text, NULL);
}

/* part of total as a rounded percentage (procps: (100 * part + total / 2) / total). */
static unsigned pct(unsigned long long part, unsigned long long total)
{
  return total ? (unsigned)((100 * part + total / 2) / total) : 0;
}

/* One line: the changes from a to b over seconds (a zeroed: since boot). */
static void line(const struct sample *a, const struct sample *b, double seconds)
{
  unsigned long long d[8], total = 0;
  for (int i = 0; i < 8; i++) {
    d[i] = b->cpu[i] - a->cpu[i];
    total += d[i];
  }
  if (!total) {  /* no tick passed: all idle, as procps-ng counts it */
    d[3] = 1;
    total = 1;
  }
  if (seconds <= 0)
    seconds = 1;
  /* pswpin/out count pages; pgpgin/out already KiB. */
  printf("%2llu %2llu %6llu %6llu %6llu %6llu %4u %4u %5u %5u %4u %4u %2u %2u %2u %2u %2u\n", b->running, b->blocked,
         b->swpd, b->free, b->buff, b->cache, (unsigned)((b->pswpin - a->pswpin) * 4 / seconds),
         (unsigned)((b->pswpout - a->pswpout) * 4 / seconds), (unsigned)((b->pgpgin - a->pgpgin) / seconds),
         (unsigned)((b->pgpgout - a->pgpgout) / seconds), (unsigned)((b->intr - a->intr) / seconds),
         (unsigned)((b->ctxt - a->ctxt) / seconds), pct(d[0] + d[1], total), pct(d[2] + d[5] + d[6], total),
         pct(d[3], total), pct(d[4], total), pct(d[7], total));
  fflush(stdout);
}

int main(int argc, char **argv)
{
  long delay = argc > 1 ? strtol(argv[1], NULL, 10) : 0, count = argc > 2 ? strtol(argv[2], NULL, 10) : (delay ? -1 : 1);
  if (argc > 3 || (argc > 1 && delay <= 0) || (argc > 2 && count <= 0)) {
    fprintf(stderr, "Usage: vmstat [delay [count]]\n");
    return 1;
  }
  printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
  printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
  struct sample zero, prev, cur;
  memset(&zero, 0, sizeof(zero));
  take(&cur);
  line(&zero, &cur, cur.uptime);
  for (long n = 1; count < 0 || n < count; n++) {
    prev = cur;
    struct timespec ts = {delay, 0};
    nanosleep(&ts, NULL);
    take(&cur);
    line(&prev, &cur, (double)delay);
  }
  return 0;
}
