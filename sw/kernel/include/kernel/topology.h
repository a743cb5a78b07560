// Which NUMA node the running hart belongs to (Linux numa_node_id()). The arch code installs
// a lookup once it has parsed the device tree's cpu numa-node-id properties; until then, and
// on the host, every hart is on node 0.
#pragma once

#include "kernel/types.h"

inline constexpr int MAX_NUMNODES = 8;

// SLIT-style distance of a node to itself (Linux LOCAL_DISTANCE) and the default remote one.
inline constexpr u8 LOCAL_DISTANCE = 10;
inline constexpr u8 REMOTE_DISTANCE = 20;

using numa_node_id_fn = NodeId (*)();

inline NodeId numa_node_zero() { return NodeId{0}; }

inline numa_node_id_fn numa_node_id_hook = numa_node_zero;

inline NodeId numa_node_id() { return numa_node_id_hook(); }
