// `tern tune` / `tern tune --show` output: the plan a profile decides, why, the measurements
// behind it and the end-to-end validation.

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tern/stats.h"
#include "tune-show.h"

// The final's median, else the screening estimate (shown with n = 0).
static double time_of(const struct tern_tune_candidate * c) {
    if (!c) return NAN;
    return c->n_final ? tern_median(c->final_us, (size_t) c->n_final) : c->estimate_us > 0 ? c->estimate_us : NAN;
}

static double bw_for(const struct tern_profile * p, int threads) {
    for (int t = 0; t < p->n_threads; t++) {
        if (p->threads[t] == threads && p->read_bw[t] > 0) return p->read_bw[t];
    }
    return NAN;
}

// The best screening estimate among e's scalar candidates (how far SIMD gets).
static double best_scalar(const struct tern_tune_entry * e) {
    double best = NAN;
    for (size_t i = 0; i < e->n_cand; i++) {
        const struct tern_tune_candidate * c = &e->cand[i];
        if (c->v && c->v->isa == TERN_ISA_SCALAR && !(c->estimate_us >= best)) best = c->estimate_us;
    }
    return best;
}

// True if entry i is the first of its shape and thread count (the plan is per shape).
static bool first_of_shape(const struct tern_profile * p, size_t i) {
    const struct tern_tune_entry * e = &p->entries[i];
    for (size_t j = 0; j < i; j++) {
        const struct tern_tune_entry * f = &p->entries[j];
        if (f->threads == e->threads && f->shape.k == e->shape.k && f->shape.n == e->shape.n) return false;
    }
    return true;
}

static void print_plans(const struct tern_profile * p, const struct tern_cpu * cpu) {
    printf("\nplan per layer shape (a measured pair replaces the heuristic one only when faster by > %.0f %% with p < %.2g;"
           " cost = decode + prefill per prompt token):\n", 100.0 * TERN_PLAN_MIN_GAIN, TERN_PLAN_ALPHA);
    printf("%3s  %-20s %-11s %-30s %-30s %9s  %s\n", "thr", "shape", "k x n", "decode", "prefill", "cost_us", "why");
    for (int t = 0; t < p->n_threads; t++) {
        for (size_t i = 0; i < p->n_entries; i++) {
            const struct tern_tune_entry * e = &p->entries[i];
            if (e->threads != p->threads[t] || !first_of_shape(p, i)) continue;
            struct tern_plan_choice c;
            tern_plan_choose(cpu, p, e->shape.k, e->shape.n, e->threads, &c);
            char kn[32], d[96], pf[96];
            snprintf(kn, sizeof(kn), "%zux%zu", e->shape.k, e->shape.n);
            char cost[32] = "-";
            if (isfinite(c.cost_us)) snprintf(cost, sizeof(cost), "%.1f", c.cost_us);
            printf("%3d  %-20.20s %-11s %-30s %-30s %9s  %s\n", e->threads, e->shape.name, kn,
                   tern_variant_label(c.decode, d, sizeof(d)), tern_variant_label(c.prefill, pf, sizeof(pf)), cost, c.why);
        }
    }
}

static void print_phases(const struct tern_profile * p, const struct tern_cpu * cpu) {
    printf("\n%-22s %-11s %-7s %3s  %-30s %9s %4s %7s %6s %7s %8s\n", "shape", "k x n", "phase", "thr", "plan's variant",
           "time_us", "n", "GB/s", "bw%", "GOP/s", "x scalar");
    for (size_t i = 0; i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        struct tern_plan_choice c;
        tern_plan_choose(cpu, p, e->shape.k, e->shape.n, e->threads, &c);
        const struct tern_variant * v = e->tokens == 1 ? c.decode : c.prefill;
        const struct tern_tune_candidate * cand = tern_entry_candidate(e, v);
        const double us = time_of(cand);
        char kn[32], phase[16], name[96];
        snprintf(kn, sizeof(kn), "%zux%zu", e->shape.k, e->shape.n);
        if (e->tokens == 1) snprintf(phase, sizeof(phase), "decode");
        else snprintf(phase, sizeof(phase), "pp%zu", e->tokens);
        const double gbps = v ? (double) tern_variant_packed_bytes(v, e->shape.n, e->shape.k) / us / 1e3 : NAN;
        const double gops = 2.0 * (double) e->tokens * (double) e->shape.k * (double) e->shape.n / us / 1e3;
        printf("%-22.22s %-11s %-7s %3d  %-30s %9.1f %4d %7.2f %6.1f %7.1f %8.1f\n", e->shape.name, kn, phase, e->threads,
               tern_variant_label(v, name, sizeof(name)), us, cand ? cand->n_final : 0, gbps,
               100.0 * gbps * 1e9 / bw_for(p, e->threads), gops, best_scalar(e) / us);
    }
}

static void print_validation(const struct tern_profile * p) {
    if (p->n_validation == 0) return;
    const struct tern_tune_validation * v0 = &p->validation[0];
    printf("\nend to end, tuned plan vs heuristic plan (synthetic model: %d layers of the preset's linears, weights "
           "streamed; interleaved rounds):\n", v0->layers);
    for (int i = 0; i < p->n_validation; i++) {
        const struct tern_tune_validation * v = &p->validation[i];
        const char * verdict = "HEURISTIC plan kept (the tuned one was not measurably faster, or slower in tg or pp)";
        if (strcmp(v->verdict, "same") == 0) verdict = "the tuned plan is the heuristic plan";
        if (strcmp(v->verdict, "tuned") == 0) verdict = "tuned plan kept (faster)";
        if (v->samples == 0) {
            printf("%3d thread%s: not measured (no time left in the budget): %s\n", v->threads, v->threads == 1 ? " " : "s",
                   verdict);
            continue;
        }
        printf("%3d thread%s: tg %.1f vs %.1f us/token, pp%zu %.1f vs %.1f us/token, %d rounds, p = %.2g: %s\n",
               v->threads, v->threads == 1 ? " " : "s", v->tuned_tg_us, v->heuristic_tg_us, v->pp_tokens, v->tuned_pp_us,
               v->heuristic_pp_us, v->samples, v->p, verdict);
    }
}

static void print_streams(const struct tern_profile * p) {
    if (p->n_streams == 0) return;
    printf("\nhead rows (f16, %zu values; %zu rows from the ring), median us per matrix by prefetch distance:\n",
           p->streams[0].k, p->streams[0].rows);
    for (int i = 0; i < p->n_streams; i++) {
        const struct tern_tune_stream * s = &p->streams[i];
        printf("%3d thread%s:", s->threads, s->threads == 1 ? " " : "s");
        for (int d = 0; d < s->n_dist; d++) {
            const double us = tern_median(s->us[d], (size_t) s->n_samples);
            printf(" %zu B %.0f (%.1f GB/s)", s->dist[d], us, 2.0 * (double) (s->k * s->rows) / us / 1e3);
        }
        char why[200];
        tern_plan_prefetch(p, s->threads, why, sizeof(why));
        printf("; %d rounds: %s\n", s->n_samples, why);
    }
}

void tern_tune_show(const struct tern_profile * p, const struct tern_cpu * cpu) {
    printf("profile: %s\n", p->path[0] ? p->path : "(not saved)");
    printf("cpu: %s [%s], %d cores, L3 %zu KiB; registry %s; preset %s; tuned in %.1f s (budget %.0f s)\n", p->brand,
           p->signature, p->cores, p->l3 >> 10, p->registry, p->preset, p->elapsed_s, p->budget_s);
    printf("read bandwidth:");
    for (int t = 0; t < p->n_threads; t++) {
        if (p->read_bw[t] > 0) {
            printf(" %.1f GB/s (%d thread%s)", p->read_bw[t] / 1e9, p->threads[t], p->threads[t] == 1 ? "" : "s");
        } else {
            printf(" not measured (%d thread%s: no time left in the budget, or no memory for the buffer)", p->threads[t],
                   p->threads[t] == 1 ? "" : "s");
        }
    }
    printf("\n");
    for (size_t i = 0; i < p->n_rejected; i++) {
        printf("rejected: %s does not reproduce the reference on this CPU; never chosen\n", p->rejected[i]);
    }
    print_plans(p, cpu);
    print_phases(p, cpu);
    print_streams(p);
    print_validation(p);
}
