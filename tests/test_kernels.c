// Every kernel variant this CPU can run, bit for bit against the scalar reference:
//   1. prep kernels vs tern_ref_quantize (lengths around every vector width, rounding ties);
//   2. gemm ukernels called directly on edge cases derived from the tile (DESIGN §2):
//      rows 1..MR, channels 1..NR, k = KB, 2KB, 3KB, weights all -1 / 0 / +1 / random,
//      activations random / all -128 / all 127, strided output with guard cells;
//   3. the whole op (pack + prep + gemm + epilogue) for tokens 1..MR+1, channels NR+1 and
//      2NR-1, ragged k, in float, vs tern_ref_linear;
//   0. the compute probes (bench's int8 peak): every MAC they count lands in an accumulator;
//   4. the real shapes of the 2B4T, 3B and Falcon3-3B presets (tern_preset_shapes), decode and
//      prefill, and Falcon3-7B's (3072 x 23040, 23040 x 3072) for decode on the SIMD variants
//      (a scalar pass over 70 M weights adds minutes under qemu and nothing the others miss).
// Variants the CPU cannot run are reported as skipped, with the reason.

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tern/kernels.h"
#include "tern/linear.h"
#include "tern/presets.h"
#include "tern/reference.h"

#define GUARD 0x5a5a5a5a

static void * xmalloc(size_t n) {
    void * p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

static void ref_linear(size_t m, size_t n, size_t k, const int8_t * w, float w_scale, const float * x, float * y) {
    if (tern_ref_linear(m, n, k, w, w_scale, x, y)) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
}

// ---------------------------------------------------------------------------- prep

static void test_prep(const char * name, tern_prep_ukernel_fn * prep) {
    uint64_t seed = 0x1234;
    for (size_t k = 1; k <= 300; k += (k < 70 ? 1 : 37)) {
        const size_t kc = k + 64;
        float * x = xmalloc(k * sizeof(float));
        int8_t * want = xmalloc(k), * got = xmalloc(kc);
        for (int pattern = 0; pattern < 3; pattern++) {
            for (size_t i = 0; i < k; i++) {
                // pattern 1: amax = 127 makes the scale exactly 1, so x.5 values are rounding ties.
                x[i] = pattern == 0 ? rng_float(&seed, -3.0f, 3.0f)
                     : pattern == 1 ? (float) ((int) (rng_next(&seed) % 254) - 127) + 0.5f * (float) (i % 2)
                     : 0.0f;
            }
            if (pattern == 1) {
                x[k / 2] = -127.0f;
            }
            const float amax_want = tern_ref_quantize(k, x, want);
            int32_t sum_want = 0;
            for (size_t i = 0; i < k; i++) {
                sum_want += want[i];
            }
            memset(got, 0x7f, kc);
            int32_t sum = 0;
            float amax = 0;
            prep(k, kc, x, got, &sum, &amax);
            bool pad_zero = true;
            for (size_t i = k; i < kc; i++) {
                pad_zero = pad_zero && got[i] == 0;
            }
            CHECK(memcmp(want, got, k) == 0 && sum == sum_want && amax == amax_want && pad_zero,
                  "%s k=%zu pattern=%d: quantized row, sum (%d vs %d), amax or padding differ", name, k, pattern,
                  sum, sum_want);
        }
        free(x);
        free(want);
        free(got);
    }
}

// LUT preps: every table entry equals the sum its index stands for, over the reference's
// int8 activations. The index patterns are re-derived here from the format definitions; the
// sizes (group, entries an index selects, table bytes) are the format's traits.
static int lut_weight(enum tern_wfmt wfmt, int idx, int i) {
    if ((uint32_t) idx >= tern_wfmt_traits(wfmt)->table_entries) return 0;
    switch (wfmt) {
    case TERN_WFMT_TL1:
        return (i == 0 ? idx / 3 : idx % 3) - 1;
    case TERN_WFMT_TL2: {
        const int digits[3] = { (idx + 13) / 9 % 3 - 1, (idx + 13) / 3 % 3 - 1, (idx + 13) % 3 - 1 };
        return digits[i];       // idx = 9 w0 + 3 w1 + w2 with w in {-1, 0, 1}: digits of idx + 13 in base 3
    }
    case TERN_WFMT_LUTG4:
        return (idx >> i) & 1;
    default:
        return 0;
    }
}

static void test_lut_prep(const char * name, tern_prep_ukernel_fn * prep, enum tern_wfmt wfmt) {
    const struct tern_format_traits * f = tern_wfmt_traits(wfmt);
    const size_t group = f->group, tb = f->table_bytes, half = tb / 2;
    uint64_t seed = 77;
    for (size_t k = 1; k <= 200; k += 13) {
        const size_t kc = (k + 2 * group - 1) / (2 * group) * (2 * group);
        float * x = xmalloc(k * sizeof(float));
        int8_t * q = xmalloc(kc);
        uint8_t * tab = xmalloc(kc / group * tb);
        for (size_t i = 0; i < k; i++) x[i] = rng_float(&seed, -4.0f, 4.0f);
        memset(q, 0, kc);
        const float amax_want = tern_ref_quantize(k, x, q);
        int32_t sum;
        float amax;
        prep(k, kc, x, tab, &sum, &amax);
        size_t bad = 0;
        for (size_t g = 0; g < kc / group; g++) {
            for (size_t idx = 0; idx < half; idx++) {
                int32_t want = 0;
                for (size_t i = 0; i < group; i++) want += lut_weight(wfmt, (int) idx, (int) i) * q[g * group + i];
                const int16_t got = (int16_t) (uint16_t) (tab[g * tb + idx] | tab[g * tb + half + idx] << 8);
                bad += got != want || (uint32_t) abs(want) > f->max_entry;   // the bound codegen sizes k-blocks by
            }
        }
        CHECK(bad == 0 && amax == amax_want, "%s k=%zu: %zu table entries differ or exceed the max entry (or amax)", name, k, bad);
        free(x);
        free(q);
        free(tab);
    }
}

// ---------------------------------------------------------------------------- gemm ukernel, direct

enum wpattern { W_RANDOM, W_NEG, W_ZERO, W_POS };
enum apattern { A_RANDOM, A_MIN, A_MAX };

static void fill_w(int8_t * w, size_t count, enum wpattern p, uint64_t * seed) {
    for (size_t i = 0; i < count; i++) {
        w[i] = p == W_RANDOM ? rng_ternary(seed) : p == W_NEG ? -1 : p == W_ZERO ? 0 : 1;
    }
}

static void ukernel_case(const struct tern_variant * v, size_t mr, size_t nc, size_t kc,
                         enum wpattern wp, enum apattern ap, uint64_t * seed) {
    const size_t nr = v->nr;
    int8_t * w = xmalloc(nr * kc);                   // (nr, kc)
    fill_w(w, nr * kc, wp, seed);
    void * packed = tern_aligned_alloc(tern_variant_packed_bytes(v, nr, kc));
    v->pack(nr, kc, nr, v->kb, v->vbytes, w, kc, packed);

    // i2s kernels read int8 rows: any byte, -128 included. LUT kernels read tables, which only the
    // format's prep makes: it gets floats that quantize to the wanted values exactly (amax = 127,
    // so the scale is 1; -128 cannot come out of quantization, -127 stands in).
    const bool tables = tern_wfmt_traits(v->wfmt)->table_bytes != 0;
    const size_t row = tables ? tern_variant_prep_bytes(v, kc) : kc;
    const size_t a_stride = row + 16;                // a gap between rows: strides are honoured
    int8_t * a = xmalloc(mr * a_stride);
    int8_t * a_dense = xmalloc(mr * kc);
    int32_t * a_sum = xmalloc(mr * sizeof(int32_t));
    float * x = xmalloc(kc * sizeof(float));
    const int lowest = tables ? -127 : -128;
    for (size_t t = 0; t < mr; t++) {
        a_sum[t] = 0;
        for (size_t i = 0; i < a_stride; i++) {
            int val = ap == A_MIN ? -128 : ap == A_MAX ? 127 : (int8_t) (rng_next(seed) & 0xff);
            if (tables && i == 0 && ap == A_RANDOM) val = 127;
            val = val < lowest ? lowest : val;
            a[t * a_stride + i] = (int8_t) val;
            if (i < kc) {
                a_dense[t * kc + i] = (int8_t) val;
                a_sum[t] += val;
                x[i] = (float) val;
            }
        }
        if (tables) {
            float amax;
            int32_t sum;
            v->prep(kc, kc, x, a + t * a_stride, &sum, &amax);
        }
    }
    free(x);
    int32_t * want = xmalloc(mr * nr * sizeof(int32_t));
    tern_ref_gemm(mr, nr, kc, w, a_dense, want);

    const size_t c_stride = nr + 3;                  // guard cells right of every row
    int32_t * c = xmalloc(mr * c_stride * sizeof(int32_t));
    for (size_t i = 0; i < mr * c_stride; i++) {
        c[i] = GUARD;
    }
    v->gemm(mr, nc, kc, packed, a, a_stride, a_sum, c, c_stride);

    size_t bad = 0, guard_hit = 0;
    for (size_t t = 0; t < mr; t++) {
        for (size_t o = 0; o < c_stride; o++) {
            if (o < nc) {
                bad += c[t * c_stride + o] != want[t * nr + o];
            } else {
                guard_hit += c[t * c_stride + o] != GUARD;
            }
        }
    }
    CHECK(bad == 0 && guard_hit == 0, "%s mr=%zu nc=%zu kc=%zu w=%d a=%d: %zu wrong outputs, %zu writes past nc",
          v->name, mr, nc, kc, (int) wp, (int) ap, bad, guard_hit);
    free(w);
    tern_aligned_free(packed);
    free(a);
    free(a_dense);
    free(a_sum);
    free(want);
    free(c);
}

static void test_ukernel_edges(const struct tern_variant * v) {
    uint64_t seed = 42;
    const size_t ks[] = { v->kb, 2 * v->kb, 3 * v->kb };
    for (size_t ki = 0; ki < 3; ki++) {
        for (size_t mr = 1; mr <= v->mr; mr++) {
            for (size_t nc = 1; nc <= v->nr; nc++) {
                ukernel_case(v, mr, nc, ks[ki], W_RANDOM, A_RANDOM, &seed);
            }
        }
        for (int wp = W_RANDOM; wp <= W_POS; wp++) {
            for (int ap = A_RANDOM; ap <= A_MAX; ap++) {
                ukernel_case(v, v->mr, v->nr, ks[ki], (enum wpattern) wp, (enum apattern) ap, &seed);
            }
        }
    }
    // The largest K the contract promises without overflow: all -128 against all +1 weights.
    ukernel_case(v, 1, v->nr, (32768 + v->kb - 1) / v->kb * v->kb, W_POS, A_MIN, &seed);
}

// ---------------------------------------------------------------------------- whole op

// Runs the op for m tokens and compares floats (and hence acc) with the reference.
static void op_case(const struct tern_variant * v, size_t m, size_t n, size_t k, const int8_t * w,
                    const float * x, const float * y_want, const char * label) {
    struct tern_linear L;
    struct tern_acts A;
    if (tern_linear_init(&L, v, n, k, w, k, 0.0371f) != 0 || tern_acts_init(&A, m, L.prep_bytes) != 0) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    float * y = xmalloc(m * n * sizeof(float));
    tern_linear_forward(&L, m, x, &A, y);
    size_t bad = 0, first = 0;
    for (size_t i = 0; i < m * n; i++) {
        if (memcmp(&y[i], &y_want[i], sizeof(float)) != 0) {
            if (bad++ == 0) first = i;
        }
    }
    CHECK(bad == 0, "%s %s m=%zu n=%zu k=%zu: %zu of %zu outputs differ (first at %zu: %.9g vs %.9g)",
          v->name, label, m, n, k, bad, m * n, first, bad ? y[first] : 0.0, bad ? y_want[first] : 0.0);
    free(y);
    tern_acts_free(&A);
    tern_linear_free(&L);
}

static void random_problem(size_t m, size_t n, size_t k, uint64_t * seed, int8_t ** w, float ** x) {
    *w = xmalloc(n * k);
    *x = xmalloc(m * k * sizeof(float));
    fill_w(*w, n * k, W_RANDOM, seed);
    for (size_t i = 0; i < m * k; i++) {
        (*x)[i] = rng_float(seed, -2.0f, 2.0f);
    }
}

static void test_op_edges(const struct tern_variant * v) {
    uint64_t seed = 7;
    const size_t ks[] = { 1, v->kb - 1, v->kb, v->kb + 1, 2 * v->kb + 3 };
    const size_t ns[] = { 1, v->nr, v->nr + 1, 2 * v->nr - 1, 3 * v->nr + 2 };
    for (size_t ki = 0; ki < sizeof(ks) / sizeof(ks[0]); ki++) {
        for (size_t ni = 0; ni < sizeof(ns) / sizeof(ns[0]); ni++) {
            const size_t m = v->mr + 1, n = ns[ni], k = ks[ki];
            int8_t * w;
            float * x;
            random_problem(m, n, k, &seed, &w, &x);
            float * want = xmalloc(m * n * sizeof(float));
            ref_linear(m, n, k, w, 0.0371f, x, want);
            for (size_t mm = 1; mm <= m; mm++) {
                // The first mm tokens of the same problem: the reference rows are a prefix.
                op_case(v, mm, n, k, w, x, want, "edge");
            }
            free(w);
            free(x);
            free(want);
        }
    }
    // More tokens than one pass of tiles over a panel holds (TERN_ACC_BLOCK): the second pass
    // starts mid-way, its last tile ragged.
    const size_t pass = TERN_ACC_BLOCK / v->nr / v->mr * v->mr, m = pass + v->mr + 1, n = 2 * v->nr + 1, k = v->kb + 1;
    int8_t * w;
    float * x;
    random_problem(m, n, k, &seed, &w, &x);
    float * want = xmalloc(m * n * sizeof(float));
    ref_linear(m, n, k, w, 0.0371f, x, want);
    op_case(v, m, n, k, w, x, want, "two passes");
    free(w);
    free(x);
    free(want);
}

// ---------------------------------------------------------------------------- model shapes

struct shape_case {
    const char * preset, * name;
    size_t k, n;
    size_t m;            // tokens the reference covers: M_SHAPE, or 1 for the largest shapes
    int8_t * w;          // (n, k)
    float * x;           // (m, k)
    float * want;        // (m, n) reference output
};

#define M_SHAPE 5        // a ragged last tile for MR = 2, 4 and a partial one for MR = 8
#define MAX_SHAPES 48
#define DECODE_ONLY_WEIGHTS 50000000   // shapes above this many weights: decode, SIMD variants only

static size_t load_shapes(struct shape_case * cases) {
    size_t count = 0;
    static const char * const presets[] = { "bitnet-b1.58-2B-4T", "bitnet_b1_58-3B", "Falcon3-3B-1.58bit",
                                            "Falcon3-7B-1.58bit" };
    static struct tern_tune_shape shapes[MAX_SHAPES];     // the cases point at their names
    size_t n_shapes = 0;
    for (size_t p = 0; p < sizeof(presets) / sizeof(presets[0]); p++) {
        const size_t n = tern_preset_shapes(presets[p], shapes + n_shapes, MAX_SHAPES - n_shapes);
        for (size_t i = n_shapes; i < n_shapes + n; i++) {
            // Falcon3-7B only for its largest matmuls (decode-only shapes).
            if (strcmp(presets[p], "Falcon3-7B-1.58bit") == 0 && shapes[i].k * shapes[i].n <= DECODE_ONLY_WEIGHTS) continue;
            cases[count++] = (struct shape_case) { .preset = presets[p], .name = shapes[i].name, .k = shapes[i].k,
                                                   .n = shapes[i].n };
        }
        n_shapes += n;
    }
    uint64_t seed = 99;
    for (size_t i = 0; i < count; i++) {
        struct shape_case * s = &cases[i];
        s->m = s->n * s->k > DECODE_ONLY_WEIGHTS ? 1 : M_SHAPE;
        random_problem(s->m, s->n, s->k, &seed, &s->w, &s->x);
        s->want = xmalloc(s->m * s->n * sizeof(float));
        ref_linear(s->m, s->n, s->k, s->w, 0.0371f, s->x, s->want);
    }
    return count;
}

static void test_shapes(const struct tern_variant * v, const struct shape_case * cases, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (cases[i].m == 1 && v->isa == TERN_ISA_SCALAR) continue;
        op_case(v, 1, cases[i].n, cases[i].k, cases[i].w, cases[i].x, cases[i].want, cases[i].name);
        if (cases[i].m > 1) {
            op_case(v, cases[i].m, cases[i].n, cases[i].k, cases[i].w, cases[i].x, cases[i].want, cases[i].name);
        }
    }
}

// ----------------------------------------------------------------------------

int main(int argc, char ** argv) {
    const char * only = argc > 1 ? argv[1] : NULL;   // optional substring filter on variant names
    const struct tern_cpu * cpu = tern_cpu_get();
    char why[256];
    size_t ran = 0, skipped = 0;

#define TERN_PREP_UKERNEL(isa, name, wfmt, afmt)                                   \
    if (!only || strstr(#name, only)) {                                            \
        if ((tern_isa_features(isa) & ~cpu->usable) == 0) {                        \
            if (tern_wfmt_traits(wfmt)->table_bytes) test_lut_prep(#name, name, wfmt); \
            else test_prep(#name, name);                                           \
        } else {                                                                   \
            printf("SKIP %s: this CPU (or TERN_ISA) lacks its ISA\n", #name);      \
        }                                                                          \
    }
#include "kernels.inc"
#undef TERN_PREP_UKERNEL

    // With every operand 1, each MAC adds 1 to some lane: the lanes' sum is the MAC count.
#define TERN_MAC_PROBE(isa, name)                                                                  \
    if (!only || strstr(#name, only)) {                                                            \
        if ((tern_isa_features(isa) & ~cpu->usable) == 0) {                                        \
            uint64_t lanes = 0;                                                                    \
            const uint64_t macs = name(64, &lanes);                                                \
            CHECK(macs > 0 && lanes == macs, "%s: %llu MACs counted, accumulators hold %llu", #name, \
                  (unsigned long long) macs, (unsigned long long) lanes);                          \
        } else {                                                                                   \
            printf("SKIP %s: this CPU (or TERN_ISA) lacks its ISA\n", #name);                      \
        }                                                                                          \
    }
#include "kernels.inc"
#undef TERN_MAC_PROBE

    struct shape_case cases[MAX_SHAPES];
    const size_t n_shapes = load_shapes(cases);
    CHECK(n_shapes >= 13, "expected the 2B4T, 3B and Falcon3 shapes from tern_preset_shapes, found %zu", n_shapes);

    size_t count;
    const struct tern_variant * variants = tern_registry_variants(&count);
    for (size_t i = 0; i < count; i++) {
        const struct tern_variant * v = &variants[i];
        if (only && !strstr(v->name, only)) {
            continue;
        }
        if (!tern_variant_runnable(v, cpu, why, sizeof(why))) {
            printf("SKIP %s: %s\n", v->name, why);
            skipped++;
            continue;
        }
        const int failed_before = check_failed;
        test_ukernel_edges(v);
        test_op_edges(v);
        test_shapes(v, cases, n_shapes);
        printf("%s %s\n", check_failed == failed_before ? "ok  " : "FAIL", v->name);
        ran++;
    }
    for (size_t i = 0; i < n_shapes; i++) {
        free(cases[i].w);
        free(cases[i].x);
        free(cases[i].want);
    }
    printf("variants: %zu tested, %zu skipped\n", ran, skipped);
    CHECK(ran > 0, "no variant could run on this CPU");
    return check_summary("test_kernels");
}
