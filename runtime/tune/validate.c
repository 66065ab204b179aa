// The whole plan end to end (see tune-internal.h). The synthetic model is the preset's
// per-layer linears run in sequence (each shape per_layer times) for a few layers, weights
// from the tuner's ring, so each pass streams them from DRAM as a model does: the part of
// a forward pass the plan decides. Tuned and heuristic plans alternate round by round.

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tern/stats.h"
#include "tune-internal.h"

#define LAYERS 2
#define MIN_ROUNDS 5            // 5 against 5 can reach p < 0.01 (4 against 4: 0.029)
#define MIN_TG_US 10000.0       // a tg sample repeats decode passes to last this long
#define MAX_SHAPES 64

struct plan {
    const struct tern_variant * decode[MAX_SHAPES], * prefill[MAX_SHAPES];
};

struct model {
    struct tune_bench * b;
    const struct tern_tune_shape * shapes;
    size_t n_shapes;
    int threads;
};

static double pass_us(const struct model * M, const struct plan * pl, size_t tokens) {
    const double t0 = tern_now_s();
    for (int l = 0; l < LAYERS; l++) {
        for (size_t s = 0; s < M->n_shapes; s++) {
            const struct tern_variant * v = tokens == 1 ? pl->decode[s] : pl->prefill[s];
            for (int j = 0; j < M->shapes[s].per_layer; j++) {
                tune_call_us(M->b, v, M->shapes[s].k, M->shapes[s].n, tokens, M->threads);
            }
        }
    }
    return (tern_now_s() - t0) * 1e6;
}

// One round for one plan: time per generated token, then per prompt token.
static void sample(const struct model * M, const struct plan * pl, size_t pp_tokens, double * tg, double * pp) {
    double total = 0;
    int passes = 0;
    while (total < MIN_TG_US || passes < 2) {
        total += pass_us(M, pl, 1);
        passes++;
    }
    *tg = total / passes;
    *pp = pass_us(M, pl, pp_tokens) / (double) pp_tokens;
}

void tune_validate(struct tune_bench * b, const struct tern_profile * p, const struct tern_tune_shape * shapes,
                   size_t n_shapes, int threads, size_t pp_tokens, double budget_s, struct tern_tune_validation * out) {
    const double t_start = tern_now_s();
    const struct tern_cpu * cpu = tern_cpu_get();
    n_shapes = n_shapes < MAX_SHAPES ? n_shapes : MAX_SHAPES;
    struct plan plans[2];               // [0] tuned, [1] heuristic
    bool same = true;
    for (size_t s = 0; s < n_shapes; s++) {
        struct tern_plan_choice tuned, heuristic;
        tern_plan_choose(cpu, p, shapes[s].k, shapes[s].n, threads, &tuned);
        tune_plan_heuristic(cpu, p, &heuristic);
        plans[0].decode[s] = tuned.decode;
        plans[0].prefill[s] = tuned.prefill;
        plans[1].decode[s] = heuristic.decode;
        plans[1].prefill[s] = heuristic.prefill;
        same = same && tuned.decode == heuristic.decode && tuned.prefill == heuristic.prefill;
    }
    const struct model M = { b, shapes, n_shapes, threads };
    double tg[2][TERN_TUNE_MAX_FINAL], pp[2][TERN_TUNE_MAX_FINAL], cost[2][TERN_TUNE_MAX_FINAL];
    int rounds = 0;
    // Within budget_s (a round is expected to last what the warm-up did). The same plan twice
    // only records the noise: the least rounds a verdict could use do. Too few rounds for
    // p < 0.05 keep the heuristic plan.
    const int max_rounds = same ? MIN_ROUNDS : TERN_TUNE_MAX_FINAL;
    double round_s = 0;
    for (int i = 0; i < 2 && budget_s > 0; i++) {
        const double t0 = tern_now_s();
        pass_us(&M, &plans[i], pp_tokens);
        pass_us(&M, &plans[i], 1);
        round_s += tern_now_s() - t0 + MIN_TG_US * 1e-6;      // a sample repeats decode passes
    }
    while (rounds < max_rounds && tern_now_s() + round_s - t_start < budget_s) {
        for (int j = 0; j < 2; j++) {
            const int i = (j + rounds) % 2;
            sample(&M, &plans[i], pp_tokens, &tg[i][rounds], &pp[i][rounds]);
            cost[i][rounds] = tg[i][rounds] + pp[i][rounds];
        }
        rounds++;
    }
    const double tuned_cost = tern_median(cost[0], (size_t) rounds), heuristic_cost = tern_median(cost[1], (size_t) rounds);
    *out = (struct tern_tune_validation) {
        .threads = threads, .layers = LAYERS, .pp_tokens = pp_tokens, .samples = rounds,
        .tuned_tg_us = tern_median(tg[0], (size_t) rounds), .tuned_pp_us = tern_median(pp[0], (size_t) rounds),
        .heuristic_tg_us = tern_median(tg[1], (size_t) rounds), .heuristic_pp_us = tern_median(pp[1], (size_t) rounds),
        .p = tern_mann_whitney_p(cost[0], (size_t) rounds, cost[1], (size_t) rounds),
    };
    // Kept only if faster overall and measurably slower in neither phase: a plan that trades
    // prompt speed for generation speed (or back) is not what a user asked the tuner for.
    bool slower_phase = false;
    for (int ph = 0; ph < 2; ph++) {
        const double (*x)[TERN_TUNE_MAX_FINAL] = ph ? pp : tg;
        const double t = tern_median(x[0], (size_t) rounds), h = tern_median(x[1], (size_t) rounds);
        slower_phase |= t > h * (1 + TERN_PLAN_MIN_GAIN) &&
                        tern_mann_whitney_p(x[0], (size_t) rounds, x[1], (size_t) rounds) < TERN_PLAN_ALPHA;
    }
    const bool faster = tuned_cost < heuristic_cost && out->p < TERN_PLAN_ALPHA && !slower_phase;
    snprintf(out->verdict, sizeof(out->verdict), "%s", same ? "same" : faster ? "tuned" : "heuristic");
}
