// A ternary linear layer run through one kernel variant: pack at init, then per call
// prep (quantize the tokens once), gemm over channel panels x token tiles, epilogue.
// The channel range lets a thread pool split the work in multiples of the variant's NR.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tern/alloc.h"
#include "tern/kernels.h"

// A prefill on threads runs in blocks of at most this many tokens, so that a panel's
// activations stay in cache while every token tile of the block uses them.
#define TERN_TOKEN_BLOCK 64

// int32 accumulators of one pass of tiles over a panel (tokens x NR); a variant's MR x NR
// tile must fit.
#define TERN_ACC_BLOCK 8192

struct tern_linear {
    const struct tern_variant * v;
    size_t n;               // output channels
    size_t k;               // input features
    size_t kc;              // k padded to the variant's KB
    size_t panel_bytes;     // one packed panel of NR channels
    size_t prep_bytes;      // prepared activations per token (int8 row or lookup tables)
    float w_scale;          // the weights' scale, when every row has the same
    const float * row_scale;// (n) one scale per output row, or NULL: w_scale for all
    void * packed;          // (ceil(n/NR), panel_bytes) 64-byte aligned
};

// Prepared activations of up to m_max tokens.
struct tern_acts {
    size_t m_max, row_max;  // tokens, prepared bytes per token
    size_t stride;          // bytes between token rows of a
    void * a;               // (m_max, stride) prepared activations
    int32_t * sum;          // (m_max) per-token sum of a
    float * amax;           // (m_max) per-token max |x|
};

// Packs w (n, w_stride) ternary int8 into v's layout. Returns 0, -1 if out of memory.
int tern_linear_init(struct tern_linear * L, const struct tern_variant * v, size_t n, size_t k,
                     const int8_t * w, size_t w_stride, float w_scale);
void tern_linear_free(struct tern_linear * L);

// A linear over weights already packed in v's layout, owned by the caller (not freed by
// tern_linear_free): what timing loops use to cycle a ring of weight copies.
struct tern_linear tern_linear_view(const struct tern_variant * v, size_t n, size_t k, void * packed, float w_scale);

// Room for m_max tokens of row_max prepared bytes each (a linear's prep_bytes).
int tern_acts_init(struct tern_acts * A, size_t m_max, size_t row_max);
void tern_acts_free(struct tern_acts * A);

// y[t][o] for t < m, o in [n0, n1) (n0 a multiple of NR, n1 = n or a multiple of NR), panel by
// panel: the kernel's int32 acc[t][o], then y = (float) acc * (scale[o] * amax[t] / 127) with
// scale[o] = row_scale[o] or w_scale (the same numbers, in the same order, whichever is used).
void tern_linear_gemm(const struct tern_linear * L, const struct tern_acts * A, size_t m, float * y, size_t y_stride,
                      size_t n0, size_t n1);

struct tern_pool;

// How a prefill of m tokens on `threads` threads splits one linear into chunks that threads
// claim: channel chunks (multiples of NR) x token blocks (multiples of MR, at most
// TERN_TOKEN_BLOCK tokens, so a panel's activations stay in cache), about 4 per thread.
struct tern_split {
    size_t chunk_n, chunk_m;    // channels and tokens per chunk
    size_t chunks_n, chunks;    // channel chunks; all chunks (chunks_n x token blocks)
};
struct tern_split tern_linear_split(const struct tern_linear * L, size_t m, int threads);

// Everything on nth threads of pool (0 = all; pool NULL = the caller alone): tokens are
// quantized once (split across threads), then channel chunks (multiples of NR) x token
// blocks (multiples of MR) are claimed dynamically. Results equal the single-threaded ones
// bit for bit: every output is computed by the same kernel on the same tile.
void tern_linear_forward_mt(const struct tern_linear * L, struct tern_pool * pool, int nth, size_t m,
                            const float * x, struct tern_acts * A, float * y);

// Everything, single-threaded: y (m, n) from x (m, k).
void tern_linear_forward(const struct tern_linear * L, size_t m, const float * x, struct tern_acts * A, float * y);
