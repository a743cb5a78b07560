// Kernel panic with what and where, through a replaceable hook: the guest installs one that
// writes to the console and stops the machine; host unit tests install one that throws, so a
// test can expect a panic. Kernel code itself never throws and never sees the hook's type.
#pragma once

#include <stdarg.h>

#include "kernel/seq_buf.h"

// Receives the complete message ("Kernel panic - not syncing: <what> at <file>:<line> in <func>").
// Must not return; if it does, panic_at() parks the hart.
using panic_handler_t = void (*)(const char* message);

inline void default_panic_handler(const char*)
{
    for (;;) {
#if defined(__riscv)
        __asm__ volatile("wfi");
#endif
    }
}

inline panic_handler_t panic_handler = default_panic_handler;

inline panic_handler_t set_panic_handler(panic_handler_t handler)
{
    panic_handler_t old = panic_handler;
    panic_handler = handler ? handler : default_panic_handler;
    return old;
}

__attribute__((format(printf, 4, 5))) [[noreturn]] inline void panic_at(const char* file, int line,
                                                                        const char* func, const char* fmt, ...)
{
    static char message[512];
    seq_buf s(message, sizeof(message));
    seq_buf_puts(&s, "Kernel panic - not syncing: ");
    va_list ap;
    va_start(ap, fmt);
    seq_buf_vprintf(&s, fmt, ap);
    va_end(ap);
    seq_buf_printf(&s, " at %s:%d in %s", file, line, func);
    panic_handler(message);
    default_panic_handler(message);
    __builtin_unreachable();
}

// panic("what %d", x): stops the kernel, naming the source line (Linux panic()).
#define panic(...) panic_at(__FILE__, __LINE__, __func__, __VA_ARGS__)

// BUG_ON(cond): panic when an invariant does not hold, quoting the condition (Linux BUG_ON()).
#define BUG_ON(cond)                                      \
    do {                                                  \
        if (__builtin_expect(!!(cond), 0)) panic("BUG_ON(%s)", #cond); \
    } while (0)
