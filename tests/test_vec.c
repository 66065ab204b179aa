// vec.c's kernel tables (tern/ops.h) against the portable one, for every table this CPU may
// run (TERN_ISA caps honoured). u = 2^-24, gamma(n) = n u / (1 - n u).
//  1. tern_vec_ops_get() is the first table, best first, whose ISA features are usable.
//  2. from_f16 / to_f16 / round_f16 are bit-exact with the portable ones: every f16 value,
//     every tie between neighbouring f16 values and the floats next to it, f32 subnormals,
//     inf, NaN payloads and 2^20 random bit patterns, at lengths with and without tails.
//     The portable ones equal an independent oracle: the nearest f16 found by searching the
//     f16 values in double, ties to the even code, NaN quieted with its payload's top bits.
//  3. dot_u8s8x2 is bit-exact (an integer) with the portable one and with an int64 sum, at
//     every length 0..300 and long ones up to 65536, on random and on extreme operands.
//  4. dot_f16 / dot_f32 / dot_q8 add in another order and fuse multiply-adds, so they are
//     held to the float-sum error bound: each within gamma(n) sum|a_i b_i| of the exact sum,
//     so within twice that of the portable result; with a prefetch distance, bit for bit the
//     sum without one (so are the dense row dots of every type, tern/dense.h).
//  5. axpy_f16 / axpy_f32 (FMA against multiply-then-add) differ from the portable ones by at
//     most one rounding of each: 2u |y + s x| + u |s x| per element.
//  6. attn (hd 4..256 incl. 64, 96, 100, 128, 256; g 1..8; n_keys 1..300; f16 and f32 KV) is
//     within the bound that follows from (4) for the scores, softmax's roundings, and (5) for
//     the weighted sum of V, of the exact (double) result, so within twice that of portable.
// Every bound is relative to the magnitude of the terms; the largest measured/bound ratio of
// each routine is printed.

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tern/cpu.h"
#include "tern/dense.h"
#include "tern/ops.h"

#define U 0x1p-24

static double gamma_n(size_t n) {
    return (double) n * U / (1.0 - (double) n * U);
}

static uint32_t f32_bits(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float bits_f32(uint32_t u) {
    float f;
    memcpy(&f, &u, 4);
    return f;
}

// One routine's record on one table: mismatches (the first kept) and the worst error/bound.
struct tally {
    const char * table, * routine;
    long cases, bad;
    char first[200];
    double worst;
};

static void tally_bad(struct tally * t, const char * fmt, ...) __attribute__((format(printf, 2, 3)));
static void tally_bad(struct tally * t, const char * fmt, ...) {
    if (t->bad++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->first, sizeof(t->first), fmt, ap);
        va_end(ap);
    }
}

// err must be within bound; `against_portable` errors make up the ratio that is printed.
static void tally_ratio(struct tally * t, double err, double bound, const char * what, bool against_portable) {
    const double r = bound > 0 ? err / bound : (err > 0 ? INFINITY : 0);
    if (against_portable && r > t->worst) t->worst = r;
    if (!(err <= bound)) tally_bad(t, "%s: error %.3g > bound %.3g", what, err, bound);
}

static void tally_end(struct tally * t, bool exact) {
    CHECK(t->bad == 0, "%s %s: %ld of %ld cases wrong; first: %s", t->table, t->routine, t->bad, t->cases, t->first);
    if (exact) {
        printf("  %-10s %-11s %7ld cases, bit-exact\n", t->table, t->routine, t->cases);
    } else {
        printf("  %-10s %-11s %7ld cases, within bounds; max |table - portable| / bound %.3f\n", t->table, t->routine,
               t->cases, t->worst);
    }
}

// ---------------------------------------------------------------------------- f16 oracle

// The value of a non-negative, non-NaN f16 code, in double.
static double f16_value(uint16_t c) {
    const int exp = c >> 10, man = c & 0x3ff;
    if (exp == 31) return INFINITY;
    return exp == 0 ? ldexp(man, -24) : ldexp(1024 + man, exp - 25);
}

static uint32_t oracle_f16_to_f32(uint16_t h) {
    const uint32_t sign = (uint32_t) (h >> 15) << 31, abs = h & 0x7fff;
    if (abs > 0x7c00) return sign | 0x7fc00000u | (abs & 0x3ff) << 13;
    return sign | f32_bits((float) f16_value((uint16_t) abs));
}

static uint16_t oracle_f32_to_f16(float f) {
    const uint32_t bits = f32_bits(f), sign = (bits >> 16) & 0x8000, abs = bits & 0x7fffffff;
    if (abs > 0x7f800000u) return (uint16_t) (sign | 0x7e00 | (abs >> 13 & 0x3ff));
    const double x = fabs((double) f);
    if (x >= 65520.0) return (uint16_t) (sign | 0x7c00);    // the tie at 65520 goes to even: inf
    unsigned lo = 0, hi = 0x7bff;                             // largest finite code <= x
    while (lo < hi) {
        const unsigned mid = (lo + hi + 1) / 2;
        if (f16_value((uint16_t) mid) <= x) lo = mid;
        else hi = mid - 1;
    }
    unsigned c = lo;
    if (c < 0x7bff) {
        const double below = x - f16_value((uint16_t) c), above = f16_value((uint16_t) (c + 1)) - x;
        if (above < below || (above == below && (c & 1))) c++;
    }
    return (uint16_t) (sign | c);
}

// ---------------------------------------------------------------------------- conversions

#define N_CONV (1 << 20)

static void check_conversions(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    // Inputs for to_f16: every f16 value as float, each tie and its float neighbours,
    // specials, then random bit patterns.
    float * x = malloc(N_CONV * sizeof(float));
    uint16_t * h = malloc(N_CONV * sizeof(uint16_t)), * want_h = malloc(N_CONV * sizeof(uint16_t));
    float * y = malloc(N_CONV * sizeof(float)), * want_y = malloc(N_CONV * sizeof(float));
    uint16_t * codes = malloc(65536 * sizeof(uint16_t));
    size_t n = 0;
    for (uint32_t c = 0; c < 65536; c++) {
        codes[c] = (uint16_t) c;
        const float v = tern_f16_to_f32((uint16_t) c);
        x[n++] = v;
        if ((c & 0x7fff) < 0x7c00) {          // finite: the tie above it and the floats beside the tie
            const double mid = (f16_value(c & 0x7fff) + ((c & 0x7fff) == 0x7bff ? 65536.0 : f16_value((c & 0x7fff) + 1))) / 2;
            const float t = (float) ((c & 0x8000) ? -mid : mid);
            x[n++] = t;
            x[n++] = nextafterf(t, INFINITY);
            x[n++] = nextafterf(t, -INFINITY);
        }
    }
    static const uint32_t special[] = {
        0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x33000000, 0x33000001, 0x32ffffff, 0x387fc000,
        0x38800000, 0x477fe000, 0x477fefff, 0x477ff000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000,
        0x7f800001, 0x7fbfffff, 0xffc00001, 0x7fe02000, 0x7f802000, 0x7fffffff, 0xff800001, 0x7f801fff,
    };
    for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) x[n++] = bits_f32(special[i]);
    uint64_t seed = 0x5eed;
    while (n < N_CONV) x[n++] = bits_f32((uint32_t) rng_next(&seed));

    struct tally t = { ops->name, "to_f16", 0, 0, "", 0 };
    ref->to_f16(n, x, want_h);
    ops->to_f16(n, x, h);
    for (size_t i = 0; i < n; i++) {
        t.cases++;
        const uint16_t o = oracle_f32_to_f16(x[i]);
        if (h[i] != want_h[i] || want_h[i] != o) {
            tally_bad(&t, "x = %a (%#010x): got %#06x, portable %#06x, oracle %#06x", x[i], f32_bits(x[i]), h[i],
                      want_h[i], o);
        }
    }
    // Short lengths and offsets: the vector body and the scalar tail agree.
    for (size_t len = 0; len <= 40; len++) {
        ops->to_f16(len, x + 3 * len + 1, h);
        t.cases++;
        if (memcmp(h, want_h + 3 * len + 1, len * sizeof(uint16_t)) != 0) tally_bad(&t, "length %zu differs", len);
    }
    tally_end(&t, true);

    t = (struct tally) { ops->name, "from_f16", 0, 0, "", 0 };
    ref->from_f16(65536, codes, want_y);
    ops->from_f16(65536, codes, y);
    for (uint32_t c = 0; c < 65536; c++) {
        t.cases++;
        const uint32_t o = oracle_f16_to_f32((uint16_t) c);
        if (f32_bits(y[c]) != f32_bits(want_y[c]) || f32_bits(want_y[c]) != o) {
            tally_bad(&t, "h = %#06x: got %#010x, portable %#010x, oracle %#010x", c, f32_bits(y[c]), f32_bits(want_y[c]), o);
        }
    }
    for (size_t len = 0; len <= 40; len++) {
        ops->from_f16(len, codes + 1000 * len + 7, y);
        t.cases++;
        if (memcmp(y, want_y + 1000 * len + 7, len * sizeof(float)) != 0) tally_bad(&t, "length %zu differs", len);
    }
    tally_end(&t, true);

    t = (struct tally) { ops->name, "round_f16", 0, 0, "", 0 };
    memcpy(y, x, n * sizeof(float));
    memcpy(want_y, x, n * sizeof(float));
    ops->round_f16(n, y);
    ref->round_f16(n, want_y);
    for (size_t i = 0; i < n; i++) {
        t.cases++;
        const uint32_t o = f32_bits(tern_f16_to_f32(tern_f32_to_f16(x[i])));
        if (f32_bits(y[i]) != f32_bits(want_y[i]) || f32_bits(want_y[i]) != o) {
            tally_bad(&t, "x = %a: got %#010x, portable %#010x, f32(f16(x)) %#010x", x[i], f32_bits(y[i]),
                      f32_bits(want_y[i]), o);
        }
    }
    tally_end(&t, true);
    free(x), free(h), free(want_h), free(y), free(want_y), free(codes);
}

// ---------------------------------------------------------------------------- rmsnorm

// Bit-exact with the portable one at every length (each tail of the 32 chains); the portable one
// within 4 float roundings of the double-precision x / sqrt(mean(x^2) + eps) * w.
static void check_rmsnorm(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    enum { N = 7000 };
    float * x = malloc(N * sizeof(float)), * w = malloc(N * sizeof(float));
    float * y = malloc(N * sizeof(float)), * want = malloc(N * sizeof(float));
    struct tally t = { ops->name, "rmsnorm", 0, 0, "", 0 };
    struct tally o = { "portable", "rms~exact", 0, 0, "", 0 };
    uint64_t seed = 11;
    for (size_t i = 0; i < N; i++) {
        x[i] = rng_float(&seed, -4, 4) * (i % 7 == 0 ? 30.0f : 1.0f);
        w[i] = rng_float(&seed, -2, 2);
    }
    for (size_t n = 1; n <= N; n = n < 70 ? n + 1 : n * 2 + 5 > N ? (n == N ? N + 1 : N) : n * 2 + 5) {
        ops->rmsnorm(n, x, w, 1e-5f, y);
        ref->rmsnorm(n, x, w, 1e-5f, want);
        double ss = 0;
        for (size_t i = 0; i < n; i++) ss += (double) x[i] * x[i];
        const double scale = 1.0 / sqrt(ss / (double) n + 1e-5);
        for (size_t i = 0; i < n; i++) {
            t.cases++;
            if (f32_bits(y[i]) != f32_bits(want[i])) {
                tally_bad(&t, "n %zu, i %zu: got %a, portable %a", n, i, y[i], want[i]);
            }
            if (ops == ref) {
                const double exact = x[i] * scale * w[i];
                o.cases++;
                tally_ratio(&o, fabs(want[i] - exact), 4 * 0x1p-24 * fabs(exact) + 0x1p-140, "rmsnorm vs double", true);
            }
        }
    }
    tally_end(&t, true);
    if (ops == ref) tally_end(&o, false);
    free(x), free(w), free(y), free(want);
}

// ---------------------------------------------------------------------------- silu_mul

// Bit-exact with the portable steps on every input class (normal, saturating, subnormal
// results, infinities, NaN), at every length (tails); the portable one within 1e-5 relative
// of the double-precision x / (1 + e^-x) * u where that is finite and not tiny.
static void check_silu(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    enum { N = 4099 };
    float * x = malloc(N * sizeof(float)), * u = malloc(N * sizeof(float));
    float * g = malloc(N * sizeof(float)), * want = malloc(N * sizeof(float));
    struct tally t = { ops->name, "silu_mul", 0, 0, "", 0 };
    uint64_t seed = 7;
    static const float special[] = { 0.0f, -0.0f, 88.0f, -88.0f, 103.0f, -103.0f, 133.0f, -133.0f, 150.0f, -150.0f,
                                     1e-30f, -1e-30f, 1e30f, -1e30f, INFINITY, -INFINITY, NAN, -NAN };
    const size_t n_special = sizeof(special) / sizeof(special[0]);
    for (size_t i = 0; i < N; i++) {
        const int kind = (int) (i % 5);
        x[i] = i < n_special ? special[i]
             : kind == 0 ? rng_float(&seed, -8, 8) : kind == 1 ? rng_float(&seed, -200, 200)
             : kind == 2 ? rng_float(&seed, -0.01f, 0.01f) : kind == 3 ? rng_float(&seed, -30, 30)
             : bits_f32((uint32_t) rng_next(&seed));
        u[i] = rng_float(&seed, -3, 3);
    }
    for (size_t n = 0; n <= N; n = n < 40 ? n + 1 : n * 2 + 3 > N ? (n == N ? N + 1 : N) : n * 2 + 3) {
        memcpy(g, x, n * sizeof(float));
        memcpy(want, x, n * sizeof(float));
        ops->silu_mul(n, g, u);
        ref->silu_mul(n, want, u);
        for (size_t i = 0; i < n; i++) {
            t.cases++;
            if (f32_bits(g[i]) != f32_bits(want[i])) {
                tally_bad(&t, "n %zu, x = %a, u = %a: got %a, portable %a", n, x[i], u[i], g[i], want[i]);
            }
        }
    }
    tally_end(&t, true);
    if (ops == ref) {
        struct tally o = { "portable", "silu~exact", 0, 0, "", 0 };
        memcpy(g, x, N * sizeof(float));
        ref->silu_mul(N, g, u);
        for (size_t i = 0; i < N; i++) {
            const double xd = x[i], exact = xd / (1.0 + exp(-xd)) * u[i];
            if (!isfinite(exact) || fabs(exact) < 1e-30 || fabs(xd) > 80) continue;
            o.cases++;
            tally_ratio(&o, fabs(g[i] - exact), 1e-5 * fabs(exact), "silu vs double", true);
        }
        CHECK(o.cases > N / 2, "too few finite silu cases: %ld", o.cases);
        tally_end(&o, false);
    }
    free(x);
    free(u);
    free(g);
    free(want);
}

// ---------------------------------------------------------------------------- scale_i32

// A linear's epilogue: bit-exact with the linear's own formula (this file's, not the table's)
// at every length (tails), for 1..5 tokens with their own factors and ragged row strides, with
// one factor per token and with per-row scales, over int32 values up to the largest a linear
// can hold.
static void check_scale(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    (void) ref;
    enum { N = 1037, M = 5, S = N + 3 };
    int32_t * acc = malloc(M * S * sizeof(int32_t));
    float * rs = malloc(N * sizeof(float)), * y = malloc(M * (S + 1) * sizeof(float));
    struct tally t = { ops->name, "scale_i32", 0, 0, "", 0 };
    uint64_t seed = 11;
    for (size_t i = 0; i < M * S; i++) acc[i] = (int32_t) (rng_next(&seed) % (2u * 128u * 65536u + 1u)) - 128 * 65536;
    for (size_t i = 0; i < N; i++) rs[i] = rng_float(&seed, 1e-4f, 3.0f);
    const float factors[M] = { 0.0371f * 2.5f / 127.0f, 7.25f, 1e-20f, 3.0f, 0.5f / 127.0f };
    for (size_t n = 0; n <= N; n = n < 40 ? n + 1 : n * 2 + 3 > N ? (n == N ? N + 1 : N) : n * 2 + 3) {
        for (size_t m = 1; m <= M; m += 2) {
            for (int rows = 0; rows < 2; rows++) {
                const float * f = factors + (M - m);     // each token its own factor
                memset(y, 0xff, M * (S + 1) * sizeof(float));
                ops->scale_i32(m, n, acc, S, rows ? rs : NULL, f, y, S + 1);
                for (size_t r = 0; r < m; r++) {
                    for (size_t i = 0; i < n; i++) {
                        const float a = (float) acc[r * S + i];
                        const float want = rows ? a * (rs[i] * f[r] / 127.0f) : a * f[r];
                        t.cases++;
                        if (f32_bits(y[r * (S + 1) + i]) != f32_bits(want)) {
                            tally_bad(&t, "n %zu, token %zu of %zu, acc %d, f %a%s: got %a, want %a", n, r, m,
                                      acc[r * S + i], f[r], rows ? " with row scales" : "", y[r * (S + 1) + i], want);
                        }
                    }
                    // the gap between rows is not the op's to write
                    if (r + 1 < m && f32_bits(y[r * (S + 1) + n]) != 0xffffffffu && n < S + 1) {
                        tally_bad(&t, "n %zu: wrote past row %zu", n, r);
                    }
                }
            }
        }
    }
    tally_end(&t, true);
    free(acc);
    free(rs);
    free(y);
}

// ---------------------------------------------------------------------------- dot_u8s8x2

static void check_u8s8(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    enum { MAX = 65536 };
    uint8_t * a = malloc(MAX), * b = malloc(MAX);
    int8_t * w = malloc(MAX);
    struct tally t = { ops->name, "dot_u8s8x2", 0, 0, "", 0 };
    uint64_t seed = 42;
    static const size_t longs[] = { 511, 512, 513, 1000, 2560, 4095, 6912, 65535, 65536 };
    for (int pattern = 0; pattern < 4; pattern++) {
        // random, random with q8's ranges (a, b in 1..255, w in -127..127), then the extremes
        for (size_t i = 0; i < MAX; i++) {
            const uint64_t r = rng_next(&seed);
            a[i] = pattern == 0 ? (uint8_t) r : pattern == 1 ? (uint8_t) (1 + r % 255) : 255;
            b[i] = pattern == 0 ? (uint8_t) (r >> 8) : pattern == 1 ? (uint8_t) (1 + (r >> 8) % 255) : pattern == 2 ? 255 : 0;
            w[i] = pattern == 0 ? (int8_t) (r >> 16) : pattern == 1 ? (int8_t) ((int) ((r >> 16) % 255) - 127)
                 : pattern == 2 ? -128 : 127;
        }
        for (size_t k = 0; k < 301 + sizeof(longs) / sizeof(longs[0]); k++) {
            const size_t n = k <= 300 ? k : longs[k - 301];
            const size_t off = k <= 300 ? k % 7 : 0;   // unaligned starts
            if (n + off > MAX) continue;
            int32_t da, db, ra, rb;
            int64_t xa = 0, xb = 0;
            for (size_t i = 0; i < n; i++) {
                xa += (int64_t) a[off + i] * w[off + i];
                xb += (int64_t) b[off + i] * w[off + i];
            }
            ops->dot_u8s8x2(n, a + off, b + off, w + off, &da, &db);
            ref->dot_u8s8x2(n, a + off, b + off, w + off, &ra, &rb);
            t.cases++;
            if (da != ra || db != rb || ra != xa || rb != xb) {
                tally_bad(&t, "pattern %d n %zu: got (%d, %d), portable (%d, %d), exact (%lld, %lld)", pattern, n, da, db,
                          ra, rb, (long long) xa, (long long) xb);
            }
        }
    }
    tally_end(&t, true);
    free(a), free(b), free(w);
}

// ---------------------------------------------------------------------------- float dots, axpy

static void check_dots(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    enum { MAX = 8192 };
    float * a = malloc(MAX * sizeof(float)), * bv = malloc(MAX * sizeof(float));
    uint16_t * ah = malloc(MAX * sizeof(uint16_t));
    int8_t * aq = malloc(MAX);
    uint64_t seed = 7;
    for (size_t i = 0; i < MAX; i++) {
        a[i] = rng_float(&seed, -2, 2);
        bv[i] = rng_float(&seed, -1, 1) * ((i % 97) == 0 ? 1000.0f : 1.0f);   // a few large terms
        ah[i] = tern_f32_to_f16(rng_float(&seed, -4, 4));
        aq[i] = (int8_t) (rng_next(&seed) % 255 - 127);
    }
    static const size_t longs[] = { 511, 512, 513, 1000, 2560, 4099, 6912, 8192 };
    const char * names[3] = { "dot_f32", "dot_f16", "dot_q8" };
    for (int kind = 0; kind < 3; kind++) {
        struct tally t = { ops->name, names[kind], 0, 0, "", 0 };
        for (size_t k = 0; k < 301 + sizeof(longs) / sizeof(longs[0]); k++) {
            const size_t n = k <= 300 ? k : longs[k - 301];
            const size_t off = k <= 300 ? k % 5 : 0;
            if (n + off > MAX) continue;
            double exact = 0, mag = 0;
            for (size_t i = 0; i < n; i++) {
                const double x = kind == 0 ? a[off + i] : kind == 1 ? tern_f16_to_f32(ah[off + i]) : aq[off + i];
                exact += x * bv[off + i];
                mag += fabs(x * bv[off + i]);
            }
            float got, want, got_pf, want_pf;
            const size_t pf = 64 + 192 * (k % 6);     // prefetching must not change a bit of the sum
            if (kind == 0) {
                got = ops->dot_f32(n, a + off, bv + off, 0), want = ref->dot_f32(n, a + off, bv + off, 0);
                got_pf = ops->dot_f32(n, a + off, bv + off, pf), want_pf = ref->dot_f32(n, a + off, bv + off, pf);
            } else if (kind == 1) {
                got = ops->dot_f16(n, ah + off, bv + off, 0), want = ref->dot_f16(n, ah + off, bv + off, 0);
                got_pf = ops->dot_f16(n, ah + off, bv + off, pf), want_pf = ref->dot_f16(n, ah + off, bv + off, pf);
            } else {
                got = ops->dot_q8(n, aq + off, bv + off, 0), want = ref->dot_q8(n, aq + off, bv + off, 0);
                got_pf = ops->dot_q8(n, aq + off, bv + off, pf), want_pf = ref->dot_q8(n, aq + off, bv + off, pf);
            }
            if (memcmp(&got, &got_pf, sizeof(got)) || memcmp(&want, &want_pf, sizeof(want))) {
                tally_bad(&t, "n %zu: prefetching %zu bytes ahead changed the sum (%.9g -> %.9g, portable %.9g -> %.9g)",
                          n, pf, got, got_pf, want, want_pf);
            }
            // exact is itself a double sum: its own error (n 2^-53 mag) is added to the bound.
            const double bound = gamma_n(n) * mag + (double) n * 0x1p-53 * mag;
            char what[64];
            snprintf(what, sizeof(what), "n %zu vs exact", n);
            t.cases++;
            tally_ratio(&t, fabs((double) got - exact), bound, what, false);
            snprintf(what, sizeof(what), "n %zu portable vs exact", n);
            tally_ratio(&t, fabs((double) want - exact), bound, what, false);
            snprintf(what, sizeof(what), "n %zu vs portable", n);
            tally_ratio(&t, fabs((double) got - (double) want), 2 * bound, what, true);
        }
        tally_end(&t, false);
    }

    for (int f16 = 0; f16 < 2; f16++) {
        struct tally t = { ops->name, f16 ? "axpy_f16" : "axpy_f32", 0, 0, "", 0 };
        float * y = malloc(MAX * sizeof(float)), * yr = malloc(MAX * sizeof(float));
        for (size_t k = 0; k < 301 + sizeof(longs) / sizeof(longs[0]); k++) {
            const size_t n = k <= 300 ? k : longs[k - 301];
            const float s = rng_float(&seed, -3, 3);
            for (size_t i = 0; i < n; i++) y[i] = yr[i] = rng_float(&seed, -1, 1);
            if (f16) ops->axpy_f16(n, s, ah, y), ref->axpy_f16(n, s, ah, yr);
            else ops->axpy_f32(n, s, a, y), ref->axpy_f32(n, s, a, yr);
            t.cases++;
            for (size_t i = 0; i < n; i++) {
                const double x = f16 ? tern_f16_to_f32(ah[i]) : a[i];
                const double sx = (double) s * x;
                // |fma - exact| <= u |y0 + sx|, |mul-add - exact| <= u |y0 + sx| + u (1 + u) |sx|,
                // with y0 + sx approximated by the portable result (off by at most the same).
                const double bound = (2 * U * fabs((double) yr[i]) + U * (1 + U) * fabs(sx)) * (1 + 4 * U) + 0x1p-148;
                char what[64];
                snprintf(what, sizeof(what), "n %zu element %zu", n, i);
                tally_ratio(&t, fabs((double) y[i] - (double) yr[i]), bound, what, true);
            }
        }
        tally_end(&t, false);
        free(y), free(yr);
    }
    free(a), free(bv), free(ah), free(aq);
}

// ---------------------------------------------------------------------------- attention

struct attn_case {
    size_t hd, g, n, stride;
    bool f32;
    float scale;
    const void * K, * V;
    const float * q;
};

static double kv_at(const struct attn_case * c, const void * M, size_t j, size_t i) {
    return c->f32 ? ((const float *) M)[j * c->stride + i] : tern_f16_to_f32(((const uint16_t *) M)[j * c->stride + i]);
}

// The exact result (double) and, per output value, the bound on one implementation's error.
static void attn_exact(const struct attn_case * c, double * out, double * bound) {
    const size_t hd = c->hd, n = c->n;
    double * s = malloc(n * sizeof(double)), * p = malloc(n * sizeof(double)), * rho = malloc(n * sizeof(double));
    for (size_t h = 0; h < c->g; h++) {
        const float * q = c->q + h * hd;
        double m = -INFINITY, dmax = 0;
        for (size_t j = 0; j < n; j++) {
            double d = 0, mag = 0;
            for (size_t i = 0; i < hd; i++) {
                const double t = (double) q[i] * kv_at(c, c->K, j, i);
                d += t;
                mag += fabs(t);
            }
            s[j] = d * c->scale;
            // the dot's error (4), scaled, plus the rounding of the product with scale
            const double delta = (gamma_n(hd) * mag + hd * 0x1p-53 * mag) * c->scale * (1 + U) + U * fabs(s[j]);
            m = fmax(m, s[j]);
            dmax = fmax(dmax, delta);
        }
        double sum = 0;
        for (size_t j = 0; j < n; j++) sum += p[j] = exp(s[j] - m);
        // Relative error of p_j: the scores move by <= dmax (numerator and normalization: 2 dmax);
        // expf, the subtraction of the max (u |s_j - m|), the float reciprocal and product: 6u.
        for (size_t j = 0; j < n; j++) {
            p[j] /= sum;
            rho[j] = expm1(2 * dmax + U * (m - s[j] + 2 * dmax) + 6 * U);
        }
        for (size_t i = 0; i < hd; i++) {
            double o = 0, bnd = 0;
            for (size_t j = 0; j < n; j++) {
                const double v = kv_at(c, c->V, j, i);
                o += p[j] * v;
                // p_j's error, then the float sum over j: gamma(n + 1) of sum p_j |v|
                bnd += p[j] * fabs(v) * (rho[j] + gamma_n(n + 1) * (1 + rho[j]));
            }
            out[h * hd + i] = o;
            bound[h * hd + i] = bnd * (1 + 1e-6) + 0x1p-140;
        }
    }
    free(s), free(p), free(rho);
}

static void check_attn(const struct tern_vec_ops * ops, const struct tern_vec_ops * ref) {
    static const size_t hds[] = { 4, 8, 12, 16, 24, 32, 48, 64, 96, 100, 128, 256 };
    static const size_t ns[] = { 1, 2, 3, 5, 8, 16, 17, 33, 64, 100, 255, 300 };
    enum { MAX_G = 8, MAX_HD = 256, MAX_N = 300, PAD = 16 };
    const size_t stride = 2 * MAX_HD + PAD;   // rows of a cache with other heads between them
    float * Kf = malloc(MAX_N * stride * sizeof(float)), * Vf = malloc(MAX_N * stride * sizeof(float));
    uint16_t * Kh = malloc(MAX_N * stride * sizeof(uint16_t)), * Vh = malloc(MAX_N * stride * sizeof(uint16_t));
    enum { PART = 2 * TERN_KEY_TILE };      // parts as the forward pass splits long rows, shorter
    float * pout = malloc((MAX_N / PART + 1) * MAX_G * MAX_HD * sizeof(float)), * outm = malloc(MAX_G * MAX_HD * sizeof(float));
    float * pmax = malloc((MAX_N / PART + 1) * MAX_G * sizeof(float));
    double * psum = malloc((MAX_N / PART + 1) * MAX_G * sizeof(double));
    float * Kt32 = malloc(tern_key_positions(MAX_N) * MAX_HD * sizeof(float));
    uint16_t * Kt16 = malloc(tern_key_positions(MAX_N) * MAX_HD * sizeof(uint16_t));
    float * q = malloc(MAX_G * MAX_HD * sizeof(float));
    float * scores = malloc(MAX_G * MAX_N * sizeof(float)), * out = malloc(MAX_G * MAX_HD * sizeof(float));
    float * outr = malloc(MAX_G * MAX_HD * sizeof(float));
    double * exact = malloc(MAX_G * MAX_HD * sizeof(double)), * bound = malloc(MAX_G * MAX_HD * sizeof(double));
    uint64_t seed = 99;
    for (size_t i = 0; i < MAX_N * stride; i++) {
        Kf[i] = rng_float(&seed, -1, 1);
        Vf[i] = rng_float(&seed, -1, 1);
        Kh[i] = tern_f32_to_f16(rng_float(&seed, -1, 1));
        Vh[i] = tern_f32_to_f16(rng_float(&seed, -1, 1));
    }
    struct tally t = { ops->name, "attn", 0, 0, "", 0 };
    for (size_t a = 0; a < sizeof(hds) / sizeof(hds[0]); a++) {
        for (size_t g = 1; g <= MAX_G; g++) {
            for (size_t b = 0; b < sizeof(ns) / sizeof(ns[0]); b++) {
                for (int f32 = 0; f32 < 2; f32++) {
                    const size_t hd = hds[a], n = ns[b];
                    // sharp softmax on some cases: queries scaled up
                    const float qscale = (g + b) % 3 == 0 ? 6.0f : 1.0f;
                    for (size_t i = 0; i < g * hd; i++) q[i] = rng_float(&seed, -1, 1) * qscale;
                    const struct attn_case c = { hd, g, n, stride, f32, 1.0f / sqrtf((float) hd),
                                                 f32 ? (const void *) Kf : Kh, f32 ? (const void *) Vf : Vh, q };
                    // The keys in key tiles, the lanes past n poisoned with NaN: no result may see them.
                    const size_t esize = f32 ? 4 : 2, tiled = tern_key_positions(n) * hd;
                    for (size_t e = 0; e < tiled; e++) {
                        if (f32) Kt32[e] = NAN;
                        else Kt16[e] = 0x7e00;
                    }
                    for (size_t j = 0; j < n; j++) {
                        for (size_t i = 0; i < hd; i++) {
                            memcpy((uint8_t *) (f32 ? (void *) Kt32 : (void *) Kt16) + tern_key_at(hd, j, i) * esize,
                                   (const uint8_t *) c.K + (j * stride + i) * esize, esize);
                        }
                    }
                    const void * Kt = f32 ? (const void *) Kt32 : (const void *) Kt16;
                    ops->attn(hd, g, n, Kt, c.V, stride, f32, q, c.scale, scores, out, NULL, NULL);
                    ref->attn(hd, g, n, Kt, c.V, stride, f32, q, c.scale, scores, outr, NULL, NULL);
                    // The same row in parts of PART keys (the last shorter), merged.
                    const size_t parts = (n + PART - 1) / PART;
                    for (size_t p = 0; p < parts; p++) {
                        const size_t j0 = p * PART, len = n - j0 < PART ? n - j0 : PART;
                        ops->attn(hd, g, len, (const uint8_t *) Kt + tern_key_at(hd, j0, 0) * esize,
                                  (const uint8_t *) c.V + j0 * stride * esize, stride, f32, q, c.scale, scores,
                                  pout + p * g * hd, pmax + p * g, psum + p * g);
                    }
                    tern_attn_merge(hd, g, parts, pout, pmax, psum, outm);
                    attn_exact(&c, exact, bound);
                    t.cases++;
                    for (size_t i = 0; i < g * hd; i++) {
                        char what[96];
                        snprintf(what, sizeof(what), "hd %zu g %zu n %zu %s out[%zu]", hd, g, n, f32 ? "f32" : "f16", i);
                        tally_ratio(&t, fabs(out[i] - exact[i]), bound[i], what, false);
                        tally_ratio(&t, fabs(outr[i] - exact[i]), bound[i], what, false);
                        tally_ratio(&t, fabs((double) out[i] - outr[i]), 2 * bound[i], what, true);
                        snprintf(what, sizeof(what), "hd %zu g %zu n %zu %s merged out[%zu]", hd, g, n, f32 ? "f32" : "f16", i);
                        tally_ratio(&t, fabs(outm[i] - exact[i]), 2 * bound[i], what, false);
                    }
                }
            }
        }
    }
    tally_end(&t, false);
    free(Kf), free(Vf), free(Kh), free(Vh), free(Kt32), free(Kt16), free(pout), free(outm), free(pmax), free(psum), free(q), free(scores), free(out), free(outr), free(exact), free(bound);
}

// The dense row dots (tern/dense.h) of every type, portable and SIMD: prefetching ahead must
// not change a bit of the sum.
static void check_dense_prefetch(void) {
    enum { K = 2560 + 32 };
    uint8_t * row = malloc(K * 4);
    float * x = malloc(K * sizeof(float));
    uint64_t seed = 11;
    for (size_t i = 0; i < K; i++) x[i] = rng_float(&seed, -1, 1);
    const enum tern_dense_type types[] = { TERN_DENSE_F32, TERN_DENSE_F16, TERN_DENSE_BF16, TERN_DENSE_Q8_0 };
    for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++) {
        const enum tern_dense_type type = types[ti];
        for (size_t i = 0; i < K; i++) {
            const float v = rng_float(&seed, -2, 2);
            uint32_t bits;
            memcpy(&bits, &v, 4);
            if (type == TERN_DENSE_F32) memcpy(row + 4 * i, &v, 4);
            if (type == TERN_DENSE_F16) {
                const uint16_t h = tern_f32_to_f16(v);
                memcpy(row + 2 * i, &h, 2);
            }
            if (type == TERN_DENSE_BF16) {
                const uint16_t h = (uint16_t) (bits >> 16);
                memcpy(row + 2 * i, &h, 2);
            }
            if (type == TERN_DENSE_Q8_0) {      // blocks of an f16 scale and 32 int8
                uint8_t * b = row + i / 32 * 34;
                if (i % 32 == 0) {
                    const uint16_t d = tern_f32_to_f16(0.01f + 0.001f * (float) (i % 7));
                    memcpy(b, &d, 2);
                }
                b[2 + i % 32] = (uint8_t) (int8_t) (rng_next(&seed) % 255 - 127);
            }
        }
        for (int portable = 0; portable < 2; portable++) {
            tern_dense_dot_fn * dot = tern_dense_dot(type, portable);
            const float none = dot(K, row, x, 0);
            for (size_t pf = 64; pf <= 4096; pf *= 4) {
                const float got = dot(K, row, x, pf);
                CHECK(memcmp(&got, &none, sizeof(got)) == 0, "dense %s dot (%s): %zu bytes ahead gives %.9g, none %.9g",
                      tern_dense_type_name(type), portable ? "portable" : "simd", pf, got, none);
            }
        }
    }
    free(row);
    free(x);
}

int main(void) {
    check_dense_prefetch();
    const struct tern_cpu * cpu = tern_cpu_get();
    const struct tern_vec_ops * ref = tern_vec_ops_portable();
    size_t n_tables;
    const struct tern_vec_ops * const * tables = tern_vec_ops_all(&n_tables);
    CHECK(n_tables >= 1 && tables[n_tables - 1] == ref, "the portable table is not last");
    const struct tern_vec_ops * best = NULL;
    for (size_t i = 0; i < n_tables; i++) {
        const struct tern_vec_ops * ops = tables[i];
        const uint32_t need = tern_vec_ops_features(ops);
        CHECK(need != UINT32_MAX, "table %s is not named after an ISA token", ops->name);
        if ((need & ~cpu->usable) != 0) {
            char missing[256];
            tern_cpu_feature_names(need & ~cpu->usable, missing, sizeof(missing));
            printf("%s: skipped, needs %s%s%s%s\n", ops->name, missing, cpu->cap[0] ? " (capped by TERN_ISA=" : "",
                   cpu->cap, cpu->cap[0] ? ")" : "");
            continue;
        }
        if (!best) best = ops;
        printf("%s vs portable:\n", ops->name);
        check_conversions(ops, ref);
        check_u8s8(ops, ref);
        check_dots(ops, ref);
        check_attn(ops, ref);
        check_rmsnorm(ops, ref);
        check_silu(ops, ref);
        check_scale(ops, ref);
    }
    CHECK(tern_vec_ops_get() == best, "tern_vec_ops_get() is %s, the best usable table is %s", tern_vec_ops_get()->name,
          best ? best->name : "none");
    return check_summary("test_vec");
}
