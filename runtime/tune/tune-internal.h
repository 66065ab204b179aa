// What the tuner's files share (private to runtime/tune/).
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/clock.h"
#include "tern/linear.h"
#include "tern/tune.h"

struct tern_pool;

// ---------------------------------------------------------------------------- pairs (plan.c)

struct tune_pair {
    const struct tern_variant * d;   // MR = 1
    const struct tern_variant * p;   // same layout, any MR
};

// Calls fn for every pair cpu runs, leaving out the variants profile rejected (profile may
// be NULL): each MR = 1 variant with each variant of its layout, itself included.
void tune_each_pair(const struct tern_cpu * cpu, const struct tern_profile * profile,
                    void (*fn)(void * ctx, struct tune_pair pr), void * ctx);

// The entries of one shape at one thread count.
struct tune_phases {
    const struct tern_tune_entry * decode;      // NULL if the profile has no decode phase
    const struct tern_tune_entry * prefill[8];  // tokens > 1
    size_t n_prefill;
};

void tune_find_phases(const struct tern_profile * p, size_t k, size_t n, int threads, struct tune_phases * ph);

// The phases a cost counts.
enum tune_phase_set { TUNE_DECODE = 1, TUNE_PREFILL = 2, TUNE_BOTH = 3 };

// The pair's cost in each round of the final: decode time + the prefill phases' mean time
// per prompt token (or one of the two), into cost (TERN_TUNE_MAX_FINAL). Returns the rounds
// every counted phase has a sample for (0 if a phase lacks one of the pair's variants).
int tune_pair_costs(const struct tune_phases * ph, struct tune_pair pr, enum tune_phase_set phases, double * cost);

// tern_plan_heuristic without the variants profile rejected (profile may be NULL).
void tune_plan_heuristic(const struct tern_cpu * cpu, const struct tern_profile * profile,
                         struct tern_plan_choice * out);

// ---------------------------------------------------------------------------- timing (bench.c)

struct tune_bench {
    struct tern_pool * pool;
    uint8_t * ring;            // weights ring, 4x the LLC; its bytes are arbitrary: timing does not depend on them
    size_t ring_bytes, ring_pos;
    double fill_s;             // what writing the ring once took
    struct tern_acts A;
    float * x;                 // (max_tokens, max_k) f32
    float * y;                 // (max_tokens, max_n) f32
};

#define TUNE_MIN_SAMPLE_US 2000.0   // a sample spans enough calls to last this long (short calls are noisy)

int tune_bench_init(struct tune_bench * b, int max_threads, size_t max_k, size_t max_n, size_t max_tokens,
                    size_t max_packed, size_t max_prep, size_t llc, char * err, size_t err_size);
void tune_bench_free(struct tune_bench * b);

// One call of v on (k, n) for `tokens` tokens, weights from the next ring slot: microseconds.
double tune_call_us(struct tune_bench * b, const struct tern_variant * v, size_t k, size_t n, size_t tokens,
                    int threads);

// One sample: the median of enough calls (guess_us each) to last TUNE_MIN_SAMPLE_US, at least
// one (a call that lost its core to another process does not move it).
double tune_sample_us(struct tune_bench * b, const struct tern_variant * v, size_t k, size_t n, size_t tokens,
                      int threads, double guess_us);

// order = 0..n-1 in a random order (Fisher-Yates): the finals and the row-stream rounds
// visit their candidates in a fresh order each round, so drift falls on all alike.
void tune_shuffle(size_t * order, size_t n, uint64_t * rng);

// True if v reproduces the reference bit for bit on a small ragged case.
bool tune_verify(const struct tern_variant * v);

// ---------------------------------------------------------------------------- row streams (stream.c)

// Appends to p the row-stream rounds of an f16 matrix of rows of k values at `threads`,
// taken from b's ring in slices of twice the LLC (llc bytes), until the deadline (none if k is 0).
void tune_streams(struct tune_bench * b, struct tern_profile * p, size_t k, size_t llc, int threads, double deadline);

// ---------------------------------------------------------------------------- validation (validate.c)

// The tuned plan (tern_plan_choose over p as it stands) against the heuristic plan on a
// synthetic model of `shapes`, at `threads`, within budget_s. Fills *out.
void tune_validate(struct tune_bench * b, const struct tern_profile * p, const struct tern_tune_shape * shapes,
                   size_t n_shapes, int threads, size_t pp_tokens, double budget_s, struct tern_tune_validation * out);
