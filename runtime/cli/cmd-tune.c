// `tern tune`: autotune the kernels for this CPU and store the profile; `--show` prints it.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "progress.h"
#include "cli.h"
#include "tern/gguf.h"
#include "tern/presets.h"
#include "tern/topology.h"
#include "tern/tune.h"
#include "tune-show.h"

#define DEFAULT_PRESET "bitnet-b1.58-2B-4T"

int tern_cmd_tune(int argc, char ** argv) {
    const char * preset = DEFAULT_PRESET, * profile_path = NULL, * model = NULL;
    int threads[16], tokens_i[8];
    size_t n_threads = 0, n_tokens = 0;
    double budget = 0;
    bool quick = false, show = false;
    char usage[1200] = "tern tune [-m FILE | --preset NAME] [-t 1,2] [--budget S] [--quick] [--tokens 1,64,256]\n"
                       "       tern tune --show [--profile FILE]\n"
                       "  measures the kernel variants this CPU runs on each linear shape and stores the plan's evidence\n"
                       "  presets:";
    for (size_t i = 0; tern_preset_name(i); i++) {
        const size_t at = strlen(usage);
        snprintf(usage + at, sizeof(usage) - at, " %s", tern_preset_name(i));
    }
    const struct tern_opt opts[] = {
        { TERN_OPT_STR, "-m, --model", "FILE", &model, .help = "tune the linear shapes of a GGUF model file" },
        { TERN_OPT_STR, "--preset", "NAME", &preset, .help = "tune the shapes of a model preset" },
        { TERN_OPT_INT_LIST, "-t, --threads", "L", threads, 1, 256, .count = &n_threads, .max = 16,
          .help = "thread counts to tune for (default 1 and all allowed cores)" },
        { TERN_OPT_DOUBLE, "--budget", "SECONDS", &budget, 0.1, 86400,
          .help = "time budget of the whole run (default 50; --quick: 9)" },
        { TERN_OPT_FLAG, "--quick", NULL, &quick, .help = "decode and 64-token prefill only, small budget" },
        { TERN_OPT_INT_LIST, "--tokens", "L", tokens_i, 1, 4096, .count = &n_tokens, .max = 8,
          .help = "tokens per call to tune (1 = decode; default 1,64,256)" },
        { TERN_OPT_STR, "--profile", "FILE", &profile_path, .help = "where to write (with --show: read) the profile" },
        { TERN_OPT_FLAG, "--show", NULL, &show, .help = "print the stored profile" },
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "tune", usage, argc, argv, &exit_code)) {
        return exit_code;
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

    size_t stream_k = 0;     // the head's rows are as long as attn_q's (the model's width)
    for (size_t i = 0; i < n_shapes && !stream_k; i++) {
        if (strncmp(shapes[i].name, "attn_q", 6) == 0) stream_k = shapes[i].k;
    }
    const struct tern_tune_request req = {
        .preset = preset, .shapes = shapes, .n_shapes = n_shapes, .threads = threads, .n_threads = n_threads,
        .stream_k = stream_k,
        .tokens = tokens, .n_tokens = n_tokens, .budget_s = budget, .progress = cli_progress,
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
