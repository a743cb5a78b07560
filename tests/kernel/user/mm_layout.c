/* mm_layout: the user address space as docs/kernel.md lays it out, without randomisation:
 * text < data < bss < heap < mmap area < stack, the 8 MiB stack ending at TASK_SIZE. Prints
 * /proc/self/maps (memvp_maps) and the layout figures of memvp_proc_stat, then checks them. */
#include <string.h>

#include "utest.h"

#define STACK_SIZE (8UL << 20)

static int data_var = 1;
static int bss_var;
static char maps[4096];

/* The VMA of the maps text that holds addr: its [start, end), or 0 if none does. */
static int find_vma_line(unsigned long addr, unsigned long *start, unsigned long *end)
{
  for (const char *line = maps; *line;) {
    char *rest;
    unsigned long s = strtoul(line, &rest, 16);
    unsigned long e = *rest == '-' ? strtoul(rest + 1, NULL, 16) : 0;
    if (addr >= s && addr < e) {
      *start = s, *end = e;
      return 1;
    }
    const char *nl = strchr(line, '\n');
    if (!nl)
      break;
    line = nl + 1;
  }
  return 0;
}

int main(void)
{
  int stack_var = 0;
  char *heap = malloc(100);
  char *mapped = map_anon(4 * PAGE_SIZE);
  heap[0] = 1, mapped[0] = 1;
  bss_var = 2;

  long len = memvp_maps(0, maps, sizeof maps);
  if (len <= 0)
    FAIL("memvp_maps failed");
  printf("mm_layout: /proc/self/maps:\n%s", maps);
  struct memvp_proc_stat st = proc_stat_self();
  printf("mm_layout: start_brk 0x%lx brk 0x%lx mmap_base 0x%lx stack_top 0x%lx\n", (unsigned long)st.start_brk,
         (unsigned long)st.brk, (unsigned long)st.mmap_base, (unsigned long)st.stack_top);

  unsigned long text = (unsigned long)&main, data = (unsigned long)&data_var, bss = (unsigned long)&bss_var;
  unsigned long hp = (unsigned long)heap, mp = (unsigned long)mapped, sp = (unsigned long)&stack_var;
  CHECK(text >= 0x10000 && text < data);
  CHECK(data < bss);
  CHECK(bss < st.start_brk && st.start_brk <= hp && hp < st.brk);
  CHECK(st.brk < mp && mp < st.mmap_base);
  CHECK(st.mmap_base < sp && sp < st.stack_top);
  printf("mm_layout: text < data < bss < heap < mmap area < stack: yes\n");

  unsigned long start, end;
  CHECK(find_vma_line(sp, &start, &end));
  CHECK_EQ("stack VMA end", end, st.stack_top);
  CHECK_EQ("stack VMA size", end - start, STACK_SIZE);
  CHECK(find_vma_line(text, &start, &end));
  CHECK(find_vma_line(hp, &start, &end));
  CHECK(find_vma_line(mp, &start, &end));
  printf("mm_layout: stack VMA %lu KiB ending at stack_top\n", STACK_SIZE >> 10);
  printf("mm_layout: PASS\n");
  return 0;
}
