// Shared pieces of the allocator tests: a panic hook that throws so a test can expect a
// kernel panic, a machine description builder, and a helper that reads /proc-style output.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernel/panic.h"
#include "mm/buddy.h"
#include "mm/host/phys_mem.h"

struct KernelPanic : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline void throwing_panic_handler(const char* message) { throw KernelPanic(message); }

// The panic message of fn, or "" when it does not panic.
inline std::string panic_message(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const KernelPanic& e) {
        return e.what();
    }
    return "";
}

inline constexpr PhysAddr kDramBase{0x8000'0000};

// One machine: DRAM at kDramBase, nodes back to back, each with the given zone sizes.
class MmMachine {
public:
    // zones[n][z]: pages of zone z on node n. external_memmap keeps mem_map off the simulated
    // DRAM so that every page is free at boot (for exact buddyinfo expectations).
    MmMachine(const std::vector<std::vector<unsigned long>>& zones, bool external_memmap = true,
              const std::vector<std::vector<u8>>& distance = {})
    {
        old_handler_ = set_panic_handler(throwing_panic_handler);
        unsigned long total = 0;
        for (const auto& node : zones)
            for (unsigned long pages : node) total += pages;
        mem_ = std::make_unique<HostPhysMem>(kDramBase, total * PAGE_SIZE);
        mm_layout layout{};
        layout.nr_nodes = int(zones.size());
        layout.page_poisoning = true;
        unsigned long pfn = mem_->start_pfn();
        for (size_t n = 0; n < zones.size(); ++n) {
            node_layout& nl = layout.nodes[n];
            nl.nid = NodeId{int(n)};
            nl.start_pfn = pfn;
            unsigned long node_pages = 0;
            for (size_t z = 0; z < zones[n].size(); ++z) {
                nl.zone_pages[z] = zones[n][z];
                node_pages += zones[n][z];
            }
            if (external_memmap) {
                memmaps_.emplace_back(node_pages);
                nl.mem_map = memmaps_.back().data();
            }
            pfn += node_pages;
        }
        for (size_t a = 0; a < distance.size(); ++a)
            for (size_t b = 0; b < distance[a].size(); ++b) layout.distance[a][b] = distance[a][b];
        buddy.init(layout);
        buddy.free_all_memory();
    }

    ~MmMachine()
    {
        buddy.teardown();
        set_panic_handler(old_handler_);
    }

    std::string buddyinfo() const
    {
        std::vector<char> buf(4096);
        seq_buf s(buf.data(), buf.size());
        buddy.buddyinfo(&s);
        return s.str();
    }

    unsigned long start_pfn() const { return mem_->start_pfn(); }

    BuddyAllocator buddy;

private:
    std::unique_ptr<HostPhysMem> mem_;
    std::vector<std::vector<page>> memmaps_;
    panic_handler_t old_handler_;
};

// One buddyinfo line, as Linux prints it.
inline std::string buddyinfo_line(int node, const char* zone, const std::vector<unsigned long>& nr_free)
{
    char buf[256];
    int n = std::snprintf(buf, sizeof(buf), "Node %d, zone %8s ", node, zone);
    for (unsigned long v : nr_free) n += std::snprintf(buf + n, sizeof(buf) - size_t(n), "%6lu ", v);
    return std::string(buf) + "\n";
}
