// Thread placement behind a small interface: hwloc when built with it (one topology load,
// cores before SMT siblings, the inherited cpuset respected, singlified targets), else
// sched_setaffinity. Binding failures degrade to unbound threads, never to errors.
#pragma once

#include <stdbool.h>

struct tern_affinity;

struct tern_affinity * tern_affinity_init(void);     // never NULL unless out of memory
void tern_affinity_free(struct tern_affinity * aff);
const char * tern_affinity_backend(const struct tern_affinity * aff);   // "hwloc" | "native"

// Placement slots in preferred order: one PU per allowed physical core, then the siblings.
int tern_affinity_slots(const struct tern_affinity * aff);
int tern_affinity_slot_pu(const struct tern_affinity * aff, int slot);  // OS index of the PU

// Binds the calling thread to slot % slots. False (thread left unbound) on any failure.
bool tern_affinity_bind_self(struct tern_affinity * aff, int slot);
