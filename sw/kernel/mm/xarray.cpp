// The xarray's radix tree (Linux lib/xarray.c, without marks, multi-index entries or RCU):
// the head node's shift says how many index bits lie below it; a store beyond its reach adds
// levels on top, a store into a missing subtree adds nodes on the way down, and an erase frees
// every node it leaves empty, up to the head.
#include "mm/xarray.h"

#include "kernel/errno.h"
#include "mm/slab.h"

namespace {

// The largest index a tree whose head has this shift reaches.
unsigned long max_index(unsigned shift)
{
    const unsigned bits = shift + XA_CHUNK_SHIFT;
    return bits >= 64 ? ~0ul : (1ul << bits) - 1;
}

unsigned slot_of(const xa_node* node, unsigned long index)
{
    return unsigned(index >> node->shift) & (XA_CHUNK_SIZE - 1);
}

xa_node* alloc_node(unsigned shift, xa_node* parent, unsigned offset)
{
    // GFP_NOFS: reclaim erasing from this tree while a store is half way down it would free
    // the nodes the store walks.
    auto* node = static_cast<xa_node*>(kzalloc(sizeof(xa_node), GFP_NOFS));
    if (!node) return nullptr;
    node->shift = u8(shift);
    node->parent = parent;
    node->offset = u8(offset);
    return node;
}

void free_subtree(xa_node* node)
{
    if (node->shift)
        for (void* child : node->slots)
            if (child) free_subtree(static_cast<xa_node*>(child));
    kfree(node);
}

void* find_in(const xa_node* node, unsigned long base, unsigned long* index, unsigned long max)
{
    for (unsigned off = *index > base ? unsigned((*index - base) >> node->shift) : 0; off < XA_CHUNK_SIZE; ++off) {
        const unsigned long start = base + (static_cast<unsigned long>(off) << node->shift);
        if (start > max || (off && start == base)) break;  // past max, or wrapped at the top
        void* slot = node->slots[off];
        if (!slot) continue;
        if (node->shift == 0) {
            *index = start;
            return slot;
        }
        if (void* entry = find_in(static_cast<const xa_node*>(slot), start, index, max)) return entry;
    }
    return nullptr;
}

}  // namespace

void* xa_load(const xarray* xa, unsigned long index)
{
    const xa_node* node = xa->xa_head;
    if (!node || index > max_index(node->shift)) return nullptr;
    while (node->shift) {
        node = static_cast<const xa_node*>(node->slots[slot_of(node, index)]);
        if (!node) return nullptr;
    }
    return node->slots[slot_of(node, index)];
}

int xa_store(xarray* xa, unsigned long index, void* entry)
{
    if (!xa->xa_head) {
        // The first node is as high as index needs: a low one grown over would stay behind,
        // empty, after index is erased.
        unsigned shift = 0;
        while (index > max_index(shift)) shift += XA_CHUNK_SHIFT;
        if (!(xa->xa_head = alloc_node(shift, nullptr, 0))) return -ENOMEM;
    }
    while (index > max_index(xa->xa_head->shift)) {
        xa_node* old = xa->xa_head;
        xa_node* top = alloc_node(old->shift + XA_CHUNK_SHIFT, nullptr, 0);
        if (!top) return -ENOMEM;
        top->slots[0] = old;
        top->count = 1;
        old->parent = top;
        old->offset = 0;
        xa->xa_head = top;
    }
    xa_node* node = xa->xa_head;
    while (node->shift) {
        const unsigned off = slot_of(node, index);
        if (!node->slots[off]) {
            xa_node* child = alloc_node(node->shift - XA_CHUNK_SHIFT, node, off);
            if (!child) return -ENOMEM;
            node->slots[off] = child;
            ++node->count;
        }
        node = static_cast<xa_node*>(node->slots[off]);
    }
    void*& slot = node->slots[slot_of(node, index)];
    if (!slot) ++node->count;
    slot = entry;
    return 0;
}

void* xa_erase(xarray* xa, unsigned long index)
{
    xa_node* node = xa->xa_head;
    if (!node || index > max_index(node->shift)) return nullptr;
    while (node->shift) {
        node = static_cast<xa_node*>(node->slots[slot_of(node, index)]);
        if (!node) return nullptr;
    }
    void*& slot = node->slots[slot_of(node, index)];
    void* entry = slot;
    if (!entry) return nullptr;
    slot = nullptr;
    // Free the nodes this leaves empty, from the bottom up.
    while (node && --node->count == 0) {
        xa_node* parent = node->parent;
        if (parent) parent->slots[node->offset] = nullptr;
        else xa->xa_head = nullptr;
        kfree(node);
        node = parent;
    }
    return entry;
}

void* xa_find(const xarray* xa, unsigned long* index, unsigned long max)
{
    const xa_node* node = xa->xa_head;
    if (!node || *index > max || *index > max_index(node->shift)) return nullptr;
    return find_in(node, 0, index, max);
}

void xa_destroy(xarray* xa)
{
    if (xa->xa_head) free_subtree(xa->xa_head);
    xa->xa_head = nullptr;
}
