// An xarray (Linux <linux/xarray.h>, lib/xarray.c): a radix tree of pointers indexed by
// unsigned long, 64 slots per node (6 index bits a level), grown upward as larger indexes
// arrive and pruned as nodes empty. The page cache keeps each file's pages in one, by page
// index. The caller serialises access (the page cache: the VFS lock).
#pragma once

#include "kernel/types.h"

inline constexpr unsigned XA_CHUNK_SHIFT = 6;
inline constexpr unsigned XA_CHUNK_SIZE = 1u << XA_CHUNK_SHIFT;

struct xa_node {
    u8 shift;         // index bits below this node: 0 for a node whose slots hold entries
    u8 offset;        // its slot in the parent
    u8 count;         // non-empty slots
    xa_node* parent;
    void* slots[XA_CHUNK_SIZE];
};

struct xarray {
    xa_node* xa_head = nullptr;
};

// The entry at index, or nullptr.
void* xa_load(const xarray* xa, unsigned long index);
// Stores entry (not nullptr) at index, replacing what was there; 0 or -ENOMEM.
int xa_store(xarray* xa, unsigned long index, void* entry);
// Removes and returns the entry at index (nullptr if none); empty nodes are freed.
void* xa_erase(xarray* xa, unsigned long index);
// The first entry at an index in [*index, max], its index in *index; nullptr if none.
void* xa_find(const xarray* xa, unsigned long* index, unsigned long max);
inline bool xa_empty(const xarray* xa) { return xa->xa_head == nullptr; }
// Frees every node (the entries are the caller's).
void xa_destroy(xarray* xa);
