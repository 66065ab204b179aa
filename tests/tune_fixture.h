// Hand-made tuning profiles for the tests: entries holding the final samples a tuner would
// have left, with noise from a seed. Free with tern_profile_free.
#pragma once

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tern/tune.h"

// An empty profile made on cpu (brand, features) by this build (registry), for `threads`.
static inline struct tern_profile * fixture_profile(const struct tern_cpu * cpu, const char * preset,
                                                    const int * threads, int n_threads) {
    struct tern_profile * p = calloc(1, sizeof(*p));
    if (!p) return NULL;
    snprintf(p->brand, sizeof(p->brand), "%s", cpu->brand);
    tern_cpu_signature(cpu, p->signature, sizeof(p->signature));
    p->features = cpu->usable;
    snprintf(p->registry, sizeof(p->registry), "%s", tern_registry_hash());
    snprintf(p->preset, sizeof(p->preset), "%s", preset);
    p->cores = 2;
    p->pus = 2;
    p->budget_s = 50;
    p->elapsed_s = 12.5;
    p->n_threads = n_threads;
    for (int t = 0; t < n_threads; t++) {
        p->threads[t] = threads[t];
        p->read_bw[t] = 10e9 * threads[t];
    }
    return p;
}

static inline struct tern_tune_entry * fixture_entry(struct tern_profile * p, const char * name, size_t k, size_t n,
                                                     size_t tokens, int threads) {
    struct tern_tune_entry * e = realloc(p->entries, (p->n_entries + 1) * sizeof(*e));
    if (!e) return NULL;
    p->entries = e;
    e = &p->entries[p->n_entries++];
    memset(e, 0, sizeof(*e));
    snprintf(e->shape.name, sizeof(e->shape.name), "%.63s", name);
    e->shape.k = k;
    e->shape.n = n;
    e->shape.per_layer = 1;
    e->tokens = tokens;
    e->threads = threads;
    return e;
}

// v in e with n_final samples around median_us, each off by up to +-noise (a fraction),
// deterministic from seed (n_final 0: screened only).
static inline void fixture_candidate(struct tern_tune_entry * e, const struct tern_variant * v, double median_us,
                                     double noise, int n_final, uint64_t seed) {
    struct tern_tune_candidate * c = realloc(e->cand, (e->n_cand + 1) * sizeof(*c));
    if (!c || !v) return;
    e->cand = c;
    c = &e->cand[e->n_cand++];
    memset(c, 0, sizeof(*c));
    c->v = v;
    snprintf(c->name, sizeof(c->name), "%s", v->name);
    c->estimate_us = median_us;
    c->n_final = n_final;
    uint64_t s = seed | 1;
    for (int i = 0; i < n_final; i++) {
        const double u = (double) (rng_next(&s) >> 11) / (double) (1ull << 53);    // [0, 1)
        c->final_us[i] = median_us * (1.0 + noise * (2.0 * u - 1.0));
    }
}

// A CPU that may use what `isa` requires and, as every real x86 CPU beyond AVX2 does, what
// avx2 requires (BMI2 is not part of AVX-512) (a fake brand: nothing runs on it).
static inline struct tern_cpu fixture_cpu(enum tern_isa isa) {
    enum tern_isa avx2;
    uint32_t f = tern_isa_features(isa);
    if (tern_isa_from_name("avx2", &avx2) && isa != TERN_ISA_SCALAR && (tern_isa_features(avx2) & f) != 0) {
        f |= tern_isa_features(avx2);
    }
    struct tern_cpu cpu = { .features = f, .usable = f };
    snprintf(cpu.brand, sizeof(cpu.brand), "fixture-%s", tern_isa_name(isa));
    return cpu;
}
