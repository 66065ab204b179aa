// Affinity: hwloc backend and native (sched_setaffinity) fallback. See tern/affinity.h.

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "tern/affinity.h"

#include <hwloc.h>

struct tern_affinity {
    const char * backend;
    int n_slots;
    int * pu;                    // (n_slots) OS PU index per slot
    hwloc_topology_t topo;       // kept for binding; NULL with the native backend
};

static void add_slot(struct tern_affinity * aff, int pu) {
    for (int i = 0; i < aff->n_slots; i++) {
        if (aff->pu[i] == pu) return;
    }
    aff->pu[aff->n_slots++] = pu;
}

static bool init_native(struct tern_affinity * aff) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        return false;
    }
    aff->pu = malloc(sizeof(int) * CPU_SETSIZE);
    if (!aff->pu) return false;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &set)) add_slot(aff, cpu);
    }
    aff->backend = "native";
    return aff->n_slots > 0;
}

static bool init_hwloc(struct tern_affinity * aff) {
    if (hwloc_topology_init(&aff->topo) != 0) {
        aff->topo = NULL;
        return false;
    }
    if (hwloc_topology_load(aff->topo) != 0) {
        goto fail;
    }
    const struct hwloc_topology_support * support = hwloc_topology_get_support(aff->topo);
    if (!support->cpubind->set_thisthread_cpubind) {
        goto fail;
    }
    hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(aff->topo);
    const int n_pus = hwloc_get_nbobjs_by_type(aff->topo, HWLOC_OBJ_PU);
    aff->pu = malloc(sizeof(int) * (size_t) (n_pus > 0 ? n_pus : 1));
    if (!aff->pu) goto fail;
    // Pass 0: the first allowed PU of each core; pass 1: the remaining allowed PUs (siblings).
    const int n_cores = hwloc_get_nbobjs_by_type(aff->topo, HWLOC_OBJ_CORE);
    for (int c = 0; c < n_cores; c++) {
        hwloc_obj_t core = hwloc_get_obj_by_type(aff->topo, HWLOC_OBJ_CORE, (unsigned) c);
        hwloc_bitmap_t mine = hwloc_bitmap_dup(core->cpuset);
        hwloc_bitmap_and(mine, mine, allowed);
        if (!hwloc_bitmap_iszero(mine)) {
            hwloc_bitmap_singlify(mine);
            add_slot(aff, hwloc_bitmap_first(mine));
        }
        hwloc_bitmap_free(mine);
    }
    for (int p = 0; p < n_pus; p++) {
        hwloc_obj_t pu = hwloc_get_obj_by_type(aff->topo, HWLOC_OBJ_PU, (unsigned) p);
        if (hwloc_bitmap_isset(allowed, pu->os_index)) add_slot(aff, (int) pu->os_index);
    }
    if (aff->n_slots == 0) goto fail;
    aff->backend = "hwloc";
    return true;
fail:
    free(aff->pu);
    aff->pu = NULL;
    aff->n_slots = 0;
    hwloc_topology_destroy(aff->topo);
    aff->topo = NULL;
    return false;
}

struct tern_affinity * tern_affinity_init(void) {
    struct tern_affinity * aff = calloc(1, sizeof(*aff));
    if (!aff) return NULL;
    if (init_hwloc(aff)) return aff;
    if (!init_native(aff)) {
        // Nothing known: one unbindable slot, so callers still work unbound.
        free(aff->pu);
        aff->pu = malloc(sizeof(int));
        if (!aff->pu) {
            free(aff);
            return NULL;
        }
        aff->pu[0] = -1;
        aff->n_slots = 1;
        aff->backend = "none";
    }
    return aff;
}

void tern_affinity_free(struct tern_affinity * aff) {
    if (!aff) return;
    if (aff->topo) hwloc_topology_destroy(aff->topo);
    free(aff->pu);
    free(aff);
}

const char * tern_affinity_backend(const struct tern_affinity * aff) {
    return aff->backend;
}

int tern_affinity_slots(const struct tern_affinity * aff) {
    return aff->n_slots;
}

int tern_affinity_slot_pu(const struct tern_affinity * aff, int slot) {
    return aff->n_slots ? aff->pu[slot % aff->n_slots] : -1;
}

bool tern_affinity_bind_self(struct tern_affinity * aff, int slot) {
    const int pu = tern_affinity_slot_pu(aff, slot);
    if (pu < 0) return false;
    if (aff->topo) {
        hwloc_bitmap_t set = hwloc_bitmap_alloc();
        if (!set) return false;
        hwloc_bitmap_only(set, (unsigned) pu);
        const int rc = hwloc_set_cpubind(aff->topo, set, HWLOC_CPUBIND_THREAD);
        hwloc_bitmap_free(set);
        return rc == 0;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(pu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0;
}
