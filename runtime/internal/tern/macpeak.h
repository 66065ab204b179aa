// The CPU's int8 multiply-accumulate peak, measured: what prefill (compute-bound int8 tiles)
// can at best reach. The probes are generated per ISA (configs/isa.toml `mac`: enough
// independent chains of the ISA's u8 x s8 multiply-accumulate to fill its pipes).
#pragma once

#include <stddef.h>

#include "tern/cpu.h"
#include "tern/kernels.h"

struct tern_pool;

struct tern_mac_probe {
    const char * name;
    enum tern_isa isa;
    tern_mac_probe_fn * fn;
};

// Every probe of this build; *n set.
const struct tern_mac_probe * tern_mac_probes(size_t * n);

// MACs/s of p on the calling thread: calls grow until one lasts >= 20 ms, the best of passes.
double tern_mac_probe_rate(const struct tern_mac_probe * p, int passes);

// The probe that is fastest on one core here among those cpu runs, its rate in *rate; NULL
// (and *rate 0) if none runs.
const struct tern_mac_probe * tern_mac_probe_best(const struct tern_cpu * cpu, int passes, double * rate);

// MACs/s of p on nth threads of pool at once (pool NULL: the caller alone), each thread
// running calls of >= 20 ms; the best of passes.
double tern_mac_peak_run(const struct tern_mac_probe * p, struct tern_pool * pool, int nth, int passes);
