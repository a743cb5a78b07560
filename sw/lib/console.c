/* Console and exit for memvp guests: polled NS16550A transmit and the SiFive test finisher
 * (QEMU virt's memory map), and the picolibc tinystdio hooks that make printf write to the UART. */
#include <stdio.h>
#include <stdlib.h>

#include "memvp/platform.h"
#include "memvp/rt.h"

static volatile uint8_t *const uart = (volatile uint8_t *)UART0_BASE;

void rt_putc(char c)
{
  if (c == '\n')
    rt_putc('\r');
  while ((uart[UART_LSR] & UART_LSR_THRE) == 0) {
  }
  uart[UART_THR] = (uint8_t)c;
}

void rt_puts(const char *s)
{
  while (*s)
    rt_putc(*s++);
}

void rt_exit(int code)
{
  volatile uint32_t *finisher = (volatile uint32_t *)FINISHER_BASE;
  uint32_t c = (uint32_t)code & 0xffff;
  *finisher = c == 0 ? FINISHER_PASS : ((c << 16) | FINISHER_FAIL);
  for (;;)
    __asm__ volatile("wfi");
}

/* picolibc's exit() ends here after running destructors. */
void _exit(int code)
{
  rt_exit(code);
}

static int uart_file_putc(char c, FILE *f)
{
  (void)f;
  rt_putc(c);
  return (unsigned char)c;
}

static FILE rt_stdio = FDEV_SETUP_STREAM(uart_file_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &rt_stdio;
FILE *const stdout = &rt_stdio;
FILE *const stderr = &rt_stdio;

void rt_unexpected_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
  printf("unexpected trap: mcause=0x%lx mepc=0x%lx mtval=0x%lx\n", (unsigned long)mcause,
         (unsigned long)mepc, (unsigned long)mtval);
  rt_exit(3);
}
