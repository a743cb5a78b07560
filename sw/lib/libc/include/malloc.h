/* <malloc.h> of the memvp user library: glibc's interface to its allocator (struct
 * mallinfo2, mallopt and its parameter numbers, malloc_stats, malloc_trim, ...), so that one
 * program source builds against glibc and against this library. It stands in for
 * picolibc's <malloc.h>, whose allocator this library does not use. */
#ifndef MEMVP_MALLOC_H
#define MEMVP_MALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mallinfo2 {
  size_t arena;    /* bytes of the heap obtained by brk (or its mmapped stand-in) */
  size_t ordblks;  /* free chunks in the bins, the top included */
  size_t smblks;   /* free chunks in the fast bins */
  size_t hblks;    /* chunks with a mapping of their own */
  size_t hblkhd;   /* bytes of those mappings */
  size_t usmblks;  /* always 0 */
  size_t fsmblks;  /* bytes of the fast-bin chunks */
  size_t uordblks; /* heap bytes in use (the tcache's chunks count as in use) */
  size_t fordblks; /* heap bytes free */
  size_t keepcost; /* bytes of the top chunk */
};

/* mallopt parameters (glibc's numbers). */
#define M_MXFAST 1
#define M_TRIM_THRESHOLD -1
#define M_TOP_PAD -2
#define M_MMAP_THRESHOLD -3
#define M_MMAP_MAX -4
#define M_CHECK_ACTION -5
#define M_PERTURB -6
#define M_ARENA_TEST -7
#define M_ARENA_MAX -8

void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void *memalign(size_t alignment, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
struct mallinfo2 mallinfo2(void);
int mallopt(int param, int value);
int malloc_trim(size_t pad);
size_t malloc_usable_size(void *ptr);
void malloc_stats(void);

#ifdef __cplusplus
}
#endif

#endif
