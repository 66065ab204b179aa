// A C interface to Google Benchmark, so benches are written in C and keep Google
// Benchmark's filters, repetitions, statistics and console/JSON output. The only C++ is
// gbench_shim.cc.
#pragma once

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gb_state gb_state;          // benchmark::State
typedef struct gb_bench gb_bench;          // benchmark::internal::Benchmark
typedef void gb_fn(gb_state * st, void * ctx);

enum gb_counter_flags {
    GB_COUNTER_DEFAULT = 0,
    GB_COUNTER_RATE = 1,                   // value / seconds
    GB_COUNTER_ITERATION_INVARIANT_RATE = 2, // value * iterations / seconds
};

// One finished run (not aggregates), handed to the collector passed to gb_run.
typedef struct gb_result gb_result;
typedef void gb_collect_fn(const gb_result * r, void * user);

gb_bench * gb_register(const char * name, gb_fn * fn, void * ctx);
void gb_bench_use_real_time(gb_bench * b);
void gb_bench_unit_us(gb_bench * b);

bool gb_keep_running(gb_state * st);
void gb_counter_set(gb_state * st, const char * name, double value, int flags);
void gb_skip(gb_state * st, const char * why);
void gb_do_not_optimize(const void * p);
void gb_clobber_memory(void);

void gb_add_context(const char * key, const char * value);

const char * gb_result_name(const gb_result * r);
double gb_result_real_ns(const gb_result * r);      // per iteration
double gb_result_counter(const gb_result * r, const char * name);   // NAN if absent
bool gb_result_skipped(const gb_result * r);

// Initialize (consumes --benchmark_* flags from argv), run what the filter selects, report
// in the chosen format, then call collect (may be NULL) for every non-aggregate run.
// Returns 0, or 2 for unrecognized arguments.
int gb_run(int * argc, char ** argv, gb_collect_fn * collect, void * user);

#ifdef __cplusplus
}
#endif
