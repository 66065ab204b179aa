// The kernel plan of a layer shape (see tern/tune.h): a decode + prefill pair over one
// layout, the rule of thumb by default, another pair only when a profile's interleaved
// measurements show it faster with significance.

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tern/stats.h"
#include "tune-internal.h"

const char * tern_variant_label(const struct tern_variant * v, char * buf, size_t size) {
    const char * tile = v ? strstr(v->name, "_ukernel_") : NULL;
    if (!tile) return v ? v->name : "-";
    snprintf(buf, size, "%s %s", tern_wfmt_name(v->wfmt), tile + strlen("_ukernel_"));
    return buf;
}

// One pack kernel and one prep kernel make the same bytes whichever ISA runs the tiles, so a
// pair may cross ISAs (AMX prefill tiles decode with the AVX-512 VNNI ones).
bool tern_same_layout(const struct tern_variant * a, const struct tern_variant * b) {
    return a->wfmt == b->wfmt && a->nr == b->nr && a->kb == b->kb && a->vbytes == b->vbytes && a->pack == b->pack &&
           a->prep == b->prep;
}

static bool usable(const struct tern_variant * v, const struct tern_cpu * cpu, const struct tern_profile * profile) {
    if (!tern_variant_runnable(v, cpu, NULL, 0)) return false;
    for (size_t i = 0; profile && i < profile->n_rejected; i++) {
        if (strcmp(profile->rejected[i], v->name) == 0) return false;
    }
    return true;
}

// A layout without an MR > 1 kernel prefills with its decode kernel, hence "itself included".
void tune_each_pair(const struct tern_cpu * cpu, const struct tern_profile * profile,
                    void (*fn)(void * ctx, struct tune_pair pr), void * ctx) {
    size_t count;
    const struct tern_variant * all = tern_registry_variants(&count);
    for (size_t i = 0; i < count; i++) {
        if (all[i].mr != 1 || !usable(&all[i], cpu, profile)) continue;
        for (size_t j = 0; j < count; j++) {
            if (!tern_same_layout(&all[i], &all[j]) || !usable(&all[j], cpu, profile)) continue;
            fn(ctx, (struct tune_pair) { &all[i], &all[j] });
        }
    }
}

// ---------------------------------------------------------------------------- the rule of thumb

static int is_i2s(struct tune_pair pr) { return pr.d->wfmt == TERN_WFMT_I2S; }
static int richness(uint32_t features) { return __builtin_popcount(features); }
static int isa_richness(struct tune_pair pr) { return richness(tern_isa_features(pr.d->isa) | tern_isa_features(pr.p->isa)); }
static int prefill_isa_richness(struct tune_pair pr) { return richness(tern_isa_features(pr.p->isa)); }
static int decode_isa_richness(struct tune_pair pr) { return richness(tern_isa_features(pr.d->isa)); }
static int has_prefill_tile(struct tune_pair pr) { return pr.p->mr > 1; }
// Per mille of a token block's tile rows that hold tokens (MR 12 fills 64 of 72).
static int fills_token_block(struct tune_pair pr) {
    const size_t mr = pr.p->mr, tiles = (TERN_TOKEN_BLOCK + mr - 1) / mr;
    return (int) (1000 * TERN_TOKEN_BLOCK / (tiles * mr));
}
static int prefill_tile(struct tune_pair pr) { return (int) (pr.p->mr * pr.p->nr); }
static int decode_width(struct tune_pair pr) { return (int) pr.d->nr; }
static int decode_prefetches(struct tune_pair pr) { return pr.d->pf > 0; }

// Most important first; the first criterion on which two pairs differ decides (a full tie
// keeps registry order).
static int (* const heuristic_rule[])(struct tune_pair pr) = {
    is_i2s,             // i2s weights (the tuner finds the shapes where a LUT format wins)
    isa_richness,       // the richer ISAs (more CPU features the pair requires in all)
    prefill_isa_richness,   // of those, the pair whose prefill tile uses the richer ISA ...
    decode_isa_richness,    // ... and then its decode tile
    has_prefill_tile,   // a prefill kernel with MR > 1 in the layout
    fills_token_block,  // no token tile rows wasted in a prefill's token blocks
    prefill_tile,       // the larger prefill tile (MR x NR)
    decode_width,       // the wider decode tile (NR)
    decode_prefetches,  // a decode tile that prefetches its panel ahead (the hardware prefetcher
                        // alone leaves a core's streams short of the bandwidth)
};

static bool heuristic_prefers(struct tune_pair a, struct tune_pair b) {
    for (size_t i = 0; i < sizeof(heuristic_rule) / sizeof(heuristic_rule[0]); i++) {
        const int sa = heuristic_rule[i](a), sb = heuristic_rule[i](b);
        if (sa != sb) return sa > sb;
    }
    return false;
}

static void keep_preferred(void * ctx, struct tune_pair pr) {
    struct tune_pair * best = ctx;
    if (!best->d || heuristic_prefers(pr, *best)) *best = pr;
}

void tune_plan_heuristic(const struct tern_cpu * cpu, const struct tern_profile * profile,
                         struct tern_plan_choice * out) {
    struct tune_pair best = { 0 };
    tune_each_pair(cpu, profile, keep_preferred, &best);
    *out = (struct tern_plan_choice) { .decode = best.d, .prefill = best.p, .cost_us = NAN, .heuristic_cost_us = NAN,
                                       .p = NAN };
    snprintf(out->why, sizeof(out->why), "%s", best.d ? "heuristic: no measurements" : "no kernel variant runs here");
}

void tern_plan_heuristic(const struct tern_cpu * cpu, struct tern_plan_choice * out) {
    tune_plan_heuristic(cpu, NULL, out);
}

// ---------------------------------------------------------------------------- from measurements


void tune_find_phases(const struct tern_profile * p, size_t k, size_t n, int threads, struct tune_phases * ph) {
    memset(ph, 0, sizeof(*ph));
    for (size_t i = 0; p && i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        if (e->shape.k != k || e->shape.n != n || e->threads != threads) continue;
        if (e->tokens == 1) {
            ph->decode = e;
        } else if (ph->n_prefill < sizeof(ph->prefill) / sizeof(ph->prefill[0])) {
            ph->prefill[ph->n_prefill++] = e;
        }
    }
}

// A phase the profile lacks costs every pair the same: nothing.
int tune_pair_costs(const struct tune_phases * ph, struct tune_pair pr, enum tune_phase_set phases, double * cost) {
    int rounds = TERN_TUNE_MAX_FINAL;
    for (int r = 0; r < TERN_TUNE_MAX_FINAL; r++) cost[r] = 0;
    if (ph->decode && (phases & TUNE_DECODE)) {
        const struct tern_tune_candidate * c = tern_entry_candidate(ph->decode, pr.d);
        if (!c) return 0;
        rounds = c->n_final < rounds ? c->n_final : rounds;
        for (int r = 0; r < rounds; r++) cost[r] += c->final_us[r];
    }
    for (size_t i = 0; (phases & TUNE_PREFILL) && i < ph->n_prefill; i++) {
        const struct tern_tune_candidate * c = tern_entry_candidate(ph->prefill[i], pr.p);
        if (!c) return 0;
        rounds = c->n_final < rounds ? c->n_final : rounds;
        const double per_token = 1.0 / ((double) ph->prefill[i]->tokens * (double) ph->n_prefill);
        for (int r = 0; r < rounds; r++) cost[r] += c->final_us[r] * per_token;
    }
    return rounds;
}

struct contest {
    const struct tune_phases * ph;
    struct tune_pair heuristic, best;
    double best_cost[TERN_TUNE_MAX_FINAL], best_median;
    int best_n, tried;
    int slower_phase;         // pairs left out for being slower in one phase
};

// Whether the pair is slower than the heuristic pair in one phase alone, by more than the
// effect size and significantly: a faster decode kernel must not buy a slower prefill
// (or the other way round) even where their sum is faster.
static bool slower_in_a_phase(const struct contest * c, struct tune_pair pr) {
    const enum tune_phase_set each[] = { TUNE_DECODE, TUNE_PREFILL };
    for (size_t i = 0; i < sizeof(each) / sizeof(each[0]); i++) {
        double x[TERN_TUNE_MAX_FINAL], h[TERN_TUNE_MAX_FINAL];
        const int nx = tune_pair_costs(c->ph, pr, each[i], x), nh = tune_pair_costs(c->ph, c->heuristic, each[i], h);
        if (nx == 0 || nh == 0) continue;
        const double mx = tern_median(x, (size_t) nx), mh = tern_median(h, (size_t) nh);
        if (mx > mh * (1 + TERN_PLAN_MIN_GAIN) && tern_mann_whitney_p(x, (size_t) nx, h, (size_t) nh) < TERN_PLAN_ALPHA) {
            return true;
        }
    }
    return false;
}

static void consider(void * ctx, struct tune_pair pr) {
    struct contest * c = ctx;
    if (pr.d == c->heuristic.d && pr.p == c->heuristic.p) return;
    double cost[TERN_TUNE_MAX_FINAL];
    const int n = tune_pair_costs(c->ph, pr, TUNE_BOTH, cost);
    if (n < TERN_PLAN_MIN_SAMPLES) return;
    c->tried++;
    if (slower_in_a_phase(c, pr)) {
        c->slower_phase++;
        return;
    }
    const double m = tern_median(cost, (size_t) n);
    if (!c->best.d || m < c->best_median) {
        c->best = pr;
        c->best_median = m;
        c->best_n = n;
        memcpy(c->best_cost, cost, sizeof(cost));
    }
}

void tern_plan_choose(const struct tern_cpu * cpu, const struct tern_profile * profile, size_t k, size_t n,
                      int threads, struct tern_plan_choice * out) {
    tune_plan_heuristic(cpu, profile, out);
    const int t = tern_profile_nearest_threads(profile, threads);
    struct tune_phases ph;
    tune_find_phases(profile, k, n, t, &ph);
    if (!out->decode || (!ph.decode && ph.n_prefill == 0)) return;
    out->from_profile = true;
    double heuristic_cost[TERN_TUNE_MAX_FINAL];
    const struct tune_pair heuristic = { out->decode, out->prefill };
    struct contest c = { .ph = &ph, .heuristic = heuristic };
    tune_each_pair(cpu, profile, consider, &c);
    const int nh = tune_pair_costs(&ph, heuristic, TUNE_BOTH, heuristic_cost);
    if (nh > 0) {
        out->heuristic_cost_us = out->cost_us = tern_median(heuristic_cost, (size_t) nh);
        out->samples = nh;
    }
    if (!c.best.d && c.slower_phase > 0) {
        snprintf(out->why, sizeof(out->why), "heuristic: %d other pair%s measured, each slower in decode or prefill",
                 c.slower_phase, c.slower_phase == 1 ? "" : "s");
        return;
    }
    if (!c.best.d) {
        snprintf(out->why, sizeof(out->why),
                 "heuristic: no other pair has %d rounds (those tried were slower in the first rounds, or time ran out)",
                 TERN_PLAN_MIN_SAMPLES);
        return;
    }
    if (nh < TERN_PLAN_MIN_SAMPLES) {
        snprintf(out->why, sizeof(out->why), "heuristic: the profile has %d samples of it (%d needed to compare)", nh,
                 TERN_PLAN_MIN_SAMPLES);
        return;
    }
    char best[176], d[80], p[80];
    snprintf(best, sizeof(best), "%s + %s", tern_variant_label(c.best.d, d, sizeof(d)),
             tern_variant_label(c.best.p, p, sizeof(p)));
    const double gain = 1.0 - c.best_median / out->heuristic_cost_us;
    const double alpha = TERN_PLAN_ALPHA / c.tried;     // the best of `tried` pairs: Bonferroni
    out->p = tern_mann_whitney_p(c.best_cost, (size_t) c.best_n, heuristic_cost, (size_t) nh);
    if (!(gain > TERN_PLAN_MIN_GAIN && out->p < alpha)) {
        snprintf(out->why, sizeof(out->why),
                 "heuristic: the best other pair (%s) is %.1f %% %s, p = %.2g (needs > %.0f %% and p < %.2g)",
                 best, 100.0 * fabs(gain), gain >= 0 ? "faster" : "slower", out->p, 100.0 * TERN_PLAN_MIN_GAIN, alpha);
        return;
    }
    const struct tern_tune_validation * val = tern_profile_validation(profile, t);
    if (val && strcmp(val->verdict, "heuristic") == 0) {
        snprintf(out->why, sizeof(out->why),
                 "heuristic: %s is %.1f %% faster here, but the tuned plan was not faster end to end",
                 best, 100.0 * gain);
        return;
    }
    out->decode = c.best.d;
    out->prefill = c.best.p;
    out->tuned = true;
    out->cost_us = c.best_median;
    out->samples = c.best_n;
    snprintf(out->why, sizeof(out->why), "tuned: %.1f %% faster than the heuristic pair, p = %.2g over %d rounds",
             100.0 * gain, out->p, c.best_n);
}
