// Tuning profiles in memory: where they live, what they hold for a shape, freeing them.
// Pure C; the JSON reading and writing is profile-json.c.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/tune.h"

void tern_cpu_signature(const struct tern_cpu * cpu, char * buf, size_t size) {
    char brand[64];
    size_t j = 0;
    for (size_t i = 0; cpu->brand[i] && j + 1 < sizeof(brand); i++) {
        const char ch = cpu->brand[i];
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (ok) {
            brand[j++] = ch;
        } else if (j > 0 && brand[j - 1] != '-') {
            brand[j++] = '-';
        }
    }
    while (j > 0 && brand[j - 1] == '-') j--;
    brand[j] = '\0';
    snprintf(buf, size, "%s-%08x", j ? brand : "cpu", cpu->usable);
}

int tern_profile_default_path(char * buf, size_t size) {
    const char * xdg = getenv("XDG_CACHE_HOME"), * home = getenv("HOME");
    char sig[160];
    tern_cpu_signature(tern_cpu_get(), sig, sizeof(sig));
    int n;
    if (xdg && xdg[0]) {
        n = snprintf(buf, size, "%s/tern/profiles/%s.json", xdg, sig);
    } else if (home && home[0]) {
        n = snprintf(buf, size, "%s/.cache/tern/profiles/%s.json", home, sig);
    } else {
        return -1;
    }
    return n > 0 && (size_t) n < size ? 0 : -1;
}

int tern_profile_nearest_threads(const struct tern_profile * p, int threads) {
    int best = 0;
    double best_cost = INFINITY;
    for (int i = 0; p && i < p->n_threads; i++) {
        const double cost = fabs(log((double) p->threads[i] / (double) (threads > 0 ? threads : 1)));
        if (cost < best_cost) {
            best_cost = cost;
            best = p->threads[i];
        }
    }
    return best;
}

const struct tern_tune_entry * tern_profile_entry(const struct tern_profile * p, size_t k, size_t n, size_t tokens,
                                                 int threads) {
    for (size_t i = 0; p && i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        if (e->shape.k == k && e->shape.n == n && e->tokens == tokens && e->threads == threads) return e;
    }
    return NULL;
}

const struct tern_tune_validation * tern_profile_validation(const struct tern_profile * p, int threads) {
    for (int i = 0; p && i < p->n_validation; i++) {
        if (p->validation[i].threads == threads) return &p->validation[i];
    }
    return NULL;
}

const struct tern_tune_stream * tern_profile_stream(const struct tern_profile * p, int threads) {
    for (int i = 0; p && i < p->n_streams; i++) {
        if (p->streams[i].threads == threads) return &p->streams[i];
    }
    return NULL;
}

const struct tern_tune_candidate * tern_entry_candidate(const struct tern_tune_entry * e, const struct tern_variant * v) {
    for (size_t i = 0; e && v && i < e->n_cand; i++) {
        if (e->cand[i].v == v) return &e->cand[i];
    }
    return NULL;
}

void tern_profile_free(struct tern_profile * p) {
    if (!p) return;
    for (size_t i = 0; i < p->n_entries; i++) free(p->entries[i].cand);
    free(p->entries);
    free(p->rejected);
    free(p);
}
