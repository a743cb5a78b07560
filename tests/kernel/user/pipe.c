/* pipe: pipe2 between processes. A child writes 100000 bytes of a pattern through a pipe in
 * uneven pieces, more than the pipe holds, so the writer sleeps on a full pipe and the reader
 * on an empty one; the parent reads them back in other pieces and sees end of file once the
 * child has exited (its write end closed by exit). Then: fstat says FIFO, lseek gives ESPIPE,
 * a write with the read end closed gives EPIPE, and dup of a read end shares it. */
#include <errno.h>
#include <string.h>

#include "utest.h"

#define TOTAL 100000

static unsigned char pattern(long i) { return (unsigned char)(i * 7 + (i >> 9)); }

static void child_writer(int wfd)
{
  static unsigned char buf[3001];
  long sent = 0;
  while (sent < TOTAL) {
    long n = TOTAL - sent < 3001 ? TOTAL - sent : 1 + sent % 3001;
    for (long i = 0; i < n; i++)
      buf[i] = pattern(sent + i);
    long w = write(wfd, buf, n);
    if (w <= 0)
      exit(3);
    sent += w;
  }
  exit(0);
}

int main(void)
{
  int fds[2];
  CHECK(pipe2(fds, 0) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    child_writer(fds[1]);
  }
  close(fds[1]);
  static unsigned char buf[777];
  long got = 0;
  long n;
  while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
    for (long i = 0; i < n; i++)
      if (buf[i] != pattern(got + i))
        FAIL("byte %ld", got + i);
    got += n;
  }
  CHECK_EQ("read's end of file", n, 0);
  int status = -1;
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  printf("pipe: %ld bytes from the child in order, then end of file\n", got);
  CHECK_EQ("bytes", got, TOTAL);

  struct stat st;
  CHECK(fstat(fds[0], &st) == 0 && (st.st_mode & S_IFMT) == 0010000);
  errno = 0;
  CHECK(lseek(fds[0], 0, SEEK_SET) == -1 && errno == ESPIPE);
  close(fds[0]);
  printf("pipe: fstat says FIFO, lseek fails with ESPIPE\n");

  CHECK(pipe2(fds, 0) == 0);
  int copy = dup(fds[0]);
  CHECK(write(fds[1], "abc", 3) == 3);
  char small[4] = {0};
  CHECK(read(copy, small, 3) == 3 && strcmp(small, "abc") == 0);
  close(fds[0]);
  close(copy);
  errno = 0;
  CHECK(write(fds[1], "x", 1) == -1 && errno == EPIPE);
  close(fds[1]);
  printf("pipe: a dup'd read end shares the pipe; writing with no reader fails with EPIPE\n");
  printf("pipe: PASS\n");
  return 0;
}
