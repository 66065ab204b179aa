// Several ternary linears over one input on the thread pool, in one dispatch: q|k|v and
// gate|up each become one multi-output matmul over activations quantized once.
//
// Decode (m = 1) is bandwidth-bound: every thread quantizes the one token itself (a few
// microseconds, no barrier) and streams a fixed contiguous slice of the group's panels,
// balanced by bytes, so each thread keeps one hardware prefetch stream. Prefill (m > 1) is
// compute-bound: threads quantize a share of the tokens, meet at one barrier, then claim
// (panel chunk x token block) tiles dynamically. Every output is computed by the same kernel
// on the same tile whatever the split: results are bit-identical on any thread count.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tern/linear.h"

#define TERN_GROUP_MAX 3

struct tern_pool;

struct tern_linear_out {
    const struct tern_linear * L;
    float * y;                  // (m, L->n)
};

// Quantized activations for up to TERN_GROUP_MAX distinct preps: m_max tokens shared, and one
// token per thread for decode.
struct tern_group_acts {
    struct tern_acts shared[TERN_GROUP_MAX];
    struct tern_acts * per_thread;   // (threads * TERN_GROUP_MAX)
    int threads;
};

int tern_group_acts_init(struct tern_group_acts * G, size_t m_max, size_t row_max, int threads);
void tern_group_acts_free(struct tern_group_acts * G);

// y_i = W_i x for count (<= TERN_GROUP_MAX) linears of the same k; x: (m, k) f32.
void tern_linear_group_mt(const struct tern_linear_out * outs, size_t count, struct tern_pool * pool, int nth, size_t m,
                          const float * x, struct tern_group_acts * G);
