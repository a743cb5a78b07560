// Intrusive doubly linked circular list in the shape of Linux's <linux/list.h>: the free lists
// of the buddy allocator and the slab lists thread through struct page without allocating.
// list_del() poisons the links so that a second unlink is caught instead of corrupting a list.
#pragma once

#include <stddef.h>

struct list_head {
    list_head* next;
    list_head* prev;
};

// Recognisable non-null values left in unlinked entries (Linux LIST_POISON1/2).
#define LIST_POISON1 (reinterpret_cast<list_head*>(0x100))
#define LIST_POISON2 (reinterpret_cast<list_head*>(0x122))

inline void INIT_LIST_HEAD(list_head* list)
{
    list->next = list;
    list->prev = list;
}

inline void list_insert_between(list_head* entry, list_head* prev, list_head* next)
{
    next->prev = entry;
    entry->next = next;
    entry->prev = prev;
    prev->next = entry;
}

// Insert after head (stack order: the most recently added is taken first).
inline void list_add(list_head* entry, list_head* head) { list_insert_between(entry, head, head->next); }

// Insert before head (queue order).
inline void list_add_tail(list_head* entry, list_head* head) { list_insert_between(entry, head->prev, head); }

inline void list_unlink(list_head* entry)
{
    entry->next->prev = entry->prev;
    entry->prev->next = entry->next;
}

inline void list_del(list_head* entry)
{
    list_unlink(entry);
    entry->next = LIST_POISON1;
    entry->prev = LIST_POISON2;
}

inline void list_del_init(list_head* entry)
{
    list_unlink(entry);
    INIT_LIST_HEAD(entry);
}

inline void list_move(list_head* entry, list_head* head)
{
    list_unlink(entry);
    list_add(entry, head);
}

inline bool list_empty(const list_head* head) { return head->next == head; }

inline bool list_is_poisoned(const list_head* entry) { return entry->next == LIST_POISON1; }

// The structure that embeds ptr as its member (Linux container_of / list_entry).
#define list_entry(ptr, type, member) \
    (reinterpret_cast<type*>(reinterpret_cast<char*>(ptr) - offsetof(type, member)))

#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

// Iterate over entries; pos must not be removed inside the loop body.
#define list_for_each_entry(pos, head, type, member)                      \
    for (type* pos = list_entry((head)->next, type, member);              \
         &pos->member != (head); pos = list_entry(pos->member.next, type, member))

// Iterate over entries where the body may remove pos.
#define list_for_each_entry_safe(pos, head, type, member)                                  \
    for (type *pos = list_entry((head)->next, type, member),                               \
              *pos##_next = list_entry(pos->member.next, type, member);                    \
         &pos->member != (head);                                                           \
         pos = pos##_next, pos##_next = list_entry(pos##_next->member.next, type, member))
