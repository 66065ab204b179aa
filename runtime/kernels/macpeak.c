// The int8 multiply-accumulate peak (see tern/macpeak.h), from the generated probes.

#include "tern/macpeak.h"

#include "tern/clock.h"
#include "tern/pool.h"

#define MIN_CALL_S 0.02     // a call this long is not dominated by the clock or the first iterations

static const struct tern_mac_probe probes[] = {
#define TERN_MAC_PROBE(isa_, name_) { #name_, isa_, name_ },
#include "kernels.inc"
#undef TERN_MAC_PROBE
};

const struct tern_mac_probe * tern_mac_probes(size_t * n) {
    *n = sizeof(probes) / sizeof(probes[0]);
    return probes;
}

// One call of p: MACs/s; *dt its seconds.
static double timed_call(const struct tern_mac_probe * p, size_t iters, double * dt) {
    uint64_t lanes;
    const double t0 = tern_now_s();
    const uint64_t macs = p->fn(iters, &lanes);
    *dt = tern_now_s() - t0;
    return (double) macs / *dt;
}

// Iterations for one call of p to last >= MIN_CALL_S on this thread, and that call's rate.
static size_t calibrate(const struct tern_mac_probe * p, double * rate) {
    for (size_t iters = 1024;; iters *= 2) {
        double dt;
        *rate = timed_call(p, iters, &dt);
        if (dt >= MIN_CALL_S) return iters;
    }
}

double tern_mac_probe_rate(const struct tern_mac_probe * p, int passes) {
    double best, dt;
    const size_t iters = calibrate(p, &best);
    for (int pass = 1; pass < passes; pass++) {
        const double r = timed_call(p, iters, &dt);
        best = r > best ? r : best;
    }
    return best;
}

const struct tern_mac_probe * tern_mac_probe_best(const struct tern_cpu * cpu, int passes, double * rate) {
    const struct tern_mac_probe * best = NULL;
    *rate = 0;
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        if ((tern_isa_features(probes[i].isa) & ~cpu->usable) != 0) continue;
        const double r = tern_mac_probe_rate(&probes[i], passes);
        if (r > *rate) {
            *rate = r;
            best = &probes[i];
        }
    }
    return best;
}

#define MAX_THREADS 256

struct peak_job {
    const struct tern_mac_probe * p;
    size_t iters;
    double rate[MAX_THREADS];     // per thread
};

static void peak_task(void * ctx, int tid, int nth) {
    (void) nth;
    struct peak_job * job = ctx;
    double dt;
    job->rate[tid] = timed_call(job->p, job->iters, &dt);
}

double tern_mac_peak_run(const struct tern_mac_probe * p, struct tern_pool * pool, int nth, int passes) {
    int threads = tern_pool_threads(pool, nth);
    threads = threads > MAX_THREADS ? MAX_THREADS : threads;
    struct peak_job job = { .p = p };
    double unused;
    job.iters = calibrate(p, &unused);
    double best = 0;
    for (int pass = 0; pass < passes; pass++) {
        if (threads <= 1) peak_task(&job, 0, 1);
        else tern_pool_run(pool, threads, peak_task, &job);
        double sum = 0;
        for (int t = 0; t < threads; t++) sum += job.rate[t];
        best = sum > best ? sum : best;
    }
    return best;
}
