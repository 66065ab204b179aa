// `tern tune`: autotune the kernels for this CPU and store the profile; `--show` prints it.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "tern/gguf.h"
#include "tern/topology.h"
#include "tern/tune.h"
#include "tune-show.h"

#define DEFAULT_PRESET "bitnet-b1.58-2B-4T"

static void usage(FILE * out) {
    fprintf(out,
            "usage: tern tune [--model F | --preset NAME] [-t 1,2] [--budget SECONDS] [--quick] [--tokens 1,64,256]\n"
            "                 [--profile FILE]\n"
            "       tern tune --show [--profile FILE]\n"
            "  --model F         the linear shapes of a GGUF model file\n"
            "  --preset NAME     shapes of a model preset (default " DEFAULT_PRESET ")\n"
            "  -t, --threads L   thread counts to tune for (default 1 and all allowed cores)\n"
            "  --budget S        time budget in seconds, for the whole run (default 50; --quick: 9)\n"
            "  --quick           decode and 64-token prefill only, small budget\n"
            "  --tokens L        tokens per call to tune (1 = decode; default 1,64,256)\n"
            "  --profile FILE    where to write (or, with --show, read) the profile\n"
            "presets:");
    for (size_t i = 0; tern_preset_name(i); i++) fprintf(out, " %s", tern_preset_name(i));
    fprintf(out, "\n");
}

static void progress(void * user, double fraction, const char * what) {
    (void) user;
    const int width = 30, filled = (int) (fraction * width + 0.5);
    if (isatty(STDERR_FILENO)) {
        fprintf(stderr, "\r[%.*s%.*s] %3.0f%% %-60.60s", filled, "##############################", width - filled,
                "..............................", fraction * 100.0, what);
        if (fraction >= 1.0) fprintf(stderr, "\n");
    } else if (fraction < 1.0) {
        fprintf(stderr, "tune %3.0f%% %s\n", fraction * 100.0, what);
    }
}

int tern_cmd_tune(int argc, char ** argv) {
    const char * preset = DEFAULT_PRESET, * profile_path = NULL, * model = NULL;
    int threads[16];
    size_t n_threads = 0, n_tokens = 0;
    int tokens_i[8];
    double budget = 0;
    bool quick = false, show = false;
    for (int i = 1; i < argc; i++) {
        const char * a = argv[i];
        const bool has_value = i + 1 < argc;
        if (strcmp(a, "--preset") == 0 && has_value) {
            preset = argv[++i];
        } else if ((strcmp(a, "--model") == 0 || strcmp(a, "-m") == 0) && has_value) {
            model = argv[++i];
        } else if ((strcmp(a, "-t") == 0 || strcmp(a, "--threads") == 0) && has_value) {
            if (!tern_parse_int_list(argv[++i], threads, 16, &n_threads, 1, 256)) {
                fprintf(stderr, "tern tune: -t wants thread counts like 1,2 (each 1..256), got '%s'\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--tokens") == 0 && has_value) {
            if (!tern_parse_int_list(argv[++i], tokens_i, 8, &n_tokens, 1, 4096)) {
                fprintf(stderr, "tern tune: --tokens wants counts like 1,64,256 (each 1..4096), got '%s'\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--budget") == 0 && has_value) {
            if (!tern_parse_positive(argv[++i], &budget) || budget > 86400) {
                fprintf(stderr, "tern tune: --budget wants seconds in (0, 86400], got '%s'\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--profile") == 0 && has_value) {
            profile_path = argv[++i];
        } else if (strcmp(a, "--quick") == 0) {
            quick = true;
        } else if (strcmp(a, "--show") == 0) {
            show = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "tern tune: unknown or incomplete option '%s' (try 'tern tune --help')\n", a);
            return 2;
        }
    }
    char path[512];
    if (profile_path) {
        snprintf(path, sizeof(path), "%s", profile_path);
    } else if (tern_profile_default_path(path, sizeof(path)) != 0) {
        fprintf(stderr, "tern tune: neither XDG_CACHE_HOME nor HOME is set; pass --profile FILE\n");
        return 2;
    }
    char err[1024];
    if (show) {
        bool stale;
        struct tern_profile * p = tern_profile_load(path, tern_cpu_get(), &stale, err, sizeof(err));
        if (!p) {
            fprintf(stderr, "tern tune: %s\n", err);
            return 1;
        }
        tern_tune_show(p, tern_cpu_get());
        tern_profile_free(p);
        return 0;
    }

    struct tern_tune_shape shapes[64];
    size_t n_shapes;
    if (model) {
        struct tern_gguf g;
        if (tern_gguf_open(&g, model, err, sizeof(err)) != 0) {
            fprintf(stderr, "tern tune: %s\n", err);
            return 1;
        }
        n_shapes = tern_gguf_linear_shapes(&g, shapes, 64);
        tern_gguf_close(&g);
        if (n_shapes == 0) {
            fprintf(stderr, "tern tune: %s has no blk.0 linear weights (attn_q ... ffn_down) to tune for\n", model);
            return 1;
        }
        const char * base = strrchr(model, '/');
        preset = base ? base + 1 : model;
    } else {
        n_shapes = tern_preset_shapes(preset, shapes, 64);
        if (n_shapes == 0) {
            fprintf(stderr, "tern tune: unknown preset '%s' (try 'tern tune --help' for the list)\n", preset);
            return 2;
        }
    }
    if (n_threads == 0) {
        struct tern_topology topo;
        tern_topology_get(&topo);
        threads[n_threads++] = 1;
        const int all = topo.cores < topo.allowed_pus ? topo.cores : topo.allowed_pus;
        if (all > 1) threads[n_threads++] = all;
    }
    size_t tokens[8];
    if (n_tokens == 0) {
        const size_t defaults[] = { 1, 64, 256 };
        n_tokens = quick ? 2 : 3;
        for (size_t i = 0; i < n_tokens; i++) tokens[i] = defaults[i];
    } else {
        for (size_t i = 0; i < n_tokens; i++) tokens[i] = (size_t) tokens_i[i];
    }
    if (budget == 0) budget = quick ? 9 : 50;

    const struct tern_tune_request req = {
        .preset = preset, .shapes = shapes, .n_shapes = n_shapes, .threads = threads, .n_threads = n_threads,
        .tokens = tokens, .n_tokens = n_tokens, .budget_s = budget, .progress = progress,
    };
    struct tern_profile * p = tern_tune_run(&req, err, sizeof(err));
    if (!p) {
        fprintf(stderr, "tern tune: %s\n", err);
        return 1;
    }
    snprintf(p->path, sizeof(p->path), "%s", path);
    if (tern_profile_save(p, path, err, sizeof(err)) != 0) {
        fprintf(stderr, "tern tune: %s\n", err);
        tern_profile_free(p);
        return 1;
    }
    tern_tune_show(p, tern_cpu_get());
    tern_profile_free(p);
    return 0;
}
