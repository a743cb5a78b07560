// Workingset detection (Linux mm/workingset.c): a reclaimed file page leaves a shadow entry
// recording how many pages its node had evicted or activated by then (nonresident_age). When
// the page is read again, the difference to the count now is its refault distance: the number
// of pages it would have needed to stay resident. If that fits in the active file list, the
// page had been part of the working set and comes back active, at once protected from the
// next sequential scan. Without swap, the active file list is all the workingset there is.
// Anonymous pages swapped out leave their shadows in their swap device's shadow xarray
// (mm/swap_state.cpp) and are judged on a swap-in as Linux 5.9 judges them.
#include "mm/swap.h"

#include "mm/swapfile.h"
#include "mm/vm_event.h"

namespace {

// A shadow: an odd value (pages are aligned pointers), the workingset bit, the node, and the
// age in the remaining bits (Linux pack_shadow).
constexpr unsigned NODE_SHIFT = 2, AGE_SHIFT = 5;
static_assert(MAX_NUMNODES <= (1 << (AGE_SHIFT - NODE_SHIFT)));

void* pack_shadow(unsigned long age, int node, bool workingset)
{
    return reinterpret_cast<void*>((age << AGE_SHIFT) | static_cast<unsigned long>(node) << NODE_SHIFT |
                                   (workingset ? 2ul : 0ul) | 1ul);
}

}  // namespace

void workingset_age_nonresident(lruvec* lv, unsigned long nr)
{
    __atomic_add_fetch(&lv->nonresident_age, nr, __ATOMIC_RELAXED);
}

void* workingset_eviction(page* p)
{
    lruvec* lv = page_lruvec(p);
    const unsigned long eviction = __atomic_load_n(&lv->nonresident_age, __ATOMIC_RELAXED);
    workingset_age_nonresident(lv, 1);
    return pack_shadow(eviction, p->node, test_page_flag(p, PG_workingset));
}

namespace {

// The lruvec a shadow was made on and the pages evicted or activated there since (Linux
// unpack_shadow and the refault distance).
unsigned long refault_distance(void* shadow, lruvec** lv)
{
    const unsigned long v = reinterpret_cast<unsigned long>(shadow);
    const int node = int((v >> NODE_SHIFT) & ((1u << (AGE_SHIFT - NODE_SHIFT)) - 1));
    *lv = &node_data[node]->__lruvec;
    const unsigned long eviction = v >> AGE_SHIFT;
    const unsigned long now = __atomic_load_n(&(*lv)->nonresident_age, __ATOMIC_RELAXED) & (~0ul >> AGE_SHIFT);
    return (now - eviction) & (~0ul >> AGE_SHIFT);
}

// The refault fits: p starts active, and restores its working-set mark if it had been active.
bool activate_refault(page* p, void* shadow, lruvec* lv)
{
    set_page_flag(p, PG_active);
    workingset_age_nonresident(lv, 1);
    if (!(reinterpret_cast<unsigned long>(shadow) & 2)) return false;
    set_page_flag(p, PG_workingset);
    return true;
}

}  // namespace

void workingset_refault(page* p, void* shadow)
{
    lruvec* lv;
    const unsigned long distance = refault_distance(shadow, &lv);
    count_vm_event(&memvp_vmstat::workingset_refault_file);
    if (distance > lv->nr_pages[LRU_ACTIVE_FILE]) return;
    count_vm_event(&memvp_vmstat::workingset_activate_file);
    if (activate_refault(p, shadow, lv)) count_vm_event(&memvp_vmstat::workingset_restore_file);
}

void workingset_refault_anon(page* p, void* shadow)
{
    lruvec* lv;
    const unsigned long distance = refault_distance(shadow, &lv);
    count_vm_event(&memvp_vmstat::workingset_refault_anon);
    // Linux 5.9's workingset size for an anonymous refault: all file pages, which it competes
    // with, and the active anon list while swap has room.
    unsigned long workingset = lv->nr_pages[LRU_ACTIVE_FILE] + lv->nr_pages[LRU_INACTIVE_FILE];
    if (nr_swap_pages() > 0) workingset += lv->nr_pages[LRU_ACTIVE_ANON];
    if (distance > workingset) return;
    count_vm_event(&memvp_vmstat::workingset_activate_anon);
    if (activate_refault(p, shadow, lv)) count_vm_event(&memvp_vmstat::workingset_restore_anon);
}
