// The thread pool (see tern/pool.h). Synchronisation is C11 atomics plus one mutex and
// condition variable for sleeping, so TSan can check it.
//
// Dispatch: the caller publishes (fn, ctx, nth), bumps `generation` and, only if a worker
// is asleep, broadcasts under the mutex. A worker spins on `generation` for a while, then
// registers in `n_sleeping` and waits. Both sides use seq_cst on generation / n_sleeping,
// so either the worker sees the new generation or the caller sees the sleeper (Dekker).
//
// One caller at a time (tern/pool.h): the run's fields (fn, ctx, nth, the counters) are
// plain writes by the caller, correct only while no other run is in flight. Builds with
// asserts check it with `in_run`.

#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "tern/affinity.h"
#include "tern/pool.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define cpu_relax() _mm_pause()
#elif defined(__aarch64__)
#define cpu_relax() __asm__ volatile("yield" ::: "memory")
#else
#define cpu_relax() ((void) 0)
#endif

#define SPIN_BEFORE_SLEEP 20000
#define SPIN_BEFORE_YIELD 2000

struct worker {
    struct tern_pool * pool;
    pthread_t thread;
    int tid;
};

struct tern_pool {
    int n_threads;
    atomic_int n_bound;               // threads pinned (workers add themselves as they start)
    struct worker * workers;          // (n_threads); [0] is the caller
    struct tern_affinity * aff;

    // The current run, written by the caller before the generation bump.
    tern_pool_task * fn;
    void * ctx;
    int nth;

    alignas(64) atomic_uint generation;
    alignas(64) atomic_int n_pending;  // workers of the current run still working
    alignas(64) atomic_int n_sleeping;
    alignas(64) atomic_size_t next_chunk;
    alignas(64) atomic_int barrier_count;
    alignas(64) atomic_uint barrier_phase;
    alignas(64) atomic_bool stop;
    atomic_bool in_run;               // a tern_pool_run is in progress (checked by assert only)

    pthread_mutex_t mutex;
    pthread_cond_t wake;
};

static void spin_wait(int * spins) {
    if (++*spins < SPIN_BEFORE_YIELD) {
        cpu_relax();
    } else {
        sched_yield();
    }
}

static void * worker_main(void * arg) {
    struct worker * w = arg;
    struct tern_pool * pool = w->pool;
    if (pool->aff && tern_affinity_bind_self(pool->aff, w->tid)) {
        atomic_fetch_add_explicit(&pool->n_bound, 1, memory_order_relaxed);
    }
    unsigned seen = 0;
    for (;;) {
        unsigned gen = atomic_load(&pool->generation);
        for (int spin = 0; gen == seen && spin < SPIN_BEFORE_SLEEP && !atomic_load(&pool->stop); spin++) {
            cpu_relax();
            gen = atomic_load(&pool->generation);
        }
        if (gen == seen) {
            pthread_mutex_lock(&pool->mutex);
            atomic_fetch_add(&pool->n_sleeping, 1);
            while ((gen = atomic_load(&pool->generation)) == seen && !atomic_load(&pool->stop)) {
                pthread_cond_wait(&pool->wake, &pool->mutex);
            }
            atomic_fetch_sub(&pool->n_sleeping, 1);
            pthread_mutex_unlock(&pool->mutex);
        }
        if (atomic_load(&pool->stop)) {
            return NULL;
        }
        seen = gen;
        // Every worker checks in, used or not, so the caller never rewrites the run's
        // fields while a worker may still read them.
        if (w->tid < pool->nth) {
            pool->fn(pool->ctx, w->tid, pool->nth);
        }
        atomic_fetch_sub_explicit(&pool->n_pending, 1, memory_order_release);
    }
}

struct tern_pool * tern_pool_init(int n_threads, bool bind) {
    if (n_threads < 1) n_threads = 1;
    struct tern_pool * pool = calloc(1, sizeof(*pool));
    if (!pool) return NULL;
    pool->n_threads = n_threads;
    pool->workers = calloc((size_t) n_threads, sizeof(struct worker));
    pool->aff = bind ? tern_affinity_init() : NULL;
    if (!pool->workers) {
        free(pool);
        return NULL;
    }
    atomic_init(&pool->generation, 0);
    atomic_init(&pool->n_pending, 0);
    atomic_init(&pool->n_sleeping, 0);
    atomic_init(&pool->next_chunk, 0);
    atomic_init(&pool->barrier_count, 0);
    atomic_init(&pool->barrier_phase, 0);
    atomic_init(&pool->stop, false);
    atomic_init(&pool->in_run, false);
    atomic_init(&pool->n_bound, 0);
    pthread_mutex_init(&pool->mutex, NULL);
    pthread_cond_init(&pool->wake, NULL);
    if (pool->aff && tern_affinity_bind_self(pool->aff, 0)) {
        atomic_store_explicit(&pool->n_bound, 1, memory_order_relaxed);
    }
    for (int i = 0; i < n_threads; i++) {
        pool->workers[i] = (struct worker) { .pool = pool, .tid = i };
        if (i > 0 && pthread_create(&pool->workers[i].thread, NULL, worker_main, &pool->workers[i]) != 0) {
            pool->n_threads = i;      // tear down the ones started
            tern_pool_free(pool);
            return NULL;
        }
    }
    return pool;
}

void tern_pool_free(struct tern_pool * pool) {
    if (!pool) return;
    pthread_mutex_lock(&pool->mutex);
    atomic_store(&pool->stop, true);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->mutex);
    for (int i = 1; i < pool->n_threads; i++) {
        pthread_join(pool->workers[i].thread, NULL);
    }
    pthread_mutex_destroy(&pool->mutex);
    pthread_cond_destroy(&pool->wake);
    tern_affinity_free(pool->aff);
    free(pool->workers);
    free(pool);
}

int tern_pool_size(const struct tern_pool * pool) {
    return pool->n_threads;
}

int tern_pool_threads(const struct tern_pool * pool, int nth) {
    if (!pool) return 1;
    return nth > 0 && nth < pool->n_threads ? nth : pool->n_threads;
}

int tern_pool_bound(const struct tern_pool * pool) {
    return atomic_load_explicit(&pool->n_bound, memory_order_relaxed);
}

// Marks the start / end of a run; a second caller (another thread, or a task calling
// tern_pool_run on its own pool) trips the assert.
static void enter_run(struct tern_pool * pool) {
#ifndef NDEBUG
    const bool busy = atomic_exchange_explicit(&pool->in_run, true, memory_order_acquire);
    assert(!busy && "tern_pool_run: called while another run of this pool is in progress (one caller at a time)");
#else
    (void) pool;
#endif
}

static void leave_run(struct tern_pool * pool) {
#ifndef NDEBUG
    atomic_store_explicit(&pool->in_run, false, memory_order_release);
#else
    (void) pool;
#endif
}

void tern_pool_run(struct tern_pool * pool, int nth, tern_pool_task * fn, void * ctx) {
    if (nth <= 0 || nth > pool->n_threads) nth = pool->n_threads;
    enter_run(pool);
    if (pool->n_threads == 1) {
        atomic_store_explicit(&pool->next_chunk, 0, memory_order_relaxed);
        pool->nth = 1;
        fn(ctx, 0, 1);
        leave_run(pool);
        return;
    }
    pool->fn = fn;
    pool->ctx = ctx;
    pool->nth = nth;
    atomic_store(&pool->next_chunk, 0);
    atomic_store(&pool->barrier_count, 0);
    atomic_store(&pool->n_pending, pool->n_threads - 1);
    atomic_fetch_add(&pool->generation, 1);      // seq_cst: publishes the run
    if (atomic_load(&pool->n_sleeping) > 0) {
        pthread_mutex_lock(&pool->mutex);
        pthread_cond_broadcast(&pool->wake);
        pthread_mutex_unlock(&pool->mutex);
    }
    fn(ctx, 0, nth);
    int spins = 0;
    while (atomic_load_explicit(&pool->n_pending, memory_order_acquire) > 0) {
        spin_wait(&spins);
    }
    leave_run(pool);
}

void tern_pool_barrier(struct tern_pool * pool) {
    const int nth = pool->nth;
    if (nth <= 1) return;
    const unsigned phase = atomic_load_explicit(&pool->barrier_phase, memory_order_acquire);
    if (atomic_fetch_add_explicit(&pool->barrier_count, 1, memory_order_acq_rel) == nth - 1) {
        atomic_store_explicit(&pool->barrier_count, 0, memory_order_relaxed);
        atomic_fetch_add_explicit(&pool->barrier_phase, 1, memory_order_release);
        return;
    }
    int spins = 0;
    while (atomic_load_explicit(&pool->barrier_phase, memory_order_acquire) == phase) {
        spin_wait(&spins);
    }
}

size_t tern_pool_next_chunk(struct tern_pool * pool) {
    return atomic_fetch_add_explicit(&pool->next_chunk, 1, memory_order_relaxed);
}
