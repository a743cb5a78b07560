/* A small first-fit allocator over the program break: every block starts with a 16-byte
 * header (its size, and the next free block while it is free), so payloads are 16-byte
 * aligned as the RISC-V psABI asks of malloc. Free blocks sit in one list in address order;
 * free() merges a block with free neighbours, and the heap grows by sbrk in 64 KiB steps. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "memvp/user.h"

struct block {
  size_t size;        /* whole block, header included; a multiple of 16 */
  struct block *next; /* next free block by address; ALLOCATED while in use */
};

#define HDR sizeof(struct block)
#define MIN_BLOCK (2 * HDR)
#define GROW_STEP (64 * 1024)
#define ALLOCATED ((struct block *)0xa110ca7edUL)

static struct block *free_list;

/* Inserts b in address order and merges it with the blocks on either side that touch it. */
static void insert_free(struct block *b)
{
  struct block *prev = NULL, *cur = free_list;
  while (cur && cur < b) {
    prev = cur;
    cur = cur->next;
  }
  b->next = cur;
  if (cur && (char *)b + b->size == (char *)cur) {
    b->size += cur->size;
    b->next = cur->next;
  }
  if (prev && (char *)prev + prev->size == (char *)b) {
    prev->size += b->size;
    prev->next = b->next;
  } else if (prev) {
    prev->next = b;
  } else {
    free_list = b;
  }
}

static int grow(size_t need)
{
  size_t len = (need + GROW_STEP - 1) & ~(size_t)(GROW_STEP - 1);
  char *p = sbrk((ptrdiff_t)len);
  if (p == (char *)-1)
    return -1;
  /* The first break may not be 16-byte aligned: give up the slack. */
  uintptr_t start = ((uintptr_t)p + 15) & ~(uintptr_t)15;
  struct block *b = (struct block *)start;
  b->size = (len - (start - (uintptr_t)p)) & ~(size_t)15;
  insert_free(b);
  return 0;
}

void *malloc(size_t n)
{
  if (n > SIZE_MAX / 2) {
    errno = ENOMEM;
    return NULL;
  }
  size_t need = (n + HDR + 15) & ~(size_t)15;
  if (need < MIN_BLOCK)
    need = MIN_BLOCK;
  for (int attempt = 0; attempt < 2; attempt++) {
    struct block **link = &free_list;
    for (struct block *b = free_list; b; link = &b->next, b = b->next) {
      if (b->size < need)
        continue;
      if (b->size - need >= MIN_BLOCK) {
        struct block *rest = (struct block *)((char *)b + need);
        rest->size = b->size - need;
        rest->next = b->next;
        *link = rest;
        b->size = need;
      } else {
        *link = b->next;
      }
      b->next = ALLOCATED;
      return b + 1;
    }
    if (grow(need + 16) != 0)
      break;
  }
  errno = ENOMEM;
  return NULL;
}

void free(void *p)
{
  if (!p)
    return;
  struct block *b = (struct block *)p - 1;
  if (b->next != ALLOCATED) {
    static const char msg[] = "free(): invalid pointer or double free\n";
    write(2, msg, sizeof msg - 1);
    _exit(134);
  }
  insert_free(b);
}

void *calloc(size_t count, size_t size)
{
  size_t n;
  if (__builtin_mul_overflow(count, size, &n)) {
    errno = ENOMEM;
    return NULL;
  }
  void *p = malloc(n);
  if (p)
    memset(p, 0, n);
  return p;
}

void *realloc(void *p, size_t n)
{
  if (!p)
    return malloc(n);
  if (n == 0) {
    free(p);
    return NULL;
  }
  struct block *b = (struct block *)p - 1;
  size_t have = b->size - HDR;
  if (n <= have)
    return p;
  void *q = malloc(n);
  if (q) {
    memcpy(q, p, have);
    free(p);
  }
  return q;
}
