// Row streams (see tern/tune.h): how far ahead the dense row dots prefetch. A decode step
// reads the output head once, row after row (on 2B4T it is more than half the bytes), and on
// some CPUs the hardware prefetcher alone leaves part of the bandwidth unused while on others
// software prefetch costs more than it gains: so it is measured, like the kernels.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "tern/alloc.h"
#include "tern/dense.h"
#include "tern/stats.h"
#include "tune-internal.h"

// Bytes ahead of the line being read: a few lines up to a few pages.
static const size_t distances[] = { 0, 256, 512, 1024, 2048 };
#define N_DIST (sizeof(distances) / sizeof(distances[0]))
// Each sample reads the next slice of the ring: twice the LLC (at least 64 MiB, at most a
// quarter of the ring), so it streams from DRAM as the head does, and the ring's other
// slices have evicted it before it comes round again.
#define SLICE_MIN ((size_t) 64 << 20)

const size_t * tern_stream_prefetches(size_t * n) {
    *n = N_DIST;
    return distances;
}

size_t tern_plan_prefetch(const struct tern_profile * profile, int threads, char * why, size_t why_size) {
    char line[200];
    const struct tern_tune_stream * s = tern_profile_stream(profile, tern_profile_nearest_threads(profile, threads));
    size_t chosen = 0;
    if (!s || s->n_dist < 2 || s->dist[0] != 0) {
        snprintf(line, sizeof(line), "none: the profile has not measured row streams");
    } else if (s->n_samples < TERN_PLAN_MIN_SAMPLES) {
        snprintf(line, sizeof(line), "none: %d rounds of row streams measured (%d needed to compare)", s->n_samples,
                 TERN_PLAN_MIN_SAMPLES);
    } else {
        const size_t n = (size_t) s->n_samples;
        int best = 1;
        for (int d = 2; d < s->n_dist; d++) {
            if (tern_median(s->us[d], n) < tern_median(s->us[best], n)) best = d;
        }
        const double none = tern_median(s->us[0], n), gain = 1.0 - tern_median(s->us[best], n) / none;
        const double alpha = TERN_PLAN_ALPHA / (s->n_dist - 1), p = tern_mann_whitney_p(s->us[best], n, s->us[0], n);
        if (gain > TERN_PLAN_MIN_GAIN && p < alpha) {
            chosen = s->dist[best];
            snprintf(line, sizeof(line), "%zu bytes ahead: %.1f %% faster than none, p = %.2g over %d rounds", chosen,
                     100.0 * gain, p, s->n_samples);
        } else {
            snprintf(line, sizeof(line), "none: the best distance (%zu bytes) is %.1f %% %s, p = %.2g (needs > %.0f %% and p < %.2g)",
                     s->dist[best], 100.0 * fabs(gain), gain >= 0 ? "faster" : "slower", p, 100.0 * TERN_PLAN_MIN_GAIN,
                     alpha);
        }
    }
    if (why) snprintf(why, why_size, "%s", line);
    return chosen;
}

// Rounds at one thread count until TERN_TUNE_MAX_FINAL or the deadline: each distance one
// sample (a dot of every row of the next slice), in a fresh random order each round so that
// drift and load from elsewhere fall on all alike. Round -1 warms up and times a round.
void tune_streams(struct tune_bench * b, struct tern_profile * p, size_t k, size_t llc, int threads, double deadline) {
    size_t slice_bytes = 2 * llc > SLICE_MIN ? 2 * llc : SLICE_MIN;
    if (slice_bytes > b->ring_bytes / 4) slice_bytes = b->ring_bytes / 4;
    slice_bytes = slice_bytes / 64 * 64;     // a slice starts on a cache line, as a head's rows do
    const size_t slices = slice_bytes ? b->ring_bytes / slice_bytes : 0, rows = k ? slice_bytes / (2 * k) : 0;
    // The warm-up round reads about what writing its slices took.
    const double warm_s = b->fill_s * (double) (N_DIST * slice_bytes) / (double) b->ring_bytes;
    if (rows == 0 || p->n_streams >= TERN_TUNE_MAX_THREADS || tern_now_s() + warm_s > deadline) return;
    float * y = tern_aligned_alloc(rows * sizeof(float));
    if (!y) return;
    struct tern_tune_stream * s = &p->streams[p->n_streams++];
    *s = (struct tern_tune_stream) { .threads = threads, .k = k, .rows = rows, .n_dist = (int) N_DIST };
    for (size_t d = 0; d < N_DIST; d++) s->dist[d] = distances[d];
    uint64_t rng = 0x73747265616dull ^ (uint64_t) threads;
    size_t slice = 0;
    double round_s = INFINITY;
    for (int r = -1; r < TERN_TUNE_MAX_FINAL; r++) {
        if (r >= 0 && tern_now_s() + round_s > deadline) break;
        size_t order[N_DIST];
        tune_shuffle(order, N_DIST, &rng);
        const double t_round = tern_now_s();
        for (size_t i = 0; i < N_DIST; i++) {
            const struct tern_dense D = { .type = TERN_DENSE_F16, .n = rows, .k = k,
                                          .w = b->ring + slice * slice_bytes, .prefetch = distances[order[i]] };
            slice = (slice + 1) % slices;
            const double t0 = tern_now_s();
            tern_dense_matmul(&D, b->pool, threads, 1, b->x, y, NULL);
            if (r >= 0) s->us[order[i]][r] = (tern_now_s() - t0) * 1e6;
        }
        round_s = tern_now_s() - t_round;
        if (r >= 0) s->n_samples = r + 1;
    }
    if (s->n_samples == 0) p->n_streams--;     // no round after the warm-up: nothing to record
    tern_aligned_free(y);
}
