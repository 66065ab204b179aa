// libFuzzer target for `tern bench compare`'s reader of Google Benchmark JSON: any input
// parses or fails with a one-line message; a parsed file has non-empty series of finite,
// non-negative times, and the statistics compare runs on them stay in range.
// Seeds: tests/corpus/gbench_json (real tern-bench-kernels output, aggregates, errors).

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/gbench_json.h"
#include "tern/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    struct tern_gbench_runs runs;
    char err[512];
    err[0] = '\0';
    if (tern_gbench_parse((const char *) data, size, "input.json", &runs, err, sizeof(err)) != 0) {
        if (err[0] == '\0' || strchr(err, '\n') || runs.n != 0 || runs.s) abort();
        return 0;
    }
    for (size_t i = 0; i < runs.n; i++) {
        const struct tern_gbench_series * s = &runs.s[i];
        if (s->n == 0 || memchr(s->name, '\0', sizeof(s->name)) == NULL) abort();
        for (size_t j = 0; j < s->n; j++) {
            if (!isfinite(s->ns[j]) || s->ns[j] < 0) abort();
        }
        const double m = tern_median(s->ns, s->n);
        if (!(m >= 0) || !isfinite(m)) abort();
        if (i > 0) {
            const double p = tern_mann_whitney_p(runs.s[i - 1].ns, runs.s[i - 1].n, s->ns, s->n);
            if (!(p >= 0 && p <= 1)) abort();
        }
    }
    tern_gbench_runs_free(&runs);
    return 0;
}
