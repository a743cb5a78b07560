// The PLIC driver (RISC-V PLIC specification v1.0.0; Linux irq-sifive-plic.c): one instance
// per /soc/plic node. A source is enabled in one hart's S context, the lowest hart that has one
// on that PLIC (Linux picks one hart of the affinity mask likewise), with priority 1 over
// threshold 0; that hart claims it on SEIP and completes it after the handler ran.
#include "drivers/irqchip/irq-sifive-plic.h"

#include "asm/csr.h"
#include "asm/io.h"
#include "boot/boot_params.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "proc/sched.h"

namespace {

// Register map: PLIC spec, "Memory Map".
constexpr u64 PRIORITY_BASE = 0x0, ENABLE_BASE = 0x2000, ENABLE_PER_CTX = 0x80;
constexpr u64 CONTEXT_BASE = 0x200000, CONTEXT_PER_CTX = 0x1000, CONTEXT_THRESHOLD = 0, CONTEXT_CLAIM = 4;

struct plic_priv {
    const fdt_plic* node;
    u8* regs;
    spinlock_t enable_lock;  // enable words are read-modify-write, shared by sources
};

plic_priv plics[FDT_MAX_PLICS];

u8* context_regs(const plic_priv* p, int ctx) { return p->regs + CONTEXT_BASE + CONTEXT_PER_CTX * u64(ctx); }

void set_enable(plic_priv* p, int ctx, unsigned long hwirq, bool on)
{
    u8* word = p->regs + ENABLE_BASE + ENABLE_PER_CTX * u64(ctx) + 4 * (hwirq / 32);
    const u32 bit = 1u << (hwirq % 32);
    unsigned long flags = spin_lock_irqsave(&p->enable_lock);
    const u32 old = readl(word);
    writel(on ? old | bit : old & ~bit, word);
    spin_unlock_irqrestore(&p->enable_lock, flags);
}

// The hart that takes this PLIC's sources: the lowest with an S context on it.
int target_hart(const plic_priv* p)
{
    for (unsigned h = 0; h < nr_cpu_ids; ++h)
        if (boot_params.cpu_present[h] && p->node->s_context[h] >= 0) return int(h);
    return -1;
}

// PLIC spec, "Interrupt Priorities": priority 0 never interrupts, so unmask raises it to 1.
void plic_irq_unmask(irq_desc* desc)
{
    plic_priv* p = static_cast<plic_priv*>(desc->chip_data);
    writel(1, p->regs + PRIORITY_BASE + 4 * desc->hwirq);
    set_enable(p, p->node->s_context[target_hart(p)], desc->hwirq, true);
}

void plic_irq_mask(irq_desc* desc)
{
    plic_priv* p = static_cast<plic_priv*>(desc->chip_data);
    set_enable(p, p->node->s_context[target_hart(p)], desc->hwirq, false);
    writel(0, p->regs + PRIORITY_BASE + 4 * desc->hwirq);
}

const irq_chip plic_chip = {"PLIC", plic_irq_unmask, plic_irq_mask};

}  // namespace

void plic_init()
{
    for (int i = 0; i < boot_params.nr_plics; ++i) {
        plic_priv& p = plics[i];
        p.node = &boot_params.plic[i];
        p.regs = static_cast<u8*>(ioremap(PhysAddr{p.node->base}));
        spin_lock_init(&p.enable_lock);
        for (int h = 0; h < FDT_MAX_CPUS; ++h) {
            const int ctx = p.node->s_context[h];
            if (ctx < 0) continue;
            for (u32 w = 0; w <= p.node->ndev / 32; ++w)
                writel(0, p.regs + ENABLE_BASE + ENABLE_PER_CTX * u64(ctx) + 4 * w);
        }
    }
}

void plic_starting_cpu()
{
    const unsigned hart = smp_processor_id();
    bool any = false;
    for (int i = 0; i < boot_params.nr_plics; ++i) {
        const int ctx = plics[i].node->s_context[hart];
        if (ctx < 0) continue;
        writel(0, context_regs(&plics[i], ctx) + CONTEXT_THRESHOLD);
        any = true;
    }
    if (any) csr_set(sie, MIP_SEIP);
}

unsigned plic_irq_of(int plic, u32 hwirq)
{
    if (plic < 0 || plic >= boot_params.nr_plics) return 0;
    plic_priv* p = &plics[plic];
    if (hwirq == 0 || hwirq > p->node->ndev || target_hart(p) < 0) return 0;
    return irq_create_mapping(&plic_chip, p, hwirq);
}

// PLIC spec, "Interrupt Claim Process" and "Interrupt Completion": reading claim returns the
// highest-priority pending source enabled for this context (0: none) and clears its pending
// bit; writing the same number back lets the gateway forward it again.
void plic_handle_irq()
{
    const unsigned hart = smp_processor_id();
    for (int i = 0; i < boot_params.nr_plics; ++i) {
        plic_priv* p = &plics[i];
        const int ctx = p->node->s_context[hart];
        if (ctx < 0) continue;
        u8* claim = context_regs(p, ctx) + CONTEXT_CLAIM;
        while (const u32 hwirq = readl(claim)) {
            if (irq_desc* desc = irq_find_mapping(p, hwirq)) generic_handle_irq_desc(desc);
            else printk("PLIC %#lx: spurious source %u\n", (unsigned long)p->node->base, hwirq);
            writel(hwirq, claim);
        }
    }
}
