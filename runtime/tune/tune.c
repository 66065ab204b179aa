// The autotuner (see tern/tune.h): verify, then per shape and thread count screen every
// variant and re-measure the best pairs against the heuristic one, interleaved; then
// validate the whole plan end to end.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/membw.h"
#include "tern/rng.h"
#include "tern/stats.h"
#include "tern/topology.h"
#include "tune-internal.h"

#define MAX_PHASES 8
#define SCREEN_TOKENS 16        // prefill screening runs at most this many tokens ...
#define SCREEN_FRACTION 8       // ... on 1/8 of the channels, then extrapolates
#define SCREEN_SECOND 1.5
#define MAX_CHALLENGERS 3       // pairs re-measured against the heuristic pair ...
#define CHALLENGER_SLACK 1.25   // ... among those screened at most this much slower than it
#define MAX_SIBLINGS 2          // ... besides its decode tile's prefetch siblings, whatever their screening
#define MAX_PAIRS (1 + MAX_SIBLINGS + MAX_CHALLENGERS)
#define DROP_AFTER 4            // rounds after which a pair measured slower than the heuristic one stops
                                // (unless it shares the heuristic's prefill tile: its samples are short)
#define VALIDATE_SHARE 0.2      // of the budget left after setup
#define STREAM_SHARE 0.05       // of the budget left after setup: row-stream prefetch (stream.c)
#define VALIDATE_MAX_TOKENS 32  // the validation's prefill pass
#define BW_PASSES 3             // read bandwidth over a buffer the size of the ring

struct tuner {
    const struct tern_tune_request * req;
    struct tern_profile * p;
    const struct tern_cpu * cpu;
    struct tune_bench b;
    const struct tern_variant ** ok;   // verified variants that belong to some pair
    size_t n_ok;
    struct tern_plan_choice heuristic;
};

static struct tern_tune_candidate * candidate_in(struct tern_tune_entry * e, const struct tern_variant * v) {
    return (struct tern_tune_candidate *) tern_entry_candidate(e, v);
}

static struct tern_tune_entry * entry_at(struct tuner * T, size_t shape, size_t phase, size_t thread) {
    return &T->p->entries[(shape * T->req->n_tokens + phase) * T->req->n_threads + thread];
}

// ---------------------------------------------------------------------------- screening

// One call of v for the phase: decode on the whole problem (it is short), prefill on a
// slice (1/SCREEN_FRACTION of the channels, sub_t tokens) as time per token.
static double screen_call(struct tuner * T, const struct tern_variant * v, const struct tern_tune_entry * e,
                          size_t sub_t) {
    const size_t k = e->shape.k, n = e->shape.n;
    if (e->tokens == 1) return tune_call_us(&T->b, v, k, n, 1, e->threads);
    size_t sub_n = (n / SCREEN_FRACTION + v->nr - 1) / v->nr * v->nr;
    if (sub_n == 0 || sub_n > n) sub_n = n;
    return tune_call_us(&T->b, v, k, sub_n, sub_t, e->threads) * (double) n / (double) sub_n / (double) sub_t;
}

// Screening visits the heuristic pair first (the baseline), then the richer ISAs: if time
// runs out, the slow scalar kernels are the ones left unscreened (estimate 0: never a
// challenger).
static int screen_priority(const struct tuner * T, const struct tern_variant * v) {
    if (v == T->heuristic.decode || v == T->heuristic.prefill) return 1 << 20;
    return __builtin_popcount(tern_isa_features(v->isa));
}

static void screen_order(const struct tuner * T, const struct tern_tune_entry * e, size_t * order) {
    for (size_t i = 0; i < e->n_cand; i++) {
        const int pi = screen_priority(T, e->cand[i].v);
        size_t j = i;
        for (; j > 0 && screen_priority(T, e->cand[order[j - 1]].v) < pi; j--) order[j] = order[j - 1];
        order[j] = i;
    }
}

// Every candidate once; a second call, the better of the two kept, only for those within
// SCREEN_SECOND of the best first call (a first call pays for cold code); both until the
// deadline. The prefill phases share one measurement, scaled by their tokens.
static void screen(struct tuner * T, struct tern_tune_entry ** ent, size_t n_ph, double deadline) {
    size_t sub_t = SCREEN_TOKENS;
    struct tern_tune_entry * decode = NULL, * prefill = NULL;
    for (size_t ph = 0; ph < n_ph; ph++) {
        if (ent[ph]->tokens == 1) decode = ent[ph];
        if (ent[ph]->tokens > 1 && !prefill) prefill = ent[ph];
        if (ent[ph]->tokens > 1 && ent[ph]->tokens < sub_t) sub_t = ent[ph]->tokens;
    }
    size_t * order = malloc((T->n_ok ? T->n_ok : 1) * sizeof(size_t));
    struct tern_tune_entry * const measured[2] = { decode, prefill };    // prefill holds time per token
    for (int m = 0; m < 2 && order; m++) {
        struct tern_tune_entry * e = measured[m];
        if (!e) continue;
        screen_order(T, e, order);
        double best = INFINITY;
        for (size_t i = 0; i < e->n_cand && tern_now_s() < deadline; i++) {
            struct tern_tune_candidate * c = &e->cand[order[i]];
            c->estimate_us = screen_call(T, c->v, e, sub_t);
            best = fmin(best, c->estimate_us);
        }
        for (size_t i = 0; i < e->n_cand && tern_now_s() < deadline; i++) {
            struct tern_tune_candidate * c = &e->cand[order[i]];
            if (c->estimate_us > 0 && c->estimate_us <= SCREEN_SECOND * best) {
                c->estimate_us = fmin(c->estimate_us, screen_call(T, c->v, e, sub_t));
            }
        }
    }
    free(order);
    for (size_t ph = 0; prefill && ph < n_ph; ph++) {
        for (size_t i = 0; ent[ph]->tokens > 1 && ent[ph] != prefill && i < ent[ph]->n_cand; i++) {
            ent[ph]->cand[i].estimate_us = prefill->cand[i].estimate_us * (double) ent[ph]->tokens;
        }
    }
    for (size_t i = 0; prefill && i < prefill->n_cand; i++) prefill->cand[i].estimate_us *= (double) prefill->tokens;
}

// ---------------------------------------------------------------------------- the final

struct ranked {
    struct tune_pair pair;
    double estimate;           // decode + prefill per prompt token, from screening
};

struct ranking {
    struct tern_tune_entry ** ent;
    size_t n_ph;
    struct ranked * r;
    size_t n, cap;
};

static double pair_estimate(struct tern_tune_entry ** ent, size_t n_ph, struct tune_pair pr) {
    double decode = 0, prefill = 0;
    size_t n_prefill = 0;
    for (size_t ph = 0; ph < n_ph; ph++) {
        const struct tern_tune_candidate * c = tern_entry_candidate(ent[ph], ent[ph]->tokens == 1 ? pr.d : pr.p);
        if (!c || !(c->estimate_us > 0)) return INFINITY;     // not screened
        if (ent[ph]->tokens == 1) {
            decode = c->estimate_us;
        } else {
            prefill += c->estimate_us / (double) ent[ph]->tokens;
            n_prefill++;
        }
    }
    return decode + (n_prefill ? prefill / (double) n_prefill : 0);
}

static void rank_pair(void * ctx, struct tune_pair pr) {
    struct ranking * R = ctx;
    if (R->n == R->cap) {
        const size_t cap = R->cap ? 2 * R->cap : 64;
        struct ranked * r = realloc(R->r, cap * sizeof(*r));
        if (!r) return;     // out of memory: the pairs ranked so far are the candidates
        R->r = r;
        R->cap = cap;
    }
    R->r[R->n++] = (struct ranked) { pr, pair_estimate(R->ent, R->n_ph, pr) };
}

static int cmp_ranked(const void * a, const void * b) {
    const double x = ((const struct ranked *) a)->estimate, y = ((const struct ranked *) b)->estimate;
    return (x > y) - (x < y);
}

// The same decode tile with another prefetch distance (knobs.pf): one call's screening is
// too noisy to tell them apart (their difference is in how a stream from DRAM overlaps the
// tile's work, which varies from CPU to CPU), so they always go to the final.
static bool prefetch_sibling(const struct tern_variant * a, const struct tern_variant * b) {
    return a->pf != b->pf && tern_same_layout(a, b) && a->isa == b->isa && a->afmt == b->afmt && a->mr == b->mr &&
           a->g == b->g;
}

// The heuristic pair first, then its decode tile's prefetch siblings (with its prefill
// tile), then up to MAX_CHALLENGERS others screened as fast or nearly.
static size_t pick_finalists(struct tuner * T, struct tern_tune_entry ** ent, size_t n_ph, struct tune_pair * out) {
    struct ranking R = { .ent = ent, .n_ph = n_ph };
    tune_each_pair(T->cpu, T->p, rank_pair, &R);
    const struct tune_pair h = { T->heuristic.decode, T->heuristic.prefill };
    const double h_est = pair_estimate(ent, n_ph, h);
    size_t n = 0;
    out[n++] = h;
    for (size_t i = 0; i < T->n_ok && n < 1 + MAX_SIBLINGS; i++) {
        if (prefetch_sibling(T->ok[i], h.d)) out[n++] = (struct tune_pair) { T->ok[i], h.p };
    }
    const size_t first_challenger = n;
    qsort(R.r, R.n, sizeof(*R.r), cmp_ranked);
    for (size_t i = 0; i < R.n && n < first_challenger + MAX_CHALLENGERS; i++) {
        bool taken = false;
        for (size_t j = 0; j < n; j++) taken = taken || (R.r[i].pair.d == out[j].d && R.r[i].pair.p == out[j].p);
        const bool close = isfinite(h_est) ? R.r[i].estimate <= h_est * CHALLENGER_SLACK : true;
        if (!taken && isfinite(R.r[i].estimate) && close) out[n++] = R.r[i].pair;
    }
    free(R.r);
    return n;
}

// The pair's median cost over the rounds so far (INFINITY if unmeasured).
static double pair_median(const struct tern_profile * p, const struct tern_tune_entry * e, struct tune_pair pr) {
    struct tune_phases ph;
    tune_find_phases(p, e->shape.k, e->shape.n, e->threads, &ph);
    double cost[TERN_TUNE_MAX_FINAL];
    const int n = tune_pair_costs(&ph, pr, TUNE_BOTH, cost);
    return n > 0 ? tern_median(cost, (size_t) n) : INFINITY;
}

static bool pair_uses(const struct tune_pair * pairs, const bool * live, size_t n, const struct tern_variant * v,
                      bool decode) {
    for (size_t i = 0; i < n; i++) {
        if (live[i] && (decode ? pairs[i].d : pairs[i].p) == v) return true;
    }
    return false;
}

struct finalist {
    const struct tern_variant * v;
    double call_us[MAX_PHASES];    // its last call per phase: what the next should take
};

// What the next round should take: a sample per phase each live finalist serves, each at
// least TUNE_MIN_SAMPLE_US.
static double round_us(struct tern_tune_entry ** ent, size_t n_ph, const struct tune_pair * pairs, const bool * live,
                       size_t n_pairs, const struct finalist * fin, size_t n_fin) {
    double us = 0;
    for (size_t i = 0; i < n_fin; i++) {
        for (size_t ph = 0; ph < n_ph; ph++) {
            if (!pair_uses(pairs, live, n_pairs, fin[i].v, ent[ph]->tokens == 1)) continue;
            us += fmax(fin[i].call_us[ph], TUNE_MIN_SAMPLE_US);
        }
    }
    return us;
}


// Rounds, while the next one fits before the deadline: phase by phase, every variant of a
// live pair gives one sample of it, in a fresh random order each round, so load from
// elsewhere and what ran just before fall on all of them alike. Round -1 warms up; it is expected to take 3x the
// screening estimates (a slice stays in a faster cache than the whole problem does).
static void final_rounds(struct tuner * T, struct tern_tune_entry ** ent, size_t n_ph, const struct tune_pair * pairs,
                         size_t n_pairs, double deadline) {
    const size_t k = ent[0]->shape.k, n = ent[0]->shape.n;
    const int threads = ent[0]->threads;
    struct finalist fin[2 * MAX_PAIRS];
    size_t n_fin = 0;
    bool live[MAX_PAIRS];
    for (size_t i = 0; i < n_pairs; i++) {
        live[i] = true;
        const struct tern_variant * halves[2] = { pairs[i].d, pairs[i].p };
        for (int h = 0; h < 2; h++) {
            size_t j = 0;
            while (j < n_fin && fin[j].v != halves[h]) j++;
            if (j < n_fin) continue;
            fin[n_fin].v = halves[h];
            for (size_t ph = 0; ph < n_ph; ph++) {
                const struct tern_tune_candidate * c = tern_entry_candidate(ent[ph], halves[h]);
                fin[n_fin].call_us[ph] = c ? 3.0 * c->estimate_us : 0;
            }
            n_fin++;
        }
    }
    uint64_t rng = 0x7475726e ^ (uint64_t) (k * 131 + n * 7 + (size_t) threads);
    for (int r = -1; r < TERN_TUNE_MAX_FINAL; r++) {
        if (tern_now_s() + round_us(ent, n_ph, pairs, live, n_pairs, fin, n_fin) * 1e-6 > deadline) break;
        if (r == DROP_AFTER) {
            const double h = pair_median(T->p, ent[0], pairs[0]);
            size_t alive = 0;
            for (size_t i = 1; i < n_pairs; i++) {
                live[i] = live[i] && (pairs[i].p == pairs[0].p || pair_median(T->p, ent[0], pairs[i]) < h);
                alive += live[i];
            }
            if (alive == 0) break;
        }
        for (size_t ph = 0; ph < n_ph; ph++) {
            const size_t tokens = ent[ph]->tokens;
            size_t order[2 * MAX_PAIRS];
            tune_shuffle(order, n_fin, &rng);
            for (size_t i = 0; i < n_fin; i++) {
                struct finalist * f = &fin[order[i]];
                if (!pair_uses(pairs, live, n_pairs, f->v, tokens == 1)) continue;
                if (r < 0) {
                    f->call_us[ph] = tune_call_us(&T->b, f->v, k, n, tokens, threads);
                    continue;
                }
                struct tern_tune_candidate * c = candidate_in(ent[ph], f->v);
                c->final_us[c->n_final] = tune_sample_us(&T->b, f->v, k, n, tokens, threads, f->call_us[ph]);
                f->call_us[ph] = c->final_us[c->n_final++];
            }
        }
    }
}

// One shape at one thread count within share_s: every phase's entry, screened (in at most
// half the time), then the final.
static int tune_group(struct tuner * T, size_t s, size_t th, double share_s) {
    const double t0 = tern_now_s();
    const struct tern_tune_request * req = T->req;
    struct tern_tune_entry * ent[MAX_PHASES];
    const size_t n_ph = req->n_tokens;
    for (size_t ph = 0; ph < n_ph; ph++) {
        struct tern_tune_entry * e = ent[ph] = entry_at(T, s, ph, th);
        e->shape = req->shapes[s];
        e->tokens = req->tokens[ph];
        e->threads = req->threads[th];
        e->cand = calloc(T->n_ok ? T->n_ok : 1, sizeof(*e->cand));
        if (!e->cand) return -1;
        for (size_t i = 0; i < T->n_ok; i++) {
            if (e->tokens == 1 && T->ok[i]->mr != 1) continue;
            struct tern_tune_candidate * c = &e->cand[e->n_cand++];
            c->v = T->ok[i];
            snprintf(c->name, sizeof(c->name), "%s", T->ok[i]->name);
        }
    }
    screen(T, ent, n_ph, t0 + 0.5 * share_s);
    struct tune_pair pairs[MAX_PAIRS];
    const size_t n_pairs = pick_finalists(T, ent, n_ph, pairs);
    final_rounds(T, ent, n_ph, pairs, n_pairs, t0 + share_s);
    return 0;
}

// ---------------------------------------------------------------------------- the run

static void fill_machine(struct tern_profile * p, const struct tern_cpu * cpu) {
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

static bool in_some_pair(const struct tern_variant * v, const struct tern_variant * all, size_t count,
                         const bool * verified) {
    for (size_t i = 0; i < count; i++) {
        if (verified[i] && all[i].mr == 1 && tern_same_layout(&all[i], v)) return true;
    }
    return false;
}

// Verifies every runnable variant; the failures become p->rejected, the rest that can be
// part of a pair T->ok.
static int pick_candidates(struct tuner * T) {
    size_t count;
    const struct tern_variant * all = tern_registry_variants(&count);
    bool * verified = calloc(count ? count : 1, sizeof(bool));
    T->ok = calloc(count ? count : 1, sizeof(*T->ok));
    T->p->rejected = calloc(count ? count : 1, sizeof(*T->p->rejected));
    if (!verified || !T->ok || !T->p->rejected) {
        free(verified);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if (!tern_variant_runnable(&all[i], T->cpu, NULL, 0)) continue;
        verified[i] = tune_verify(&all[i]);
        if (!verified[i]) snprintf(T->p->rejected[T->p->n_rejected++], sizeof(T->p->rejected[0]), "%s", all[i].name);
    }
    for (size_t i = 0; i < count; i++) {
        if (verified[i] && in_some_pair(&all[i], all, count, verified)) T->ok[T->n_ok++] = &all[i];
    }
    free(verified);
    return 0;
}

// The last-level cache the ring and the row-stream slices are sized against.
static size_t llc_bytes(const struct tern_profile * p) {
    return p->l3 ? p->l3 : p->l2 ? p->l2 : (size_t) 32 << 20;
}

static int setup_bench(struct tuner * T, char * err, size_t err_size) {
    const struct tern_tune_request * req = T->req;
    int max_threads = 1;
    size_t max_k = 0, max_n = 0, max_t = 0, max_packed = 0, max_prep = 0;
    for (size_t i = 0; i < req->n_threads; i++) max_threads = req->threads[i] > max_threads ? req->threads[i] : max_threads;
    for (size_t i = 0; i < req->n_tokens; i++) max_t = req->tokens[i] > max_t ? req->tokens[i] : max_t;
    max_t = max_t > VALIDATE_MAX_TOKENS ? max_t : VALIDATE_MAX_TOKENS;
    for (size_t s = 0; s < req->n_shapes; s++) {
        const size_t k = req->shapes[s].k, n = req->shapes[s].n;
        max_k = k > max_k ? k : max_k;
        max_n = n > max_n ? n : max_n;
        for (size_t i = 0; i < T->n_ok; i++) {
            const size_t bytes = tern_variant_packed_bytes(T->ok[i], n, k), prep = tern_variant_prep_bytes(T->ok[i], k);
            max_packed = bytes > max_packed ? bytes : max_packed;
            max_prep = prep > max_prep ? prep : max_prep;
        }
    }
    return tune_bench_init(&T->b, max_threads, max_k, max_n, max_t, max_packed, max_prep, llc_bytes(T->p), err, err_size);
}

// For the record (decisions do not use it), with the time left over: 0 if none. A
// measurement fills a buffer the ring's size and reads it BW_PASSES times.
static void measure_bandwidth(struct tuner * T, double deadline) {
    const double expect_s = (1 + BW_PASSES) * T->b.fill_s;
    for (int t = 0; t < T->p->n_threads && tern_now_s() + expect_s < deadline; t++) {
        T->p->read_bw[t] = tern_read_bandwidth(T->b.pool, T->p->threads[t], T->b.ring_bytes, BW_PASSES);
    }
}

static bool request_ok(const struct tern_tune_request * req, char * err, size_t err_size) {
    if (req->n_shapes == 0 || req->n_threads == 0 || req->n_tokens == 0 || req->n_threads > TERN_TUNE_MAX_THREADS ||
        req->n_tokens > MAX_PHASES) {
        snprintf(err, err_size, "nothing to tune (shapes, 1..%d phases and 1..%d thread counts are needed)", MAX_PHASES,
                 TERN_TUNE_MAX_THREADS);
        return false;
    }
    for (size_t i = 0; i < req->n_threads; i++) {
        if (req->threads[i] < 1 || req->threads[i] > 256) {
            snprintf(err, err_size, "thread count %d is out of range 1..256", req->threads[i]);
            return false;
        }
    }
    size_t max_k = 0;
    for (size_t s = 0; s < req->n_shapes; s++) max_k = req->shapes[s].k > max_k ? req->shapes[s].k : max_k;
    if (req->stream_k > max_k) {
        snprintf(err, err_size, "row-stream length %zu is longer than every shape's k (at most %zu)", req->stream_k, max_k);
        return false;
    }
    for (size_t i = 0; i < req->n_tokens; i++) {
        if (req->tokens[i] < 1 || req->tokens[i] > 4096) {
            snprintf(err, err_size, "tokens per call %zu is out of range 1..4096", req->tokens[i]);
            return false;
        }
    }
    return true;
}

static void progress(const struct tern_tune_request * req, double fraction, const char * fmt, size_t k, size_t n,
                     const char * name, int threads) {
    if (!req->progress) return;
    char what[160];
    if (name) {
        snprintf(what, sizeof(what), fmt, name, k, n, threads, threads == 1 ? "" : "s");
    } else {
        snprintf(what, sizeof(what), fmt, threads, threads == 1 ? "" : "s");
    }
    req->progress(req->user, fraction, what);
}

// Groups (shape, thread count) share the budget by their work: k * n / threads.
static int tune_all(struct tuner * T, double deadline) {
    const struct tern_tune_request * req = T->req;
    double weight_left = 0;
    for (size_t s = 0; s < req->n_shapes; s++) {
        for (size_t th = 0; th < req->n_threads; th++) {
            weight_left += (double) req->shapes[s].k * (double) req->shapes[s].n / req->threads[th];
        }
    }
    const double n_groups = (double) (req->n_shapes * req->n_threads);
    for (size_t s = 0; s < req->n_shapes; s++) {
        for (size_t th = 0; th < req->n_threads; th++) {
            const double w = (double) req->shapes[s].k * (double) req->shapes[s].n / req->threads[th];
            const double now = tern_now_s(), share = (deadline - now) * w / weight_left;
            weight_left -= w;
            progress(req, (1.0 - VALIDATE_SHARE) * (double) (s * req->n_threads + th) / n_groups,
                     "%s k%zu n%zu, %d thread%s", req->shapes[s].k, req->shapes[s].n, req->shapes[s].name,
                     req->threads[th]);
            if (tune_group(T, s, th, share > 0 ? share : 0) != 0) return -1;
        }
    }
    return 0;
}

// Each thread count's share of the time left to `deadline`.
static void streams_all(struct tuner * T, double deadline) {
    const struct tern_tune_request * req = T->req;
    for (size_t th = 0; req->stream_k && th < req->n_threads; th++) {
        progress(req, 1.0 - VALIDATE_SHARE, "row-stream prefetch, %d thread%s", 0, 0, NULL, req->threads[th]);
        const double share = (deadline - tern_now_s()) / (double) (req->n_threads - th);
        tune_streams(&T->b, T->p, req->stream_k, llc_bytes(T->p), req->threads[th], tern_now_s() + share);
    }
}

static void validate_all(struct tuner * T, double deadline) {
    const struct tern_tune_request * req = T->req;
    size_t pp = VALIDATE_MAX_TOKENS;
    for (size_t i = 0; i < req->n_tokens; i++) {
        if (req->tokens[i] > 1 && req->tokens[i] < pp) pp = req->tokens[i];
    }
    for (size_t th = 0; th < req->n_threads; th++) {
        progress(req, 1.0 - VALIDATE_SHARE * (double) (req->n_threads - th) / (double) req->n_threads,
                 "whole plan vs heuristic plan, %d thread%s", 0, 0, NULL, req->threads[th]);
        const double share = (deadline - tern_now_s()) / (double) (req->n_threads - th);
        struct tern_tune_validation * v = &T->p->validation[T->p->n_validation];
        tune_validate(&T->b, T->p, req->shapes, req->n_shapes, req->threads[th], pp, share, v);
        T->p->n_validation++;
    }
}

struct tern_profile * tern_tune_run(const struct tern_tune_request * req, char * err, size_t err_size) {
    const double t_start = tern_now_s();
    if (!request_ok(req, err, err_size)) return NULL;
    struct tuner T = { .req = req, .cpu = tern_cpu_get() };
    struct tern_profile * p = T.p = calloc(1, sizeof(*p));
    if (!p) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    fill_machine(p, T.cpu);
    snprintf(p->preset, sizeof(p->preset), "%s", req->preset ? req->preset : "");
    p->budget_s = req->budget_s;
    p->n_threads = (int) req->n_threads;
    for (size_t i = 0; i < req->n_threads; i++) p->threads[i] = req->threads[i];
    p->n_entries = req->n_shapes * req->n_tokens * req->n_threads;
    p->entries = calloc(p->n_entries, sizeof(*p->entries));
    int rc = p->entries && pick_candidates(&T) == 0 ? 0 : -1;
    if (rc) snprintf(err, err_size, "out of memory");
    if (!rc && T.n_ok == 0) {
        snprintf(err, err_size, "no kernel variant passed verification on this CPU");
        rc = -1;
    }
    tune_plan_heuristic(T.cpu, p, &T.heuristic);
    if (!rc) rc = setup_bench(&T, err, err_size);
    if (!rc) {
        const double left = req->budget_s - (tern_now_s() - t_start);
        const double deadline = t_start + req->budget_s;
        rc = tune_all(&T, deadline - (VALIDATE_SHARE + STREAM_SHARE) * (left > 0 ? left : 0));
        if (rc) snprintf(err, err_size, "out of memory");
    }
    if (!rc) {
        const double left = t_start + req->budget_s - tern_now_s();
        streams_all(&T, tern_now_s() + STREAM_SHARE / (VALIDATE_SHARE + STREAM_SHARE) * (left > 0 ? left : 0));
        validate_all(&T, t_start + req->budget_s);
        measure_bandwidth(&T, t_start + req->budget_s);
        if (req->progress) req->progress(req->user, 1.0, "done");
    }
    p->elapsed_s = tern_now_s() - t_start;
    tune_bench_free(&T.b);
    free(T.ok);
    if (rc) {
        tern_profile_free(p);
        return NULL;
    }
    return p;
}
