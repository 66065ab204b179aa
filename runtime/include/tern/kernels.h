// The kernel contract (DESIGN §2) and the registry of generated variants.
//
// A BitLinear layer: for token t, output channel o, input k
//   amax[t]  = max(max_k |x[t][k]|, 1e-5)
//   xq[t][k] = clamp(round_half_even(x[t][k] * (127 / amax[t])), -128, 127)
//   acc[t][o] = sum_k W[o][k] * xq[t][k]                         exact int32
//   y[t][o]  = (float) acc[t][o] * (w_scale * amax[t] / 127)
// A format = pack (ternary rows -> layout) + prep (f32 token -> prepared activations) +
// gemm (a tile of MR tokens x NR channels). Every variant yields the same acc, bit for bit.
#pragma once

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/cpu.h"      // enum tern_isa and the features each ISA needs

// The weight formats (configs/formats.toml, as rows of generated/formats.inc).
enum tern_wfmt {
#define TERN_WFMT(wfmt_enum, name, g, bits_num, bits_den, table_entries, max_entry, table_bytes) wfmt_enum,
#include "formats.inc"
#undef TERN_WFMT
    TERN_WFMT_COUNT
};
enum tern_afmt { TERN_AFMT_Q8, TERN_AFMT_COUNT };

// c[t][r] = sum_k W[r][k] * a[t][k] for t < mr, r < nc, over a packed panel of NR channels.
typedef void tern_gemm_ukernel_fn(
    size_t mr,                      // tokens in this tile, 1..MR
    size_t nc,                      // channels to store, 1..NR
    size_t kc,                      // packed k, a multiple of KB
    const void * restrict w,        // one packed panel of NR channels (format layout)
    const void * restrict a,        // (mr, a_stride) prepared activations
    size_t a_stride,                // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's int8 activations
    int32_t * restrict c,           // (mr, c_stride) int32 output
    size_t c_stride);               // elements between token rows of c

// One token: f32 -> int8 (zero-padded to kc), its sum and amax.
typedef void tern_prep_ukernel_fn(
    size_t k, size_t kc,
    const float * x,                // (k) f32
    void * a,                       // (kc) prepared activations
    int32_t * a_sum,                // (1)
    float * amax);                  // (1) max(|x|, 1e-5)

// Ternary int8 rows -> ceil(n/nr) packed panels for a tile (nr, kb) and vector width vbytes.
typedef void tern_pack_ukernel_fn(
    size_t n, size_t k, size_t nr, size_t kb, size_t vbytes,
    const int8_t * w,               // (n, w_stride) values in {-1, 0, +1}
    size_t w_stride,
    void * packed);

// Compute probe: `iters` rounds of independent u8 x s8 multiply-accumulate chains of one ISA's
// best instruction (configs/isa.toml `mac`), with every operand 1. Returns the MACs executed;
// *lanes_sum = the sum of all accumulator lanes, equal to the return value while no lane wraps.
typedef uint64_t tern_mac_probe_fn(size_t iters, uint64_t * lanes_sum);

// Declarations of every generated kernel.
#define TERN_MAC_PROBE(isa, name) tern_mac_probe_fn name;
#define TERN_PACK_UKERNEL(isa, name, wfmt, afmt) tern_pack_ukernel_fn name;
#define TERN_PREP_UKERNEL(isa, name, wfmt, afmt) tern_prep_ukernel_fn name;
#define TERN_GEMM_UKERNEL(isa, name, wfmt, afmt, mr, nr, kb, g, vbytes, pf, prep, pack) tern_gemm_ukernel_fn name;
#include "kernels.inc"
#undef TERN_MAC_PROBE
#undef TERN_PACK_UKERNEL
#undef TERN_PREP_UKERNEL
#undef TERN_GEMM_UKERNEL

// The scalar quantization step of the contract, shared by the generated prep kernels' tails.
// NaN maps to -128 (as x86 cvtps does after the clamp); inputs are expected finite.
static inline int32_t tern_quantize_q8(float x, float scale) {
    const float v = nearbyintf(x * scale);
    if (!(v >= -128.0f)) {
        return -128;
    }
    return v > 127.0f ? 127 : (int32_t) v;
}

// A gemm variant with everything the runtime needs to use it.
struct tern_variant {
    const char * name;
    enum tern_isa isa;
    enum tern_wfmt wfmt;
    enum tern_afmt afmt;
    uint32_t mr, nr, kb, g, vbytes;
    uint32_t pf;            // decode tiles: software prefetch distance in k-blocks (0 = none)
    tern_gemm_ukernel_fn * gemm;
    tern_prep_ukernel_fn * prep;
    tern_pack_ukernel_fn * pack;
    const char * prep_name;
    const char * pack_name;
};

// All gemm variants compiled into this binary (for this architecture), in kernels.toml order.
const struct tern_variant * tern_registry_variants(size_t * count);
const struct tern_variant * tern_registry_find(const char * name);
const char * tern_registry_hash(void);

// A weight format's facts (one configs/formats.toml row): what the runtime sizes buffers from
// and what tests ask instead of re-deriving them.
struct tern_format_traits {
    const char * name;
    uint32_t group;                // weights per lookup group (1: no tables)
    uint32_t bits_num, bits_den;   // bits per weight as a fraction (tl2: 5/3)
    uint32_t table_entries;        // entries an index selects in a group's table (0: no tables)
    uint32_t max_entry;            // largest |table entry|
    uint32_t table_bytes;          // prepared bytes per group and token (0: int8 activations):
                                   // 16 int16 entries as 16 low bytes, then 16 high bytes
};

// NULL if wfmt is out of range.
const struct tern_format_traits * tern_wfmt_traits(enum tern_wfmt wfmt);
const char * tern_wfmt_name(enum tern_wfmt wfmt);                          // "?" if out of range

// True if `cpu` may run v; otherwise *why names the missing features ("needs avx512vnni").
bool tern_variant_runnable(const struct tern_variant * v, const struct tern_cpu * cpu, char * why, int why_size);

// Layout arithmetic of a variant's packed weights.
size_t tern_variant_kc(const struct tern_variant * v, size_t k);            // k padded to KB
size_t tern_variant_packed_bytes(const struct tern_variant * v, size_t n, size_t k);
size_t tern_variant_panel_bytes(const struct tern_variant * v, size_t k);   // one panel of NR channels
size_t tern_variant_prep_bytes(const struct tern_variant * v, size_t k);    // prepared activations per token
