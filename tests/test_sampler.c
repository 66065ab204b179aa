// The sampler: greedy is argmax; top-k / top-p / min-p never let a token outside their set
// through; the frequencies follow softmax(logits / temp); the repetition penalty acts as
// llama.cpp's; a seed fixes the sequence.

#include <math.h>
#include <string.h>

#include "check.h"
#include "tern/sampler.h"

static struct tern_sampler make(struct tern_sampler_params p, size_t n) {
    struct tern_sampler s;
    if (tern_sampler_init(&s, &p, n)) exit(1);
    return s;
}

int main(void) {
    const float logits[6] = { 1.0f, 3.0f, 2.5f, -1.0f, 0.0f, 2.9f };
    struct tern_sampler_params p = tern_sampler_defaults();
    CHECK(p.temp == 0.8f && p.top_k == 40 && p.top_p == 0.95f && p.min_p == 0.05f && p.repeat_penalty == 1.0f,
          "llama.cpp's defaults");

    p.temp = 0;
    struct tern_sampler s = make(p, 6);
    CHECK(tern_sampler_sample(&s, logits) == 1, "greedy = argmax");
    tern_sampler_free(&s);

    // top-k 2: only ids 1 and 5 ever; their ratio follows exp((3.0 - 2.9) / temp).
    p = tern_sampler_defaults();
    p.top_k = 2, p.top_p = 1, p.min_p = 0, p.temp = 1, p.seed = 42;
    s = make(p, 6);
    int count[6] = { 0 };
    const int draws = 20000;
    for (int i = 0; i < draws; i++) count[tern_sampler_sample(&s, logits)]++;
    tern_sampler_free(&s);
    CHECK(count[0] + count[2] + count[3] + count[4] == 0, "top-k 2 let another token through");
    const double want = 1.0 / (1.0 + exp(-0.1));     // P(id 1) among {1, 5}
    const double got = (double) count[1] / draws, sigma = sqrt(want * (1 - want) / draws);
    CHECK(fabs(got - want) < 5 * sigma, "P(top) = %.4f, softmax says %.4f", got, want);

    // top-p 0.5: the smallest set reaching 0.5 of the mass (ids 1 and 5 here).
    p.top_k = 0, p.top_p = 0.5f;
    s = make(p, 6);
    memset(count, 0, sizeof(count));
    for (int i = 0; i < 5000; i++) count[tern_sampler_sample(&s, logits)]++;
    tern_sampler_free(&s);
    CHECK(count[1] > 0 && count[5] > 0 && count[0] + count[2] + count[3] + count[4] == 0, "top-p 0.5 set");

    // min-p 0.5: keep p >= 0.5 p_max, i.e. logit >= 3 + ln 0.5 = 2.31: ids 1, 5, 2.
    p.top_p = 1, p.min_p = 0.5f;
    s = make(p, 6);
    memset(count, 0, sizeof(count));
    for (int i = 0; i < 5000; i++) count[tern_sampler_sample(&s, logits)]++;
    tern_sampler_free(&s);
    CHECK(count[2] > 0 && count[0] + count[3] + count[4] == 0, "min-p 0.5 set");

    // Repetition penalty 2 on id 1 (3.0 -> 1.5): greedy now picks id 5; negative logits grow.
    p = tern_sampler_defaults();
    p.temp = 0, p.repeat_penalty = 2.0f;
    s = make(p, 6);
    tern_sampler_accept(&s, 1);
    CHECK(tern_sampler_sample(&s, logits) == 5, "repetition penalty");
    tern_sampler_free(&s);
    const float neg[3] = { -1.0f, -1.5f, -3.0f };
    s = make(p, 3);
    tern_sampler_accept(&s, 0);
    CHECK(tern_sampler_sample(&s, neg) == 1, "a negative logit is multiplied by the penalty");
    tern_sampler_free(&s);

    // Presence and frequency penalties (llama.cpp: logit - count * frequency - presence, once
    // per distinct token in the window): id 1 (3.0) seen 3 times, 3.0 - 3 * 0.05 - 0.05 = 2.8 < id 5's
    // 2.9; the presence penalty alone, counted once, leaves 2.95 first (thrice would be 2.85).
    p = tern_sampler_defaults();
    p.temp = 0, p.frequency_penalty = 0.05f, p.presence_penalty = 0.05f;
    s = make(p, 6);
    for (int i = 0; i < 3; i++) tern_sampler_accept(&s, 1);
    CHECK(tern_sampler_sample(&s, logits) == 5, "frequency + presence penalty");
    tern_sampler_free(&s);
    p.frequency_penalty = 0;
    s = make(p, 6);
    for (int i = 0; i < 3; i++) tern_sampler_accept(&s, 1);
    CHECK(tern_sampler_sample(&s, logits) == 1, "presence penalty counts a token once");
    tern_sampler_free(&s);

    // Same seed, same sequence; another seed, another one.
    p = tern_sampler_defaults();
    p.seed = 7;
    struct tern_sampler a = make(p, 6), b = make(p, 6);
    p.seed = 8;
    struct tern_sampler c = make(p, 6);
    int same = 1, differs = 0;
    for (int i = 0; i < 200; i++) {
        const int32_t x = tern_sampler_sample(&a, logits), y = tern_sampler_sample(&b, logits);
        same &= x == y;
        differs |= tern_sampler_sample(&c, logits) != x;
    }
    CHECK(same && differs, "seeded sequences");
    tern_sampler_free(&a);
    tern_sampler_free(&b);
    tern_sampler_free(&c);
    return check_summary("test_sampler");
}
