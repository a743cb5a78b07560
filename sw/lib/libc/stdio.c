/* Standard streams of memvp user programs on picolibc's tinystdio: stdout collects bytes and
 * writes a whole line (or a full buffer) with one write(1, ...) system call, so lines of
 * concurrent processes do not interleave mid-line; stderr writes each byte straight to fd 2. */
#include <stdio.h>

#include "memvp/user.h"

#define STDOUT_BUF 512

static char out_buf[STDOUT_BUF];
static size_t out_len;

static int out_flush(FILE *f)
{
  (void)f;
  size_t done = 0;
  while (done < out_len) {
    ssize_t n = write(1, out_buf + done, out_len - done);
    if (n <= 0)
      break;
    done += (size_t)n;
  }
  int r = done == out_len ? 0 : EOF;
  out_len = 0;
  return r;
}

static int out_put(char c, FILE *f)
{
  out_buf[out_len++] = c;
  if (c == '\n' || out_len == STDOUT_BUF)
    if (out_flush(f) != 0)
      return EOF;
  return (unsigned char)c;
}

static int err_put(char c, FILE *f)
{
  (void)f;
  return write(2, &c, 1) == 1 ? (unsigned char)c : EOF;
}

/* No console input exists: reads see end of file. */
static int in_get(FILE *f)
{
  (void)f;
  return _FDEV_EOF;
}

static FILE user_stdin = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);
static FILE user_stdout = FDEV_SETUP_STREAM(out_put, NULL, out_flush, _FDEV_SETUP_WRITE);
static FILE user_stderr = FDEV_SETUP_STREAM(err_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &user_stdin;
FILE *const stdout = &user_stdout;
FILE *const stderr = &user_stderr;
