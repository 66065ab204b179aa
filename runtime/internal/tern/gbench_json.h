// Google Benchmark's JSON output (--benchmark_out_format=json), read for `tern bench compare`:
// the per-repetition real times of each benchmark.
#pragma once

#include <stddef.h>

// One benchmark: the real time per iteration of each of its repetitions, in ns.
struct tern_gbench_series {
    char name[512];          // run_name (else name), truncated to 511 bytes
    double * ns;             // (n)
    size_t n;
};

struct tern_gbench_runs {
    struct tern_gbench_series * s;   // (n), in order of first appearance
    size_t n;
};

// Parses len bytes of JSON (no NUL needed). Rows of the "benchmarks" array whose run_type is
// "iteration" (or absent) are grouped by name; aggregates and rows with error_occurred are
// skipped. `what` names the input in messages (a path). 0, or -1 with a one-line err and
// *out empty: invalid JSON, no "benchmarks" array, a row without a string name, a finite
// real_time >= 0 or a known time_unit (ns, us, ms, s; absent = ns), or out of memory.
int tern_gbench_parse(const char * text, size_t len, const char * what, struct tern_gbench_runs * out, char * err,
                      size_t err_size);
void tern_gbench_runs_free(struct tern_gbench_runs * runs);
