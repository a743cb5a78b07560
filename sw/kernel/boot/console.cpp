// The console: an NS16550A UART (QEMU virt VIRT_UART0, memvp's uart) reached through the
// direct map; printk formats into a bounded buffer and writes it under the console lock.
#include "boot/boot_params.h"
#include "kernel/printk.h"
#include "kernel/seq_buf.h"
#include "kernel/spinlock.h"
#include "mm/memory_model.h"

namespace {

constexpr unsigned UART_THR = 0, UART_LSR = 5;
constexpr u8 UART_LSR_THRE = 0x20;

spinlock_t console_lock;

void uart_putc(char c)
{
    volatile u8* uart = static_cast<volatile u8*>(phys_to_virt(PhysAddr{boot_params.uart_base}));
    while (!(uart[UART_LSR] & UART_LSR_THRE)) {
    }
    uart[UART_THR] = u8(c);
}

}  // namespace

void console_write(const char* buf, unsigned long len)
{
    unsigned long flags = spin_lock_irqsave(&console_lock);
    for (unsigned long i = 0; i < len; ++i) uart_putc(buf[i]);
    spin_unlock_irqrestore(&console_lock, flags);
}

void vprintk(const char* fmt, va_list ap)
{
    char line[512];
    seq_buf s(line, sizeof(line));
    seq_buf_vprintf(&s, fmt, ap);
    console_write(line, s.len);
}

void printk(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}
