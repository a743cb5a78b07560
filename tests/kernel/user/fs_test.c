/* fs_test: the file system calls on the root disk (root=/dev/vda rw, an ext2 image made by
 * mke2fs -d from fs_data/ plus /bin/fs_hello and /data/big.bin). Reads files, lists a
 * directory, stats, writes with write/writev/pwrite, reads back with read/readv/pread/lseek,
 * renames, deletes, truncates, creates and removes many files in one directory and a
 * directory, dup/dup3, chdir/getcwd, the errors of each, and execve of /bin/fs_hello from the
 * disk. What it leaves on the disk is checked on the host after the run (e2fsck -fn, debugfs). */
#include <errno.h>
#include <string.h>

#include "utest.h"

#define BIG_SIZE (300 * 1024)

static unsigned char big_byte(unsigned long i) { return (unsigned char)(i * 131 + (i >> 12)); }

static int open_or_fail(const char *path, int flags, unsigned mode)
{
  int fd = open(path, flags, mode);
  if (fd < 0)
    FAIL("open %s: errno %d", path, errno);
  return fd;
}

static void expect_errno(const char *what, int rc, int err)
{
  if (rc != -1 || errno != err)
    FAIL("%s: got %d errno %d, want errno %d", what, rc, errno, err);
  printf("fs_test: %s fails with errno %d\n", what, err);
}

static void read_files(void)
{
  char buf[128] = {0};
  int fd = open_or_fail("/data/hello.txt", O_RDONLY, 0);
  long n = read(fd, buf, sizeof(buf) - 1);
  printf("fs_test: /data/hello.txt (%ld bytes): %s", n, buf);
  CHECK_EQ("read at end of file", read(fd, buf, sizeof(buf)), 0);
  close(fd);

  static unsigned char big[BIG_SIZE];
  fd = open_or_fail("data/big.bin", O_RDONLY, 0);  /* relative to / */
  long total = 0;
  while ((n = read(fd, big + total, 10000)) > 0)
    total += n;
  CHECK_EQ("big.bin size", total, BIG_SIZE);
  for (long i = 0; i < BIG_SIZE; i++)
    if (big[i] != big_byte(i))
      FAIL("big.bin byte %ld", i);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode));
  CHECK_EQ("fstat size", st.st_size, BIG_SIZE);
  CHECK_EQ("lseek to 1000 from the end", lseek(fd, -1000, SEEK_END), BIG_SIZE - 1000);
  unsigned char tail[8];
  CHECK_EQ("read after lseek", read(fd, tail, 8), 8);
  CHECK(tail[0] == big_byte(BIG_SIZE - 1000) && tail[7] == big_byte(BIG_SIZE - 993));
  CHECK_EQ("pread", pread(fd, tail, 8, 70000), 8);
  CHECK(tail[3] == big_byte(70003));
  close(fd);
  printf("fs_test: /data/big.bin: %d bytes as written by the host\n", BIG_SIZE);
}

static void list_data(void)
{
  char buf[512];
  int fd = open_or_fail("/data", O_RDONLY | O_DIRECTORY, 0);
  long n = getdents64(fd, buf, sizeof(buf));
  int files = 0, dirs = 0;
  for (long off = 0; off < n;) {
    struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
    if (d->d_type == DT_REG)
      files++;
    else if (d->d_type == DT_DIR)
      dirs++;
    off += d->d_reclen;
  }
  CHECK_EQ("getdents64 at the end", getdents64(fd, buf, sizeof(buf)), 0);
  close(fd);
  printf("fs_test: /data lists %d files and %d directories (. and ..)\n", files, dirs);
  struct stat st;
  CHECK(stat("/data", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK(fstat(1, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR);
  printf("fs_test: stat /data is a directory, fd 1 is the console\n");
}

static void write_files(void)
{
  CHECK(mkdir("/out", 0755) == 0);
  int fd = open_or_fail("/out/written.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
  const char *line = "first line, by write\n";
  CHECK_EQ("write", write(fd, line, strlen(line)), strlen(line));
  struct iovec iov[2] = {{(void *)"second line, ", 13}, {(void *)"by writev\n", 10}};
  CHECK_EQ("writev", writev(fd, iov, 2), 23);
  CHECK_EQ("pwrite", pwrite(fd, "FIRST", 5, 0), 5);
  CHECK(fsync(fd) == 0);
  close(fd);
  fd = open_or_fail("/out/written.txt", O_RDWR | O_APPEND, 0);
  CHECK_EQ("append", write(fd, "third line, appended\n", 21), 21);
  char a[10] = {0}, b[64] = {0};
  CHECK_EQ("lseek", lseek(fd, 0, SEEK_SET), 0);
  struct iovec riov[2] = {{a, 5}, {b, sizeof(b) - 1}};
  CHECK_EQ("readv", readv(fd, riov, 2), 21 + 23 + 21);
  CHECK(strcmp(a, "FIRST") == 0);
  close(fd);
  printf("fs_test: /out/written.txt: write, writev, pwrite, O_APPEND, readv\n");

  fd = open_or_fail("/out/trunc.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  static char block[10000];
  memset(block, 'T', sizeof(block));
  CHECK_EQ("write 10000", write(fd, block, sizeof(block)), sizeof(block));
  CHECK(ftruncate(fd, 1000) == 0);
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  CHECK_EQ("size after ftruncate", st.st_size, 1000);
  close(fd);
  printf("fs_test: /out/trunc.txt: 10000 bytes, truncated to 1000\n");

  CHECK(rename("/out/written.txt", "/out/renamed.txt") == 0);
  CHECK(unlink("/data/delete_me.txt") == 0);
  CHECK(mkdir("/out/sub", 0755) == 0 && rmdir("/out/sub") == 0);
  printf("fs_test: renamed /out/written.txt, deleted /data/delete_me.txt, made and removed /out/sub\n");
}

static void many_files(void)
{
  char name[32];
  CHECK(mkdir("/out/many", 0755) == 0);
  for (int i = 0; i < 120; i++) {
    snprintf(name, sizeof(name), "/out/many/file_%03d", i);
    int fd = open_or_fail(name, O_WRONLY | O_CREAT, 0644);
    CHECK_EQ("write name", write(fd, name, strlen(name)), strlen(name));
    close(fd);
  }
  for (int i = 1; i < 120; i += 2) {
    snprintf(name, sizeof(name), "/out/many/file_%03d", i);
    CHECK(unlink(name) == 0);
  }
  char buf[1024];
  int fd = open_or_fail("/out/many", O_RDONLY | O_DIRECTORY, 0);
  int entries = 0;
  long n;
  while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
    for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
      entries++;
  close(fd);
  printf("fs_test: /out/many: 120 files created, 60 deleted, %d entries listed\n", entries);
}

/* Written, fsynced, caches dropped: the bytes read back come from the disk. */
static void reread_after_drop(void)
{
  int fd = open_or_fail("/out/renamed.txt", O_RDONLY, 0);
  CHECK(fsync(fd) == 0);
  close(fd);
  struct memvp_vmstat before = vmstat_now();
  CHECK(memvp_drop_caches(3) == 0);
  struct memvp_vmstat after = vmstat_now();
  char buf[128] = {0};
  fd = open_or_fail("/out/renamed.txt", O_RDONLY, 0);
  CHECK_EQ("read back", read(fd, buf, sizeof(buf) - 1), 65);
  close(fd);
  CHECK(strncmp(buf, "FIRST line, by write\n", 21) == 0);
  CHECK(after.nr_file_pages < before.nr_file_pages && after.nr_dirty == 0);
  printf("fs_test: drop_caches: Cached %lu -> %lu pages, Buffers %lu -> %lu KiB; /out/renamed.txt reads back\n",
         (unsigned long)before.nr_file_pages, (unsigned long)after.nr_file_pages,
         (unsigned long)before.buffer_bytes / 1024, (unsigned long)after.buffer_bytes / 1024);
}

static void fds_and_cwd(void)
{
  int fd = dup(1);
  CHECK(fd >= 3);
  const char *msg = "fs_test: this line went through dup(1)\n";
  CHECK_EQ("write to dup", write(fd, msg, strlen(msg)), strlen(msg));
  int file = open_or_fail("/data/hello.txt", O_RDONLY, 0);
  CHECK_EQ("dup3", dup3(file, fd, 0), fd);
  char buf[6] = {0};
  CHECK_EQ("read through dup3", read(fd, buf, 5), 5);
  CHECK(strcmp(buf, "hello") == 0);
  close(fd);
  close(file);
  CHECK(chdir("/out") == 0);
  char cwd[64];
  CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
  struct stat st;
  CHECK(stat("renamed.txt", &st) == 0);
  printf("fs_test: dup, dup3; chdir /out: getcwd %s, renamed.txt is %ld bytes\n", cwd, st.st_size);
}

static void errors(void)
{
  expect_errno("open of a missing file", open("/data/missing", O_RDONLY), ENOENT);
  expect_errno("rmdir of a non-empty directory", rmdir("/out/many"), ENOTEMPTY);
  expect_errno("unlink of a directory", unlink("/out/many"), EISDIR);
  expect_errno("mkdir of an existing name", mkdir("/data", 0755), EEXIST);
  expect_errno("O_EXCL on an existing file", open("/data/hello.txt", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
  expect_errno("renameat2 RENAME_NOREPLACE", renameat2(AT_FDCWD, "/out/trunc.txt", AT_FDCWD, "/out/renamed.txt",
                                                        RENAME_NOREPLACE), EEXIST);
  expect_errno("write to a directory", open("/data", O_WRONLY), EISDIR);
  expect_errno("read of a closed fd", (int)read(17, NULL, 0), EBADF);
}

static void exec_from_disk(void)
{
  pid_t pid = fork();
  if (pid == 0) {
    char *argv[] = {"/bin/fs_hello", "one", "two", NULL};
    execve("/bin/fs_hello", argv, NULL);
    FAIL("execve /bin/fs_hello: errno %d", errno);
  }
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid);
  printf("fs_test: /bin/fs_hello exited with status %d\n", WEXITSTATUS(status));
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

int main(void)
{
  read_files();
  list_data();
  write_files();
  many_files();
  reread_after_drop();
  fds_and_cwd();
  errors();
  exec_from_disk();
  sync();
  printf("fs_test: PASS\n");
  return 0;
}
