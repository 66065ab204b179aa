// The autotuner, its profiles and the kernel plan they decide.
//
// A layer keeps ONE packed copy of its weights, so its decode variant (MR = 1) and its
// prefill variant must share a layout: the plan of a (k, n) shape is such a pair. Without
// measurements it is the rule of thumb (tern_plan_heuristic). The tuner, per shape and
// thread count: verifies every variant against the reference, screens them all on the
// problem (decode) or a slice of it (prefill), then re-measures the default pair and the
// best few others together, interleaved round by round in random order, weights from a
// ring of 4x the LLC (at least 512 MiB). A pair replaces the default only when it is faster with
// significance (tern_plan_choose). Then the whole tuned plan and the heuristic one run
// against each other on a synthetic model of the preset's layers; the tuned plan is kept
// only if it is measurably faster there too. The profile (JSON, one per CPU) keeps every
// measurement the decision was made on, so the same decision is made again at load.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/kernels.h"

#define TERN_TUNE_MAX_FINAL 16     // samples kept per candidate and phase
#define TERN_TUNE_MAX_THREADS 16   // thread counts per profile

struct tern_tune_shape {
    char name[64];
    size_t k, n;
    int per_layer;
};

struct tern_tune_candidate {
    char name[96];
    const struct tern_variant * v;          // NULL if this binary lacks the variant (loaded profile)
    double estimate_us;                     // screening: the problem or a slice of it, extrapolated
    int n_final;                            // samples from the interleaved final; 0: not a finalist
    double final_us[TERN_TUNE_MAX_FINAL];   // each the median of calls spanning >= 2 ms
};

// One problem: a shape, a phase (tokens per call: 1 = decode) and a thread count.
struct tern_tune_entry {
    struct tern_tune_shape shape;
    size_t tokens;
    int threads;
    size_t n_cand;
    struct tern_tune_candidate * cand;
};

// The whole plan end to end against the heuristic plan, for one thread count.
struct tern_tune_validation {
    int threads;
    int layers;                         // of the preset's per-layer linears, weights streamed from the ring
    size_t pp_tokens;                   // tokens of the prefill pass
    int samples;                        // interleaved rounds
    double tuned_tg_us, tuned_pp_us;    // medians, per generated token and per prompt token
    double heuristic_tg_us, heuristic_pp_us;
    double p;                           // Mann-Whitney U over the rounds' tg + pp per token
    char verdict[16];                   // "tuned", "heuristic" (tuned not measurably faster, or > 3 % slower in a phase: unused), "same"
};

// Row streams: a dense matrix (the output head, the largest read of a decode step on most
// models) dotted row after row with each prefetch distance of tern_stream_prefetches, in
// interleaved rounds at one thread count. The decision is tern_plan_prefetch's.
#define TERN_STREAM_MAX_DISTANCES 8
struct tern_tune_stream {
    int threads;
    size_t k, rows;                                           // the f16 matrix: rows of k values
    int n_dist;
    size_t dist[TERN_STREAM_MAX_DISTANCES];                   // bytes ahead; dist[0] = 0, none (the default)
    int n_samples;                                            // rounds, each one sample of every distance
    double us[TERN_STREAM_MAX_DISTANCES][TERN_TUNE_MAX_FINAL];
};

struct tern_profile {
    char path[512];
    char brand[64];
    char signature[160];
    uint32_t features;
    char registry[32];
    char preset[64];
    int cores, pus;
    size_t l1d, l2, l3;
    double budget_s, elapsed_s;
    int n_threads;
    int threads[TERN_TUNE_MAX_THREADS];
    double read_bw[TERN_TUNE_MAX_THREADS];   // bytes/s per entry of threads[]
    size_t n_rejected;
    char (*rejected)[96];                    // variants that did not reproduce the reference: never chosen
    size_t n_entries;
    struct tern_tune_entry * entries;
    int n_validation;
    struct tern_tune_validation validation[TERN_TUNE_MAX_THREADS];
    int n_streams;
    struct tern_tune_stream streams[TERN_TUNE_MAX_THREADS];
};

struct tern_tune_request {
    const char * preset;
    const struct tern_tune_shape * shapes;
    size_t n_shapes;
    const int * threads;
    size_t n_threads;
    const size_t * tokens;           // phases
    size_t n_tokens;
    size_t stream_k;                 // the dense head's row length (the model's width, at most a shape's k); 0: none
    double budget_s;                 // the whole run, setup and validation included
    void (*progress)(void * user, double fraction, const char * what);
    void * user;
};

// Runs the tuner. Returns a profile (free with tern_profile_free) or NULL with err set.
struct tern_profile * tern_tune_run(const struct tern_tune_request * req, char * err, size_t err_size);

void tern_profile_free(struct tern_profile * p);

// ---------------------------------------------------------------------------- profile files

// The default path: $XDG_CACHE_HOME/tern/profiles/<cpu-signature>.json (else ~/.cache/...).
int tern_profile_default_path(char * buf, size_t size);
void tern_cpu_signature(const struct tern_cpu * cpu, char * buf, size_t size);

// (profile-json.c) Writes p as JSON, creating directories: to a temporary file beside path, then renamed over
// it, so readers and concurrent writers only ever see a whole profile. 0, or -1 with err.
int tern_profile_save(const struct tern_profile * p, const char * path, char * err, size_t err_size);

// tern_profile_save with hook(user, written, total) called after each chunk of the temporary
// file is written: tests use it to kill a writer half way.
typedef void tern_profile_write_hook(void * user, size_t written, size_t total);
int tern_profile_save_hooked(const struct tern_profile * p, const char * path, tern_profile_write_hook * hook,
                             void * user, char * err, size_t err_size);

// Reads a profile. Returns NULL with err for a missing or corrupt file (*stale false; a
// corrupt one's message says to delete it or run `tern tune`), or NULL with a notice in err
// when it is valid but made for another CPU or other kernels (*stale true: the caller
// ignores it and says so in one line). Messages are one line.
struct tern_profile * tern_profile_load(const char * path, const struct tern_cpu * cpu, bool * stale,
                                        char * err, size_t err_size);

// ---------------------------------------------------------------------------- lookup (profile.c)

// The profile's thread count nearest to `threads` (by ratio); 0 if it has none.
int tern_profile_nearest_threads(const struct tern_profile * p, int threads);

// The entry for exactly (k, n, tokens, threads), NULL if none.
const struct tern_tune_entry * tern_profile_entry(const struct tern_profile * p, size_t k, size_t n, size_t tokens,
                                                 int threads);

// The validation record for exactly `threads`, NULL if none.
const struct tern_tune_validation * tern_profile_validation(const struct tern_profile * p, int threads);

// The row-stream record for exactly `threads`, NULL if none.
const struct tern_tune_stream * tern_profile_stream(const struct tern_profile * p, int threads);

// The candidate for v in e, NULL if none.
const struct tern_tune_candidate * tern_entry_candidate(const struct tern_tune_entry * e, const struct tern_variant * v);

// ---------------------------------------------------------------------------- the plan (plan.c)

#define TERN_PLAN_MIN_SAMPLES 8     // per phase, from the interleaved final, before a pair may replace the default
#define TERN_PLAN_MIN_GAIN 0.03     // ... and only when its median is this much faster
#define TERN_PLAN_ALPHA 0.05        // ... with this Mann-Whitney significance (split over the pairs tried)

struct tern_plan_choice {
    const struct tern_variant * decode;    // MR = 1
    const struct tern_variant * prefill;   // the same layout (decode itself if the layout has no MR > 1 variant)
    bool from_profile;                     // the profile measured this shape (whatever that decided)
    bool tuned;                            // a measured pair replaced the heuristic one
    double cost_us, heuristic_cost_us;     // medians of decode + prefill per prompt token; NAN if unmeasured
    double p;                              // Mann-Whitney p of the best other pair vs the heuristic; NAN if none
    int samples;                           // behind cost_us
    char why[320];                         // one line
};

// "tern_i2s_q8_gemm_ukernel_1x4k128__avx2_maddubs" -> "i2s 1x4k128__avx2_maddubs" in buf (v NULL: "-").
const char * tern_variant_label(const struct tern_variant * v, char * buf, size_t size);

// True if a and b read the same packed weights and activation rows (of any ISAs).
bool tern_same_layout(const struct tern_variant * a, const struct tern_variant * b);

// The rule of thumb (criteria table in plan.c).
void tern_plan_heuristic(const struct tern_cpu * cpu, struct tern_plan_choice * out);

// The pair for (k, n) at `threads` (the profile's nearest thread count): the heuristic one
// unless the profile's measurements show another pair of variants runnable on cpu faster by
// more than TERN_PLAN_MIN_GAIN with p < TERN_PLAN_ALPHA, each phase from at least
// TERN_PLAN_MIN_SAMPLES samples, not slower in decode or in prefill alone (by as much, as
// significantly), and the validation at that thread count kept the tuned plan.
// profile may be NULL.
void tern_plan_choose(const struct tern_cpu * cpu, const struct tern_profile * profile, size_t k, size_t n,
                      int threads, struct tern_plan_choice * out);

// The prefetch distances the tuner measures for row streams, 0 (none) first; *n of them.
const size_t * tern_stream_prefetches(size_t * n);

// How far ahead dense row dots prefetch at `threads` (the profile's nearest thread count), in
// bytes: 0 (none) unless the profile's row-stream rounds show a distance faster by more than
// TERN_PLAN_MIN_GAIN with p < TERN_PLAN_ALPHA (split over the distances tried) from at least
// TERN_PLAN_MIN_SAMPLES rounds. why (may be NULL) gets one line. profile may be NULL.
size_t tern_plan_prefetch(const struct tern_profile * profile, int threads, char * why, size_t why_size);
