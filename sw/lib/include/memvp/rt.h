/* The bare-metal runtime for memvp guest programs (tests and apps): console output on the
 * NS16550A UART, exit through the SiFive test finisher, and what crt0 learned at boot.
 * printf and the string functions come from picolibc; stdout is the UART. */
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes one byte to the UART, turning '\n' into "\r\n" as a terminal expects. */
void rt_putc(char c);
/* Writes a NUL-terminated string without adding a newline. */
void rt_puts(const char *s);

/* Ends the simulation: 0 passes (finisher 0x5555), any other code fails with that code
 * ((code << 16) | 0x3333). Never returns. */
__attribute__((noreturn)) void rt_exit(int code);

/* The DTB address hart 0 found in a1 at boot. */
extern uint64_t rt_boot_dtb;

/* Optional: a program that defines this runs it on every hart other than 0 once hart 0
 * has initialised memory; harts without it park in WFI. */
void rt_secondary_main(void);

/* Called by the default M-mode trap handler; prints the trap and exits with code 3. */
__attribute__((noreturn)) void rt_unexpected_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval);

static inline uint64_t rt_hart_id(void)
{
  uint64_t id;
  __asm__ volatile("csrr %0, mhartid" : "=r"(id));
  return id;
}

#ifdef __cplusplus
}
#endif
