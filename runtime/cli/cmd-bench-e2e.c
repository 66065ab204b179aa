// `tern bench e2e`: end-to-end tokens/s as llama-bench measures and reports them (markdown
// table or JSON, avg +- stddev over -r repetitions after one warm-up):
//   ppN            N prompt tokens in one batch
//   tgN            N single-token generation steps
//   ppP+tgG (-pg)  a prompt of P tokens, then G generation steps, timed together
//   ... @ dD  (-d) the same at a context already holding D tokens (filled once per depth,
//                  untimed; each repetition rewinds to it)
// For every tg test it also prints the decode bound: the bytes a generated token must read
// (the weights, plus the KV cache at the test's context) over the machine's read bandwidth,
// measured on the same threads between the repetitions, interleaved with them: on a shared
// machine the bandwidth moves from minute to minute, and a bound is only valid beside the run
// it bounds. Every pp test likewise gets its compute bound: the ternary multiply-accumulates a
// prompt token needs over the int8 MAC peak of the same threads (the fastest generated probe
// here, tern/macpeak.h), measured before each repetition.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "model-opts.h"
#include "tern/clock.h"
#include "tern/arch.h"
#include "tern/codec.h"
#include "tern/macpeak.h"
#include "tern/membw.h"
#include "tern/pool.h"
#include "tern/rng.h"
#include "tern/topology.h"

#define MAX_REPS 64

struct result {
    int threads;
    int n_prompt, n_gen, n_depth;
    double samples_ns[MAX_REPS];
    int n_samples;
    double avg_ts, std_ts, avg_ns, std_ns;
    // tg tests: the bound, per repetition
    double bw[MAX_REPS];         // read bandwidth just before repetition i (bytes/s)
    double weight_bytes;         // weights read per generated token
    double kv_bytes;             // KV cache read per generated token, averaged over the test's positions
    double kv_positions;         // those positions, averaged
    // pp tests: the compute bound, per repetition
    double peak[MAX_REPS];       // int8 MACs/s of the test's threads just before repetition i
    double macs_per_token;       // ternary multiply-accumulates per prompt token
    double step_s[TERN_STEP_COUNT];   // --steps: seconds per forward step, summed over the repetitions
};

// Seconds per token of step i of r.
static double step_per_token(const struct result * r, int i) {
    return r->step_s[i] / ((double) r->n_samples * (r->n_prompt + r->n_gen));
}

static double bytes_per_token(const struct result * r) {
    return r->weight_bytes + r->kv_bytes;
}

// Test names as llama-bench writes them: pp512, tg128, pp512+tg128, then " @ d4096".
static void test_name(const struct result * r, char * buf, size_t size) {
    if (r->n_gen == 0) snprintf(buf, size, "pp%d", r->n_prompt);
    else if (r->n_prompt == 0) snprintf(buf, size, "tg%d", r->n_gen);
    else snprintf(buf, size, "pp%d+tg%d", r->n_prompt, r->n_gen);
    if (r->n_depth > 0) {
        const size_t at = strlen(buf);
        snprintf(buf + at, size - at, " @ d%d", r->n_depth);
    }
}

// The context holds tokens[0..depth) of a random stream once per depth; each run rewinds to it.
struct bench_ctx {
    struct cli_model * L;
    const int32_t * tokens;
    int depth_cached;            // -1: nothing valid
};

static int fill_depth(struct bench_ctx * b, int depth, char * err, size_t err_size) {
    if (b->depth_cached == depth) return 0;
    tern_session_reset(&b->L->session);
    b->depth_cached = -1;
    if (depth > 0 && tern_forward(&b->L->session, b->tokens, (size_t) depth, false, err, err_size)) return -1;
    b->depth_cached = depth;
    return 0;
}

// One timed run of a test, from the cached depth. 0, -1 on error.
static int run_once(struct bench_ctx * b, const struct result * r, double * ns) {
    char err[300];
    if (fill_depth(b, r->n_depth, err, sizeof(err))) goto fail;
    struct tern_session * s = &b->L->session;
    s->seq.n_past = (size_t) r->n_depth;
    const int32_t * t = b->tokens + r->n_depth;
    const double t0 = 1e9 * tern_now_s();
    if (r->n_prompt && tern_forward(s, t, (size_t) r->n_prompt, false, err, sizeof(err))) goto fail;
    for (int i = 0; i < r->n_gen; i++) {
        if (tern_forward(s, &t[r->n_prompt + i], 1, false, err, sizeof(err))) goto fail;
    }
    *ns = 1e9 * tern_now_s() - t0;
    return 0;
fail:
    fprintf(stderr, "tern bench e2e: %s\n", err);
    return -1;
}

static void mean_std(const double * v, int n, double * mean, double * std) {
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++) {
        s += v[i];
        s2 += v[i] * v[i];
    }
    *mean = n ? s / n : 0;
    *std = n > 1 ? sqrt(fmax(0, (s2 - s * s / n) / (n - 1))) : 0;
}

static void stats(struct result * r) {
    double ts[MAX_REPS];
    const int n = r->n_prompt + r->n_gen;
    for (int i = 0; i < r->n_samples; i++) ts[i] = n * 1e9 / r->samples_ns[i];
    mean_std(ts, r->n_samples, &r->avg_ts, &r->std_ts);
    mean_std(r->samples_ns, r->n_samples, &r->avg_ns, &r->std_ns);
}

// A test's bound: the mean of the limit measured before each repetition (bytes/s or MACs/s)
// over the work of one token (bytes or MACs); reached: the mean of each repetition's t/s
// over the bound from the limit measured just before it.
struct bound {
    double limit, limit_min, limit_max, ts, reached, reached_min, reached_max;
};

static struct bound bound_from(const struct result * r, const double * limit, double work_per_token, int tokens) {
    struct bound b = { .limit_min = INFINITY, .reached_min = INFINITY };
    double unused;
    for (int i = 0; i < r->n_samples; i++) {
        const double reached = (tokens * 1e9 / r->samples_ns[i]) / (limit[i] / work_per_token);
        b.limit_min = fmin(b.limit_min, limit[i]);
        b.limit_max = fmax(b.limit_max, limit[i]);
        b.reached_min = fmin(b.reached_min, reached);
        b.reached_max = fmax(b.reached_max, reached);
        b.reached += reached / r->n_samples;
    }
    mean_std(limit, r->n_samples, &b.limit, &unused);
    b.ts = b.limit / work_per_token;
    return b;
}

// tg tests: bytes per token over the read bandwidth.
static struct bound bound_of(const struct result * r) {
    return bound_from(r, r->bw, bytes_per_token(r), r->n_gen);
}

// pp tests: ternary MACs per token over the int8 peak.
static struct bound compute_bound_of(const struct result * r) {
    return bound_from(r, r->peak, r->macs_per_token, r->n_prompt);
}

static bool is_tg(const struct result * r) {
    return r->n_gen > 0 && r->n_prompt == 0;
}

static bool is_pp(const struct result * r) {
    return r->n_prompt > 0 && r->n_gen == 0;
}

// Multiply-accumulates of every ternary linear of every layer, once: a prompt token's work
// (the output head runs for the last token only, as in llama-bench).
static double ternary_macs_per_token(const struct tern_model * m) {
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    double macs = 0;
    for (uint32_t l = 0; l < m->hp.n_layer; l++) {
        for (size_t i = 0; i < n_specs; i++) {
            if (spec[i].role != TERN_TENSOR_LINEAR) continue;
            const struct tern_linear_pair * p = (const void *) ((const uint8_t *) &m->layers[l] + spec[i].offset);
            macs += (double) p->prefill.n * (double) p->prefill.k;
        }
    }
    return macs;
}

// What the report says about the model and the run, beside each test's result.
struct report {
    const char * model_path;
    char model_desc[160];        // "bitnet-b1.58 2.41B I2_S"
    double size_mib, params_b, load_ms, rss_mib;
    bool probed;                 // rss_mib was taken before the bandwidth probe's buffer
    size_t n_batch, l3;
    const char * kv_name;
    bool show_kv;                // llama-bench shows type_k/type_v when not the default f16
    bool steps;                  // --steps: each forward step timed in the timed runs
    struct result * results;
    size_t n_results;
};

// The tests of one thread count, in llama-bench's order: per depth, pp, tg, then pg. NULL if
// out of memory; *max_ctx = the most positions a test fills.
static struct result * plan_tests(const int * prompts, size_t n_prompts, const int * gens, size_t n_gens,
                                  const int (*pg)[2], size_t n_pg, const int * depths, size_t n_depths, size_t * n_plan,
                                  int * max_ctx) {
    struct result * plan = calloc(n_depths * (n_prompts + n_gens + n_pg) + 1, sizeof(*plan));
    *n_plan = 0;
    *max_ctx = 0;
    for (size_t d = 0; plan && d < n_depths; d++) {
        for (size_t i = 0; i < n_prompts + n_gens + n_pg; i++) {
            const int np = i < n_prompts ? prompts[i] : i < n_prompts + n_gens ? 0 : pg[i - n_prompts - n_gens][0];
            const int ng = i < n_prompts ? 0 : i < n_prompts + n_gens ? gens[i - n_prompts] : pg[i - n_prompts - n_gens][1];
            if (np == 0 && ng == 0) continue;
            plan[(*n_plan)++] = (struct result) { .n_prompt = np, .n_gen = ng, .n_depth = depths[d] };
            if (depths[d] + np + ng > *max_ctx) *max_ctx = depths[d] + np + ng;
        }
    }
    return plan;
}

static double peak_rss_mib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double) ru.ru_maxrss / 1024.0;
}

// The probes a run measures its bounds with, made on the first test that needs each.
struct probes {
    struct tern_read_probe * read;         // tg tests
    const struct tern_mac_probe * mac;     // pp tests
    bool mac_chosen;
};

// Runs every planned test on one loaded model (one thread count), appending to R->results.
// The probes are kept for the next thread counts. 0, or 1 after a message.
static int run_tests(struct cli_model * L, const struct result * plan, size_t n_plan, size_t reps, bool quiet,
                     int32_t * tokens, int max_ctx, struct probes * probe, struct report * R) {
    const struct tern_hparams * hp = &L->model.hp;
    R->params_b = (double) hp->n_layer * ((double) hp->n_embd * (hp->n_head + 2 * hp->n_head_kv) * hp->head_dim +
                  (double) hp->n_embd * hp->n_head * hp->head_dim + 3.0 * hp->n_embd * hp->n_ff) +
                  (double) hp->n_vocab * hp->n_embd;
    snprintf(R->model_desc, sizeof(R->model_desc), "%s %.2fB %s%s", hp->arch_name, R->params_b / 1e9,
             tern_codec_get(L->model.layers[0].wq.src_type)->name,
             L->model.lm_head == TERN_LM_HEAD_Q8 ? " (lm_head q8)" : "");
    R->size_mib = (double) L->model.gguf.size / 1048576.0;
    R->load_ms = L->model.load_ms;
    uint64_t seed = 42;
    for (int i = 0; i < max_ctx; i++) tokens[i] = (int32_t) (tern_splitmix64(&seed) % hp->n_vocab);
    // Bytes a generated token reads: every weight once, and K and V of every cached position.
    const struct tern_dims dims = tern_hparams_dims(hp);
    const double kv_per_pos = 2.0 * hp->n_layer * dims.kv * (L->session.seq.kv_type == TERN_KV_F32 ? 4 : 2);
    const double weights = (double) L->model.packed_bytes + (double) tern_dense_bytes(&L->model.output);
    struct bench_ctx b = { .L = L, .tokens = tokens, .depth_cached = -1 };
    for (size_t j = 0; j < n_plan; j++) {
        struct result * r = &R->results[R->n_results++];
        *r = plan[j];
        r->threads = L->threads;
        double ns;
        if (run_once(&b, r, &ns)) return 1;     // warm-up
        if (is_tg(r)) {
            // Token i sits at position depth + i and reads depth + i + 1 positions.
            r->kv_positions = r->n_depth + (r->n_gen + 1) / 2.0;
            r->kv_bytes = kv_per_pos * r->kv_positions;
            r->weight_bytes = weights;
            if (!probe->read) {
                R->rss_mib = peak_rss_mib();     // before the probe's buffer inflates it
                R->probed = true;
                if (!(probe->read = tern_read_probe_init(tern_read_buffer_bytes(R->l3)))) {
                    fprintf(stderr, "tern bench e2e: out of memory for the read-bandwidth probe\n");
                    return 1;
                }
            }
        }
        if (is_pp(r)) {
            r->macs_per_token = ternary_macs_per_token(&L->model);
            if (!probe->mac_chosen) {
                double unused;
                probe->mac = tern_mac_probe_best(tern_cpu_get(), 2, &unused);
                probe->mac_chosen = true;
            }
        }
        for (size_t k = 0; k < reps; k++) {
            if (is_tg(r)) r->bw[r->n_samples] = tern_read_probe_run(probe->read, L->pool, L->threads, 3);
            if (is_pp(r) && probe->mac) r->peak[r->n_samples] = tern_mac_peak_run(probe->mac, L->pool, L->threads, 3);
            tern_workspace_time_steps(L->session.ws, R->steps);     // zeroes the step sums
            if (run_once(&b, r, &r->samples_ns[r->n_samples++])) return 1;
            const double * st = tern_workspace_step_seconds(L->session.ws);
            for (int i = 0; R->steps && i < TERN_STEP_COUNT; i++) r->step_s[i] += st[i];
        }
        tern_workspace_time_steps(L->session.ws, false);
        stats(r);
        if (!quiet) {
            char name[48];
            test_name(r, name, sizeof(name));
            fprintf(stderr, "tern bench e2e: %s, %d thread%s: %.2f +- %.2f t/s\n", name, r->threads,
                    r->threads == 1 ? "" : "s", r->avg_ts, r->std_ts);
        }
    }
    return 0;
}

// llama-bench's JSON (-o json) with the decode bound's fields added to tg tests.
static void print_json(const struct report * R) {
    printf("[\n");
    for (size_t i = 0; i < R->n_results; i++) {
        const struct result * r = &R->results[i];
        printf("  {\n    \"model_filename\": \"%s\",\n    \"model_type\": \"%s\",\n    \"model_size\": %.0f,\n"
               "    \"model_n_params\": %.0f,\n    \"n_batch\": %zu,\n    \"n_threads\": %d,\n"
               "    \"type_k\": \"%s\",\n    \"type_v\": \"%s\",\n    \"n_prompt\": %d,\n    \"n_gen\": %d,\n"
               "    \"n_depth\": %d,\n    \"load_ms\": %.1f,\n    \"peak_rss_mib\": %.1f,\n    \"avg_ns\": %.0f,\n"
               "    \"stddev_ns\": %.0f,\n    \"avg_ts\": %.6f,\n    \"stddev_ts\": %.6f,\n",
               R->model_path, R->model_desc, R->size_mib * 1048576.0, R->params_b, R->n_batch, r->threads, R->kv_name,
               R->kv_name, r->n_prompt, r->n_gen, r->n_depth, R->load_ms, R->rss_mib, r->avg_ns, r->std_ns, r->avg_ts,
               r->std_ts);
        if (is_tg(r)) {
            const struct bound bd = bound_of(r);
            printf("    \"bytes_per_token\": %.0f,\n    \"weight_bytes_per_token\": %.0f,\n"
                   "    \"kv_bytes_per_token\": %.0f,\n    \"read_bw_bytes_per_s\": %.0f,\n    \"bound_ts\": %.3f,\n"
                   "    \"bound_reached\": %.4f,\n    \"read_bw_samples\": [",
                   bytes_per_token(r), r->weight_bytes, r->kv_bytes, bd.limit, bd.ts, bd.reached);
            for (int k = 0; k < r->n_samples; k++) printf("%s%.0f", k ? ", " : "", r->bw[k]);
            printf("],\n");
        }
        if (is_pp(r) && r->peak[0] > 0) {
            const struct bound bd = compute_bound_of(r);
            printf("    \"macs_per_token\": %.0f,\n    \"int8_peak_macs_per_s\": %.0f,\n    \"compute_bound_ts\": %.3f,\n"
                   "    \"compute_bound_reached\": %.4f,\n    \"int8_peak_samples\": [",
                   r->macs_per_token, bd.limit, bd.ts, bd.reached);
            for (int k = 0; k < r->n_samples; k++) printf("%s%.0f", k ? ", " : "", r->peak[k]);
            printf("],\n");
        }
        if (R->steps) {
            printf("    \"step_s_per_token\": {");
            for (int k = 0; k < TERN_STEP_COUNT; k++) {
                printf("%s\"%s\": %.9f", k ? ", " : "", tern_step_name((enum tern_step) k), step_per_token(r, k));
            }
            printf("},\n");
        }
        printf("    \"samples_ns\": [");
        for (int k = 0; k < r->n_samples; k++) printf("%s%.0f", k ? ", " : "", r->samples_ns[k]);
        printf("],\n    \"samples_ts\": [");
        const int n = r->n_prompt + r->n_gen;
        for (int k = 0; k < r->n_samples; k++) printf("%s%.6f", k ? ", " : "", n * 1e9 / r->samples_ns[k]);
        printf("]\n  }%s\n", i + 1 < R->n_results ? "," : "");
    }
    printf("]\n");
}

// llama-bench's markdown table, then each tg test's decode bound and the load figures.
static void print_markdown(const struct report * R) {
    printf("| model | size | params | backend | threads |%s test | t/s |\n", R->show_kv ? " type_k | type_v |" : "");
    printf("| ----- | ---: | -----: | ------- | ------: |%s ---: | --: |\n", R->show_kv ? " -----: | -----: |" : "");
    for (size_t i = 0; i < R->n_results; i++) {
        const struct result * r = &R->results[i];
        char test[48], kv[32] = "";
        test_name(r, test, sizeof(test));
        if (R->show_kv) snprintf(kv, sizeof(kv), " %s | %s |", R->kv_name, R->kv_name);
        printf("| %s | %.2f GiB | %.2f B | CPU (tern) | %d |%s %s | %.2f ± %.2f |\n", R->model_desc, R->size_mib / 1024.0,
               R->params_b / 1e9, r->threads, kv, test, r->avg_ts, r->std_ts);
    }
    printf("\n");
    for (size_t i = 0; i < R->n_results; i++) {
        const struct result * r = &R->results[i];
        if (!is_tg(r)) continue;
        const struct bound bd = bound_of(r);
        char test[48];
        test_name(r, test, sizeof(test));
        printf("%s, %d thread%s: %.0f MiB per token (%.0f weights + %.1f KV cache at %.0f positions), read bandwidth "
               "%.1f GB/s (%.1f..%.1f, measured before each of %d runs) -> bound %.1f t/s; reached %.0f%% "
               "(%.0f..%.0f)%s\n", test, r->threads, r->threads == 1 ? "" : "s", bytes_per_token(r) / 1048576.0,
               r->weight_bytes / 1048576.0, r->kv_bytes / 1048576.0, r->kv_positions, bd.limit / 1e9, bd.limit_min / 1e9,
               bd.limit_max / 1e9, r->n_samples, bd.ts, 100.0 * bd.reached, 100.0 * bd.reached_min, 100.0 * bd.reached_max,
               bytes_per_token(r) < 2.0 * (double) R->l3 ? " (fits in the last-level cache: a DRAM bound does not apply)"
                                                         : "");
    }
    for (size_t i = 0; i < R->n_results; i++) {
        const struct result * r = &R->results[i];
        if (!is_pp(r) || r->peak[0] <= 0) continue;
        const struct bound bd = compute_bound_of(r);
        char test[48];
        test_name(r, test, sizeof(test));
        printf("%s, %d thread%s: %.3f G ternary MACs per token, int8 peak %.1f GMAC/s (%.1f..%.1f, measured before each "
               "of %d runs) -> bound %.1f t/s; reached %.0f%% (%.0f..%.0f)\n", test, r->threads, r->threads == 1 ? "" : "s",
               r->macs_per_token / 1e9, bd.limit / 1e9, bd.limit_min / 1e9, bd.limit_max / 1e9, r->n_samples, bd.ts,
               100.0 * bd.reached, 100.0 * bd.reached_min, 100.0 * bd.reached_max);
    }
    for (size_t i = 0; R->steps && i < R->n_results; i++) {
        const struct result * r = &R->results[i];
        char test[48];
        test_name(r, test, sizeof(test));
        const double total = r->avg_ns * 1e-9 / (r->n_prompt + r->n_gen);
        printf("%s, %d thread%s, ms per token: ", test, r->threads, r->threads == 1 ? "" : "s");
        double timed = 0;
        for (int k = 0; k < TERN_STEP_COUNT; k++) {
            const double v = step_per_token(r, k);
            timed += v;
            printf("%s %.3f (%.1f%%), ", tern_step_name((enum tern_step) k), 1e3 * v, 100 * v / total);
        }
        printf("other %.3f (%.1f%%)\n", 1e3 * (total - timed), 100 * (total - timed) / total);
    }
    printf("load %.0f ms (last), peak RSS %.0f MiB%s\n", R->load_ms, R->rss_mib,
           R->probed ? " (before the bandwidth probe's buffer)" : "");
}

int tern_cmd_bench_e2e(int argc, char ** argv) {
    struct model_opts o = { .quiet = true };
    int prompts[8] = { 512 }, gens[8] = { 128 }, depths[8] = { 0 }, pg[8][2], threads[16] = { 0 };
    size_t n_prompts = 1, n_gens = 1, n_depths = 1, n_pg = 0, n_threads = 0, reps = 5;
    int format = 0;
    bool steps = false;
    static const char * const formats[] = { "md", "json", NULL };
    const struct tern_opt opts[] = {
        { TERN_OPT_INT_LIST, "-p, --n-prompt", "L", prompts, 0, 1 << 16, .count = &n_prompts, .max = 8,
          .help = "prompt lengths, e.g. 128,512 (0 = none)" },
        { TERN_OPT_INT_LIST, "-n, --n-gen", "L", gens, 0, 1 << 16, .count = &n_gens, .max = 8,
          .help = "generation lengths, e.g. 128 (0 = none)" },
        { TERN_OPT_PAIR_LIST, "-pg", "PP,TG", pg, 0, 1 << 16, .count = &n_pg, .max = 8,
          .help = "a prompt of PP tokens then TG generated, timed together (may repeat)" },
        { TERN_OPT_INT_LIST, "-d, --n-depth", "L", depths, 0, 1 << 20, .count = &n_depths, .max = 8,
          .help = "tokens already in the context when each test starts, e.g. 0,1024,4096" },
        { TERN_OPT_INT_LIST, "-t, --threads", "L", threads, 1, 256, .count = &n_threads, .max = 16,
          .help = "thread counts, e.g. 1,2 (default: physical cores)" },
        { TERN_OPT_SIZE, "-r, --repetitions", "N", &reps, 1, MAX_REPS, .help = "runs per test, after one warm-up" },
        { TERN_OPT_CHOICE, "-o, --output", "md|json", &format, .choices = formats, .help = "output format" },
        { TERN_OPT_FLAG, "--steps", NULL, &steps,
          .help = "also time each step of the forward pass (q|k|v, attention, norms, ...) in the timed runs" },
        MODEL_OPTS(&o),
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "bench e2e",
                         "tern bench e2e -m FILE [-p 512] [-n 128] [-pg PP,TG] [-d 0] [-t 1,2] [-r 5] [-o md|json] [options]\n"
                         "  prompt processing (ppN: N tokens in one batch), generation (tgN: N single-token steps) and\n"
                         "  both (ppP+tgG), at depth D (@ dD: a context already holding D tokens), in tokens/s as\n"
                         "  llama-bench reports them; each tg test with its decode bound and each pp test with its\n"
                         "  compute bound, measured between its runs",
                         argc, argv, &exit_code)) {
        return exit_code;
    }
    const bool json = format == 1;
    if (!o.model) {
        fprintf(stderr, "tern bench e2e: no model given (-m FILE)\n");
        return 2;
    }
    if (n_threads == 0) n_threads = 1;     // threads[0] = 0: the default count
    size_t n_plan;
    int max_ctx;
    struct result * plan = plan_tests(prompts, n_prompts, gens, n_gens, (const int (*)[2]) pg, n_pg, depths, n_depths,
                                      &n_plan, &max_ctx);
    struct report R = { .model_path = o.model, .kv_name = kv_type_names[o.cache_k], .show_kv = o.cache_k != 0,
                        .steps = steps };
    R.results = calloc(n_threads * n_plan + 1, sizeof(*R.results));
    int32_t * tokens = malloc((size_t) (max_ctx + 1) * sizeof(int32_t));
    if (!plan || !R.results || !tokens) {
        fprintf(stderr, "tern bench e2e: out of memory\n");
        free(plan);
        free(R.results);
        free(tokens);
        return 1;
    }
    if (!o.ctx) o.ctx = (size_t) max_ctx + 16;
    if (!o.batch) {
        int max_p = 0;
        for (size_t i = 0; i < n_plan; i++) max_p = plan[i].n_prompt > max_p ? plan[i].n_prompt : max_p;
        o.batch = max_p > 0 ? (size_t) max_p : 512;     // the depth fill runs in slices of this too
    }
    R.n_batch = o.batch;
    struct tern_topology topo;
    tern_topology_get(&topo);
    R.l3 = topo.l3;
    struct probes probe = { 0 };
    int rc = 0;
    for (size_t ti = 0; ti < n_threads && !rc; ti++) {
        struct cli_model L;
        o.threads = threads[ti];
        if (cli_model_open(&o, "bench e2e", &L)) {
            rc = 1;
            break;
        }
        rc = run_tests(&L, plan, n_plan, reps, json, tokens, max_ctx, &probe, &R);
        cli_model_close(&L);
    }
    tern_read_probe_free(probe.read);
    if (!R.probed) R.rss_mib = peak_rss_mib();
    if (!rc) {
        if (json) print_json(&R);
        else print_markdown(&R);
    }
    free(plan);
    free(R.results);
    free(tokens);
    return rc;
}
