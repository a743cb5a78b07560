/* Spinlock, barrier, bounded waits and the CLINTs' msip registers of the SMP tests (see
 * smp.h). */
#include "smp.h"

void smp_lock(struct smp_lock *l)
{
  for (;;) {
    while (smp_load_w(&l->held) != 0) {
    }
    uint32_t was;
    __asm__ volatile("amoswap.w.aq %0, %2, %1" : "=r"(was), "+A"(l->held) : "r"(1u) : "memory");
    if (was == 0)
      return;
  }
}

void smp_unlock(struct smp_lock *l)
{
  uint32_t was;
  __asm__ volatile("amoswap.w.rl %0, %2, %1" : "=r"(was), "+A"(l->held) : "r"(0u) : "memory");
  (void)was;
}

void smp_barrier_wait(struct smp_barrier *b, uint32_t n)
{
  uint32_t gen = smp_load_w(&b->generation);
  if (smp_amoadd_w(&b->count, 1) == n - 1) {
    smp_store_w(&b->count, 0);
    smp_amoadd_w(&b->generation, 1);
    return;
  }
  while (smp_load_w(&b->generation) == gen) {
  }
}

void smp_wait_at_least(const volatile uint32_t *p, uint32_t want, const char *what)
{
  for (uint64_t i = 0; i < 400000000ull; i++)
    if (smp_load_w(p) >= want)
      return;
  printf("%s: FAIL timed out (%u of %u)\n", what, (unsigned)*p, (unsigned)want);
  rt_exit(2);
}

/* ---- CLINTs from the DTB (Devicetree Specification v0.4, chapter 5: the flattened format) -- */
#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define SMP_MAX_CLINTS 8

struct smp_clint {
  uint64_t base;
  uint32_t harts;
};

static uint32_t fdt32(const uint8_t *p)
{
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int starts_with(const char *s, const char *prefix)
{
  while (*prefix)
    if (*s++ != *prefix++)
      return 0;
  return 1;
}

static int equal(const char *a, const char *b)
{
  while (*a && *a == *b)
    a++, b++;
  return *a == *b;
}

/* Fills out[] with the clint@ nodes of the DTB in address order; returns how many. */
static unsigned read_clints(struct smp_clint *out)
{
  const uint8_t *fdt = (const uint8_t *)(uintptr_t)rt_boot_dtb;
  if (!fdt || fdt32(fdt) != FDT_MAGIC) {
    printf("dtb: FAIL no device tree\n");
    rt_exit(2);
  }
  const uint8_t *p = fdt + fdt32(fdt + 8);
  const char *strings = (const char *)fdt + fdt32(fdt + 12);
  unsigned n = 0, depth = 0, clint_depth = 0;
  for (;;) {
    uint32_t token = fdt32(p);
    p += 4;
    if (token == FDT_BEGIN_NODE) {
      const char *name = (const char *)p;
      unsigned len = 0;
      while (name[len])
        len++;
      p += (len + 4) & ~3u;
      depth++;
      if (starts_with(name, "clint@") && n < SMP_MAX_CLINTS) {
        clint_depth = depth;
        out[n].base = 0;
        out[n].harts = 0;
        n++;
      }
    } else if (token == FDT_END_NODE) {
      if (depth == clint_depth)
        clint_depth = 0;
      if (--depth == 0)
        break;
    } else if (token == FDT_PROP) {
      uint32_t len = fdt32(p), nameoff = fdt32(p + 4);
      const uint8_t *value = p + 8;
      p += 8 + ((len + 3) & ~3u);
      if (clint_depth != depth || clint_depth == 0)
        continue;
      if (equal(strings + nameoff, "reg") && len >= 8)
        out[n - 1].base = (uint64_t)fdt32(value) << 32 | fdt32(value + 4);
      else if (equal(strings + nameoff, "interrupts-extended"))
        out[n - 1].harts = len / 16; /* <intc MSI intc MTI> per hart */
    } else if (token != FDT_NOP) {
      break;
    }
  }
  for (unsigned i = 1; i < n; i++) /* insertion sort by address */
    for (unsigned j = i; j > 0 && out[j - 1].base > out[j].base; j--) {
      struct smp_clint t = out[j];
      out[j] = out[j - 1];
      out[j - 1] = t;
    }
  return n;
}

/* The first caller publishes the table (every caller would read the same one). */
static struct smp_clint clints[SMP_MAX_CLINTS];
static volatile uint32_t clint_count;

volatile uint32_t *smp_msip(uint64_t hart)
{
  unsigned n = smp_load_w(&clint_count);
  if (n == 0) {
    struct smp_clint found[SMP_MAX_CLINTS];
    n = read_clints(found);
    for (unsigned i = 0; i < n; i++)
      clints[i] = found[i];
    smp_store_w(&clint_count, n);
  }
  uint64_t first = 0;
  for (unsigned i = 0; i < n; i++) {
    if (hart < first + clints[i].harts)
      return (volatile uint32_t *)(uintptr_t)(clints[i].base + 4 * (hart - first));
    first += clints[i].harts;
  }
  printf("dtb: FAIL no CLINT serves hart %lu\n", (unsigned long)hart);
  rt_exit(2);
}
