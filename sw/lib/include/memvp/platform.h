/* Addresses and register layouts of the QEMU-virt-compatible memvp machine (QEMU virt's memory map)
 * and of the guest runtime, shared by C and assembly sources of sw/ and tests/isa. */
#pragma once

#define UART0_BASE        0x10000000
#define UART_THR          0          /* NS16550A transmit holding register */
#define UART_LSR          5          /* line status register */
#define UART_LSR_THRE     0x20       /* THR empty */

#define FINISHER_BASE     0x00100000 /* SiFive test finisher */
#define FINISHER_PASS     0x5555
#define FINISHER_FAIL     0x3333     /* (code << 16) | FINISHER_FAIL */

#define CLINT_BASE        0x02000000
#define CLINT_MSIP(h)     (CLINT_BASE + 4 * (h))
#define CLINT_MTIMECMP(h) (CLINT_BASE + 0x4000 + 8 * (h))
#define CLINT_MTIME       (CLINT_BASE + 0xBFF8)
#define CLINT_HZ          10000000

#define RT_MAX_HARTS      8
#define RT_STACK_SHIFT    14         /* 16 KiB per hart, as memvp.ld reserves */

/* pmpcfg fields (priv. spec 20260120 §3.7.1) */
#define PMP_R             0x01
#define PMP_W             0x02
#define PMP_X             0x04
#define PMP_A_NAPOT       0x18
