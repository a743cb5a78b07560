/* The allocator's controls and statistics, as glibc 2.36 defines them: mallopt (which
 * first consolidates the fast bins), mallinfo2 (int_mallinfo: the top and every free chunk
 * of the bins and fast bins count as free, the rest of the heap as in use, tcache chunks
 * included), malloc_stats (its text, on stderr) and malloc_trim (mtrim: pages inside free
 * chunks given back with MADV_DONTNEED, then the top trimmed down to pad). */
#include <malloc.h>
#include <stdio.h>

#include "malloc_internal.h"
#include "memvp/user.h"

#define av (&__malloc_av)
#define mp (&__malloc_mp)

static void ensure_init(void)
{
  /* The arena's bins are linked on first use. */
  if (!av->top)
    __malloc_init();
}

int mallopt(int param, int value)
{
  ensure_init();
  __malloc_consolidate();
  switch (param) {
  case M_MXFAST:
    if (value < 0 || value > MAX_FAST_SIZE)
      return 0;
    av->max_fast = value == 0 ? MINSIZE / 2 : (((size_t)value + SIZE_SZ) & ~(size_t)MALLOC_ALIGN_MASK);
    return 1;
  case M_TRIM_THRESHOLD:
    mp->trim_threshold = (size_t)(long)value;
    break;
  case M_TOP_PAD:
    mp->top_pad = (size_t)(long)value;
    break;
  case M_MMAP_THRESHOLD:
    /* At most half of glibc's largest non-main heap (64 MiB). */
    if ((size_t)(long)value > DEFAULT_MMAP_THRESHOLD_MAX)
      return 0;
    mp->mmap_threshold = (size_t)(long)value;
    break;
  case M_MMAP_MAX:
    mp->n_mmaps_max = value;
    break;
  case M_CHECK_ACTION:
  case M_ARENA_TEST:
  case M_ARENA_MAX:
    /* Accepted as glibc does; there is one arena and errors always end the program. */
    return 1;
  default:
    /* M_PERTURB is not implemented: refused rather than silently ignored. */
    return 0;
  }
  mp->no_dyn_threshold = 1;
  return 1;
}

struct mallinfo2 mallinfo2(void)
{
  ensure_init();
  struct mallinfo2 m = {0};
  size_t avail = chunksize(av->top), fastavail = 0, nfast = 0, nblocks = 1;
  for (unsigned i = 0; i < NFASTBINS; i++)
    for (struct chunk *p = av->fastbins[i]; p; p = p->fd) {
      nfast++;
      fastavail += chunksize(p);
    }
  avail += fastavail;
  for (unsigned i = 1; i < NBINS; i++)
    for (struct chunk *p = bin_at(i)->bk; p != bin_at(i); p = p->bk) {
      nblocks++;
      avail += chunksize(p);
    }
  m.smblks = nfast;
  m.ordblks = nblocks;
  m.fordblks = avail;
  m.uordblks = av->system_mem - avail;
  m.arena = av->system_mem;
  m.fsmblks = fastavail;
  m.hblks = (size_t)mp->n_mmaps;
  m.hblkhd = mp->mmapped_mem;
  m.keepcost = chunksize(av->top);
  return m;
}

void malloc_stats(void)
{
  struct mallinfo2 mi = mallinfo2();
  unsigned system_b = (unsigned)mp->mmapped_mem + (unsigned)mi.arena;
  unsigned in_use_b = (unsigned)mp->mmapped_mem + (unsigned)mi.uordblks;
  fprintf(stderr, "Arena 0:\n");
  fprintf(stderr, "system bytes     = %10u\n", (unsigned)mi.arena);
  fprintf(stderr, "in use bytes     = %10u\n", (unsigned)mi.uordblks);
  fprintf(stderr, "Total (incl. mmap):\n");
  fprintf(stderr, "system bytes     = %10u\n", system_b);
  fprintf(stderr, "in use bytes     = %10u\n", in_use_b);
  fprintf(stderr, "max mmap regions = %10u\n", (unsigned)mp->max_n_mmaps);
  fprintf(stderr, "max mmap bytes   = %10lu\n", (unsigned long)mp->max_mmapped_mem);
}

/* The whole pages inside a free chunk of the unsorted bin or of a bin of page-sized chunks
 * or larger, past the chunk's own header and links. */
static int release_free_pages(void)
{
  size_t ps = __malloc_pagesize, psm1 = ps - 1;
  unsigned psindex = bin_index(ps);
  int result = 0;
  for (unsigned i = 1; i < NBINS; i++) {
    if (i != UNSORTED && i < psindex)
      continue;
    for (struct chunk *p = bin_at(i)->bk; p != bin_at(i); p = p->bk) {
      size_t size = chunksize(p);
      if (size <= psm1 + sizeof(struct chunk))
        continue;
      char *paligned = (char *)(((uintptr_t)p + sizeof(struct chunk) + psm1) & ~(uintptr_t)psm1);
      size -= (size_t)(paligned - (char *)p);
      if (size > psm1) {
        madvise(paligned, size & ~psm1, MADV_DONTNEED);
        result = 1;
      }
    }
  }
  return result;
}

int malloc_trim(size_t pad)
{
  ensure_init();
  __malloc_consolidate();
  int result = release_free_pages();
  return result | __systrim(pad);
}
