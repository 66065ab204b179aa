// A persistent thread pool (ggml's shape): workers spin briefly, then sleep on a condition
// variable; a cache-line-padded barrier; an atomic chunk counter for dynamic balance.
// Worker 0 is the calling thread. Workers are placed by tern/affinity.h: one per physical
// core before SMT siblings; if binding fails they run unbound.
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct tern_pool;

// fn runs once on each of the nth threads: tid in [0, nth).
typedef void tern_pool_task(void * ctx, int tid, int nth);

// n_threads >= 1 (including the caller). Returns NULL if threads cannot be created.
struct tern_pool * tern_pool_init(int n_threads, bool bind);
void tern_pool_free(struct tern_pool * pool);
int tern_pool_size(const struct tern_pool * pool);
// The threads a run asking for nth (<= 0: all) gets: at most the pool's size; 1 without a pool.
int tern_pool_threads(const struct tern_pool * pool, int nth);
int tern_pool_bound(const struct tern_pool * pool);     // workers actually pinned

// Runs fn on threads 0..nth-1 (nth <= size; 0 = all) and returns when all are done.
// One caller at a time: a pool serves one thread (its owner, which becomes worker 0) and
// one run at a time. Two threads that share a pool must serialize their runs themselves
// (a server: one pool per forward-pass thread, or a lock around each run); a task must not
// call tern_pool_run on its own pool. Builds with asserts (no NDEBUG) abort on a violation.
void tern_pool_run(struct tern_pool * pool, int nth, tern_pool_task * fn, void * ctx);

// Inside a task: wait until all nth threads of the current run arrive.
void tern_pool_barrier(struct tern_pool * pool);

// Inside a task: the next unclaimed chunk index of the current run (starts at 0 per run).
size_t tern_pool_next_chunk(struct tern_pool * pool);
