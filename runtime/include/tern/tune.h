// The autotuner and its profiles. For each (k, n) matmul shape x phase (tokens per call:
// 1 = decode, more = prefill) x thread count, every variant the host can run is first
// verified against the reference on a small case, then timed with successive halving
// inside a time budget, weights in a ring larger than 2x the LLC. The winner and every
// candidate's median and spread are kept in a JSON profile per CPU.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/kernels.h"

struct tern_pool;

struct tern_tune_shape {
    char name[64];
    size_t k, n;
    int per_layer;
};

struct tern_tune_candidate {
    char name[96];
    const struct tern_variant * v;   // NULL if this binary lacks the variant (loaded profile)
    double median_us, spread_us;     // over the samples (each the mean of >= 2 ms of calls) of its last round; spread = max - min
    int samples;
    int rounds;                      // successive-halving rounds survived
    char status[24];                 // "winner", "timed", "screened out" (unverified variants are never candidates)
};

struct tern_tune_entry {
    struct tern_tune_shape shape;
    size_t tokens;
    int threads;
    char winner[96];
    const struct tern_variant * v;
    double winner_us;
    double weight_bytes;             // packed bytes of the winner for this shape
    double scalar_us;                // best scalar variant (estimated when screened out)
    double best_i2s_us;
    size_t n_cand;
    struct tern_tune_candidate * cand;
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
    int threads[16];
    double read_bw[16];              // bytes/s per entry of threads[]
    size_t n_entries;
    struct tern_tune_entry * entries;
};

struct tern_tune_request {
    const char * preset;
    const struct tern_tune_shape * shapes;
    size_t n_shapes;
    const int * threads;
    size_t n_threads;
    const size_t * tokens;           // phases
    size_t n_tokens;
    double budget_s;
    void (*progress)(void * user, double fraction, const char * what);
    void * user;
};

// Runs the tuner. Returns a profile (free with tern_profile_free) or NULL with err set.
struct tern_profile * tern_tune_run(const struct tern_tune_request * req, char * err, size_t err_size);

void tern_profile_free(struct tern_profile * p);

// The default path: $XDG_CACHE_HOME/tern/profiles/<cpu-signature>.json (else ~/.cache/...).
int tern_profile_default_path(char * buf, size_t size);
void tern_cpu_signature(const struct tern_cpu * cpu, char * buf, size_t size);

// Writes p as JSON (creating directories). 0, or -1 with err.
int tern_profile_save(const struct tern_profile * p, const char * path, char * err, size_t err_size);

// Reads a profile. Returns NULL with err for a missing or corrupt file (*stale false), or
// NULL with a notice in err when it is valid but made for another CPU or other kernels
// (*stale true: the caller ignores it and says so in one line).
struct tern_profile * tern_profile_load(const char * path, const struct tern_cpu * cpu, bool * stale,
                                        char * err, size_t err_size);

// The tuned variant for a shape, or NULL if the profile has none for (k, n). Decode
// (tokens == 1) uses decode entries, prefill the entry with the nearest token count;
// the nearest thread count.
const struct tern_variant * tern_profile_choose(const struct tern_profile * p, size_t k, size_t n, size_t tokens,
                                                int threads);

// The entry tern_profile_choose would use (NULL if none).
const struct tern_tune_entry * tern_profile_entry(const struct tern_profile * p, size_t k, size_t n, size_t tokens,
                                                 int threads);

// Without a profile: the variant a rule of thumb picks (runtime/model/plan.c: i2s, richest
// ISA, largest prefill tile): its MR = 1 variant for decode, the MR > 1 one of that layout for prefill.
const struct tern_variant * tern_variant_heuristic(const struct tern_cpu * cpu, size_t tokens);
