// The non-ternary operations of a forward pass: f16/bf16 conversion, RMSNorm, RoPE and the
// vector kernels attention needs (dense matrices: tern/dense.h). Vector kernels are picked
// once per process from the CPU's features (AVX-512 VNNI, AVX-512BW, AVX2, or portable C);
// each is deterministic: its result never depends on the thread count.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// A prefetch of the line `ahead` bytes past p (none if ahead is 0) into L2 (locality 2:
// prefetcht1 on x86), not L1: the rows it runs ahead of are read once, and an L1 prefetch
// competes for L1 miss handling with the demand loads of the same stream for the whole trip
// to DRAM. The address may lie past the buffer, where a prefetch is only a hint: it is
// formed as an integer, not by pointer arithmetic beyond the array.
static inline void tern_prefetch_ahead(const void * p, size_t ahead) {
    if (ahead) __builtin_prefetch((const void *) ((uintptr_t) p + ahead), 0, 2);
}

// IEEE half <-> float, bit for bit as F16C (vcvtph2ps / vcvtps2ph) and aarch64 FCVT:
// round to nearest even, overflow to inf, NaN quieted with the payload's top bits kept.
float tern_f16_to_f32(uint16_t h);
uint16_t tern_f32_to_f16(float f);
static inline float tern_bf16_to_f32(uint16_t h) {
    union { uint32_t u; float f; } v = { .u = (uint32_t) h << 16 };
    return v.f;
}

// y (n) = x / rms(x) * w; the sum of squares in double (as ggml): the vector table's rmsnorm.
void tern_rmsnorm(float * y, const float * x, const float * w, size_t n, float eps);

// cos/sin (half) for positions pos0..pos0+n-1: theta_i = pos * base^(-2i/dim), the powers
// built by repeated float multiplication (as ggml, so tables match it).
void tern_rope_table(float * cos_sin, size_t n, size_t pos0, size_t dim, float base);
// NeoX RoPE on n_head heads of dim values: pairs (i, i + dim/2). cos_sin: (dim/2) cos then (dim/2) sin.
void tern_rope_neox(float * x, size_t n_head, size_t dim, const float * cos_sin);
// Normal RoPE (llama.cpp's NORM): adjacent pairs (2i, 2i + 1), same table.
void tern_rope_norm(float * x, size_t n_head, size_t dim, const float * cos_sin);

// e^x with ggml's polynomial (llama.cpp's ggml_v_expf: at most 1.5 ulp + 0.5): the exp that
// bitnet.cpp's SiLU and softmax use, so tern's gates round like them. Every ISA path computes
// the same bits (fused multiply-adds in the same order).
float tern_expf(float x);
// g[i] = silu(g[i]) * u[i] (x / (1 + e^-x), as ggml_vec_silu_f32) for n values: the vector
// table's silu_mul, the same bits on every ISA.
void tern_silu_mul(size_t n, float * g, const float * u);
// g[i] = relu(g[i])^2 * u[i].
void tern_relu2_mul(size_t n, float * restrict g, const float * restrict u);

// Vector kernels for attention and dense rows: dot products against f16/f32 rows, y += a * row.
// Every table computes the same function; what may differ between tables (tests/test_vec.c
// holds each to the portable one):
//   bit-exact: to_f16, from_f16, round_f16, dot_u8s8x2 (integer), silu_mul, and attn when the
//     operations are the same (the portable fallbacks);
//   rounding only: dot_*, axpy_* and attn add in another order and use FMA, so they differ
//     from the portable sums by at most the usual float-sum error bounds (n * 2^-24 relative
//     to the sum of |terms|).
struct tern_vec_ops {
    const char * name;         // the ISA token (configs/isa.toml) whose features the table needs
    // a . b. pf: while streaming a, prefetch the bytes pf ahead of each step (0: none): a
    // matrix's rows, dotted one after another, are one stream, and where the hardware
    // prefetcher alone leaves bandwidth unused the tuner picks a distance. The sum does not
    // depend on pf.
    float (*dot_f16)(size_t n, const uint16_t * a, const float * b, size_t pf);
    float (*dot_f32)(size_t n, const float * a, const float * b, size_t pf);
    float (*dot_q8)(size_t n, const int8_t * a, const float * b, size_t pf);
    void (*axpy_f16)(size_t n, float s, const uint16_t * x, float * y);
    void (*axpy_f32)(size_t n, float s, const float * x, float * y);
    // int32 dot products of two u8 vectors (a, b: n bytes) with one s8 row: *da = a . w, *db = b . w,
    // exact for n <= 65536 (every table, so the two-term q8 head gives the same logits on every ISA).
    void (*dot_u8s8x2)(size_t n, const uint8_t * a, const uint8_t * b, const int8_t * w, int32_t * da, int32_t * db);
    void (*to_f16)(size_t n, const float * x, uint16_t * y);   // round to nearest even
    void (*from_f16)(size_t n, const uint16_t * x, float * y);
    void (*round_f16)(size_t n, float * x);                    // x = f32(f16(x))
    // Causal attention of g query heads sharing one KV head (GQA), for one token:
    //   scores[h][j] = scale * q[h] . K[j]   (j < n_keys), softmax over j,  out[h] = sum_j p[h][j] V[j]
    // q, out: (g, hd); V: n_keys rows of hd values (f16 or f32), v_stride elements apart; K: in
    // key tiles (tern_key_at): the keys of TERN_KEY_TILE positions element by element, so one
    // vector holds one element of consecutive positions and a score is a chain of multiply-adds
    // with no horizontal sum. Every tile that holds a key is whole in memory; lanes past n_keys
    // hold anything (NaN included) and never reach a result. scores: (g, n_keys) scratch. K and V
    // are read once for all g heads, with software prefetch ahead (an f16 key tile is one 4 KiB
    // page, where the hardware's streams stop; decode at a long context reads K and V from
    // DRAM). With part_max (g) and part_sum (g) given, the keys are one part of a longer row
    // (tern_attn_merge): out[h] = sum_j e^(s_j - max) V[j] unnormalized, part_max[h] = max,
    // part_sum[h] = sum_j e^(s_j - max). The plain version to read is attn_c in
    // runtime/kernels/vec.c; the SIMD ones are its unrolled twins.
    void (*attn)(size_t hd, size_t g, size_t n_keys, const void * K, const void * V, size_t v_stride, bool kv_f32,
                 const float * q, float scale, float * scores, float * out, float * part_max, double * part_sum);
    // y = x * (1 / sqrt(mean(x^2) + eps)) * w for n values, the float squares summed in double
    // in TERN_RMS_CHAINS chains (square i into chain i % TERN_RMS_CHAINS, the chains added in a
    // fixed tree): the same bits on every table, and a dependency depth of n / TERN_RMS_CHAINS.
    void (*rmsnorm)(size_t n, const float * x, const float * w, float eps, float * y);
    // g[i] = g[i] / (1 + tern_expf(-g[i])) * u[i]: tern_expf's operations lane by lane.
    void (*silu_mul)(size_t n, float * g, const float * u);
    // A linear's epilogue for m tokens of one panel: y[t][i] = (float) acc[t][i] * f[t], or with
    // row_scale y[t][i] = (float) acc[t][i] * (row_scale[i] * f[t] / 127) (f = amax then); token
    // rows acc_stride and y_stride elements apart. The tokens' loop is inside: a call per token
    // and panel cost as much as the arithmetic.
    void (*scale_i32)(size_t m, size_t n, const int32_t * acc, size_t acc_stride, const float * row_scale,
                      const float * f, float * y, size_t y_stride);
};
// Key tiles: the keys of positions 16t .. 16t+15 are a (hd, 16) block, so element c of position j
// of an attn call's K is element tern_key_at(hd, j, c) (f16 or f32 elements).
#define TERN_KEY_TILE 16
// Double chains of rmsnorm's sum of squares: 4 vectors of 8 doubles.
#define TERN_RMS_CHAINS 32
static inline size_t tern_key_at(size_t hd, size_t j, size_t c) {
    return (j / TERN_KEY_TILE * hd + c) * TERN_KEY_TILE + j % TERN_KEY_TILE;
}
// Attention over more than TERN_ATTN_PART keys goes in parts of TERN_ATTN_PART keys (a multiple
// of the key tile), each its own work item, merged by tern_attn_merge: decode at a long context
// then has parts for every thread, not one item per KV head. A function of the key count only,
// so a token's result does not depend on the batch or the thread count.
#define TERN_ATTN_PART 512
static inline size_t tern_attn_parts(size_t n_keys) {
    return (n_keys + TERN_ATTN_PART - 1) / TERN_ATTN_PART;
}
// out (g, hd) = the softmax-weighted sum of `parts` parts, part p's unnormalized outputs at
// outs + p * g * hd, its maxima and sums at maxs + p * g, sums + p * g (the attn op's
// part_max / part_sum), combined in part order.
void tern_attn_merge(size_t hd, size_t g, size_t parts, const float * outs, const float * maxs, const double * sums,
                     float * out);

// Positions a cache of n positions allocates: whole key tiles.
static inline size_t tern_key_positions(size_t n) {
    return (n + TERN_KEY_TILE - 1) / TERN_KEY_TILE * TERN_KEY_TILE;
}

// The best table the CPU's usable features (TERN_ISA cap applied) allow; chosen once.
const struct tern_vec_ops * tern_vec_ops_get(void);
// The portable C table: the reference the others are tested against; runs everywhere.
const struct tern_vec_ops * tern_vec_ops_portable(void);
// Every table in this binary, best first (*n of them; the last is the portable one).
const struct tern_vec_ops * const * tern_vec_ops_all(size_t * n);
// The TERN_CPU_* features a table needs (its ISA token's).
uint32_t tern_vec_ops_features(const struct tern_vec_ops * ops);
