// tern-bench-kernels: every kernel variant this CPU can run x every (k, n) shape of every
// model preset (configs/models/*.toml; shapes from tern_preset_shapes) x {decode, prefill}.
// Nothing here names a kernel. Each case times the whole BitLinear op (prep + gemm +
// epilogue) single-threaded, with the packed weights in a ring of >= 4x the last-level
// cache so decode streams from DRAM as in a real model. Counters:
//   GB/s   packed weight bytes streamed per second
//   bw%    GB/s as a percentage of the read bandwidth this binary measured at start
//   GOP/s  2*m*n*k integer operations per second
//   peak%  (prefill) m*n*k MACs per second as a percentage of the int8 MAC peak this binary
//          measured at start (compute/int8_peak: the best of the ISA compute probes this CPU
//          runs, one core, times the thread count)
//   bits/w packed bits streamed per weight (2 for i2s/tl1/lutg4, ~1.67 for tl2, more with padding)
// Each format's activation prep (quantization, or table build for LUT formats) is also timed
// on its own: prep/<phase>/<preset>/<shape>/k<K>_m<tokens>/<prep kernel>.
// Prefill attention of one (token, KV head) is timed too, per vector-ops table this CPU runs:
// attention/hd<HD>_g<G>/n<keys>/<table>, f16 keys and values, counter GFMA/s (float
// multiply-adds: 2 * g * keys * hd per call).
// Extra flags (before Google Benchmark's own --benchmark_*):
//   --tern_tokens=N   prefill tokens (default 64)
//   --tern_threads=N  threads of the op (default 1), from tern's pool
//   --tern_ring_mb=N  size of the weights ring (default: tern_weight_ring_bytes, membw.h)
//   --tern_summary    after the run, print the best variant per ISA for each case

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gbench_shim.h"
#include "tern/alloc.h"
#include "tern/clock.h"
#include "tern/kernels.h"
#include "tern/linear.h"
#include "tern/macpeak.h"
#include "tern/membw.h"
#include "tern/ops.h"
#include "tern/presets.h"
#include "tern/pool.h"
#include "tern/topology.h"

#define MAX_SHAPES 16     // distinct (k, n) matmuls of one layer, at most

struct bench_case {
    char name[256];
    const struct tern_variant * v;
    const char * preset, * shape, * phase;
    size_t k, n, m;
    bool is_prep;                         // times the prep kernel alone
    double best_ns, gbps, bw_pct, gops, peak_pct;   // filled by the collector
};

static double read_bw;          // bytes/s, measured at start (on the benchmark's thread count)
static double mac_peak;         // u8 x s8 MACs/s of one core, measured at start (0: no probe runs here)
static const struct tern_mac_probe * mac_peak_probe; // the probe that gave it
static struct tern_pool * pool; // NULL: single-threaded
static int n_threads = 1;
static size_t llc_bytes;
static size_t ring_bytes;       // weights ring size

// ---------------------------------------------------------------------------- read bandwidth

static size_t bw_buffer_bytes(void) {
    return tern_read_buffer_bytes(llc_bytes);
}

static void bench_read_bw(gb_state * st, void * ctx) {
    (void) ctx;
    double bw = 0;
    while (gb_keep_running(st)) {
        bw = tern_read_bandwidth(pool, n_threads, bw_buffer_bytes(), 1);
    }
    gb_counter_set(st, "GB/s", bw / 1e9, GB_COUNTER_DEFAULT);
}

// ---------------------------------------------------------------------------- compute peak

static void bench_probe(gb_state * st, void * ctx) {
    const struct tern_mac_probe * p = ctx;
    double rate = 0;
    while (gb_keep_running(st)) {
        rate = tern_mac_probe_rate(p, 1);
    }
    gb_counter_set(st, "GMAC/s", rate / 1e9, GB_COUNTER_DEFAULT);
}

// ---------------------------------------------------------------------------- kernel cases

// The state of the case being run; rebuilt only when Google Benchmark moves to another case.
static struct {
    const struct bench_case * c;
    struct tern_linear L;
    struct tern_acts A;
    size_t ring_n, packed_bytes;
    float * x, * y;              // (m, k), (m, n)
} live;

// The weights ring, allocated once: cases use its first ring_n slots of packed_bytes. Its bytes
// are arbitrary (kernel timing does not depend on weight values), so nothing is copied per case.
static uint8_t * ring;

static void live_free(void) {
    tern_acts_free(&live.A);
    tern_aligned_free(live.x);
    tern_aligned_free(live.y);
    memset(&live, 0, sizeof(live));
}

static int live_build(const struct bench_case * c) {
    if (live.c == c) return 0;
    live_free();
    if (!ring) {
        ring = tern_aligned_alloc(ring_bytes + ((size_t) 64 << 20));
        if (!ring) return -1;
        memset(ring, 0x5a, ring_bytes + ((size_t) 64 << 20));
    }
    live.L = tern_linear_view(c->v, c->n, c->k, ring, 0.5f);
    live.packed_bytes = (tern_variant_packed_bytes(c->v, c->n, c->k) + 63) / 64 * 64;
    if (live.packed_bytes > ((size_t) 64 << 20) || tern_acts_init(&live.A, c->m, live.L.prep_bytes) != 0) {
        live_free();   // weights above the spare room past the ring, or out of memory
        return -1;
    }
    live.ring_n = ring_bytes / live.packed_bytes + 1;
    live.x = tern_aligned_alloc(c->m * c->k * sizeof(float));
    live.y = tern_aligned_alloc(c->m * c->n * sizeof(float));
    if (!live.x || !live.y) {
        live_free();
        return -1;
    }
    for (size_t i = 0; i < c->m * c->k; i++) {
        live.x[i] = (float) ((int) (i * 2654435761u % 2001) - 1000) / 1000.0f;
    }
    live.c = c;
    return 0;
}

static void bench_case_run(gb_state * st, void * ctx) {
    const struct bench_case * c = ctx;
    if (live_build(c) != 0) {
        gb_skip(st, "out of memory (or weights above 64 MiB)");
        return;
    }
    struct tern_linear L = live.L;
    size_t r = 0;
    while (gb_keep_running(st)) {
        L.packed = ring + r * live.packed_bytes;
        r = r + 1 == live.ring_n ? 0 : r + 1;
        tern_linear_forward_mt(&L, pool, n_threads, c->m, live.x, &live.A, live.y);
        gb_clobber_memory();
    }
    const double bytes = (double) live.packed_bytes;
    gb_counter_set(st, "GB/s", bytes / 1e9, GB_COUNTER_ITERATION_INVARIANT_RATE);
    gb_counter_set(st, "bw%", 100.0 * bytes / read_bw, GB_COUNTER_ITERATION_INVARIANT_RATE);
    gb_counter_set(st, "GOP/s", 2.0 * (double) c->m * (double) c->n * (double) c->k / 1e9,
                   GB_COUNTER_ITERATION_INVARIANT_RATE);
    gb_counter_set(st, "bits/w", 8.0 * bytes / ((double) c->n * (double) c->k), GB_COUNTER_DEFAULT);
    if (c->m > 1 && mac_peak > 0) {
        gb_counter_set(st, "peak%", 100.0 * (double) c->m * (double) c->n * (double) c->k / (mac_peak * n_threads),
                       GB_COUNTER_ITERATION_INVARIANT_RATE);
    }
}

// The prep kernel alone: c->m tokens of k features (no weights involved).
static void bench_prep_run(gb_state * st, void * ctx) {
    const struct bench_case * c = ctx;
    const struct tern_variant * v = c->v;
    struct tern_acts A;
    float * x = tern_aligned_alloc(c->m * c->k * sizeof(float));
    if (!x || tern_acts_init(&A, c->m, tern_variant_prep_bytes(v, c->k)) != 0) {
        tern_aligned_free(x);
        gb_skip(st, "out of memory");
        return;
    }
    for (size_t i = 0; i < c->m * c->k; i++) x[i] = (float) ((int) (i * 2654435761u % 2001) - 1000) / 1000.0f;
    const size_t kc = tern_variant_kc(v, c->k);
    while (gb_keep_running(st)) {
        for (size_t t = 0; t < c->m; t++) {
            v->prep(c->k, kc, x + t * c->k, (int8_t *) A.a + t * A.stride, &A.sum[t], &A.amax[t]);
        }
        gb_clobber_memory();
    }
    gb_counter_set(st, "tok/s", (double) c->m, GB_COUNTER_ITERATION_INVARIANT_RATE);
    tern_acts_free(&A);
    tern_aligned_free(x);
}

// ---------------------------------------------------------------------------- attention

struct attn_case {
    char name[128];
    const struct tern_vec_ops * ops;
    size_t hd, g, n;
    bool kv_f32;
};

// One call as the prefill makes it: g query heads over n cached keys (in whole key tiles) and
// values, f16 (the default cache) or f32 (-ctk f32).
static void bench_attn_run(gb_state * st, void * ctx) {
    const struct attn_case * c = ctx;
    const size_t kv = tern_key_positions(c->n) * c->hd, es = c->kv_f32 ? sizeof(float) : sizeof(uint16_t);
    void * K = tern_aligned_alloc(kv * es), * V = tern_aligned_alloc(kv * es);
    float * q = tern_aligned_alloc(c->g * c->hd * sizeof(float)), * out = tern_aligned_alloc(c->g * c->hd * sizeof(float));
    float * scores = tern_aligned_alloc(c->g * c->n * sizeof(float)), * tmp = tern_aligned_alloc(kv * sizeof(float));
    if (!K || !V || !q || !out || !scores || !tmp) {
        gb_skip(st, "out of memory");
    } else {
        void * const kv_buf[2] = { K, V };
        const uint32_t mult[2] = { 2654435761u, 40503u };
        for (int b = 0; b < 2; b++) {
            for (size_t i = 0; i < kv; i++) tmp[i] = (float) ((int) (i * mult[b] % 2001) - 1000) / 1000.0f;
            if (c->kv_f32) memcpy(kv_buf[b], tmp, kv * sizeof(float));
            else c->ops->to_f16(kv, tmp, kv_buf[b]);
        }
        for (size_t i = 0; i < c->g * c->hd; i++) q[i] = (float) ((int) (i * 7919u % 2001) - 1000) / 1000.0f;
        while (gb_keep_running(st)) {
            c->ops->attn(c->hd, c->g, c->n, K, V, c->hd, c->kv_f32, q, 0.088f, scores, out, NULL, NULL);
            gb_clobber_memory();
        }
        gb_counter_set(st, "GFMA/s", 2e-9 * (double) (c->g * c->n * c->hd), GB_COUNTER_ITERATION_INVARIANT_RATE);
    }
    tern_aligned_free(K);
    tern_aligned_free(V);
    tern_aligned_free(q);
    tern_aligned_free(out);
    tern_aligned_free(scores);
    tern_aligned_free(tmp);
}

// ---------------------------------------------------------------------------- registration

static struct bench_case * cases;
static size_t n_cases;

// Appends a case; NULL if out of memory (the cases so far stay valid).
static struct bench_case * add_case(const struct tern_variant * v, const char * preset, const char * shape, size_t k,
                                    size_t n, const char * phase, size_t m) {
    struct bench_case * grown = realloc(cases, (n_cases + 1) * sizeof(*cases));
    if (!grown) return NULL;
    cases = grown;
    struct bench_case * c = &cases[n_cases++];
    *c = (struct bench_case) { .v = v, .preset = preset, .shape = shape, .phase = phase, .k = k, .n = n, .m = m };
    snprintf(c->name, sizeof(c->name), "%s/%s/%s/k%zu_n%zu_m%zu/%s", phase, preset, shape, k, n, m, v->name);
    return c;
}

// main's exit status when registration runs out of memory.
static int out_of_memory(void) {
    fprintf(stderr, "tern-bench-kernels: out of memory registering the benchmarks\n");
    free(cases);
    tern_pool_free(pool);
    return 1;
}

static void collect(const gb_result * r, void * user) {
    (void) user;
    for (size_t i = 0; i < n_cases; i++) {
        struct bench_case * c = &cases[i];
        // Google Benchmark appends options to the name ("/real_time"): match the prefix.
        const size_t len = strlen(c->name);
        const char * name = gb_result_name(r);
        if (gb_result_skipped(r) || strncmp(c->name, name, len) != 0 || (name[len] != '\0' && name[len] != '/')) continue;
        const double ns = gb_result_real_ns(r);
        if (c->best_ns == 0 || ns < c->best_ns) {
            c->best_ns = ns;
            c->gbps = gb_result_counter(r, "GB/s");
            c->bw_pct = gb_result_counter(r, "bw%");
            c->gops = gb_result_counter(r, "GOP/s");
            c->peak_pct = c->m > 1 && mac_peak > 0 ? gb_result_counter(r, "peak%") : 0;
        }
    }
}

// Best variant per format and ISA for every (phase, preset, shape) that ran.
static void print_summary(FILE * out) {
    fprintf(out, "\nbest variant per format and ISA (read bandwidth %.1f GB/s, int8 peak %.1f GMAC/s per core from %s, "
            "%d thread%s)\n", read_bw / 1e9, mac_peak / 1e9, mac_peak_probe ? mac_peak_probe->name : "no probe", n_threads,
            n_threads == 1 ? "" : "s");
    fprintf(out, "%-8s %-24s %-28s %-11s %-60s %9s %8s %6s %8s %6s\n", "phase", "preset", "shape", "isa", "variant",
            "time_us", "GB/s", "bw%", "GOP/s", "peak%");
    for (size_t i = 0; i < n_cases; i++) {
        const struct bench_case * c = &cases[i];
        if (c->best_ns == 0 || c->is_prep) continue;
        bool best = true;
        for (size_t j = 0; j < n_cases; j++) {
            const struct bench_case * d = &cases[j];
            if (j == i || d->best_ns == 0 || d->is_prep || d->v->isa != c->v->isa || d->v->wfmt != c->v->wfmt ||
                d->k != c->k || d->n != c->n ||
                d->m != c->m || strcmp(d->preset, c->preset) != 0) continue;
            if (d->best_ns < c->best_ns || (d->best_ns == c->best_ns && j < i)) best = false;
        }
        if (best) {
            fprintf(out, "%-8s %-24s %-28s %-11s %-60s %9.1f %8.2f %6.1f %8.1f %6.1f\n", c->phase, c->preset, c->shape,
                    tern_isa_name(c->v->isa), c->v->name, c->best_ns / 1e3, c->gbps, c->bw_pct, c->gops, c->peak_pct);
        }
    }
}

// "--tern_NAME=VALUE" with VALUE an integer in [lo, hi]: 1 and *out set; 0 if arg is another
// flag; -1 after a message for a bad value.
static int int_flag(const char * arg, const char * name, long lo, long hi, long * out) {
    const size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0 || arg[n] != '=') return 0;
    char * end;
    const long v = strtol(arg + n + 1, &end, 10);
    if (*end || end == arg + n + 1 || v < lo || v > hi) {
        fprintf(stderr, "tern-bench-kernels: %s wants an integer in %ld..%ld, got '%s'\n", name, lo, hi, arg + n + 1);
        return -1;
    }
    *out = v;
    return 1;
}

int main(int argc, char ** argv) {
    long prefill_tokens = 64, threads = 1, ring_mb = 0;
    const struct { const char * name; long lo, hi; long * dest; } int_flags[] = {
        { "--tern_tokens", 1, 4096, &prefill_tokens },
        { "--tern_threads", 1, 256, &threads },
        { "--tern_ring_mb", 1, 65536, &ring_mb },
    };
    bool summary = false;
    int out = 1;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        int hit = 0;
        for (size_t f = 0; !hit && f < sizeof(int_flags) / sizeof(int_flags[0]); f++) {
            hit = int_flag(argv[i], int_flags[f].name, int_flags[f].lo, int_flags[f].hi, int_flags[f].dest);
        }
        if (hit < 0) return 2;
        if (hit) continue;
        if (strcmp(argv[i], "--tern_summary") == 0) {
            summary = true;
        } else {
            if (strcmp(argv[i], "--benchmark_format=json") == 0) json = true;
            argv[out++] = argv[i];
        }
    }
    argc = out;
    n_threads = (int) threads;
    ring_bytes = (size_t) ring_mb << 20;

    const struct tern_cpu * cpu = tern_cpu_get();
    struct tern_topology topo;
    tern_topology_get(&topo);
    llc_bytes = topo.l3 ? topo.l3 : topo.l2 ? topo.l2 : (size_t) 32 << 20;
    if (ring_bytes == 0) ring_bytes = tern_weight_ring_bytes(llc_bytes);
    if (n_threads > 1) {
        pool = tern_pool_init(n_threads, true);
        if (!pool) {
            fprintf(stderr, "tern-bench-kernels: cannot start %d threads\n", n_threads);
            return 1;
        }
    }
    read_bw = tern_read_bandwidth(pool, n_threads, bw_buffer_bytes(), 6);
    if (read_bw <= 0) {     // every bw% divides by it
        fprintf(stderr, "tern-bench-kernels: out of memory for the %zu MiB read-bandwidth buffer\n", bw_buffer_bytes() >> 20);
        tern_pool_free(pool);
        return 1;
    }
    mac_peak_probe = tern_mac_probe_best(cpu, 5, &mac_peak);

    char text[64];
    gb_add_context("tern_cpu", cpu->brand);
    gb_add_context("tern_registry", tern_registry_hash());
    snprintf(text, sizeof(text), "%.2f", read_bw / 1e9);
    gb_add_context("tern_read_bw_GBps", text);
    snprintf(text, sizeof(text), "%.2f", mac_peak / 1e9);
    gb_add_context("tern_int8_peak_GMACs", text);
    if (mac_peak_probe) gb_add_context("tern_int8_peak_probe", mac_peak_probe->name);
    snprintf(text, sizeof(text), "%d", n_threads);
    gb_add_context("tern_threads", text);
    snprintf(text, sizeof(text), "%zu", llc_bytes);
    gb_add_context("tern_llc_bytes", text);
    if (cpu->cap[0]) gb_add_context("tern_isa_cap", cpu->cap);

    gb_bench * b = gb_register("memory/read_bw", bench_read_bw, NULL);
    gb_bench_use_real_time(b);
    if (mac_peak_probe) {     // the best probe here: the peak that peak% divides by
        b = gb_register("compute/int8_peak", bench_probe, (void *) mac_peak_probe);
        gb_bench_use_real_time(b);
    }
    char probe_case[160];
    size_t n_probes;
    const struct tern_mac_probe * probes = tern_mac_probes(&n_probes);
    for (const struct tern_mac_probe * p = probes; p < probes + n_probes; p++) {
        if ((tern_isa_features(p->isa) & ~cpu->usable) != 0) continue;
        snprintf(probe_case, sizeof(probe_case), "compute/int8_peak/%s", p->name);
        b = gb_register(probe_case, bench_probe, (void *) p);
        gb_bench_use_real_time(b);
    }

    size_t count;
    const struct tern_variant * variants = tern_registry_variants(&count);
    const char * phases[2] = { "decode", "prefill" };
    for (size_t m = 0; tern_preset_name(m); m++) {
        // The shapes' names live as long as the cases that point at them.
        struct tern_tune_shape * shapes = calloc(MAX_SHAPES, sizeof(*shapes));
        if (!shapes) return out_of_memory();
        const size_t n_shapes = tern_preset_shapes(tern_preset_name(m), shapes, MAX_SHAPES);
        for (size_t s = 0; s < n_shapes; s++) {
            for (int p = 0; p < 2; p++) {
                for (size_t i = 0; i < count; i++) {
                    if (!tern_variant_runnable(&variants[i], cpu, NULL, 0)) continue;
                    if (!add_case(&variants[i], tern_preset_name(m), shapes[s].name, shapes[s].k, shapes[s].n,
                                  phases[p], p ? (size_t) prefill_tokens : 1)) {
                        return out_of_memory();
                    }
                }
            }
        }
    }
    const size_t n_gemm_cases = n_cases;
    for (size_t i = 0; i < n_gemm_cases; i++) {
        // One prep case per (prep kernel, k, tokens): the first gemm case that uses it stands for it.
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = cases[j].v->prep == cases[i].v->prep && cases[j].k == cases[i].k && cases[j].m == cases[i].m &&
                   strcmp(cases[j].preset, cases[i].preset) == 0;
        }
        if (seen) continue;
        struct bench_case * p = add_case(cases[i].v, cases[i].preset, cases[i].shape, cases[i].k, cases[i].n,
                                         cases[i].phase, cases[i].m);
        if (!p) return out_of_memory();
        snprintf(p->name, sizeof(p->name), "prep/%s/%s/%s/k%zu_m%zu/%s", p->phase, p->preset, p->shape, p->k, p->m,
                 p->v->prep_name);
        p->is_prep = true;
    }
    for (size_t i = 0; i < n_cases; i++) {
        b = gb_register(cases[i].name, cases[i].is_prep ? bench_prep_run : bench_case_run, &cases[i]);
        gb_bench_use_real_time(b);
        gb_bench_unit_us(b);
    }

    // 2B4T's heads (hd 128, 4 query heads per KV head) at a short and a mid context, a ragged
    // row (whole and partial key tiles, as most rows of a causal prefill) and one whole part of
    // a long row (the longest call the forward pass makes).
    static struct attn_case attn_cases[2 * 4 * 8];
    size_t n_attn = 0, n_tables;
    const struct tern_vec_ops * const * tables = tern_vec_ops_all(&n_tables);
    const size_t keys[] = { 64, 100, 256, TERN_ATTN_PART };
    for (size_t t = 0; t < n_tables; t++) {
        if ((tern_vec_ops_features(tables[t]) & ~cpu->usable) != 0) continue;
        for (size_t j = 0; j < 2 * sizeof(keys) / sizeof(keys[0]) && n_attn < sizeof(attn_cases) / sizeof(attn_cases[0]); j++) {
            struct attn_case * c = &attn_cases[n_attn++];
            const size_t n_keys = sizeof(keys) / sizeof(keys[0]);
            const bool kv_f32 = j >= n_keys;     // every length with an f16 cache, then with an f32 one
            *c = (struct attn_case) { .ops = tables[t], .hd = 128, .g = 4, .n = keys[j % n_keys], .kv_f32 = kv_f32 };
            snprintf(c->name, sizeof(c->name), "attention/hd%zu_g%zu/n%zu/%s/%s", c->hd, c->g, c->n,
                     kv_f32 ? "f32" : "f16", c->ops->name);
            b = gb_register(c->name, bench_attn_run, c);
            gb_bench_use_real_time(b);
            gb_bench_unit_us(b);
        }
    }

    const int rc = gb_run(&argc, argv, collect, NULL);
    live_free();
    tern_aligned_free(ring);
    tern_pool_free(pool);
    if (rc == 0 && summary) {
        print_summary(json ? stderr : stdout);
    }
    free(cases);
    return rc;
}
