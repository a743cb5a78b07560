// Device interrupt handlers (Linux <linux/interrupt.h>): a driver registers one handler per
// interrupt number with request_irq; the number comes from the interrupt controller's mapping
// of the device's hardware source (irq_create_mapping, kernel/irq.h).
#pragma once

enum irqreturn_t { IRQ_NONE, IRQ_HANDLED };

// Runs in interrupt context on the hart the interrupt is routed to: no sleeping.
using irq_handler_t = irqreturn_t (*)(unsigned irq, void* dev_id);

// Installs handler for irq and unmasks it at its controller. 0, -EINVAL for an unmapped irq,
// -EBUSY if it already has a handler.
int request_irq(unsigned irq, irq_handler_t handler, const char* name, void* dev_id);
// Masks irq and removes its handler.
void free_irq(unsigned irq, void* dev_id);
