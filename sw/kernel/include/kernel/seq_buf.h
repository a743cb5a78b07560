// A bounded text buffer with a printf subset (Linux <linux/seq_buf.h>), used for /proc-style
// output and panic messages. Self-contained so the guest and the host produce identical bytes:
// conversions d i u x X s c p %, flags '-', '0' and '#', a field width, length l / ll / z.
#pragma once

#include <stdarg.h>

#include "kernel/types.h"

struct seq_buf {
    char* buffer;
    size_t size;
    size_t len;       // characters written (excluding the terminating NUL)
    bool overflowed;  // true once output was cut to fit

    seq_buf(char* buf, size_t n) : buffer(buf), size(n), len(0), overflowed(false)
    {
        if (n) buf[0] = '\0';
    }
    const char* str() const { return buffer; }
};

inline void seq_buf_putc(seq_buf* s, char c)
{
    if (s->len + 1 < s->size) {
        s->buffer[s->len++] = c;
        s->buffer[s->len] = '\0';
    } else {
        s->overflowed = true;
    }
}

inline void seq_buf_puts(seq_buf* s, const char* str)
{
    while (*str) seq_buf_putc(s, *str++);
}

namespace seq_buf_detail {

struct spec {
    bool left = false;
    bool zero = false;
    bool alt = false;  // '#': 0x prefix on non-zero hexadecimal values
    unsigned width = 0;
};

inline void pad(seq_buf* s, unsigned n, char c)
{
    while (n--) seq_buf_putc(s, c);
}

inline void put_field(seq_buf* s, const spec& sp, const char* text, unsigned n)
{
    unsigned fill = sp.width > n ? sp.width - n : 0;
    if (!sp.left) pad(s, fill, ' ');
    for (unsigned i = 0; i < n; ++i) seq_buf_putc(s, text[i]);
    if (sp.left) pad(s, fill, ' ');
}

inline void put_number(seq_buf* s, const spec& sp, unsigned long long v, bool negative, unsigned base,
                       bool upper)
{
    const bool prefix = sp.alt && base == 16 && v != 0;
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    unsigned n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    unsigned total = n + (negative ? 1 : 0) + (prefix ? 2 : 0);
    unsigned fill = sp.width > total ? sp.width - total : 0;
    if (!sp.left && !sp.zero) pad(s, fill, ' ');
    if (negative) seq_buf_putc(s, '-');
    if (prefix) seq_buf_puts(s, upper ? "0X" : "0x");
    if (!sp.left && sp.zero) pad(s, fill, '0');
    while (n) seq_buf_putc(s, tmp[--n]);
    if (sp.left) pad(s, fill, ' ');
}

}  // namespace seq_buf_detail

inline void seq_buf_vprintf(seq_buf* s, const char* fmt, va_list ap)
{
    using namespace seq_buf_detail;
    for (; *fmt; ++fmt) {
        if (*fmt != '%') {
            seq_buf_putc(s, *fmt);
            continue;
        }
        spec sp;
        for (++fmt; *fmt == '-' || *fmt == '0' || *fmt == '#'; ++fmt)
            (*fmt == '-' ? sp.left : *fmt == '0' ? sp.zero : sp.alt) = true;
        while (*fmt >= '0' && *fmt <= '9') sp.width = sp.width * 10 + unsigned(*fmt++ - '0');
        int longs = 0;
        for (; *fmt == 'l' || *fmt == 'z'; ++fmt) longs += (*fmt == 'z') ? 2 : 1;
        switch (*fmt) {
        case 'd':
        case 'i': {
            long long v = longs ? va_arg(ap, long long) : va_arg(ap, int);
            put_number(s, sp, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0, 10, false);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            unsigned long long v = longs ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
            put_number(s, sp, v, false, *fmt == 'u' ? 10 : 16, *fmt == 'X');
            break;
        }
        case 'p':
            seq_buf_puts(s, "0x");
            put_number(s, sp, (uintptr_t)va_arg(ap, void*), false, 16, false);
            break;
        case 's': {
            const char* str = va_arg(ap, const char*);
            if (!str) str = "(null)";
            unsigned n = 0;
            while (str[n]) ++n;
            put_field(s, sp, str, n);
            break;
        }
        case 'c': {
            char c = char(va_arg(ap, int));
            put_field(s, sp, &c, 1);
            break;
        }
        case '%':
            seq_buf_putc(s, '%');
            break;
        default:  // unknown conversion: show it rather than guess at its argument
            seq_buf_putc(s, '%');
            if (*fmt) seq_buf_putc(s, *fmt);
            if (!*fmt) return;
            break;
        }
    }
}

__attribute__((format(printf, 2, 3))) inline void seq_buf_printf(seq_buf* s, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    seq_buf_vprintf(s, fmt, ap);
    va_end(ap);
}
