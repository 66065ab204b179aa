// The machine's read bandwidth, measured: what decode (streaming weights once per token)
// can at best reach.
#pragma once

#include <stddef.h>

struct tern_pool;

// Bytes/s reading a buffer of `bytes` (at least 8x the LLC is sensible) on nth threads of
// pool (pool NULL: the caller alone), the median of `passes` (at most 64). 0 if out of memory.
double tern_read_bandwidth(struct tern_pool * pool, int nth, size_t bytes, int passes);

// The same measurement with the buffer kept between calls, so that it can be taken again and
// again between the runs it bounds (a shared machine's bandwidth moves from minute to minute;
// a bound is only valid beside the run it was measured with).
struct tern_read_probe;
struct tern_read_probe * tern_read_probe_init(size_t bytes);     // NULL if out of memory
double tern_read_probe_run(struct tern_read_probe * p, struct tern_pool * pool, int nth, int passes);
void tern_read_probe_free(struct tern_read_probe * p);

// Size of the buffer ring that weights are cycled through when timing decode, so every
// call streams from DRAM: 4x the LLC and at least 512 MiB. A ring of a few times the LLC is
// still served partly from cache, and decode then seems to beat the read bandwidth (README,
// Benchmarks, has the measurement).
size_t tern_weight_ring_bytes(size_t llc_bytes);

// Buffer size for tern_read_bandwidth: 8x the LLC and at least 1 GiB, for the same reason.
size_t tern_read_buffer_bytes(size_t llc_bytes);
