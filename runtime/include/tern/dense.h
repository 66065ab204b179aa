// Dense (non-ternary) matrices: the token embedding and the output head. Each is used in
// the type its file stores (F32, F16, BF16, Q8_0) — never widened at load: an untied
// 131072 x 3072 BF16 head is 0.8 GB, as F32 it would be 1.6 GB, and a decode step reads all
// of it. Q8 is tern's own int8-row copy (--lm-head q8). Types are rows of one trait table.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_pool;

enum tern_dense_type {
    TERN_DENSE_F32,
    TERN_DENSE_F16,
    TERN_DENSE_BF16,
    TERN_DENSE_Q8_0,       // ggml's: blocks of 32 int8 with one f16 scale (34 bytes)
    TERN_DENSE_Q8,         // int8 rows, one f32 scale and the int8 sum per row
    TERN_DENSE_COUNT
};

// A row-major matrix of n rows of k values.
struct tern_dense {
    enum tern_dense_type type;
    size_t n, k;
    const void * w;            // (n, row bytes) in the type's layout
    const float * scale;       // Q8: (n) row scales
    const int32_t * rowsum;    // Q8: (n) sum of each row's int8 values (for u8 x s8 dot products)
    void * owned;              // storage this struct frees (NULL when w points into a mapping)
    size_t prefetch;           // bytes ahead the row dots prefetch (0: none; the Q8 rows' dots never do): the tuner's choice
};

// The dense type of a GGML tensor type; false if tern cannot use it as a dense matrix.
bool tern_dense_type_of_ggml(uint32_t ggml_type, enum tern_dense_type * out);
const char * tern_dense_type_name(enum tern_dense_type type);
// Bytes of one row of k values; false if k does not fit the type's blocks (Q8_0: k % 32).
bool tern_dense_row_bytes(enum tern_dense_type type, size_t k, size_t * bytes);
size_t tern_dense_bytes(const struct tern_dense * D);
void tern_dense_free(struct tern_dense * D);

// Row r as f32 (the embedding lookup).
void tern_dense_row(const struct tern_dense * D, size_t r, float * out);
// An int8-row copy of D (scale = max|row| / 127): the --lm-head q8 option. rows_done (may be
// NULL) hears of each 4096 rows finished, so a caller can release their source. 0, -1 out of memory.
int tern_dense_quantize_q8(const struct tern_dense * D, struct tern_dense * out,
                           void (*rows_done)(void * ctx, size_t r0, size_t r1), void * ctx);

// Scratch tern_dense_matmul needs for m tokens of D (0 for most types).
size_t tern_dense_scratch_bytes(const struct tern_dense * D, size_t m);
// y (m, n) = x (m, k) . D^T, rows split across nth threads of pool (NULL = the caller).
// scratch: tern_dense_scratch_bytes(D, m) bytes. Each y[t] depends only on x[t] and D: the
// same on any thread count and whatever else is in the batch.
void tern_dense_matmul(const struct tern_dense * D, struct tern_pool * pool, int nth, size_t m, const float * x,
                       float * y, void * scratch);

// Row dot products of one type against f32 values, portable and SIMD (tests compare them).
// pf: bytes ahead to prefetch while streaming the row (tern_dense.prefetch); the result does not depend on it.
typedef float tern_dense_dot_fn(size_t k, const void * row, const float * x, size_t pf);
tern_dense_dot_fn * tern_dense_dot(enum tern_dense_type type, bool portable);
