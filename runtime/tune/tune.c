// The autotuner (see tern/tune.h): verify, screen, then successive halving per problem.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tern/linear.h"
#include "tern/membw.h"
#include "tern/pool.h"
#include "tern/reference.h"
#include "tern/topology.h"
#include "tern/tune.h"

#define SCREEN_TOKENS 16       // screening runs at most this many tokens ...
#define SCREEN_FRACTION 8      // ... on 1/8 of the channels, then extrapolates
#define FIRST_REPS 3           // samples per candidate in the first full round (doubles after)
#define MAX_REPS 48
#define MIN_SAMPLE_US 2000.0   // a sample averages enough calls to last this long (short decode calls are noisy)
#define MAX_BATCH 256
#define MAX_FINALISTS 8

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static int cmp_double(const void * a, const void * b) {
    const double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

// ---------------------------------------------------------------------------- correctness first

// A candidate is timed only if it reproduces the reference on a small ragged case.
static bool verify_variant(const struct tern_variant * v) {
    const size_t m = v->mr + 1, n = 2 * v->nr + 1, k = 2 * v->kb + 5;
    int8_t * w = malloc(n * k);
    float * x = malloc(m * k * sizeof(float)), * want = malloc(m * n * sizeof(float)), * got = malloc(m * n * sizeof(float));
    int32_t * acc = malloc(m * n * sizeof(int32_t));
    bool ok = w && x && want && got && acc;
    uint64_t s = 0x2545f4914f6cdd1dull;
    for (size_t i = 0; ok && i < n * k; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        w[i] = (int8_t) ((int) (s % 3) - 1);
    }
    for (size_t i = 0; ok && i < m * k; i++) {
        x[i] = (float) ((int) (i * 7919 % 2001) - 1000) / 250.0f;
    }
    struct tern_linear L;
    struct tern_acts A;
    if (ok && tern_linear_init(&L, v, n, k, w, k, 0.75f) == 0) {
        if (tern_acts_init(&A, m, L.prep_bytes) == 0) {
            tern_ref_linear(m, n, k, w, 0.75f, x, want);
            tern_linear_forward(&L, m, x, &A, acc, got);
            ok = memcmp(want, got, m * n * sizeof(float)) == 0;
            tern_acts_free(&A);
        } else {
            ok = false;
        }
        tern_linear_free(&L);
    } else {
        ok = false;
    }
    free(w);
    free(x);
    free(want);
    free(got);
    free(acc);
    return ok;
}

// ---------------------------------------------------------------------------- timing

struct bench {
    struct tern_pool * pool;
    uint8_t * ring;            // weights ring, > 2x LLC; its bytes are arbitrary: timing does not depend on them
    size_t ring_bytes, ring_pos;
    struct tern_acts A;
    float * x, * y;
    int32_t * acc;
};

static void bench_free(struct bench * b) {
    tern_acts_free(&b->A);
    tern_aligned_free(b->ring);
    tern_aligned_free(b->x);
    tern_aligned_free(b->y);
    tern_aligned_free(b->acc);
    tern_pool_free(b->pool);
}

// One call of the op for (k, n) on `tokens` tokens, weights taken from the next ring slot.
static double call_us(struct bench * b, const struct tern_variant * v, size_t k, size_t n, size_t tokens, int threads) {
    const size_t bytes = (tern_variant_packed_bytes(v, n, k) + 63) / 64 * 64;
    if (b->ring_pos + bytes > b->ring_bytes) b->ring_pos = 0;
    struct tern_linear L = tern_linear_view(v, n, k, b->ring + b->ring_pos, 1.0f);
    b->ring_pos += bytes;
    const double t0 = now_s();
    tern_linear_forward_mt(&L, b->pool, threads, tokens, b->x, &b->A, b->acc, b->y);
    return (now_s() - t0) * 1e6;
}

struct cand_state {
    struct tern_tune_candidate * c;
    double score;              // what ranks it now: estimate, then median
    bool alive;
};

static int cmp_state(const void * a, const void * b) {
    const struct cand_state * x = a, * y = b;
    if (x->alive != y->alive) return x->alive ? -1 : 1;
    return (x->score > y->score) - (x->score < y->score);
}

// Successive halving for one problem within budget_s. Fills e->cand and the winner.
static void tune_problem(struct bench * b, struct tern_tune_entry * e, struct cand_state * st, size_t n_st,
                         double budget_s) {
    const double t_start = now_s();
    const size_t k = e->shape.k, n = e->shape.n, tokens = e->tokens;

    // Round 0: screen every verified candidate on a slice of the problem, extrapolated.
    for (size_t i = 0; i < n_st; i++) {
        if (!st[i].alive) continue;
        const struct tern_variant * v = st[i].c->v;
        size_t sub_n = (n / SCREEN_FRACTION + v->nr - 1) / v->nr * v->nr;
        if (sub_n == 0 || sub_n > n) sub_n = n;
        const size_t sub_t = tokens < SCREEN_TOKENS ? tokens : SCREEN_TOKENS;
        double best = INFINITY;
        for (int rep = 0; rep < 2; rep++) {
            const double us = call_us(b, v, k, sub_n, sub_t, e->threads);
            best = us < best ? us : best;
        }
        st[i].score = best * (double) n / (double) sub_n * (double) tokens / (double) sub_t;
        st[i].c->median_us = st[i].score;
        st[i].c->spread_us = 0;
        st[i].c->samples = 2;
        snprintf(st[i].c->status, sizeof(st[i].c->status), "screened out");
    }
    qsort(st, n_st, sizeof(*st), cmp_state);
    size_t alive = 0;
    while (alive < n_st && st[alive].alive) alive++;
    // Half survive screening, at most MAX_FINALISTS: the extrapolated slice ranks well enough that
    // timing dozens of full calls of clearly slower formats would only spend the budget.
    size_t keep = alive > 1 ? (alive + 1) / 2 : alive;
    if (keep > MAX_FINALISTS) keep = MAX_FINALISTS;
    if (keep < 2 && alive >= 2) keep = 2;
    for (size_t i = keep; i < alive; i++) st[i].alive = false;
    alive = keep;

    // Full rounds: reps doubles, the slower half drops out, until one is left or time is up.
    double samples[MAX_REPS];
    int reps = FIRST_REPS;
    for (int round = 1; alive > 0; round++) {
        for (size_t i = 0; i < alive; i++) {
            const struct tern_variant * v = st[i].c->v;
            const double warm = call_us(b, v, k, n, tokens, e->threads);   // warm-up: code, pool, first touch
            const double est = st[i].score < warm ? st[i].score : warm;
            int batch = est > 0 ? (int) (MIN_SAMPLE_US / est) + 1 : 1;
            batch = batch > MAX_BATCH ? MAX_BATCH : batch;
            for (int r = 0; r < reps; r++) {
                double sum = 0;
                for (int j = 0; j < batch; j++) sum += call_us(b, v, k, n, tokens, e->threads);
                samples[r] = sum / batch;
            }
            qsort(samples, (size_t) reps, sizeof(double), cmp_double);
            st[i].score = samples[reps / 2];
            st[i].c->median_us = samples[reps / 2];
            st[i].c->spread_us = samples[reps - 1] - samples[0];
            st[i].c->samples = reps;
            st[i].c->rounds = round;
            snprintf(st[i].c->status, sizeof(st[i].c->status), "timed");
        }
        qsort(st, alive, sizeof(*st), cmp_state);
        const bool out_of_time = now_s() - t_start > budget_s;
        if (alive == 1 || out_of_time || reps * 2 > MAX_REPS) break;
        const size_t next = (alive + 1) / 2;
        for (size_t i = next; i < alive; i++) st[i].alive = false;
        alive = next;
        reps *= 2;
    }
    snprintf(st[0].c->status, sizeof(st[0].c->status), "winner");
    e->v = st[0].c->v;
    snprintf(e->winner, sizeof(e->winner), "%s", st[0].c->name);
    e->winner_us = st[0].c->median_us;
    e->weight_bytes = (double) tern_variant_packed_bytes(e->v, n, k);
    // Reference points: a group's best comes from its most-measured members (a screening
    // estimate only stands in when none of the group got further).
    e->scalar_us = e->best_i2s_us = NAN;
    int scalar_rounds = -1, i2s_rounds = -1;
    for (size_t i = 0; i < n_st; i++) {
        const struct tern_tune_candidate * c = st[i].c;
        if (c->v->isa == TERN_ISA_SCALAR) {
            if (c->rounds > scalar_rounds || (c->rounds == scalar_rounds && !(c->median_us >= e->scalar_us))) {
                scalar_rounds = c->rounds;
                e->scalar_us = c->median_us;
            }
        }
        if (c->v->wfmt == TERN_WFMT_I2S) {
            if (c->rounds > i2s_rounds || (c->rounds == i2s_rounds && !(c->median_us >= e->best_i2s_us))) {
                i2s_rounds = c->rounds;
                e->best_i2s_us = c->median_us;
            }
        }
    }
}

// ---------------------------------------------------------------------------- the run

static void fill_machine(struct tern_profile * p) {
    const struct tern_cpu * cpu = tern_cpu_get();
    struct tern_topology topo;
    tern_topology_get(&topo);
    snprintf(p->brand, sizeof(p->brand), "%s", cpu->brand);
    tern_cpu_signature(cpu, p->signature, sizeof(p->signature));
    p->features = cpu->usable;
    snprintf(p->registry, sizeof(p->registry), "%s", tern_registry_hash());
    p->cores = topo.cores;
    p->pus = topo.pus;
    p->l1d = topo.l1d;
    p->l2 = topo.l2;
    p->l3 = topo.l3;
}

struct tern_profile * tern_tune_run(const struct tern_tune_request * req, char * err, size_t err_size) {
    const double t_start = now_s();
    if (req->n_shapes == 0 || req->n_threads == 0 || req->n_tokens == 0 || req->n_threads > 16) {
        snprintf(err, err_size, "nothing to tune (shapes, phases and 1..16 thread counts are needed)");
        return NULL;
    }
    struct tern_profile * p = calloc(1, sizeof(*p));
    if (!p) goto oom;
    fill_machine(p);
    snprintf(p->preset, sizeof(p->preset), "%s", req->preset ? req->preset : "");
    p->budget_s = req->budget_s;
    int max_threads = 1;
    for (size_t i = 0; i < req->n_threads; i++) {
        if (req->threads[i] < 1 || req->threads[i] > 256) {
            snprintf(err, err_size, "thread count %d is out of range 1..256", req->threads[i]);
            tern_profile_free(p);
            return NULL;
        }
        p->threads[i] = req->threads[i];
        max_threads = req->threads[i] > max_threads ? req->threads[i] : max_threads;
    }
    p->n_threads = (int) req->n_threads;

    // Candidates: every runnable variant, verified against the reference first.
    const struct tern_cpu * cpu = tern_cpu_get();
    size_t count, n_ok = 0;
    const struct tern_variant * variants = tern_registry_variants(&count);
    bool * verified = calloc(count, sizeof(bool));
    bool * runnable = calloc(count, sizeof(bool));
    if (!verified || !runnable) {
        free(verified);
        free(runnable);
        goto oom;
    }
    for (size_t i = 0; i < count; i++) {
        runnable[i] = tern_variant_runnable(&variants[i], cpu, NULL, 0);
        verified[i] = runnable[i] && verify_variant(&variants[i]);
        n_ok += verified[i];
        if (runnable[i] && !verified[i]) {
            fprintf(stderr, "tern tune: %s does not reproduce the reference on this CPU; never chosen\n", variants[i].name);
        }
    }

    struct bench b = { 0 };
    b.pool = tern_pool_init(max_threads, true);
    size_t max_k = 0, max_n = 0, max_t = 0, max_packed = 0, max_prep = 0;
    for (size_t s = 0; s < req->n_shapes; s++) {
        max_k = req->shapes[s].k > max_k ? req->shapes[s].k : max_k;
        max_n = req->shapes[s].n > max_n ? req->shapes[s].n : max_n;
        for (size_t i = 0; i < count; i++) {
            if (!verified[i]) continue;
            const size_t bytes = tern_variant_packed_bytes(&variants[i], req->shapes[s].n, req->shapes[s].k);
            max_packed = bytes > max_packed ? bytes : max_packed;
            const size_t prep = tern_variant_prep_bytes(&variants[i], req->shapes[s].k);
            max_prep = prep > max_prep ? prep : max_prep;
        }
    }
    for (size_t t = 0; t < req->n_tokens; t++) max_t = req->tokens[t] > max_t ? req->tokens[t] : max_t;
    const size_t llc = p->l3 ? p->l3 : p->l2 ? p->l2 : (size_t) 32 << 20;
    b.ring_bytes = tern_weight_ring_bytes(llc) > 2 * max_packed ? tern_weight_ring_bytes(llc) : 2 * max_packed + 64;
    b.ring = tern_aligned_alloc(b.ring_bytes);
    b.x = tern_aligned_alloc(max_t * max_k * sizeof(float));
    b.y = tern_aligned_alloc(max_t * max_n * sizeof(float));
    b.acc = tern_aligned_alloc(max_t * max_n * sizeof(int32_t));
    const bool acts_ok = tern_acts_init(&b.A, max_t, max_prep) == 0;
    p->n_entries = req->n_shapes * req->n_tokens * req->n_threads;
    p->entries = calloc(p->n_entries, sizeof(struct tern_tune_entry));
    if (!b.pool || !b.ring || !b.x || !b.y || !b.acc || !acts_ok || !p->entries) {
        snprintf(err, err_size, "out of memory setting up the tuner (ring of %zu MiB)", b.ring_bytes >> 20);
        goto fail;
    }
    for (size_t i = 0; i < max_t * max_k; i++) b.x[i] = (float) ((int) (i * 2654435761u % 2001) - 1000) / 1000.0f;
    memset(b.ring, 0x5a, b.ring_bytes);      // any bytes: kernel timing does not depend on weight values

    for (int t = 0; t < p->n_threads; t++) {
        p->read_bw[t] = tern_read_bandwidth(b.pool, p->threads[t], tern_read_buffer_bytes(llc), 5);
    }

    size_t done = 0;
    for (size_t s = 0; s < req->n_shapes; s++) {
        for (size_t ph = 0; ph < req->n_tokens; ph++) {
            for (size_t th = 0; th < req->n_threads; th++, done++) {
                struct tern_tune_entry * e = &p->entries[done];
                e->shape = req->shapes[s];
                e->tokens = req->tokens[ph];
                e->threads = req->threads[th];
                e->n_cand = n_ok;
                e->cand = calloc(n_ok ? n_ok : 1, sizeof(*e->cand));
                struct cand_state * st = calloc(n_ok ? n_ok : 1, sizeof(*st));
                if (!e->cand || !st) {
                    free(st);
                    snprintf(err, err_size, "out of memory");
                    goto fail;
                }
                size_t j = 0;
                for (size_t i = 0; i < count; i++) {
                    if (!verified[i]) continue;
                    e->cand[j].v = &variants[i];
                    snprintf(e->cand[j].name, sizeof(e->cand[j].name), "%s", variants[i].name);
                    st[j] = (struct cand_state) { .c = &e->cand[j], .alive = true };
                    j++;
                }
                if (req->progress) {
                    char what[160];
                    char phase[24];
                    if (e->tokens == 1) snprintf(phase, sizeof(phase), "decode");
                    else snprintf(phase, sizeof(phase), "pp%zu", e->tokens);
                    snprintf(what, sizeof(what), "%s k%zu n%zu, %s, %d thread%s", e->shape.name, e->shape.k, e->shape.n,
                             phase, e->threads, e->threads == 1 ? "" : "s");
                    req->progress(req->user, (double) done / (double) p->n_entries, what);
                }
                const double left = req->budget_s - (now_s() - t_start);
                const double share = left / (double) (p->n_entries - done);
                if (n_ok > 0) {
                    tune_problem(&b, e, st, n_ok, share > 0.01 ? share : 0.01);
                }
                free(st);
            }
        }
    }
    if (req->progress) req->progress(req->user, 1.0, "done");
    p->elapsed_s = now_s() - t_start;
    free(verified);
    free(runnable);
    bench_free(&b);
    if (n_ok == 0) {
        snprintf(err, err_size, "no kernel variant passed verification on this CPU");
        tern_profile_free(p);
        return NULL;
    }
    return p;
fail:
    free(verified);
    free(runnable);
    bench_free(&b);
    tern_profile_free(p);
    return NULL;
oom:
    snprintf(err, err_size, "out of memory");
    return NULL;
}

void tern_profile_free(struct tern_profile * p) {
    if (!p) return;
    for (size_t i = 0; i < p->n_entries; i++) free(p->entries[i].cand);
    free(p->entries);
    free(p);
}
