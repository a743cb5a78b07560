// Inter-processor interrupts and the other harts (Linux arch/riscv/kernel/smp.c, smpboot.c):
// IPIs are SBI send_ipi calls that arrive as supervisor software interrupts; each carries
// bits in the target's ipi_pending word (reschedule, TLB flush).
#pragma once

enum ipi_message : unsigned long {
    IPI_RESCHEDULE = 1UL << 0,
    IPI_TLB_FLUSH = 1UL << 1,
};

void send_ipi_reschedule(unsigned hart);
void send_ipi_message(unsigned hart, ipi_message msg);
// The supervisor software interrupt: clears sip.SSIP and serves the pending messages.
void handle_ipi();
// Starts the other harts listed in the DTB (their idle tasks) and waits until they run.
void smp_init();
// Timer setup for the calling hart (tick interval from timebase-frequency).
void time_init_hart();
