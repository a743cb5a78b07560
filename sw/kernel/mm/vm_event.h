// Global memory-management counters (Linux vm_event_states / vm_stat): one memvp_vmstat
// updated with atomic adds from every hart, read by the memvp_vmstat system call.
// count_vm_event(&memvp_vmstat::pgfault) names the field through a pointer to member.
#pragma once

#include "uapi/memvp.h"

inline memvp_vmstat vm_events = {};

using vm_event_field = uint64_t memvp_vmstat::*;

inline void count_vm_events(vm_event_field field, uint64_t n)
{
    __atomic_add_fetch(&(vm_events.*field), n, __ATOMIC_RELAXED);
}
inline void count_vm_event(vm_event_field field) { count_vm_events(field, 1); }
// Gauges that go down as well (nr_page_table_pages).
inline void dec_vm_events(vm_event_field field, uint64_t n)
{
    __atomic_sub_fetch(&(vm_events.*field), n, __ATOMIC_RELAXED);
}
inline uint64_t read_vm_event(vm_event_field field) { return __atomic_load_n(&(vm_events.*field), __ATOMIC_RELAXED); }
