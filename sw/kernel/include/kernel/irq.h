// Interrupt descriptors and controllers (Linux <linux/irq.h>, <linux/irqdesc.h>): each
// interrupt number (virq, 1 … NR_IRQS-1; 0 means none) names one hardware source of one
// controller instance and holds the handler a driver requested for it.
#pragma once

#include "kernel/interrupt.h"

inline constexpr unsigned NR_IRQS = 64;

struct irq_desc;

// What a controller does for one source (Linux struct irq_chip).
struct irq_chip {
    const char* name;
    void (*irq_unmask)(irq_desc* desc);
    void (*irq_mask)(irq_desc* desc);
};

struct irq_desc {
    unsigned irq;
    unsigned long hwirq;       // the source number at its controller
    const irq_chip* chip;
    void* chip_data;           // the controller instance
    irq_handler_t handler;
    void* dev_id;
    const char* name;
    unsigned long count;       // interrupts taken (Linux kstat_irqs)
    unsigned long unhandled;   // of which the handler found nothing to do
};

// The virq for (chip_data, hwirq), made on first use; 0 when the table is full.
unsigned irq_create_mapping(const irq_chip* chip, void* chip_data, unsigned long hwirq);
// The descriptor of (chip_data, hwirq), or nullptr if none was mapped.
irq_desc* irq_find_mapping(const void* chip_data, unsigned long hwirq);
irq_desc* irq_to_desc(unsigned irq);
// Calls the descriptor's handler (the controller's dispatch has claimed the source).
void generic_handle_irq_desc(irq_desc* desc);
