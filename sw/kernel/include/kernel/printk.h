// Kernel console output (Linux printk): formatted with seq_buf's printf subset and written to
// the UART whole, under one lock, so lines from different harts never interleave.
#pragma once

#include <stdarg.h>

__attribute__((format(printf, 1, 2))) void printk(const char* fmt, ...);
void vprintk(const char* fmt, va_list ap);
// Writes len bytes as they are (the write system call on fd 1 and 2).
void console_write(const char* buf, unsigned long len);
