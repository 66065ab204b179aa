// Sampling (see tern/sampler.h).

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <time.h>

#include "tern/rng.h"
#include "tern/sampler.h"

struct tern_sampler_params tern_sampler_defaults(void) {
    return (struct tern_sampler_params) { .temp = 0.8f, .top_k = 40, .top_p = 0.95f, .min_p = 0.05f,
                                          .repeat_penalty = 1.0f, .repeat_last_n = 64, .presence_penalty = 0.0f,
                                          .frequency_penalty = 0.0f, .seed = TERN_SEED_RANDOM };
}


static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// xoshiro256**: a uniform double in [0, 1).
static double uniform(uint64_t * s) {
    const uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return (double) (r >> 11) * 0x1p-53;
}

int tern_sampler_init(struct tern_sampler * s, const struct tern_sampler_params * p, size_t n_vocab) {
    memset(s, 0, sizeof(*s));
    s->p = *p;
    s->n_vocab = n_vocab;
    uint64_t seed = p->seed == TERN_SEED_RANDOM ? (uint64_t) time(NULL) ^ (uint64_t) clock() << 20 : p->seed;
    for (int i = 0; i < 4; i++) s->rng[i] = tern_splitmix64(&seed);
    s->cand = malloc(n_vocab * sizeof(*s->cand));
    const size_t n_last = p->repeat_last_n > 0 ? (size_t) p->repeat_last_n : 1;
    s->last = calloc(n_last, sizeof(int32_t));
    s->sorted = calloc(n_last, sizeof(int32_t));
    if (!s->cand || !s->last || !s->sorted) {
        tern_sampler_free(s);
        return -1;
    }
    return 0;
}

void tern_sampler_free(struct tern_sampler * s) {
    free(s->cand);
    free(s->last);
    free(s->sorted);
    memset(s, 0, sizeof(*s));
}

void tern_sampler_accept(struct tern_sampler * s, int32_t id) {
    if (s->p.repeat_last_n <= 0) return;
    s->last[s->at_last] = id;
    s->at_last = (s->at_last + 1) % (size_t) s->p.repeat_last_n;
    if (s->n_last < (size_t) s->p.repeat_last_n) s->n_last++;
}

static int by_id(const void * a, const void * b) {
    const int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;
    return (x > y) - (x < y);
}

static int by_logit_desc(const void * a, const void * b) {
    const struct tern_cand * x = a, * y = b;
    if (x->logit != y->logit) return x->logit < y->logit ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

// Restores the heap below j: the root of c[0..k) is the worst kept candidate.
static void sift_down(struct tern_cand * c, size_t k, size_t j) {
    for (;;) {
        size_t m = j;
        const size_t l = 2 * j + 1, r = l + 1;
        if (l < k && by_logit_desc(&c[l], &c[m]) > 0) m = l;
        if (r < k && by_logit_desc(&c[r], &c[m]) > 0) m = r;
        if (m == j) return;
        const struct tern_cand t = c[j];
        c[j] = c[m];
        c[m] = t;
        j = m;
    }
}

// The k largest candidates to the front, sorted (a bounded heap, O(n log k)).
static size_t top_k(struct tern_cand * c, size_t n, size_t k) {
    if (k >= n) {
        qsort(c, n, sizeof(*c), by_logit_desc);
        return n;
    }
    for (size_t i = k; i-- > 0;) sift_down(c, k, i);
    for (size_t i = k; i < n; i++) {
        if (by_logit_desc(&c[i], &c[0]) >= 0) continue;    // not better than the worst kept
        c[0] = c[i];
        sift_down(c, k, 0);
    }
    qsort(c, k, sizeof(*c), by_logit_desc);
    return k;
}

int32_t tern_sampler_sample(struct tern_sampler * s, const float * logits) {
    const size_t n = s->n_vocab;
    struct tern_cand * c = s->cand;
    for (size_t i = 0; i < n; i++) c[i] = (struct tern_cand) { (int32_t) i, logits[i] };
    // Penalties over the last repeat_last_n tokens, as llama.cpp: the repetition penalty
    // (CTRL: positive logits divided, negative multiplied) once per distinct token, then
    // count * frequency + presence subtracted.
    const bool penalize = s->p.repeat_penalty != 1.0f || s->p.presence_penalty != 0.0f || s->p.frequency_penalty != 0.0f;
    if (penalize && s->n_last) {
        memcpy(s->sorted, s->last, s->n_last * sizeof(int32_t));
        qsort(s->sorted, s->n_last, sizeof(int32_t), by_id);
        for (size_t i = 0, j; i < s->n_last; i = j) {
            const int32_t id = s->sorted[i];
            for (j = i; j < s->n_last && s->sorted[j] == id;) j++;
            if (id < 0 || (size_t) id >= n) continue;
            float l = c[id].logit;
            if (s->p.repeat_penalty != 1.0f) l = l > 0 ? l / s->p.repeat_penalty : l * s->p.repeat_penalty;
            c[id].logit = l - (float) (j - i) * s->p.frequency_penalty - s->p.presence_penalty;
        }
    }
    if (s->p.temp <= 0) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++) {
            if (c[i].logit > c[best].logit) best = i;
        }
        return c[best].id;
    }
    size_t m = top_k(c, n, s->p.top_k > 0 ? (size_t) s->p.top_k : n);
    // Softmax over the survivors (sorted, so c[0] is the max).
    double sum = 0;
    for (size_t i = 0; i < m; i++) sum += exp((double) c[i].logit - c[0].logit);
    if (s->p.top_p < 1.0f) {
        double cum = 0;
        for (size_t i = 0; i < m; i++) {
            cum += exp((double) c[i].logit - c[0].logit) / sum;
            if (cum >= s->p.top_p) {
                m = i + 1;
                break;
            }
        }
    }
    if (s->p.min_p > 0) {
        // keep p >= min_p * p_max, i.e. logit >= max + log(min_p)
        const double floor_logit = c[0].logit + log(s->p.min_p);
        size_t keep = 1;
        while (keep < m && c[keep].logit >= floor_logit) keep++;
        m = keep;
    }
    double total = 0;
    for (size_t i = 0; i < m; i++) total += exp(((double) c[i].logit - c[0].logit) / s->p.temp);
    double r = uniform(s->rng) * total;
    for (size_t i = 0; i < m; i++) {
        r -= exp(((double) c[i].logit - c[0].logit) / s->p.temp);
        if (r < 0) return c[i].id;
    }
    return c[m - 1].id;
}
