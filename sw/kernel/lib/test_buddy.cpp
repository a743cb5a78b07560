// ktest=buddy: a long seeded random sequence of allocations (orders 0..10, every node) and
// frees on the real machine, checking after every step that no page is handed out twice
// (a bitmap of allocated pfns, a stamp in each page checked at free), that free + allocated
// pages stay equal to the initial free count, and at the end that freeing everything merges
// back to exactly the initial /proc/buddyinfo.
#include "lib/ktest.h"

#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/slab.h"

namespace {

constexpr unsigned SLOTS = 256;
constexpr unsigned ITERATIONS = 20000;
constexpr unsigned long long SEED = 0x6b746573745f6275ULL;  // "ktest_bu"

struct block {
    page* head;
    unsigned order;
};

struct buddy_test {
    block slots[SLOTS];
    unsigned long* bitmap;       // one bit per pfn from base_pfn
    unsigned long base_pfn, nr_pfns;
    unsigned long allocated_pages = 0, peak_pages = 0;
    unsigned long allocs = 0, frees = 0, failures = 0;
    int errors = 0;

    bool test_and_flip(unsigned long pfn, bool expect_set)
    {
        const unsigned long i = pfn - base_pfn;
        unsigned long& word = bitmap[i / 64];
        const bool was = word >> (i % 64) & 1;
        word ^= 1UL << (i % 64);
        return was == expect_set;
    }

    void fail(const char* what, unsigned long pfn)
    {
        if (errors++ < 8) printk("ktest buddy: FAIL %s (pfn %#lx)\n", what, pfn);
    }

    void take(block* b)
    {
        const unsigned long pfn = page_to_pfn(b->head), n = 1UL << b->order;
        for (unsigned long i = 0; i < n; ++i) {
            if (pfn + i < base_pfn || pfn + i >= base_pfn + nr_pfns) fail("page outside memory", pfn + i);
            else if (!test_and_flip(pfn + i, false)) fail("page handed out twice", pfn + i);
            *static_cast<unsigned long*>(page_address(b->head + i)) = pfn + i;
        }
        allocated_pages += n;
        if (allocated_pages > peak_pages) peak_pages = allocated_pages;
        ++allocs;
    }

    void give_back(block* b)
    {
        const unsigned long pfn = page_to_pfn(b->head), n = 1UL << b->order;
        for (unsigned long i = 0; i < n; ++i) {
            if (*static_cast<unsigned long*>(page_address(b->head + i)) != pfn + i) fail("page overwritten", pfn + i);
            if (!test_and_flip(pfn + i, true)) fail("page not marked allocated", pfn + i);
        }
        __free_pages(b->head, b->order);
        allocated_pages -= n;
        b->head = nullptr;
        ++frees;
    }

    // Small orders mostly: order k with probability about 2^-(k+1), capped at MAX_ORDER - 1.
    unsigned random_order(ktest_rng& rng)
    {
        unsigned order = 0;
        while (order < MAX_ORDER - 1 && rng.below(2)) ++order;
        return order;
    }
};

void print_buddyinfo(const char* when)
{
    static char text[2048];
    seq_buf s(text, sizeof(text));
    page_allocator->buddyinfo(&s);
    printk("buddyinfo %s:\n", when);
    console_write(text, s.len);
}

}  // namespace

int ktest_buddy()
{
    BuddyAllocator& buddy = *page_allocator;
    buddy_test* t = static_cast<buddy_test*>(kzalloc(sizeof(buddy_test), GFP_KERNEL));
    if (!t) return 2;
    const pglist_data* first = NODE_DATA(NodeId{0});
    const pglist_data* last = NODE_DATA(NodeId{buddy.nr_nodes() - 1});
    t->base_pfn = first->node_start_pfn;
    t->nr_pfns = last->node_end_pfn() - t->base_pfn;
    t->bitmap = static_cast<unsigned long*>(kzalloc((t->nr_pfns + 63) / 64 * 8, GFP_KERNEL));
    if (!t->bitmap) return 2;
    static char before[2048], after[2048];
    seq_buf sb(before, sizeof(before));
    buddy.buddyinfo(&sb);
    const unsigned long free_before = buddy.nr_free_pages();
    printk("ktest buddy: %u iterations, seed %#llx, %lu free pages\n", ITERATIONS, SEED, free_before);
    printk("buddyinfo before:\n");
    console_write(before, sb.len);

    ktest_rng rng{SEED};
    for (unsigned it = 0; it < ITERATIONS; ++it) {
        block* b = &t->slots[rng.below(SLOTS)];
        if (b->head) {
            t->give_back(b);
        } else {
            b->order = t->random_order(rng);
            const NodeId nid{int(rng.below(unsigned(buddy.nr_nodes())))};
            b->head = buddy.alloc_pages_node(nid, GFP_KERNEL, b->order);
            if (b->head) t->take(b);
            else ++t->failures;
        }
        if (buddy.nr_free_pages() + t->allocated_pages != free_before) {
            t->fail("free + allocated != initial free", 0);
            break;
        }
        if (it == ITERATIONS / 2) print_buddyinfo("halfway");
    }
    for (block& b : t->slots)
        if (b.head) t->give_back(&b);
    seq_buf sa(after, sizeof(after));
    buddy.buddyinfo(&sa);
    printk("ktest buddy: %lu allocations, %lu frees, %lu failed, peak %lu pages\n", t->allocs, t->frees, t->failures,
           t->peak_pages);
    printk("buddyinfo after:\n");
    console_write(after, sa.len);
    if (buddy.nr_free_pages() != free_before) t->fail("free pages differ from the start", buddy.nr_free_pages());
    if (__builtin_strcmp(before, after) != 0) t->fail("buddyinfo differs from the start", 0);
    const int errors = t->errors;
    printk("ktest buddy: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
