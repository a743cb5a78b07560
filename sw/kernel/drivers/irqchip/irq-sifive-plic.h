// The SiFive PLIC driver (Linux drivers/irqchip/irq-sifive-plic.c): the DTB's PLICs, each
// hart's supervisor context on them, and the dispatch of supervisor external interrupts.
#pragma once

#include "kernel/types.h"

// Boot hart, before the other harts start: masks every source in every S context.
void plic_init();
// Every hart as it comes online: threshold 0 in its S contexts and sie.SEIE.
void plic_starting_cpu();
// The interrupt number for source hwirq of the DTB's PLIC number plic (boot_params.plic[]);
// 0 if there is no such PLIC or source, or no hart can take it.
unsigned plic_irq_of(int plic, u32 hwirq);
// scause = supervisor external interrupt: claim, handle and complete until none is pending.
void plic_handle_irq();
