// struct page: one descriptor per physical page frame (Linux's mem_map entries). The buddy
// allocator threads free blocks through lru, the slab allocator keeps a slab's bookkeeping in
// its head page, and compound (multi-page) allocations point their tail pages at the head.
#pragma once

#include "kernel/list.h"
#include "kernel/types.h"

struct kmem_cache;

// Bit numbers in page::flags (Linux enum pageflags; PG_buddy is a page type there).
enum pageflags : unsigned {
    PG_reserved,  // not managed by the buddy allocator (mem_map, kernel image, holes)
    PG_buddy,     // head of a free block on a free_area list; order holds its order
    PG_slab,      // head page of a slab; slab_cache, freelist and inuse are valid
    PG_head,      // head of a compound allocation (__GFP_COMP); order holds its order
    PG_tail,      // tail of a compound allocation; head points at the head page
    PG_uptodate,  // page cache: holds the file's data
    PG_dirty,     // page cache: changed since it was last written to disk
    PG_writeback, // page cache: being written to disk (from submission to completion)
    PG_lru,       // on one of its node's LRU lists (mm/swap.h); lru links it there
    PG_active,    // on an active list rather than an inactive one
    PG_referenced,// accessed since reclaim or mark_page_accessed last looked (Linux PG_referenced)
    PG_swapbacked,// anonymous memory: the anon lists (file pages have a mapping instead)
    PG_workingset,// has been active: part of the working set (mm/workingset.cpp)
    PG_swapcache, // in the swap cache (mm/swap_state.cpp); swap holds its entry
    PG_readahead, // swap cache: read ahead of any fault, not yet found by one (mm/swap_readahead.cpp)
};

struct address_space;

struct page {
    unsigned long flags;
    list_head lru;        // free_area[order].free_list, a kmem_cache slab list, or an LRU list
    int _refcount;        // 0 when free; 1 after allocation (Linux set_page_refcounted)
    u8 order;             // buddy order if PG_buddy; allocation order of an allocated head page
    u8 zone_idx;          // enum zone_type of the zone this page belongs to
    u16 node;             // NodeId value of its node
    union {
        struct {
            kmem_cache* slab_cache;  // PG_slab: the cache this slab belongs to
            void* freelist;          // PG_slab: first free object in this slab
            unsigned inuse;          // PG_slab: objects handed out from this slab
        };
        struct {
            address_space* mapping;  // page cache: the file it caches (Linux page->mapping)
            unsigned long index;     // page cache: its offset in the file, in pages
            int _mapcount;           // page cache: PTEs mapping it (mm/rmap.h; 0 = unmapped)
        };
    };
    union {
        page* head;              // PG_tail: the compound head
        unsigned long swap;      // PG_swapcache: its swap entry (Linux folio->swap; never a tail)
    };
};

inline bool test_page_flag(const page* p, pageflags f) { return p->flags & (1UL << f); }
inline void set_page_flag(page* p, pageflags f) { p->flags |= 1UL << f; }
inline void clear_page_flag(page* p, pageflags f) { p->flags &= ~(1UL << f); }

inline bool PageReserved(const page* p) { return test_page_flag(p, PG_reserved); }
inline bool PageBuddy(const page* p) { return test_page_flag(p, PG_buddy); }
inline bool PageSlab(const page* p) { return test_page_flag(p, PG_slab); }
inline bool PageHead(const page* p) { return test_page_flag(p, PG_head); }
inline bool PageTail(const page* p) { return test_page_flag(p, PG_tail); }
inline bool PageLRU(const page* p) { return test_page_flag(p, PG_lru); }
inline bool PageActive(const page* p) { return test_page_flag(p, PG_active); }
inline bool PageSwapBacked(const page* p) { return test_page_flag(p, PG_swapbacked); }
inline bool PageSwapCache(const page* p) { return test_page_flag(p, PG_swapcache); }

// page->mapping of an anonymous page points at its anon_vma with this bit set (Linux
// PAGE_MAPPING_ANON; mm/rmap.h); a page-cache page's at its address_space.
inline constexpr unsigned long PAGE_MAPPING_ANON = 1;
inline bool PageAnon(const page* p) { return reinterpret_cast<unsigned long>(p->mapping) & PAGE_MAPPING_ANON; }

inline int page_ref_count(const page* p) { return __atomic_load_n(&p->_refcount, __ATOMIC_RELAXED); }
inline void set_page_count(page* p, int v) { __atomic_store_n(&p->_refcount, v, __ATOMIC_RELAXED); }
inline void get_page_ref(page* p) { __atomic_add_fetch(&p->_refcount, 1, __ATOMIC_RELAXED); }

// Drop one reference; true when it was the last (Linux put_page_testzero).
inline bool put_page_testzero(page* p) { return __atomic_sub_fetch(&p->_refcount, 1, __ATOMIC_ACQ_REL) == 0; }

inline page* compound_head(page* p) { return PageTail(p) ? p->head : p; }
inline unsigned compound_order(const page* p) { return PageHead(p) ? p->order : 0; }
