// Host printk for the GoogleTest builds of sw/kernel (mm, block, fs): the kernel log is kept in
// a string that tests take with host_printk_take (block/host/host_bdev.h).
#include <cstdarg>
#include <cstdio>
#include <string>

#include "kernel/printk.h"

namespace {

std::string printk_log;

}  // namespace

void vprintk(const char* fmt, va_list ap)
{
    char line[512];
    std::vsnprintf(line, sizeof(line), fmt, ap);
    printk_log += line;
}

void printk(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void console_write(const char* buf, unsigned long len) { printk_log.append(buf, len); }

std::string host_printk_take()
{
    std::string out;
    out.swap(printk_log);
    return out;
}
