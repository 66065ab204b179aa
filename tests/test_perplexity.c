// tern_perplexity (tern/perplexity.h) against two other implementations:
//  1. An oracle written here: llama-perplexity's windowing spelled out plainly over the plain
//     float reference forward pass (ref_forward.c) with log-softmax in double. On three gen-model
//     architectures and a random token stream, tern's running value after every window is within
//     ORACLE_TOL of it (f32 KV; ORACLE_TOL_F16 with the f16 cache) -- and an oracle with one
//     deliberate mistake (targets one position late, or no BOS at the window start) is more
//     than MISTAKE_MIN away, so the tolerance tells a wrong method apart.
//     tern's own numbers are bit-identical for every n_batch (a window split over several calls,
//     one window per call, several windows as sequences of one call) and thread count.
//  2. llama-perplexity itself: bitnet.cpp's figures for GPL-3 at -c 128 -b 128, recorded in each
//     shared/fixtures meta.json "perplexity" (the final estimate, its +/-, and the running value
//     after every window), where tern tokenizes the text into the same windows: the 2B4T-arch
//     fixture with `default` (its file has no tokenizer.ggml.pre), the SentencePiece one as it
//     is; not the Falcon3-vocabulary one (see rows[] in main).
// Refusals: too short a text, a bad token id.

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "check_file.h"
#include "ref_forward.h"
#include "tern/gen_model.h"
#include "tern/model.h"
#include "tern/perplexity.h"
#include "tern/pool.h"
#include <cjson/cJSON.h>
#include "tern/tokenizer.h"

// Under sanitizers (and emulators) the figures' part scores only the first windows: there the
// point is memory safety or the architecture's code paths, and a whole fixture run takes minutes.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define QUICK_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define QUICK_BUILD 1
#endif
#endif
#ifndef QUICK_BUILD
#define QUICK_BUILD 0
#endif
#define QUICK_WINDOWS 8

#define N_CTX 32
#define N_WINDOWS 4
#define MAX_WINDOWS 200
// tern vs the plain-float oracle, relative, on any running value. With an f32 KV cache both
// quantize the same activations and differ only in float summation order (which varies with
// the ISA's kernels), an f16 cache also rounds K and V; either way a single int8 activation
// rounding that flips moves a random model's logits by ~0.1, and a window scores only
// N_CTX / 2 - 1 = 15 tokens.
#define ORACLE_TOL 0.02
#define ORACLE_TOL_F16 0.03
// An oracle with a mistake in the method must land further than this from tern.
#define MISTAKE_MIN 0.10

// Running values after each window, from the callback.
struct trace {
    size_t n;
    double value[MAX_WINDOWS];
    double nll[MAX_WINDOWS], nll2[MAX_WINDOWS];
};

static void record(void * user, const struct tern_ppl_state * s) {
    struct trace * t = user;
    if (t->n < MAX_WINDOWS && s->chunk == t->n + 1) {
        t->value[t->n] = tern_ppl_value(s);
        t->nll[t->n] = s->nll;
        t->nll2[t->n] = s->nll2;
    }
    t->n++;
}

// The oracle: llama-perplexity's method as its source reads, written out in the plainest way.
// Window c is tokens[c*n_ctx .. (c+1)*n_ctx) with its first token replaced by BOS (bos >= 0);
// ref_forward gives every position's logits.
static float ** oracle_logits(const char * path, const int32_t * tokens, size_t n_ctx, size_t n_windows, int32_t bos,
                              size_t * n_vocab) {
    float ** logits = malloc(n_windows * sizeof(float *));
    int32_t * window = malloc(n_ctx * sizeof(int32_t));
    for (size_t c = 0; c < n_windows; c++) {
        memcpy(window, tokens + c * n_ctx, n_ctx * sizeof(int32_t));
        if (bos >= 0) window[0] = bos;
        logits[c] = ref_forward(path, window, n_ctx, n_vocab);
    }
    free(window);
    return logits;
}

// Positions n_ctx/2 .. n_ctx-2 predict the token after them (or, with `late`, the one after
// that: a deliberate mistake); the running value is exp(mean -log p) after each window, and
// *final_pm llama-perplexity's +/-: ppl x sqrt(population variance / (count - 1)), here in
// two passes.
static void oracle_score(float * const * logits, size_t n_vocab, const int32_t * tokens, size_t n_ctx,
                         size_t n_windows, bool late, double * running, double * final_pm) {
    double sum = 0;
    size_t count = 0;
    double * each = malloc(n_windows * n_ctx * sizeof(double));
    for (size_t c = 0; c < n_windows; c++) {
        for (size_t p = n_ctx / 2; p + 1 < n_ctx; p++) {
            const float * row = logits[c] + p * n_vocab;
            const int32_t target = tokens[c * n_ctx + p + 1 + late];
            double max = row[0], z = 0;
            for (size_t i = 1; i < n_vocab; i++) max = row[i] > max ? row[i] : max;
            for (size_t i = 0; i < n_vocab; i++) z += exp((double) row[i] - max);
            each[count] = log(z) - ((double) row[target] - max);
            sum += each[count++];
        }
        running[c] = exp(sum / (double) count);
    }
    const double mean = sum / (double) count;
    double var = 0;
    for (size_t i = 0; i < count; i++) var += (each[i] - mean) * (each[i] - mean);
    *final_pm = exp(mean) * sqrt(var / (double) count / (double) (count - 1));
    free(each);
}

static void oracle_free(float ** logits, size_t n_windows) {
    for (size_t c = 0; c < n_windows; c++) free(logits[c]);
    free(logits);
}

static double max_rel(const double * a, const double * b, size_t n) {
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, fabs(a[i] / b[i] - 1));
    return m;
}

static int run(const struct tern_model * m, struct tern_pool * pool, int threads, const int32_t * tok, size_t n,
               const struct tern_ppl_options * o, struct trace * t, struct tern_ppl_state * st) {
    char err[300];
    memset(t, 0, sizeof(*t));
    const int rc = tern_perplexity(m, pool, threads, tok, n, o, record, t, st, err, sizeof(err));
    CHECK(rc == 0, "tern_perplexity: %s", err);
    return rc;
}

// Part 1: the oracle and batch invariance on a gen-model file of one preset.
static void against_oracle(const char * preset) {
    char path[256], err[300];
    snprintf(path, sizeof(path), "%s/tern-ppl-%d.gguf", P_tmpdir, (int) getpid());
    const struct tern_gen_options go = { .preset = preset, .out = path, .seed = 11 };
    if (tern_gen_model(&go, err, sizeof(err))) {
        CHECK(0, "gen-model %s: %s", preset, err);
        return;
    }
    struct tern_model m;
    const struct tern_load_options lo = { .threads = 2, .no_vocab = true };
    if (tern_model_load(&m, path, &lo, err, sizeof(err))) {
        CHECK(0, "load %s: %s", preset, err);
        unlink(path);
        return;
    }
    struct tern_pool * pool = tern_pool_init(2, false);
    // A stream of N_WINDOWS whole windows and a few tokens more (the partial window is dropped).
    const size_t n = N_WINDOWS * N_CTX + 7;
    int32_t tok[N_WINDOWS * N_CTX + 7];
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < n; i++) tok[i] = (int32_t) (rng_next(&seed) % m.hp.n_vocab);
    const int32_t bos = (int32_t) m.hp.n_vocab - 3;

    // The same numbers for every batch shape and thread count.
    const struct { size_t n_batch; int threads; } shapes[] = { { N_CTX, 1 }, { 8, 2 }, { 13, 1 }, { 3 * N_CTX, 2 },
                                                              { 1000, 2 } };
    struct trace base, t;
    struct tern_ppl_state st0, st;
    struct tern_ppl_options o = { .n_ctx = N_CTX, .bos = bos, .kv_type = TERN_KV_F32 };
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        o.n_batch = shapes[i].n_batch;
        if (run(&m, pool, shapes[i].threads, tok, n, &o, i ? &t : &base, i ? &st : &st0)) break;
        if (i == 0) {
            CHECK(st0.n_chunks == N_WINDOWS && base.n == N_WINDOWS && st0.count == N_WINDOWS * (N_CTX / 2 - 1),
                  "%s: %zu windows, %zu callbacks, %zu scored", preset, st0.n_chunks, base.n, st0.count);
            continue;
        }
        CHECK(st.nll == st0.nll && st.nll2 == st0.nll2 && st.count == st0.count && t.n == base.n &&
                  memcmp(t.value, base.value, sizeof(t.value)) == 0,
              "%s: -b %zu -t %d gives other numbers than -b %d -t 1 (%.17g vs %.17g)", preset, shapes[i].n_batch,
              shapes[i].threads, N_CTX, tern_ppl_value(&st), tern_ppl_value(&st0));
    }
    o.n_batch = N_CTX;
    o.max_chunks = 2;
    if (!run(&m, pool, 1, tok, n, &o, &t, &st)) {
        CHECK(st.n_chunks == 2 && t.n == 2 && memcmp(t.value, base.value, 2 * sizeof(double)) == 0,
              "%s: --chunks 2 is not the first two windows of the full run", preset);
    }
    o.max_chunks = 0;

    // The oracle, right and wrong.
    size_t nv;
    float ** with_bos = oracle_logits(path, tok, N_CTX, N_WINDOWS, bos, &nv);
    float ** without_bos = oracle_logits(path, tok, N_CTX, N_WINDOWS, -1, &nv);
    double ref[N_WINDOWS], wrong[N_WINDOWS], ref_pm, wrong_pm, pm;
    oracle_score(with_bos, nv, tok, N_CTX, N_WINDOWS, false, ref, &ref_pm);
    CHECK(tern_ppl_error(&st0, &pm), "%s: no standard error", preset);
    const double d = max_rel(base.value, ref, N_WINDOWS);
    printf("%-18s f32 KV: tern %.4f +/- %.4f, oracle %.4f +/- %.4f; running values within %.3f %%\n", preset,
           tern_ppl_value(&st0), pm, ref[N_WINDOWS - 1], ref_pm, 100 * d);
    CHECK(d <= ORACLE_TOL, "%s: tern is %.2f %% from the oracle (tolerance %.1f %%)", preset, 100 * d, 100 * ORACLE_TOL);
    CHECK(fabs(pm / ref_pm - 1) <= ORACLE_TOL, "%s: +/- %.5f, oracle %.5f", preset, pm, ref_pm);
    for (int late = 1; late >= 0; late--) {
        oracle_score(late ? with_bos : without_bos, nv, tok, N_CTX, N_WINDOWS, late, wrong, &wrong_pm);
        const double dw = max_rel(base.value, wrong, N_WINDOWS);
        const char * what = late ? "targets one position late" : "no BOS";
        printf("%-18s an oracle with %s: %.2f %% away\n", preset, what, 100 * dw);
        CHECK(dw > MISTAKE_MIN, "%s: an oracle with %s is only %.2f %% from tern: the tolerance cannot tell", preset,
              what, 100 * dw);
    }
    // No BOS (a vocabulary that does not add one): the text's own first token stays.
    o.bos = -1;
    if (!run(&m, pool, 1, tok, n, &o, &t, &st)) {
        const double dn = max_rel(t.value, wrong, N_WINDOWS);
        CHECK(dn <= ORACLE_TOL, "%s: without BOS, %.2f %% from the oracle", preset, 100 * dn);
    }
    oracle_free(with_bos, N_WINDOWS);
    oracle_free(without_bos, N_WINDOWS);
    // f16 KV (the default, and bitnet.cpp's): the same oracle, a little further.
    o.bos = bos;
    o.kv_type = TERN_KV_F16;
    if (!run(&m, pool, 2, tok, n, &o, &t, &st)) {
        const double dh = max_rel(t.value, ref, N_WINDOWS);
        printf("%-18s f16 KV: tern %.4f; running values within %.3f %% of the oracle\n", preset, tern_ppl_value(&st),
               100 * dh);
        CHECK(dh <= ORACLE_TOL_F16, "%s: f16 KV %.2f %% from the oracle", preset, 100 * dh);
    }
    // Refusals.
    o.kv_type = TERN_KV_F32;
    CHECK(tern_perplexity(&m, pool, 1, tok, 2 * N_CTX - 1, &o, NULL, NULL, &st, err, sizeof(err)) == -1 &&
              strstr(err, "at least 64"), "short text: '%s'", err);
    tok[40] = (int32_t) m.hp.n_vocab;
    CHECK(tern_perplexity(&m, pool, 1, tok, n, &o, NULL, NULL, &st, err, sizeof(err)) == -1 &&
              strstr(err, "token 40") && strchr(err, '\n') == NULL, "bad id: '%s'", err);
    tern_pool_free(pool);
    tern_model_free(&m);
    unlink(path);
}

// Part 2: llama-perplexity's figures, with the fixture's text split into the same tokens as
// bitnet.cpp split it: `pre` names the pre-tokenizer that does (NULL: the file's own).
// Returns whether the fixture was compared.
static bool against_llama_perplexity(const char * fixtures, const char * dir, const char * pre, const char * text_path) {
    char path[512], err[400];
    snprintf(path, sizeof(path), "%s/%s/meta.json", fixtures, dir);
    char * meta_text = check_read_file(path, NULL);
    cJSON * meta = meta_text ? cJSON_Parse(meta_text) : NULL;
    free(meta_text);
    const cJSON * ppl = cJSON_GetObjectItem(meta, "perplexity");
    const cJSON * running = cJSON_GetObjectItem(ppl, "per_chunk_running_ppl");
    const double want = cJSON_GetNumberValue(cJSON_GetObjectItem(ppl, "final_ppl"));
    const double want_pm = cJSON_GetNumberValue(cJSON_GetObjectItem(ppl, "final_ppl_pm"));
    const size_t n_ctx = (size_t) cJSON_GetNumberValue(cJSON_GetObjectItem(ppl, "n_ctx"));
    const size_t n_batch = (size_t) cJSON_GetNumberValue(cJSON_GetObjectItem(ppl, "batch_size"));
    const size_t want_chunks = (size_t) cJSON_GetArraySize(running);
    if (!ppl || !cJSON_IsArray(running) || want_chunks == 0 || want_chunks > MAX_WINDOWS || !(want > 0) || n_ctx < 4) {
        printf("SKIP %s: meta.json has no llama-perplexity figures\n", dir);
        cJSON_Delete(meta);
        return false;
    }
    size_t len = 0;
    char * text = check_read_file(text_path, &len);
    if (!text) {
        printf("SKIP %s: cannot read %s\n", dir, text_path);
        cJSON_Delete(meta);
        return false;
    }
    if (len > 0 && text[len - 1] == '\n') text[--len] = '\0';     // llama.cpp's -f drops one trailing newline
    snprintf(path, sizeof(path), "%s/%s/model.gguf", fixtures, dir);
    struct tern_model m;
    const struct tern_load_options lo = { .threads = 2 };
    bool compared = false;
    const bool loaded = tern_model_load(&m, path, &lo, err, sizeof(err)) == 0;
    if (!loaded || !m.vocab) {
        printf("SKIP %s: %s\n", dir, loaded ? "the file has no tokenizer" : err);
        if (loaded) tern_model_free(&m);
        free(text);
        cJSON_Delete(meta);
        return false;
    }
    if (pre) {
        const struct tern_vocab_options vo = { .pre = pre };
        struct tern_vocab * v = tern_vocab_load_opts(&m.gguf, &vo, err, sizeof(err));
        CHECK(v != NULL, "%s: pre-tokenizer %s: %s", dir, pre, err);
        if (v) {
            tern_vocab_free(m.vocab);
            m.vocab = v;
        }
    }
    int32_t * ids = NULL;
    size_t n = 0;
    CHECK(tern_tokenize(m.vocab, text, len, tern_vocab_add_bos(m.vocab), false, &ids, &n, err, sizeof(err)) == 0,
          "%s: tokenize: %s", dir, err);
    if (tern_ppl_chunks(n, n_ctx) != want_chunks) {
        printf("SKIP %s: tern tokenizes the text into %zu windows, llama-perplexity into %zu: the tokenizations differ\n",
               dir, tern_ppl_chunks(n, n_ctx), want_chunks);
    } else {
        struct tern_pool * pool = tern_pool_init(2, false);
        // TERN_TEST_QUICK (set for emulated runs): the first windows only, as under sanitizers.
        const bool quick = QUICK_BUILD || getenv("TERN_TEST_QUICK") != NULL;
        const size_t windows = quick && want_chunks > QUICK_WINDOWS ? QUICK_WINDOWS : want_chunks;
        const struct tern_ppl_options o = { .n_ctx = n_ctx, .n_batch = n_batch, .max_chunks = windows,
                                            .bos = tern_vocab_add_bos(m.vocab) ? tern_vocab_bos(m.vocab) : -1 };
        struct trace t;
        struct tern_ppl_state st;
        if (!run(&m, pool, 2, ids, n, &o, &t, &st)) {
            double worst = 0;
            size_t at = 0;
            for (size_t i = 0; i < windows; i++) {
                const double d = fabs(t.value[i] / cJSON_GetNumberValue(cJSON_GetArrayItem(running, (int) i)) - 1);
                if (d > worst) worst = d, at = i + 1;
            }
            // One window is 63 scored tokens: the first running values move most.
            CHECK(worst <= 0.015, "%s: running value [%zu] %.3f %% from llama-perplexity's", dir, at, 100 * worst);
            if (windows < want_chunks) {
                printf("%-22s (quick run: the first %zu windows) running values within %.3f %%\n", dir, windows,
                       100 * worst);
            } else {
                double pm;
                tern_ppl_error(&st, &pm);
                const double dv = tern_ppl_value(&st) / want - 1;
                printf("%-22s tern PPL = %.4f +/- %.5f, llama-perplexity %.4f +/- %.5f: %+.4f %%; running values "
                       "within %.3f %% (worst at [%zu])\n", dir, tern_ppl_value(&st), pm, want, want_pm, 100 * dv,
                       100 * worst, at);
                CHECK(fabs(dv) <= 0.005, "%s: PPL %.4f is %.3f %% from llama-perplexity's %.4f", dir,
                      tern_ppl_value(&st), 100 * dv, want);
                CHECK(fabs(pm / want_pm - 1) <= 0.01, "%s: +/- %.5f vs %.5f", dir, pm, want_pm);
            }
            compared = true;
        }
        tern_pool_free(pool);
    }
    free(ids);
    free(text);
    tern_model_free(&m);
    cJSON_Delete(meta);
    return compared;
}

int main(int argc, char ** argv) {
    static const char * presets[] = { "bitnet-b1.58-tiny", "bitnet-tiny", "llama-tiny" };
    for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) against_oracle(presets[i]);
    const char * fixtures = argc > 1 ? argv[1] : "../shared/fixtures";
    const char * text = argc > 2 ? argv[2] : "/usr/share/common-licenses/GPL-3";
    if (access(text, R_OK) != 0) {
        printf("SKIP llama-perplexity figures: %s not found (the fixtures' text, Debian base-files)\n", text);
    } else {
        // `same`: tern splits the text as bitnet.cpp does, so the figures must match.
        static const struct { const char * dir, * pre; bool same; const char * why; } rows[] = {
            // No tokenizer.ggml.pre: bitnet.cpp falls back to llama.cpp's `default` split.
            { "bitnetcpp-tiny", "default", true, NULL },
            // SentencePiece.
            { "bitnetcpp-bitnet-tiny", NULL, true, NULL },
            // pre "falcon3": tern splits it as llama.cpp does (Llama-3's regex); bitnet.cpp's fork has
            // a Falcon3 split of its own (punctuation runs, GPT-2's regex, single digits).
            { "bitnetcpp-llama-tiny", NULL, false, "tern splits pre falcon3 as llama.cpp does, bitnet.cpp's fork otherwise" },
        };
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
            char meta[512];
            snprintf(meta, sizeof(meta), "%s/%s/meta.json", fixtures, rows[i].dir);
            if (access(meta, R_OK) != 0) {
                printf("SKIP %s: %s not found (shared/fixtures is expected beside the checkout)\n", rows[i].dir, meta);
                continue;
            }
            const bool compared = against_llama_perplexity(fixtures, rows[i].dir, rows[i].pre, text);
            if (!compared && !rows[i].same) printf("     (expected: %s)\n", rows[i].why);
            CHECK(compared || !rows[i].same, "%s: not compared with llama-perplexity's figures", rows[i].dir);
        }
    }
    return check_summary("test_perplexity");
}
