// Sequences and batches (tern/model.h):
//  1. A sequence's logits are bit-identical whether it runs alone or in one batch with others,
//     whatever the composition (prefill chunks of one beside decode tokens of many, any order,
//     slices of n_batch) and the thread count.
//  2. A sequence can be rewound: positions before n_past are overwritten and the logits are
//     those of the new history.
//  3. Batches tern_decode cannot run (a gap in a sequence's positions, a full context, a bad
//     token id) are refused with one line and change no sequence.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "tern/gen_model.h"
#include "tern/model.h"
#include "tern/pool.h"

#define N_SEQ 3
#define LEN 14

static const char * presets[] = { "bitnet-b1.58-tiny", "bitnet-tiny", "llama-tiny" };

// Every position's logits of one sequence evaluated alone, one prefill.
static float * alone(const struct tern_model * m, const int32_t * tok, size_t n) {
    struct tern_session s;
    char err[300];
    float * out = malloc(n * m->hp.n_vocab * sizeof(float));
    CHECK(tern_session_init(&s, m, NULL, 1, 64, 64, TERN_KV_F16, err, sizeof(err)) == 0, "session: %s", err);
    CHECK(tern_forward(&s, tok, n, true, err, sizeof(err)) == 0, "forward: %s", err);
    memcpy(out, s.logits, n * m->hp.n_vocab * sizeof(float));
    tern_session_free(&s);
    return out;
}

struct plan {
    const char * what;
    int threads;
    size_t n_batch;
    size_t chunk[N_SEQ];     // tokens each sequence contributes per step (its prefill chunk, then 1 each)
};

// All sequences together: each step takes up to chunk[s] tokens of every unfinished sequence,
// in an order that rotates with the step; every token asks for its logits.
static void together(const struct tern_model * m, const int32_t tok[N_SEQ][LEN], const float * want[N_SEQ],
                     const struct plan * p) {
    struct tern_pool * pool = tern_pool_init(p->threads, false);
    struct tern_workspace * ws;
    struct tern_seq seq[N_SEQ];
    char err[300];
    CHECK(tern_workspace_init(&ws, m, pool, p->threads, p->n_batch, 64, err, sizeof(err)) == 0, "workspace: %s", err);
    for (int s = 0; s < N_SEQ; s++) CHECK(tern_seq_init(&seq[s], m, 64, TERN_KV_F16, err, sizeof(err)) == 0, "seq: %s", err);
    size_t done[N_SEQ] = { 0 };
    int32_t token[N_SEQ * LEN];
    uint32_t pos[N_SEQ * LEN];
    struct tern_seq * which[N_SEQ * LEN];
    bool flags[N_SEQ * LEN];
    int origin[N_SEQ * LEN];
    size_t mismatches = 0;
    for (int step = 0;; step++) {
        size_t n = 0;
        for (int j = 0; j < N_SEQ; j++) {
            const int s = (j + step) % N_SEQ;
            const size_t take = done[s] == 0 ? p->chunk[s] : 1;
            for (size_t t = 0; t < take && done[s] + t < LEN; t++, n++) {
                token[n] = tok[s][done[s] + t];
                pos[n] = (uint32_t) (done[s] + t);
                which[n] = &seq[s];
                flags[n] = true;
                origin[n] = s;
            }
        }
        if (n == 0) break;
        const struct tern_batch b = { .n = n, .token = token, .pos = pos, .seq = which, .logits = flags };
        if (tern_decode(ws, &b, err, sizeof(err))) {
            CHECK(0, "%s: decode: %s", p->what, err);
            break;
        }
        for (size_t i = 0; i < n; i++) {
            const int s = origin[i];
            mismatches += memcmp(tern_workspace_logits(ws, i), want[s] + pos[i] * m->hp.n_vocab, m->hp.n_vocab * sizeof(float)) != 0;
        }
        for (size_t i = 0; i < n; i++) done[origin[i]] = pos[i] + 1;
    }
    CHECK(mismatches == 0, "%s: %zu tokens' logits differ from the sequence run alone", p->what, mismatches);
    for (int s = 0; s < N_SEQ; s++) {
        CHECK(seq[s].n_past == LEN, "%s: sequence %d holds %zu positions", p->what, s, seq[s].n_past);
        tern_seq_free(&seq[s]);
    }
    tern_workspace_free(ws);
    tern_pool_free(pool);
}

static void rewind_and_refuse(const struct tern_model * m, const int32_t * tok, const float * want) {
    struct tern_workspace * ws;
    struct tern_seq a;
    char err[300];
    tern_workspace_init(&ws, m, NULL, 1, 16, 64, err, sizeof(err));
    tern_seq_init(&a, m, 64, TERN_KV_F16, err, sizeof(err));
    // Another history first, then rewound to position 5 and given the right tokens from there.
    int32_t wrong[LEN];
    for (int i = 0; i < LEN; i++) wrong[i] = (tok[i] + 7) % (int32_t) m->hp.n_vocab;
    uint32_t pos[LEN];
    struct tern_seq * which[LEN];
    for (int i = 0; i < LEN; i++) {
        pos[i] = (uint32_t) i;
        which[i] = &a;
    }
    memcpy(wrong, tok, 5 * sizeof(int32_t));
    struct tern_batch b = { .n = LEN, .token = wrong, .pos = pos, .seq = which };
    CHECK(tern_decode(ws, &b, err, sizeof(err)) == 0, "decode: %s", err);
    b = (struct tern_batch) { .n = LEN - 5, .token = tok + 5, .pos = pos + 5, .seq = which };
    CHECK(tern_decode(ws, &b, err, sizeof(err)) == 0, "rewound decode: %s", err);
    CHECK(memcmp(tern_workspace_logits(ws, 0), want + (LEN - 1) * m->hp.n_vocab, m->hp.n_vocab * sizeof(float)) == 0,
          "a rewound sequence's logits follow its new history");
    CHECK(a.n_past == LEN, "n_past after the rewind");
    // Refusals: a gap, a repeated position, a full context, a bad id; nothing changes.
    const uint32_t gap[2] = { LEN + 1, LEN + 2 }, twice[2] = { LEN, LEN }, full[1] = { 64 };
    const int32_t ids[2] = { 1, 2 }, bad[1] = { (int32_t) m->hp.n_vocab };
    const struct { struct tern_batch b; const char * want; } cases[] = {
        { { 2, ids, gap, which, NULL }, "its sequence continues at 14" },
        { { 2, ids, twice, which, NULL }, "its sequence continues at 15" },
        { { 1, ids, full, which, NULL }, "context full" },
        { { 1, bad, gap, which, NULL }, "outside the vocabulary" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const int rc = tern_decode(ws, &cases[i].b, err, sizeof(err));
        CHECK(rc != 0 && strstr(err, cases[i].want) && !strchr(err, '\n') && a.n_past == LEN,
              "refusal %zu: want '%s', got '%s'", i, cases[i].want, rc ? err : "success");
    }
    tern_seq_free(&a);
    tern_workspace_free(ws);
}

int main(void) {
    char path[300], err[300];
    snprintf(path, sizeof(path), "%s/tern-batch-%d.gguf", P_tmpdir, (int) getpid());
    for (size_t p = 0; p < sizeof(presets) / sizeof(presets[0]); p++) {
        const struct tern_gen_options go = { .preset = presets[p], .out = path, .seed = 11 + p };
        CHECK(tern_gen_model(&go, err, sizeof(err)) == 0, "gen-model: %s", err);
        struct tern_model m;
        const struct tern_load_options o = { .threads = 2, .no_vocab = true };
        if (tern_model_load(&m, path, &o, err, sizeof(err))) {
            CHECK(0, "load: %s", err);
            continue;
        }
        int32_t tok[N_SEQ][LEN];
        uint64_t seed = 5 + p;
        const float * want[N_SEQ];
        for (int s = 0; s < N_SEQ; s++) {
            for (int i = 0; i < LEN; i++) tok[s][i] = (int32_t) (rng_next(&seed) % m.hp.n_vocab);
            want[s] = alone(&m, tok[s], LEN);
        }
        const struct plan plans[] = {
            { "one token of each per step", 1, 64, { 1, 1, 1 } },
            { "prefill chunks beside decode tokens", 2, 64, { 9, 1, 4 } },
            { "whole prompts at once, slices of 5", 2, 5, { LEN, LEN, LEN } },
            { "uneven chunks, 1 thread, slices of 3", 1, 3, { 2, 7, 13 } },
        };
        for (size_t i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) together(&m, tok, want, &plans[i]);
        rewind_and_refuse(&m, tok[0], want[0]);
        printf("%s: %zu batch compositions bit-identical to each sequence alone\n", presets[p],
               sizeof(plans) / sizeof(plans[0]));
        for (int s = 0; s < N_SEQ; s++) free((void *) want[s]);
        tern_model_free(&m);
    }
    remove(path);
    return check_summary("test_batch");
}
