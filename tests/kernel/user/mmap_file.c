/* mmap_file: file mappings on the root disk (root=/dev/vda rw; sw/kernel/mm/filemap_fault.cpp,
 * rmap.cpp, msync.cpp). A shared mapping's stores are seen by read() at once, dirty the page
 * cache (again after msync cleaned it), and reach the disk; a private mapping's stores stay in
 * its copies; fork keeps both kinds as they are; Mapped counts the page-cache pages mapped;
 * a page past the end of file gets SIGBUS, also one mapped before a truncate cut it off, and
 * a private copy of it goes with it; mmap and mprotect check the open mode. The host
 * then checks /mm_shared.bin and /mm_private.bin on the image (e2fsck -fn, debugfs cat). */
#include <errno.h>
#include <string.h>

#include "utest.h"

#define SHARED_SIZE (2 * PAGE_SIZE + 100) /* three pages, the last mostly past the end */
#define PRIVATE_SIZE 5000

/* The files' first contents: lowercase letters, a newline every 64 bytes. */
static char pattern_byte(unsigned long i) { return (i % 64) == 63 ? '\n' : (char)('a' + i % 26); }

/* What the mappings write into /mm_shared.bin (checked here and by debugfs on the host). */
static const struct {
  unsigned long off;
  const char *text;
} shared_writes[] = {
    {100, "[a store through MAP_SHARED]"},
    {PAGE_SIZE + 10, "[page 1, after msync cleaned it]"},
    {2 * PAGE_SIZE + 4, "[the forked child's store]"},
};

static int open_or_fail(const char *path, int flags)
{
  int fd = open(path, flags, 0644);
  if (fd < 0)
    FAIL("open %s: errno %d", path, errno);
  return fd;
}

static void create_file(const char *path, unsigned long size)
{
  static char buf[SHARED_SIZE > PRIVATE_SIZE ? SHARED_SIZE : PRIVATE_SIZE];
  for (unsigned long i = 0; i < size; ++i)
    buf[i] = pattern_byte(i);
  int fd = open_or_fail(path, O_WRONLY | O_CREAT | O_TRUNC);
  CHECK_EQ("write", write(fd, buf, size), size);
  CHECK(fsync(fd) == 0);
  CHECK(close(fd) == 0);
}

static char *map_or_fail(unsigned long len, int prot, int flags, int fd, unsigned long off)
{
  void *p = mmap(NULL, len, prot, flags, fd, (off_t)off);
  if (p == MAP_FAILED)
    FAIL("mmap of %lu bytes at offset %lu: errno %d", len, off, errno);
  return (char *)p;
}

static long mapped_pages(void) { return (long)vmstat_now().nr_mapped; }

/* True when read() of fd at off gives n bytes of the first contents. */
static int file_has_pattern(int fd, unsigned long off, unsigned long n)
{
  char buf[64];
  if (n > sizeof(buf) || pread(fd, buf, n, (off_t)off) != (long)n)
    return 0;
  for (unsigned long i = 0; i < n; ++i)
    if (buf[i] != pattern_byte(off + i))
      return 0;
  return 1;
}

/* True when read() of fd at off gives text. */
static int file_has(int fd, unsigned long off, const char *text)
{
  char buf[64] = {0};
  const unsigned long n = strlen(text);
  return pread(fd, buf, n, (off_t)off) == (long)n && memcmp(buf, text, n) == 0;
}

static void expect_errno(const char *what, long rc, int err)
{
  if (rc != -1 || errno != err)
    FAIL("%s: got %ld errno %d, want errno %d", what, rc, errno, err);
  printf("mmap_file: %s fails with errno %d\n", what, err);
}

static void shared_mapping(void)
{
  int fd = open_or_fail("/mm_shared.bin", O_RDWR);
  CHECK(memvp_drop_caches(1) == 0);
  const struct memvp_vmstat v0 = vmstat_now();
  char *m = map_or_fail(SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(m[0] == pattern_byte(0));
  const struct memvp_vmstat v1 = vmstat_now();
  printf("mmap_file: the first fault read the file ahead: Cached +%lu pages, Mapped +%lu\n",
         (unsigned long)(v1.nr_file_pages - v0.nr_file_pages), (unsigned long)(v1.nr_mapped - v0.nr_mapped));
  for (unsigned long i = 0; i < SHARED_SIZE; ++i)
    if (m[i] != pattern_byte(i))
      FAIL("shared mapping byte %lu", i);
  CHECK(m[SHARED_SIZE] == 0 && m[3 * PAGE_SIZE - 1] == 0); /* the last page's tail reads zero */
  printf("mmap_file: MAP_SHARED reads the file, Mapped +%ld pages\n", mapped_pages() - (long)v0.nr_mapped);

  memcpy(m + shared_writes[0].off, shared_writes[0].text, strlen(shared_writes[0].text));
  CHECK(file_has(fd, shared_writes[0].off, shared_writes[0].text));
  printf("mmap_file: a store through MAP_SHARED is seen by read(): yes, Dirty %lu KiB\n",
         (unsigned long)vmstat_now().nr_dirty * 4);
  CHECK(msync(m, SHARED_SIZE, MS_SYNC) == 0);
  printf("mmap_file: after msync(MS_SYNC): Dirty %lu KiB\n", (unsigned long)vmstat_now().nr_dirty * 4);
  /* msync cleaned the page and write-protected it: the next store dirties it again. */
  memcpy(m + shared_writes[1].off, shared_writes[1].text, strlen(shared_writes[1].text));
  printf("mmap_file: a store after msync: Dirty %lu KiB\n", (unsigned long)vmstat_now().nr_dirty * 4);

  /* fork: the child maps the same pages; its store is the parent's. */
  pid_t pid = fork();
  if (pid == 0) {
    memcpy(m + shared_writes[2].off, shared_writes[2].text, strlen(shared_writes[2].text));
    exit(0);
  }
  int status;
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK(memcmp(m + shared_writes[2].off, shared_writes[2].text, strlen(shared_writes[2].text)) == 0);
  printf("mmap_file: a forked child's store to MAP_SHARED is seen by the parent: yes\n");

  CHECK(munmap(m, SHARED_SIZE) == 0);
  printf("mmap_file: after munmap: Mapped %ld pages above the start\n", mapped_pages() - (long)v0.nr_mapped);
  CHECK(fsync(fd) == 0);
  CHECK(close(fd) == 0);
  CHECK(memvp_drop_caches(3) == 0);
  fd = open_or_fail("/mm_shared.bin", O_RDONLY);
  for (unsigned k = 0; k < sizeof(shared_writes) / sizeof(shared_writes[0]); ++k)
    if (!file_has(fd, shared_writes[k].off, shared_writes[k].text))
      FAIL("after drop_caches: store %u is not in the file", k);
  printf("mmap_file: after fsync and drop_caches the file holds the three stores: yes\n");
  CHECK(close(fd) == 0);
}

static void private_mapping(void)
{
  int fd = open_or_fail("/mm_private.bin", O_RDONLY);
  const long mapped0 = mapped_pages();
  char *m = map_or_fail(PRIVATE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  CHECK(m[0] == pattern_byte(0) && m[PAGE_SIZE] == pattern_byte(PAGE_SIZE));
  printf("mmap_file: MAP_PRIVATE reads the file, Mapped +%ld pages\n", mapped_pages() - mapped0);
  m[0] = '#';
  printf("mmap_file: after a store to page 0 it is a private copy: Mapped +%ld pages\n", mapped_pages() - mapped0);
  CHECK(file_has_pattern(fd, 0, 8) && m[0] == '#');
  printf("mmap_file: a store through MAP_PRIVATE is not in the file: yes\n");

  pid_t pid = fork();
  if (pid == 0) {
    m[1] = '!';              /* the child's own copy of the copy */
    m[PAGE_SIZE] = '!';      /* and of the page-cache page */
    exit(m[0] == '#' ? 0 : 1);
  }
  int status;
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK(m[1] == pattern_byte(1) && m[PAGE_SIZE] == pattern_byte(PAGE_SIZE));
  CHECK(file_has_pattern(fd, 0, 8) && file_has_pattern(fd, PAGE_SIZE, 8));
  printf("mmap_file: a forked child's stores to MAP_PRIVATE stay in the child: yes\n");

  /* An offset in pages: page 1 of the file at the mapping's start. */
  char *m1 = map_or_fail(PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, PAGE_SIZE);
  CHECK(m1[0] == pattern_byte(PAGE_SIZE) && m1[PRIVATE_SIZE - PAGE_SIZE - 1] == pattern_byte(PRIVATE_SIZE - 1));
  printf("mmap_file: a mapping at offset 4096 starts at the file's page 1: yes\n");
  CHECK(munmap(m1, PAGE_SIZE) == 0 && munmap(m, PRIVATE_SIZE) == 0);
  printf("mmap_file: after munmap: Mapped %ld pages above the start\n", mapped_pages() - mapped0);
  CHECK(close(fd) == 0);
}

static void errors(void)
{
  int ro = open_or_fail("/mm_private.bin", O_RDONLY);
  int wo = open_or_fail("/mm_private.bin", O_WRONLY);
  int dir = open_or_fail("/data", O_RDONLY | O_DIRECTORY);
  expect_errno("MAP_SHARED PROT_WRITE of an O_RDONLY fd",
               (long)mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
  expect_errno("mmap of an O_WRONLY fd", (long)mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
  expect_errno("mmap at an offset not a multiple of the page size",
               (long)mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, ro, 100), EINVAL);
  expect_errno("mmap of a directory", (long)mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, dir, 0), ENODEV);
  expect_errno("mmap of a closed fd", (long)mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 40, 0), EBADF);
  char *m = map_or_fail(PAGE_SIZE, PROT_READ, MAP_SHARED, ro, 0);
  expect_errno("mprotect PROT_WRITE of a read-only shared mapping", mprotect(m, PAGE_SIZE, PROT_READ | PROT_WRITE),
               EACCES);
  expect_errno("msync with MS_SYNC|MS_ASYNC", msync(m, PAGE_SIZE, MS_SYNC | MS_ASYNC), EINVAL);
  CHECK(munmap(m, PAGE_SIZE) == 0);
  expect_errno("msync of an unmapped range", msync(m, PAGE_SIZE, MS_SYNC), ENOMEM);
  CHECK(close(ro) == 0 && close(wo) == 0 && close(dir) == 0);
}

/* A page wholly past the end of file: the access is killed with SIGBUS, as on Linux. */
static void sigbus(void)
{
  int fd = open_or_fail("/mm_private.bin", O_RDONLY);
  char *m = map_or_fail(4 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
  pid_t pid = fork();
  if (pid == 0) {
    volatile char c = m[2 * PAGE_SIZE]; /* the file has two pages */
    (void)c;
    exit(0);
  }
  int status;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("mmap_file: a load past the end of file: %s %d\n", WIFSIGNALED(status) ? "killed by signal" : "exited",
         WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
  CHECK(munmap(m, 4 * PAGE_SIZE) == 0 && close(fd) == 0);
}

/* ftruncate unmaps the pages past the new end from every mapping (Linux truncate_pagecache):
 * a child that has the last page mapped, from the page cache (MAP_SHARED) or as its own copy
 * (MAP_PRIVATE after a store), gets SIGBUS at its next access once the parent truncated. */
static void truncate_mapped(void)
{
  static const char *const kinds[] = {"a MAP_SHARED page", "a MAP_PRIVATE copy"};
  create_file("/mm_trunc.bin", SHARED_SIZE); /* three pages */
  int fd = open_or_fail("/mm_trunc.bin", O_RDWR);
  char *s = map_or_fail(3 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
  char *p = map_or_fail(3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  for (int i = 0; i < 2; ++i) {
    int ready[2], go[2];
    char c = 0;
    CHECK(ftruncate(fd, 3 * PAGE_SIZE) == 0 && pipe2(ready, 0) == 0 && pipe2(go, 0) == 0);
    pid_t pid = fork();
    if (pid == 0) {
      volatile char *m = i ? p : s;
      if (i)
        m[2 * PAGE_SIZE] = '!';
      c = m[2 * PAGE_SIZE];
      CHECK(write(ready[1], &c, 1) == 1 && read(go[0], &c, 1) == 1);
      c = m[2 * PAGE_SIZE]; /* past the end now */
      exit(0);
    }
    CHECK(read(ready[0], &c, 1) == 1);
    CHECK(ftruncate(fd, PAGE_SIZE + 1) == 0);
    CHECK(write(go[1], &c, 1) == 1);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    printf("mmap_file: %s past a truncate's new end: %s %d\n", kinds[i],
           WIFSIGNALED(status) ? "killed by signal" : "exited", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
    CHECK(close(ready[0]) == 0 && close(ready[1]) == 0 && close(go[0]) == 0 && close(go[1]) == 0);
  }
  CHECK(munmap(s, 3 * PAGE_SIZE) == 0 && munmap(p, 3 * PAGE_SIZE) == 0 && close(fd) == 0);
  CHECK(unlink("/mm_trunc.bin") == 0);
}

int main(void)
{
  create_file("/mm_shared.bin", SHARED_SIZE);
  create_file("/mm_private.bin", PRIVATE_SIZE);
  shared_mapping();
  private_mapping();
  errors();
  sigbus();
  truncate_mapped();
  CHECK_EQ("Mapped at the end", vmstat_now().nr_mapped, 0);
  printf("mmap_file: PASS\n");
  return 0;
}
