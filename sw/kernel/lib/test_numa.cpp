// ktest=numa: node-local allocation. A kernel thread bound to each online hart allocates a
// page and a slab object with the default policy (they must come from the hart's own node,
// as the DTB's numa-node-id says), then under MPOL_PREFERRED for every node (they must come
// from that node), then with the default policy again; and a page requested from a node
// with __GFP_THISNODE comes from that node whatever the hart.
#include "lib/ktest.h"

#include "boot/boot_params.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/slab.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "uapi/memvp.h"

namespace {

struct numa_result {
    int local_page_node, local_object_node;
    int preferred_page_node[MAX_NUMNODES];
    int thisnode_page_node[MAX_NUMNODES];
    int after_page_node;
};

numa_result results[NR_CPUS];

int node_of_page(page* p)
{
    if (!p) return -1;
    const int nid = p->node;
    __free_pages(p, 0);
    return nid;
}

int numa_thread(void* arg)
{
    numa_result& r = results[reinterpret_cast<uintptr_t>(arg)];
    const int nodes = page_allocator->nr_nodes();
    r.local_page_node = node_of_page(alloc_page(GFP_KERNEL));
    void* obj = kmalloc(64, GFP_KERNEL);
    r.local_object_node = obj ? virt_to_page(obj)->node : -1;
    kfree(obj);
    task_struct* me = current;
    for (int n = 0; n < nodes; ++n) {
        me->mempolicy_mode = MPOL_PREFERRED;
        me->mempolicy_node = n;
        r.preferred_page_node[n] = node_of_page(alloc_page(GFP_KERNEL));
        me->mempolicy_mode = MPOL_DEFAULT;
        r.thisnode_page_node[n] = node_of_page(alloc_pages_node(NodeId{n}, GFP_KERNEL | __GFP_THISNODE, 0));
    }
    r.after_page_node = node_of_page(alloc_page(GFP_KERNEL));
    return 0;
}

}  // namespace

int ktest_numa()
{
    const int nodes = page_allocator->nr_nodes();
    int errors = 0;
    printk("ktest numa: %d nodes\n", nodes);
    for (unsigned h = 0; h < nr_cpu_ids; ++h) {
        if (!runqueues[h].online) continue;
        if (!kthread_run(numa_thread, reinterpret_cast<void*>(uintptr_t(h)), "ktest-numa", int(h))) return 2;
        if (do_wait4(-1, nullptr, 0) <= 0) return 2;
        const numa_result& r = results[h];
        const int home = boot_params.cpu_node[h];
        bool ok = r.local_page_node == home && r.local_object_node == home && r.after_page_node == home;
        printk("ktest numa: hart %u (node %d): page from node %d, kmalloc object from node %d; preferred",
               h, home, r.local_page_node, r.local_object_node);
        for (int n = 0; n < nodes; ++n) {
            printk(" %d->%d", n, r.preferred_page_node[n]);
            ok &= r.preferred_page_node[n] == n && r.thisnode_page_node[n] == n;
        }
        printk("; default again: node %d: %s\n", r.after_page_node, ok ? "ok" : "WRONG");
        errors += !ok;
    }
    printk("ktest numa: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
