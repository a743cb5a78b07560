// A small flattened-device-tree reader (Devicetree Specification v0.4 ch. 5 "Flattened
// Devicetree (DTB) Format"): walks the structure block once and records memory nodes, cpus,
// the distance-map, the UART, CLINT, PLICs, virtio-mmio slots, test finisher and event port,
// timebase-frequency and /chosen/bootargs. A node's properties are collected and acted on at
// its FDT_END_NODE; references by phandle are resolved after the walk.
#include "boot/boot_params.h"

namespace {

constexpr u32 FDT_MAGIC = 0xd00dfeed;
constexpr u32 FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_NOP = 4, FDT_END = 9;
constexpr int MAX_DEPTH = 8;
constexpr int MAX_CLINTS = 8;
constexpr u64 CLINT_MSIP = 0, CLINT_MTIMECMP = 0x4000;  // SiFive CLINT register offsets
constexpr u32 IRQ_S_EXT = 9;  // the supervisor external interrupt (privileged spec §3.1.9)

u32 be32(const u8* p) { return u32(p[0]) << 24 | u32(p[1]) << 16 | u32(p[2]) << 8 | p[3]; }

u64 read_cells(const u8* p, u32 cells)
{
    u64 v = 0;
    for (u32 i = 0; i < cells; ++i) v = v << 32 | be32(p + 4 * i);
    return v;
}

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

bool starts_with(const char* s, const char* prefix)
{
    while (*prefix)
        if (*s++ != *prefix++) return false;
    return true;
}

// True if the string list value (compatible) holds name.
bool has_string(const u8* value, u32 len, const char* name)
{
    for (u32 i = 0; i < len;) {
        const char* s = reinterpret_cast<const char*>(value + i);
        if (streq(s, name)) return true;
        while (i < len && value[i]) ++i;
        ++i;
    }
    return false;
}

void copy_string(char* dst, unsigned cap, const u8* src, u32 len)
{
    unsigned i = 0;
    for (; i + 1 < cap && i < len && src[i]; ++i) dst[i] = char(src[i]);
    dst[i] = '\0';
}

enum node_kind : u8 { NODE_OTHER, NODE_CPUS, NODE_CPU, NODE_MEMORY, NODE_CHOSEN, NODE_DISTANCE_MAP };

struct node_state {
    const char* name;
    node_kind kind;
    u32 addr_cells, size_cells;  // #address-cells/#size-cells this node gives its children
    const u8* reg;
    u32 reg_len;
    int nid;
    u32 phandle;
    const u8* irqs;  // interrupts-extended
    u32 irqs_len;
    const u8* irq;   // interrupts (one cell under a PLIC)
    u32 interrupt_parent;  // own or inherited from the nearest ancestor (DT spec §2.4.1)
    u32 ndev;
    bool uart, clint, finisher, plic, virtio, event_port;
};

// What resolving the CLINTs' hart lists needs after the walk (phandles may come later).
struct clint_refs {
    int nr_clints;
    u64 base[MAX_CLINTS];
    const u8* irqs[MAX_CLINTS];
    u32 irqs_len[MAX_CLINTS];
    u32 intc_phandle[FDT_MAX_CPUS];  // phandle of each hart's interrupt-controller node
    const u8* plic_irqs[FDT_MAX_PLICS];
    u32 plic_irqs_len[FDT_MAX_PLICS];
    u32 virtio_parent[FDT_MAX_VIRTIO];
};

// interrupts-extended of a CLINT is <intc-phandle irq> per context, two per hart (software,
// timer), in the order of the CLINT's hart slots (riscv,clint0 binding).
void resolve_clints(const clint_refs& refs, boot_params_t* bp)
{
    for (int h = 0; h < FDT_MAX_CPUS; ++h) {
        bp->clint_msip[h] = bp->clint_base + CLINT_MSIP + 4 * u64(h);
        bp->clint_mtimecmp[h] = bp->clint_base + CLINT_MTIMECMP + 8 * u64(h);
    }
    for (int c = 0; c < refs.nr_clints; ++c) {
        for (u32 ctx = 0; 8 * (ctx + 1) <= refs.irqs_len[c]; ++ctx) {
            const u32 phandle = be32(refs.irqs[c] + 8 * ctx);
            const u64 slot = ctx / 2;
            for (int h = 0; h < FDT_MAX_CPUS; ++h) {
                if (!refs.intc_phandle[h] || refs.intc_phandle[h] != phandle) continue;
                bp->clint_msip[h] = refs.base[c] + CLINT_MSIP + 4 * slot;
                bp->clint_mtimecmp[h] = refs.base[c] + CLINT_MTIMECMP + 8 * slot;
            }
        }
    }
}

// A PLIC's context c is the c-th <intc-phandle irq> pair of its interrupts-extended (riscv,plic0
// binding); a virtio node's PLIC is the one its interrupt-parent names.
void resolve_plics(const clint_refs& refs, boot_params_t* bp)
{
    for (int p = 0; p < bp->nr_plics; ++p) {
        fdt_plic& plic = bp->plic[p];
        for (int h = 0; h < FDT_MAX_CPUS; ++h) plic.s_context[h] = -1;
        for (u32 ctx = 0; refs.plic_irqs[p] && 8 * (ctx + 1) <= refs.plic_irqs_len[p]; ++ctx) {
            const u32 phandle = be32(refs.plic_irqs[p] + 8 * ctx), irq = be32(refs.plic_irqs[p] + 8 * ctx + 4);
            if (irq != IRQ_S_EXT) continue;
            for (int h = 0; h < FDT_MAX_CPUS; ++h)
                if (refs.intc_phandle[h] && refs.intc_phandle[h] == phandle) plic.s_context[h] = int(ctx);
        }
    }
    for (int v = 0; v < bp->nr_virtio_mmio; ++v) {
        bp->virtio_mmio[v].plic = -1;
        for (int p = 0; p < bp->nr_plics; ++p)
            if (refs.virtio_parent[v] && bp->plic[p].phandle == refs.virtio_parent[v]) bp->virtio_mmio[v].plic = p;
    }
}

void finish_node(const node_state& n, const node_state& parent, boot_params_t* bp, clint_refs* refs)
{
    const u32 ac = parent.addr_cells, sc = parent.size_cells;
    if (n.kind == NODE_MEMORY && n.reg) {
        for (u32 off = 0; off + 4 * (ac + sc) <= n.reg_len && bp->nr_mem < FDT_MAX_MEM; off += 4 * (ac + sc)) {
            fdt_mem_range r{read_cells(n.reg + off, ac), read_cells(n.reg + off + 4 * ac, sc), n.nid < 0 ? 0 : n.nid};
            int i = bp->nr_mem++;
            for (; i > 0 && bp->mem[i - 1].base > r.base; --i) bp->mem[i] = bp->mem[i - 1];
            bp->mem[i] = r;
            if (r.nid + 1 > bp->nr_nodes) bp->nr_nodes = r.nid + 1;
        }
    } else if (n.kind == NODE_CPU && n.reg) {
        const u64 hart = read_cells(n.reg, ac);
        if (hart < FDT_MAX_CPUS) {
            bp->cpu_present[hart] = true;
            bp->cpu_node[hart] = n.nid < 0 ? 0 : n.nid;
            if (hart + 1 > bp->nr_cpus) bp->nr_cpus = unsigned(hart + 1);
        }
    } else if (n.reg) {
        const u64 base = read_cells(n.reg, ac);
        if (n.uart) bp->uart_base = base;
        if (n.clint && refs->nr_clints < MAX_CLINTS) {
            if (refs->nr_clints == 0) bp->clint_base = base;
            refs->base[refs->nr_clints] = base;
            refs->irqs[refs->nr_clints] = n.irqs;
            refs->irqs_len[refs->nr_clints++] = n.irqs ? n.irqs_len : 0;
        }
        if (n.finisher) bp->finisher_base = base;
        if (n.event_port) bp->event_port_base = base;
        if (n.plic && bp->nr_plics < FDT_MAX_PLICS) {
            refs->plic_irqs[bp->nr_plics] = n.irqs;
            refs->plic_irqs_len[bp->nr_plics] = n.irqs ? n.irqs_len : 0;
            bp->plic[bp->nr_plics++] = fdt_plic{base, n.ndev, n.phandle, {}};
        }
        if (n.virtio && n.irq && bp->nr_virtio_mmio < FDT_MAX_VIRTIO && 4 * (ac + sc) <= n.reg_len) {
            refs->virtio_parent[bp->nr_virtio_mmio] = n.interrupt_parent;
            bp->virtio_mmio[bp->nr_virtio_mmio++] = fdt_virtio_mmio{base, read_cells(n.reg + 4 * ac, sc), be32(n.irq), -1};
        }
    }
}

void take_property(node_state& n, int depth, const char* name, const u8* value, u32 len, boot_params_t* bp)
{
    if (streq(name, "#address-cells")) n.addr_cells = be32(value);
    else if (streq(name, "#size-cells")) n.size_cells = be32(value);
    else if (streq(name, "reg")) n.reg = value, n.reg_len = len;
    else if (streq(name, "numa-node-id")) n.nid = int(be32(value));
    else if (streq(name, "phandle")) n.phandle = be32(value);
    else if (streq(name, "interrupts-extended")) n.irqs = value, n.irqs_len = len;
    else if (streq(name, "interrupts") && len >= 4) n.irq = value;
    else if (streq(name, "interrupt-parent") && len >= 4) n.interrupt_parent = be32(value);
    else if (streq(name, "riscv,ndev") && len >= 4) n.ndev = be32(value);
    else if (streq(name, "device_type") && has_string(value, len, "memory")) n.kind = NODE_MEMORY;
    else if (streq(name, "timebase-frequency") && (n.kind == NODE_CPUS || n.kind == NODE_CPU))
        bp->timebase_frequency = read_cells(value, len / 4);
    else if (streq(name, "riscv,isa") && n.kind == NODE_CPU && !bp->isa[0]) copy_string(bp->isa, sizeof(bp->isa), value, len);
    else if (streq(name, "bootargs") && n.kind == NODE_CHOSEN) copy_string(bp->bootargs, BOOTARGS_MAX, value, len);
    // One cell (QEMU up to 7.2) or two (QEMU 8.0 on, memvp), as Linux of_read_number takes either.
    else if (streq(name, "linux,initrd-start") && n.kind == NODE_CHOSEN) bp->initrd_start = read_cells(value, len / 4);
    else if (streq(name, "linux,initrd-end") && n.kind == NODE_CHOSEN) bp->initrd_end = read_cells(value, len / 4);
    else if (streq(name, "distance-matrix") && n.kind == NODE_DISTANCE_MAP) {
        for (u32 off = 0; off + 12 <= len; off += 12) {
            const u32 a = be32(value + off), b = be32(value + off + 4), d = be32(value + off + 8);
            if (a < FDT_MAX_NODES && b < FDT_MAX_NODES) bp->distance[a][b] = u8(d);
        }
    } else if (streq(name, "compatible")) {
        n.uart = has_string(value, len, "ns16550a");
        n.clint = has_string(value, len, "riscv,clint0") || has_string(value, len, "sifive,clint0");
        n.finisher = has_string(value, len, "sifive,test0");
        n.plic = has_string(value, len, "riscv,plic0") || has_string(value, len, "sifive,plic-1.0.0");
        n.virtio = has_string(value, len, "virtio,mmio");
        n.event_port = has_string(value, len, "memvp,event-port");
    }
    (void)depth;
}

node_kind classify(const char* name, int depth, const node_state* stack)
{
    if (depth == 1 && streq(name, "cpus")) return NODE_CPUS;
    if (depth == 2 && stack[1].kind == NODE_CPUS && starts_with(name, "cpu@")) return NODE_CPU;
    if (depth == 1 && (streq(name, "memory") || starts_with(name, "memory@"))) return NODE_MEMORY;
    if (depth == 1 && streq(name, "chosen")) return NODE_CHOSEN;
    if (depth == 1 && streq(name, "distance-map")) return NODE_DISTANCE_MAP;
    return NODE_OTHER;
}

}  // namespace

void boot_params_defaults(boot_params_t* bp)
{
    u8* raw = reinterpret_cast<u8*>(bp);
    for (unsigned i = 0; i < sizeof(*bp); ++i) raw[i] = 0;
    bp->uart_base = 0x10000000;
    bp->clint_base = 0x2000000;
    bp->finisher_base = 0x100000;
    bp->timebase_frequency = 10000000;
    for (int h = 0; h < FDT_MAX_CPUS; ++h) {
        bp->clint_msip[h] = bp->clint_base + CLINT_MSIP + 4 * u64(h);
        bp->clint_mtimecmp[h] = bp->clint_base + CLINT_MTIMECMP + 8 * u64(h);
    }
}

bool fdt_parse(const void* dtb, boot_params_t* bp)
{
    const u8* base = static_cast<const u8*>(dtb);
    if (be32(base) != FDT_MAGIC) return false;
    bp->dtb_pa = reinterpret_cast<uintptr_t>(dtb);
    bp->dtb_size = be32(base + 4);
    const u8* p = base + be32(base + 8);
    const char* strings = reinterpret_cast<const char*>(base + be32(base + 12));
    node_state stack[MAX_DEPTH + 1] = {};
    clint_refs refs = {};
    stack[0].addr_cells = 2;
    stack[0].size_cells = 1;
    int depth = -1;
    for (;;) {
        const u32 token = be32(p);
        p += 4;
        if (token == FDT_BEGIN_NODE) {
            const char* name = reinterpret_cast<const char*>(p);
            u32 n = 0;
            while (name[n]) ++n;
            p += (n + 4) & ~3u;
            if (++depth > MAX_DEPTH) return false;
            node_state& s = stack[depth];
            s = node_state{};
            s.name = name;
            s.kind = classify(name, depth, stack);
            s.addr_cells = 2;
            s.size_cells = 1;
            s.nid = -1;
            if (depth > 0) s.interrupt_parent = stack[depth - 1].interrupt_parent;
        } else if (token == FDT_PROP) {
            const u32 len = be32(p), nameoff = be32(p + 4);
            if (depth >= 0) take_property(stack[depth], depth, strings + nameoff, p + 8, len, bp);
            p += 8 + ((len + 3) & ~3u);
        } else if (token == FDT_END_NODE) {
            if (depth > 0) finish_node(stack[depth], stack[depth - 1], bp, &refs);
            // A cpu's interrupt-controller child: the phandle CLINTs name the hart by.
            if (depth >= 2 && stack[depth - 1].kind == NODE_CPU && stack[depth].phandle && stack[depth - 1].reg) {
                const u64 hart = read_cells(stack[depth - 1].reg, stack[depth - 2].addr_cells);
                if (hart < FDT_MAX_CPUS) refs.intc_phandle[hart] = stack[depth].phandle;
            }
            --depth;
        } else if (token == FDT_END) {
            break;
        } else if (token != FDT_NOP) {
            return false;
        }
    }
    resolve_clints(refs, bp);
    resolve_plics(refs, bp);
    if (bp->nr_nodes == 0) bp->nr_nodes = 1;
    for (unsigned h = 0; h < bp->nr_cpus; ++h)
        if (bp->cpu_node[h] + 1 > bp->nr_nodes) bp->nr_nodes = bp->cpu_node[h] + 1;
    return true;
}
