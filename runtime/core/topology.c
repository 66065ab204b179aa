// Topology summary (hwloc or sysconf fallback). Failure to learn a number leaves it 0.

#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "tern/topology.h"

#include <hwloc.h>

static size_t cache_size(hwloc_topology_t t, hwloc_obj_type_t type) {
    hwloc_obj_t obj = hwloc_get_obj_by_type(t, type, 0);
    return obj && obj->attr ? (size_t) obj->attr->cache.size : 0;
}

static int fill_hwloc(struct tern_topology * topo) {
    hwloc_topology_t t;
    if (hwloc_topology_init(&t) != 0) {
        return -1;
    }
    if (hwloc_topology_load(t) != 0) {
        hwloc_topology_destroy(t);
        return -1;
    }
    topo->source = "hwloc";
    topo->packages = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PACKAGE);
    topo->numa_nodes = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE);
    topo->cores = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
    topo->pus = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU);
    topo->allowed_pus = hwloc_bitmap_weight(hwloc_topology_get_allowed_cpuset(t));
    topo->l1d = cache_size(t, HWLOC_OBJ_L1CACHE);
    topo->l2 = cache_size(t, HWLOC_OBJ_L2CACHE);
    topo->l3 = cache_size(t, HWLOC_OBJ_L3CACHE);
    hwloc_topology_destroy(t);
    return 0;
}

static void fill_sysconf(struct tern_topology * topo) {
    topo->source = "sysconf";
    topo->packages = 1;
    topo->numa_nodes = 1;
    topo->pus = (int) sysconf(_SC_NPROCESSORS_ONLN);
    topo->cores = topo->pus;
    cpu_set_t set;
    topo->allowed_pus = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : topo->pus;
#if defined(_SC_LEVEL1_DCACHE_SIZE)
    const long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE), l2 = sysconf(_SC_LEVEL2_CACHE_SIZE),
               l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
    topo->l1d = l1 > 0 ? (size_t) l1 : 0;
    topo->l2 = l2 > 0 ? (size_t) l2 : 0;
    topo->l3 = l3 > 0 ? (size_t) l3 : 0;
#endif
}

void tern_topology_get(struct tern_topology * topo) {
    memset(topo, 0, sizeof(*topo));
    if (fill_hwloc(topo) == 0) {
        return;
    }
    fill_sysconf(topo);
}
