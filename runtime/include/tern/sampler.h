// Token sampling with llama.cpp's defaults and order: penalties (repetition, presence, frequency), top-k, top-p,
// min-p, temperature, then a draw from the seeded generator. temp <= 0 is greedy (argmax).
#pragma once

#include <stddef.h>
#include <stdint.h>

struct tern_sampler_params {
    float temp;              // 0.8
    int top_k;               // 40 (0 = off)
    float top_p;             // 0.95 (1 = off)
    float min_p;             // 0.05 (0 = off)
    float repeat_penalty;    // 1.0 (off)
    int repeat_last_n;       // 64: the window of the penalties
    float presence_penalty;  // 0 (off): subtracted once from every token in the window
    float frequency_penalty; // 0 (off): subtracted per occurrence in the window
    uint64_t seed;           // TERN_SEED_RANDOM = from the clock
};
#define TERN_SEED_RANDOM UINT64_MAX

struct tern_sampler_params tern_sampler_defaults(void);

struct tern_cand { int32_t id; float logit; };

struct tern_sampler {
    struct tern_sampler_params p;
    uint64_t rng[4];
    struct tern_cand * cand;     // (n_vocab)
    size_t n_vocab;
    int32_t * last;              // ring of the last repeat_last_n accepted tokens
    int32_t * sorted;            // scratch: the ring sorted, to count repeats
    size_t n_last, at_last;
};

int tern_sampler_init(struct tern_sampler * s, const struct tern_sampler_params * p, size_t n_vocab);
void tern_sampler_free(struct tern_sampler * s);
// Picks the next token from logits (n_vocab); does not remember it (see accept).
int32_t tern_sampler_sample(struct tern_sampler * s, const float * logits);
// Remembers a token (prompt or generated) for the repetition penalty.
void tern_sampler_accept(struct tern_sampler * s, int32_t id);
