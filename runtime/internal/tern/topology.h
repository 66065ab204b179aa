// Machine topology for thread placement and the tuner: hwloc when built with it (one
// topology load), else sysconf. Sizes in bytes; 0 when unknown.
#pragma once

#include <stddef.h>

struct tern_topology {
    const char * source;     // "hwloc" or "sysconf"
    int packages, numa_nodes, cores, pus;
    int allowed_pus;         // PUs in this process's cpuset (cgroup / taskset)
    size_t l1d, l2, l3;      // per-instance cache sizes
};

void tern_topology_get(struct tern_topology * topo);
