// `tern bench e2e`: end-to-end prompt processing (ppN: N tokens in one batch from an empty
// context) and generation (tgN: N single-token steps) in tokens/s, as llama-bench reports
// them: avg +- stddev over -r repetitions after one warm-up, as a markdown table or JSON.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "model-opts.h"
#include "tern/clock.h"
#include "tern/codec.h"
#include "tern/membw.h"
#include "tern/pool.h"
#include "tern/topology.h"

struct result {
    int threads;
    int n_prompt, n_gen;
    double samples_ns[64];
    int n_samples;
    double avg_ts, std_ts, avg_ns, std_ns;
    double read_bw;              // tg: bytes/s the machine reads on these threads (same run)
    double bytes_per_token;      // tg: weights streamed per generated token
};

// One timed run of a test on a fresh context. 0, -1 on error.
static int run_once(struct loaded * L, int n_prompt, int n_gen, const int32_t * tokens, double * ns) {
    char err[300];
    tern_session_reset(&L->session);
    const double t0 = 1e9 * tern_now_s();
    if (n_prompt && tern_forward(&L->session, tokens, (size_t) n_prompt, false, err, sizeof(err))) goto fail;
    for (int i = 0; i < n_gen; i++) {
        if (tern_forward(&L->session, &tokens[i], 1, false, err, sizeof(err))) goto fail;
    }
    *ns = 1e9 * tern_now_s() - t0;
    return 0;
fail:
    fprintf(stderr, "tern bench e2e: %s\n", err);
    return -1;
}

static void stats(struct result * r) {
    const int n = r->n_prompt ? r->n_prompt : r->n_gen;
    double s = 0, s2 = 0, t = 0, t2 = 0;
    for (int i = 0; i < r->n_samples; i++) {
        const double ts = n * 1e9 / r->samples_ns[i];
        s += ts;
        s2 += ts * ts;
        t += r->samples_ns[i];
        t2 += r->samples_ns[i] * r->samples_ns[i];
    }
    const double k = r->n_samples;
    r->avg_ts = s / k;
    r->avg_ns = t / k;
    r->std_ts = k > 1 ? sqrt(fmax(0, (s2 - s * s / k) / (k - 1))) : 0;
    r->std_ns = k > 1 ? sqrt(fmax(0, (t2 - t * t / k) / (k - 1))) : 0;
}

int tern_bench_e2e(int argc, char ** argv) {
    struct model_opts o = { .quiet = true };
    int prompts[8] = { 512 }, gens[8] = { 128 }, threads[16] = { 0 };
    size_t n_prompts = 1, n_gens = 1, n_threads = 0, reps = 5;
    int format = 0;
    static const char * const formats[] = { "md", "json", NULL };
    const struct tern_opt opts[] = {
        { TERN_OPT_INT_LIST, "-p, --n-prompt", "L", prompts, 0, 1 << 16, .count = &n_prompts, .max = 8,
          .help = "prompt lengths, e.g. 128,512 (0 = none)" },
        { TERN_OPT_INT_LIST, "-n, --n-gen", "L", gens, 0, 1 << 16, .count = &n_gens, .max = 8,
          .help = "generation lengths, e.g. 128 (0 = none)" },
        { TERN_OPT_INT_LIST, "-t, --threads", "L", threads, 1, 256, .count = &n_threads, .max = 16,
          .help = "thread counts, e.g. 1,2 (default: physical cores)" },
        { TERN_OPT_SIZE, "-r, --repetitions", "N", &reps, 1, 64, .help = "runs per test, after one warm-up" },
        { TERN_OPT_CHOICE, "-o, --output", "md|json", &format, .choices = formats, .help = "output format" },
        MODEL_OPTS(&o),
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "bench e2e", "tern bench e2e -m FILE [-p 512] [-n 128] [-t 1,2] [-r 5] [-o md|json] [options]\n"
                         "  prompt processing (ppN: N tokens in one batch) and generation (tgN: N single-token steps)\n"
                         "  in tokens/s, as llama-bench reports them", argc, argv, &exit_code)) {
        return exit_code;
    }
    const bool json = format == 1;
    if (!o.model) {
        fprintf(stderr, "tern bench e2e: no model given (-m FILE)\n");
        return 2;
    }
    if (n_threads == 0) n_threads = 1;     // threads[0] = 0: the default count
    int max_p = 0, max_g = 0;
    for (size_t i = 0; i < n_prompts; i++) max_p = prompts[i] > max_p ? prompts[i] : max_p;
    for (size_t i = 0; i < n_gens; i++) max_g = gens[i] > max_g ? gens[i] : max_g;
    struct result * results = calloc(n_threads * (n_prompts + n_gens), sizeof(*results));
    int32_t * tokens = malloc((size_t) (max_p > max_g ? max_p : max_g) * sizeof(int32_t) + 4);
    if (!results || !tokens) {
        fprintf(stderr, "tern bench e2e: out of memory\n");
        return 1;
    }
    size_t n_results = 0;
    int rc = 0;
    char model_desc[160] = "";
    double size_mib = 0, params_b = 0, load_ms = 0;
    for (size_t ti = 0; ti < n_threads && !rc; ti++) {
        struct loaded L;
        o.threads = threads[ti];
        if (!o.ctx) o.ctx = (size_t) (max_p + max_g + 16);
        if (!o.batch) o.batch = max_p > 0 ? (size_t) max_p : 1;
        if (model_open(&o, "bench e2e", &L)) {
            rc = 1;
            break;
        }
        const struct tern_hparams * hp = &L.model.hp;
        params_b = (double) hp->n_layer * ((double) hp->n_embd * (hp->n_head + 2 * hp->n_head_kv) * hp->head_dim +
                   (double) hp->n_embd * hp->n_head * hp->head_dim + 3.0 * hp->n_embd * hp->n_ff) +
                   (double) hp->n_vocab * hp->n_embd;
        snprintf(model_desc, sizeof(model_desc), "%s %.2fB %s%s", hp->arch_name, params_b / 1e9,
                 tern_codec_get(L.model.layers[0].wq.src_type)->name, L.model.lm_head == TERN_LM_HEAD_Q8 ? " (lm_head q8)" : "");
        size_mib = (double) L.model.gguf.size / 1048576.0;
        load_ms = L.model.load_ms;
        uint64_t seed = 42;
        for (int i = 0; i < (max_p > max_g ? max_p : max_g); i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            tokens[i] = (int32_t) ((seed >> 33) % hp->n_vocab);
        }
        for (size_t kind = 0; kind < 2 && !rc; kind++) {
            const size_t count = kind == 0 ? n_prompts : n_gens;
            for (size_t j = 0; j < count && !rc; j++) {
                const int np = kind == 0 ? prompts[j] : 0, ng = kind == 1 ? gens[j] : 0;
                if (np == 0 && ng == 0) continue;
                struct result * r = &results[n_results++];
                *r = (struct result) { .threads = L.threads, .n_prompt = np, .n_gen = ng };
                double ns;
                if (run_once(&L, np, ng, tokens, &ns)) {     // warm-up
                    rc = 1;
                    break;
                }
                for (size_t k = 0; k < reps; k++) {
                    if (run_once(&L, np, ng, tokens, &r->samples_ns[r->n_samples++])) {
                        rc = 1;
                        break;
                    }
                }
                stats(r);
                if (ng && !np) r->bytes_per_token = (double) L.model.packed_bytes + (double) tern_dense_bytes(&L.model.output);
                if (!json) {
                    fprintf(stderr, "tern bench e2e: %s%d, %d thread%s: %.2f +- %.2f t/s\n", np ? "pp" : "tg", np ? np : ng,
                            r->threads, r->threads == 1 ? "" : "s", r->avg_ts, r->std_ts);
                }
            }
        }
        model_close(&L);
    }
    // Peak RSS now, before the bandwidth buffer below inflates it.
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const double rss_mib = (double) ru.ru_maxrss / 1024.0;
    // The decode bound: every weight byte read once per token at the machine's read
    // bandwidth, measured now on as many threads (bound to cores like the pool's).
    struct tern_topology topo;
    tern_topology_get(&topo);
    for (size_t i = 0; !rc && i < n_results; i++) {
        struct result * r = &results[i];
        if (r->bytes_per_token <= 0) continue;
        for (size_t j = 0; j < i; j++) {
            if (results[j].read_bw > 0 && results[j].threads == r->threads) r->read_bw = results[j].read_bw;
        }
        if (r->read_bw <= 0) {
            struct tern_pool * pool = tern_pool_init(r->threads, true);
            r->read_bw = pool ? tern_read_bandwidth(pool, r->threads, tern_read_buffer_bytes(topo.l3), 5) : 0;
            if (pool) tern_pool_free(pool);
        }
        if (!json) {
            fprintf(stderr, "tern bench e2e: tg%d, %d thread%s: bound %.1f t/s (%.0f MiB per token at %.1f GB/s read "
                            "bandwidth): %.0f%% reached\n", r->n_gen, r->threads, r->threads == 1 ? "" : "s",
                    r->read_bw / r->bytes_per_token, r->bytes_per_token / 1048576.0, r->read_bw / 1e9,
                    100.0 * r->avg_ts / (r->read_bw / r->bytes_per_token));
        }
    }
    if (!rc && json) {
        printf("[\n");
        for (size_t i = 0; i < n_results; i++) {
            const struct result * r = &results[i];
            printf("  {\n    \"model_filename\": \"%s\",\n    \"model_type\": \"%s\",\n    \"model_size\": %.0f,\n"
                   "    \"model_n_params\": %.0f,\n    \"n_threads\": %d,\n    \"n_prompt\": %d,\n    \"n_gen\": %d,\n"
                   "    \"load_ms\": %.1f,\n    \"peak_rss_mib\": %.1f,\n    \"avg_ns\": %.0f,\n    \"stddev_ns\": %.0f,\n"
                   "    \"avg_ts\": %.6f,\n    \"stddev_ts\": %.6f,\n",
                   o.model, model_desc, size_mib * 1048576.0, params_b, r->threads, r->n_prompt, r->n_gen, load_ms, rss_mib,
                   r->avg_ns, r->std_ns, r->avg_ts, r->std_ts);
            if (r->read_bw > 0) {
                printf("    \"bytes_per_token\": %.0f,\n    \"read_bw_bytes_per_s\": %.0f,\n    \"bound_ts\": %.3f,\n",
                       r->bytes_per_token, r->read_bw, r->read_bw / r->bytes_per_token);
            }
            printf("    \"samples_ns\": [");
            for (int k = 0; k < r->n_samples; k++) printf("%s%.0f", k ? ", " : "", r->samples_ns[k]);
            printf("],\n    \"samples_ts\": [");
            const int n = r->n_prompt ? r->n_prompt : r->n_gen;
            for (int k = 0; k < r->n_samples; k++) printf("%s%.6f", k ? ", " : "", n * 1e9 / r->samples_ns[k]);
            printf("]\n  }%s\n", i + 1 < n_results ? "," : "");
        }
        printf("]\n");
    } else if (!rc) {
        printf("| model | size | params | backend | threads | test | t/s |\n");
        printf("| ----- | ---: | -----: | ------- | ------: | ---: | --: |\n");
        for (size_t i = 0; i < n_results; i++) {
            const struct result * r = &results[i];
            char test[32];
            snprintf(test, sizeof(test), "%s%d", r->n_prompt ? "pp" : "tg", r->n_prompt ? r->n_prompt : r->n_gen);
            printf("| %s | %.2f GiB | %.2f B | CPU (tern) | %d | %s | %.2f ± %.2f |\n", model_desc, size_mib / 1024.0,
                   params_b / 1e9, r->threads, test, r->avg_ts, r->std_ts);
        }
        printf("\n");
        for (size_t i = 0; i < n_results; i++) {
            const struct result * r = &results[i];
            if (r->read_bw <= 0) continue;
            printf("tg%d, %d thread%s: %.0f MiB of weights per token, read bandwidth %.1f GB/s -> bound %.1f t/s; reached %.0f%%\n",
                   r->n_gen, r->threads, r->threads == 1 ? "" : "s", r->bytes_per_token / 1048576.0, r->read_bw / 1e9,
                   r->read_bw / r->bytes_per_token, 100.0 * r->avg_ts / (r->read_bw / r->bytes_per_token));
        }
        printf("load %.0f ms (last), peak RSS %.0f MiB\n", load_ms, rss_mib);
    }
    free(results);
    free(tokens);
    return rc;
}
