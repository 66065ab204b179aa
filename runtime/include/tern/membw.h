// The machine's read bandwidth, measured: what decode (streaming weights once per token)
// can at best reach.
#pragma once

#include <stddef.h>

struct tern_pool;

// Bytes/s reading a buffer of `bytes` (at least 8x the LLC is sensible) on nth threads of
// pool (pool NULL: the caller alone), best of `passes`. 0 if out of memory.
double tern_read_bandwidth(struct tern_pool * pool, int nth, size_t bytes, int passes);
