// Which kernel variants a model's linear layers use. A layer keeps ONE packed copy of its
// weights, so its decode variant (MR = 1) and prefill variant (MR > 1) must share a layout:
// same format, ISA, NR, KB and vector width. With a tuning profile for this CPU the pair is
// chosen from its measurements (least decode time + prefill time per prompt token); without
// one, a rule of thumb (i2s, richest ISA, largest prefill tile, its MR = 1 sibling).

#include <math.h>
#include <string.h>

#include "plan.h"

static bool same_layout(const struct tern_variant * a, const struct tern_variant * b) {
    return a->wfmt == b->wfmt && a->isa == b->isa && a->nr == b->nr && a->kb == b->kb && a->vbytes == b->vbytes &&
           a->pack == b->pack && a->prep == b->prep;
}

#if defined(TERN_HAVE_CJSON)
static double median_in(const struct tern_tune_entry * e, const struct tern_variant * v) {
    for (size_t i = 0; e && i < e->n_cand; i++) {
        if (e->cand[i].v == v && e->cand[i].samples > 0) return e->cand[i].median_us;
    }
    return INFINITY;
}
#endif

// The partner of decode variant d: the prefill variant of d's layout with the lowest
// measured time (entry may be NULL), else the largest MR. NULL if d's layout has none.
static const struct tern_variant * partner(const struct tern_variant * d, const struct tern_cpu * cpu,
                                           const void * prefill_entry, double * time) {
    size_t count;
    const struct tern_variant * all = tern_registry_variants(&count), * best = NULL;
    double best_t = INFINITY;
    (void) prefill_entry;
    for (size_t i = 0; i < count; i++) {
        const struct tern_variant * v = &all[i];
        if (v->mr <= 1 || !same_layout(v, d) || !tern_variant_runnable(v, cpu, NULL, 0)) continue;
        double t = INFINITY;
#if defined(TERN_HAVE_CJSON)
        t = median_in(prefill_entry, v);
#endif
        if (!best || t < best_t || (t == best_t && v->mr > best->mr)) {
            best = v;
            best_t = t;
        }
    }
    *time = best_t;
    return best;
}

static void heuristic(const struct tern_cpu * cpu, struct tern_plan_choice * out) {
    size_t count;
    const struct tern_variant * all = tern_registry_variants(&count);
    long best_rank = -1;
    for (size_t i = 0; i < count; i++) {
        const struct tern_variant * d = &all[i];
        if (d->mr != 1 || !tern_variant_runnable(d, cpu, NULL, 0)) continue;
        double t;
        const struct tern_variant * p = partner(d, cpu, NULL, &t);
        // i2s first (it wins on every CPU measured so far; the tuner finds the exceptions), then
        // the richer ISA (more required features), the largest prefill tile, the widest decode tile.
        const long rank = (d->wfmt == TERN_WFMT_I2S) * 100000000L + __builtin_popcount(tern_isa_features(d->isa)) * 1000000L +
                          (p ? (long) (p->mr * p->nr) : 0) * 100 + (long) d->nr;
        if (rank > best_rank) {
            best_rank = rank;
            out->decode = d;
            out->prefill = p ? p : d;
        }
    }
}

void tern_plan_choose(const struct tern_cpu * cpu, const struct tern_profile * profile, size_t k, size_t n,
                      int threads, struct tern_plan_choice * out) {
    memset(out, 0, sizeof(*out));
#if defined(TERN_HAVE_CJSON)
    const struct tern_tune_entry * de = profile ? tern_profile_entry(profile, k, n, 1, threads) : NULL;
    const struct tern_tune_entry * pe = profile ? tern_profile_entry(profile, k, n, 64, threads) : NULL;
    if (de) {
        // The pair with the least time per token of decode plus prefill (per prompt token), so
        // a decode win by noise cannot drag a much slower prefill kernel along with its layout.
        double best = INFINITY;
        const double per_tok = pe ? (double) pe->tokens : 1.0;
        for (size_t i = 0; i < de->n_cand; i++) {
            const struct tern_variant * d = de->cand[i].v;
            double t_pre;
            if (!d || d->mr != 1 || !tern_variant_runnable(d, cpu, NULL, 0)) continue;
            const struct tern_variant * p = partner(d, cpu, pe, &t_pre);
            const double t_dec = median_in(de, d);
            if (!p || !isfinite(t_dec)) continue;
            const double cost = t_dec + (pe ? (isfinite(t_pre) ? t_pre / per_tok : 1e12) : 0.0);
            if (cost < best) {
                best = cost;
                out->decode = d;
                out->prefill = p;
            }
        }
        if (out->decode) {
            out->from_profile = true;
            return;
        }
    }
#else
    (void) profile;
    (void) k;
    (void) n;
    (void) threads;
#endif
    heuristic(cpu, out);
}

// The decode or prefill half of the heuristic pair (tern/tune.h).
const struct tern_variant * tern_variant_heuristic(const struct tern_cpu * cpu, size_t tokens) {
    struct tern_plan_choice c = { 0 };
    heuristic(cpu, &c);
    return tokens == 1 ? c.decode : c.prefill;
}
