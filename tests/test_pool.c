// The thread pool: every thread of a run runs the task once; the chunk counter hands out
// each chunk exactly once; the barrier holds everyone until all arrive; runs with fewer
// threads than the pool leave the rest idle; many short runs in a row (the decode pattern)
// and a pool that sleeps between runs both work; with asserts on, a second caller while a
// run is in progress (another thread, or a task re-entering its pool) aborts instead of
// corrupting the run. Built with TSan in scripts/test.sh.

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "tern/affinity.h"
#include "tern/pool.h"

#define CHUNKS 1000
#define MAX_THREADS 8

struct job {
    struct tern_pool * pool;
    atomic_int ran[MAX_THREADS];
    atomic_int claimed[CHUNKS];
    int before[MAX_THREADS];          // written before the barrier, read after it by others
    atomic_int barrier_errors;
    atomic_int wrong_nth;
    int want_nth;
};

static void task(void * ctx, int tid, int nth) {
    struct job * job = ctx;
    if (nth != job->want_nth) atomic_fetch_add(&job->wrong_nth, 1);
    atomic_fetch_add(&job->ran[tid], 1);
    for (size_t c; (c = tern_pool_next_chunk(job->pool)) < CHUNKS;) {
        atomic_fetch_add(&job->claimed[c], 1);
    }
    job->before[tid] = tid + 1;
    tern_pool_barrier(job->pool);
    for (int i = 0; i < nth; i++) {
        if (job->before[i] != i + 1) atomic_fetch_add(&job->barrier_errors, 1);
    }
    tern_pool_barrier(job->pool);     // a second barrier in the same run
}

static void run_once(struct tern_pool * pool, int nth) {
    static struct job job;
    memset(&job, 0, sizeof(job));
    job.pool = pool;
    job.want_nth = nth;
    tern_pool_run(pool, nth, task, &job);
    int ran_ok = 1, claim_ok = 1;
    for (int t = 0; t < MAX_THREADS; t++) {
        ran_ok &= atomic_load(&job.ran[t]) == (t < nth ? 1 : 0);
    }
    for (int c = 0; c < CHUNKS; c++) {
        claim_ok &= atomic_load(&job.claimed[c]) == 1;
    }
    CHECK(ran_ok, "nth=%d: some thread ran the task a wrong number of times", nth);
    CHECK(claim_ok, "nth=%d: a chunk was claimed zero or several times", nth);
    CHECK(atomic_load(&job.barrier_errors) == 0, "nth=%d: barrier let a thread through early", nth);
    CHECK(atomic_load(&job.wrong_nth) == 0, "nth=%d: task saw a wrong thread count", nth);
}

// ---------------------------------------------------------------------------- one caller at a time
#ifndef NDEBUG

static atomic_int in_task;

static void noop_task(void * ctx, int tid, int nth) {
    (void) ctx, (void) tid, (void) nth;
}

static void reenter_task(void * ctx, int tid, int nth) {
    (void) nth;
    if (tid == 0) tern_pool_run(ctx, 0, noop_task, NULL);
}

static void hold_task(void * ctx, int tid, int nth) {
    (void) ctx, (void) nth;
    if (tid == 0) {
        atomic_store(&in_task, 1);
        for (;;) pause();           // the run stays in progress until the process ends
    }
}

static void * hold_run(void * pool) {
    tern_pool_run(pool, 0, hold_task, NULL);
    return NULL;
}

// Runs the violation in a child (its assert message silenced); true if the child aborted.
static bool aborts(bool from_second_thread) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, 2);
        struct tern_pool * pool = tern_pool_init(2, false);
        if (!pool) _exit(3);
        if (from_second_thread) {
            pthread_t t;
            if (pthread_create(&t, NULL, hold_run, pool) != 0) _exit(3);
            while (!atomic_load(&in_task)) sched_yield();
            tern_pool_run(pool, 0, noop_task, NULL);
        } else {
            tern_pool_run(pool, 0, reenter_task, pool);
        }
        _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return false;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}
#endif

int main(void) {
#ifndef NDEBUG
    CHECK(aborts(true), "a second thread's tern_pool_run during a run did not abort");
    CHECK(aborts(false), "a task's tern_pool_run on its own pool did not abort");
#else
    printf("test_pool: built with NDEBUG, the one-caller assert is off (checked in the sanitizer builds)\n");
#endif
    for (int size = 1; size <= 4; size++) {
        struct tern_pool * pool = tern_pool_init(size, size % 2 == 0);
        CHECK(pool != NULL, "pool of %d", size);
        if (!pool) continue;
        CHECK(tern_pool_size(pool) == size, "size %d", tern_pool_size(pool));
        CHECK(tern_pool_threads(pool, 0) == size && tern_pool_threads(pool, -3) == size && tern_pool_threads(pool, 1) == 1 &&
              tern_pool_threads(pool, size + 5) == size, "tern_pool_threads clamps to 1..%d", size);
        for (int rep = 0; rep < 200; rep++) {
            run_once(pool, 1 + rep % size);
        }
        // Let the workers fall asleep, then wake them.
        const struct timespec nap = { 0, 50 * 1000 * 1000 };
        nanosleep(&nap, NULL);
        run_once(pool, size);
        CHECK(tern_pool_bound(pool) <= size, "bound %d of %d", tern_pool_bound(pool), size);
        tern_pool_free(pool);
    }

    CHECK(tern_pool_threads(NULL, 4) == 1, "no pool: one thread");

    struct tern_affinity * aff = tern_affinity_init();
    CHECK(aff != NULL && tern_affinity_slots(aff) >= 1, "affinity slots");
    if (aff) {
        printf("affinity: %s, %d slot(s), slot 0 = PU %d\n", tern_affinity_backend(aff), tern_affinity_slots(aff),
               tern_affinity_slot_pu(aff, 0));
        int distinct = 1;
        for (int i = 1; i < tern_affinity_slots(aff); i++) {
            for (int j = 0; j < i; j++) distinct &= tern_affinity_slot_pu(aff, i) != tern_affinity_slot_pu(aff, j);
        }
        CHECK(distinct, "slots repeat a PU");
        tern_affinity_free(aff);
    }
    return check_summary("test_pool");
}
