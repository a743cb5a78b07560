// Interrupt numbers and handlers (Linux kernel/irq/irqdomain.c, irqdesc.c, manage.c in
// miniature): a fixed table of descriptors, a mapping from (controller, source) to an interrupt
// number, request_irq/free_irq, and the call of a claimed source's handler.
#include "kernel/irq.h"

#include "kernel/errno.h"
#include "kernel/spinlock.h"

namespace {

irq_desc irq_descs[NR_IRQS];
unsigned nr_mapped = 1;  // virq 0 is never handed out
spinlock_t irq_lock;

}  // namespace

irq_desc* irq_to_desc(unsigned irq) { return irq > 0 && irq < nr_mapped ? &irq_descs[irq] : nullptr; }

irq_desc* irq_find_mapping(const void* chip_data, unsigned long hwirq)
{
    for (unsigned i = 1; i < nr_mapped; ++i)
        if (irq_descs[i].chip_data == chip_data && irq_descs[i].hwirq == hwirq) return &irq_descs[i];
    return nullptr;
}

unsigned irq_create_mapping(const irq_chip* chip, void* chip_data, unsigned long hwirq)
{
    unsigned long flags = spin_lock_irqsave(&irq_lock);
    irq_desc* desc = irq_find_mapping(chip_data, hwirq);
    if (!desc && nr_mapped < NR_IRQS) {
        desc = &irq_descs[nr_mapped];
        *desc = irq_desc{nr_mapped++, hwirq, chip, chip_data, nullptr, nullptr, nullptr, 0, 0};
    }
    spin_unlock_irqrestore(&irq_lock, flags);
    return desc ? desc->irq : 0;
}

int request_irq(unsigned irq, irq_handler_t handler, const char* name, void* dev_id)
{
    irq_desc* desc = irq_to_desc(irq);
    if (!desc || !handler) return -EINVAL;
    unsigned long flags = spin_lock_irqsave(&irq_lock);
    const bool busy = desc->handler != nullptr;
    if (!busy) {
        desc->handler = handler;
        desc->dev_id = dev_id;
        desc->name = name;
    }
    spin_unlock_irqrestore(&irq_lock, flags);
    if (busy) return -EBUSY;
    desc->chip->irq_unmask(desc);
    return 0;
}

void free_irq(unsigned irq, void* dev_id)
{
    irq_desc* desc = irq_to_desc(irq);
    if (!desc || desc->dev_id != dev_id) return;
    desc->chip->irq_mask(desc);
    unsigned long flags = spin_lock_irqsave(&irq_lock);
    desc->handler = nullptr;
    desc->dev_id = nullptr;
    spin_unlock_irqrestore(&irq_lock, flags);
}

// A device may interrupt with nothing left to report (its cause was handled by the previous
// run of the handler); Linux counts such interrupts (note_interrupt) and so does this.
void generic_handle_irq_desc(irq_desc* desc)
{
    ++desc->count;
    if (!desc->handler || desc->handler(desc->irq, desc->dev_id) == IRQ_NONE) ++desc->unhandled;
}
