// `tern bench kernels ...` runs tern-bench-kernels (Google Benchmark: filters, repetitions,
// JSON); `tern bench compare BASE.json NEW.json` compares two such JSON files benchmark by
// benchmark (median ratio, Mann-Whitney U over repetitions) and exits 1 on a significant
// regression beyond the threshold: the gate a kernel developer's CI wants.

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "cli.h"
#include "tern/file.h"
#include "tern/gbench_json.h"
#include "tern/stats.h"

static int bench_kernels(char ** argv) {   // argv is NULL-terminated, as execv wants
    char self[PATH_MAX];
    const ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 32);
    if (len <= 0) {
        fprintf(stderr, "tern bench kernels: cannot locate the tern binary (/proc/self/exe)\n");
        return 1;
    }
    self[len] = '\0';
    char * slash = strrchr(self, '/');
    snprintf(slash ? slash + 1 : self, 32, "tern-bench-kernels");
    argv[0] = self;
    execv(self, argv);
    fprintf(stderr, "tern bench kernels: cannot run %s: %s (built with -DTERN_BUILD_BENCH=ON?)\n", self, strerror(errno));
    return 1;
}

// ---------------------------------------------------------------------------- compare

// The file's Google Benchmark JSON (runtime/tune/gbench-json.c parses it).
static int load_runs(const char * path, struct tern_gbench_runs * out, char * err, size_t err_size) {
    size_t len;
    char * text = tern_read_file(path, "", (size_t) 1 << 30, &len, err, err_size);
    if (!text) {
        memset(out, 0, sizeof(*out));
        return -1;
    }
    const int rc = tern_gbench_parse(text, len, path, out, err, err_size);
    free(text);
    return rc;
}

static int bench_compare(int argc, char ** argv) {
    const char * files[2] = { NULL, NULL };
    double threshold = 0.05, alpha = 0.05;
    const struct tern_opt opts[] = {
        { TERN_OPT_POSITIONAL, "BASE.json", NULL, &files[0], .help = "Google Benchmark JSON of the base" },
        { TERN_OPT_POSITIONAL, "NEW.json", NULL, &files[1], .help = "and of the change" },
        { TERN_OPT_PERCENT, "--threshold", "PCT", &threshold, 0.001, 999, .help = "a slowdown beyond this is a regression" },
        { TERN_OPT_DOUBLE, "--alpha", "P", &alpha, 1e-9, 0.999, .help = "significance level of the Mann-Whitney U test" },
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "bench compare", "tern bench compare BASE.json NEW.json [--threshold 5%] [--alpha 0.05]\n"
                         "  per benchmark: median times, their ratio and the Mann-Whitney U p-value; exits 1 on a\n"
                         "  significant regression beyond the threshold", argc, argv, &exit_code)) {
        return exit_code;
    }
    if (!files[1]) {
        fprintf(stderr, "tern bench compare: takes two files, BASE.json NEW.json (see --help)\n");
        return 2;
    }
    struct tern_gbench_runs base, cur;
    char err[1024];
    if (load_runs(files[0], &base, err, sizeof(err)) != 0) {
        fprintf(stderr, "tern bench compare: %s\n", err);
        return 2;
    }
    if (load_runs(files[1], &cur, err, sizeof(err)) != 0) {
        fprintf(stderr, "tern bench compare: %s\n", err);
        tern_gbench_runs_free(&base);
        return 2;
    }
    printf("%-90s %12s %12s %8s %8s  %s\n", "benchmark", "base_ns", "new_ns", "new/base", "p", "verdict");
    size_t regressions = 0, compared = 0;
    for (size_t i = 0; i < cur.n; i++) {
        const struct tern_gbench_series * c = &cur.s[i], * b = NULL;
        for (size_t j = 0; j < base.n; j++) {
            if (strcmp(base.s[j].name, c->name) == 0) b = &base.s[j];
        }
        if (!b) {
            printf("%-90.90s %12s %12.1f %8s %8s  new\n", c->name, "-", tern_median(c->ns, c->n), "-", "-");
            continue;
        }
        compared++;
        const double mb = tern_median(b->ns, b->n), mc = tern_median(c->ns, c->n);
        const double ratio = mb > 0 ? mc / mb : INFINITY;
        const double p = tern_mann_whitney_p(b->ns, b->n, c->ns, c->n);
        const char * verdict = "same";
        if (ratio > 1 + threshold) {
            if (p < alpha) {
                verdict = "REGRESSION";
                regressions++;
            } else {
                verdict = b->n < 3 || c->n < 3 ? "slower? (too few repetitions to tell)" : "slower, not significant";
            }
        } else if (ratio < 1 - threshold) {
            verdict = p < alpha ? "faster" : "faster, not significant";
        }
        printf("%-90.90s %12.1f %12.1f %8.3f %8.4f  %s\n", c->name, mb, mc, ratio, p, verdict);
    }
    for (size_t j = 0; j < base.n; j++) {
        bool found = false;
        for (size_t i = 0; i < cur.n; i++) found |= strcmp(base.s[j].name, cur.s[i].name) == 0;
        if (!found) printf("%-90.90s %12.1f %12s %8s %8s  gone\n", base.s[j].name, tern_median(base.s[j].ns, base.s[j].n), "-", "-", "-");
    }
    printf("%zu compared, %zu significant regression(s) beyond %.1f%% (alpha %.3g)\n", compared, regressions,
           threshold * 100, alpha);
    tern_gbench_runs_free(&base);
    tern_gbench_runs_free(&cur);
    return regressions ? 1 : 0;
}

int tern_cmd_bench(int argc, char ** argv) {
    if (argc >= 2 && strcmp(argv[1], "kernels") == 0) return bench_kernels(argv + 1);
    if (argc >= 2 && strcmp(argv[1], "compare") == 0) return bench_compare(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "e2e") == 0) return tern_cmd_bench_e2e(argc - 1, argv + 1);
    fprintf(stderr, "usage: tern bench kernels [--benchmark_* flags] | tern bench compare BASE.json NEW.json "
                    "[--threshold 5%%] | tern bench e2e -m FILE [-p 512] [-n 128] [-t 1,2] [-r 5] [-o md|json]\n");
    return 2;
}
