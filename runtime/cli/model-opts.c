// Shared model options and loading for the model commands (see model-opts.h).

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-opts.h"
#include "tern/pool.h"
#include "tern/topology.h"

bool parse_size(const char * s, size_t * out, size_t max) {
    char * end;
    errno = 0;
    if (!s || *s < '0' || *s > '9') return false;
    const unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || v > max) return false;
    *out = (size_t) v;
    return true;
}

int model_opt(struct model_opts * o, const char * cmd, int argc, char ** argv, int * i) {
    const char * a = argv[*i];
    const char * val = *i + 1 < argc ? argv[*i + 1] : NULL;
#define NEEDS_VALUE                                                                 \
    if (!val) {                                                                     \
        fprintf(stderr, "tern %s: %s needs a value\n", cmd, a);                     \
        return -1;                                                                  \
    }                                                                               \
    (*i)++;
    size_t n;
    if (!strcmp(a, "-m") || !strcmp(a, "--model")) {
        NEEDS_VALUE
        o->model = val;
    } else if (!strcmp(a, "-t") || !strcmp(a, "--threads")) {
        NEEDS_VALUE
        if (!parse_size(val, &n, 256) || n == 0) {
            fprintf(stderr, "tern %s: -t wants a thread count in 1..256, not '%s'\n", cmd, val);
            return -1;
        }
        o->threads = (int) n;
    } else if (!strcmp(a, "-c") || !strcmp(a, "--ctx-size")) {
        NEEDS_VALUE
        if (!parse_size(val, &o->ctx, 1u << 20) || o->ctx == 0) {
            fprintf(stderr, "tern %s: -c wants a context length in 1..1048576, not '%s'\n", cmd, val);
            return -1;
        }
    } else if (!strcmp(a, "-b") || !strcmp(a, "--batch-size")) {
        NEEDS_VALUE
        if (!parse_size(val, &o->batch, 65536) || o->batch == 0) {
            fprintf(stderr, "tern %s: -b wants a batch size in 1..65536, not '%s'\n", cmd, val);
            return -1;
        }
    } else if (!strcmp(a, "--lm-head")) {
        NEEDS_VALUE
        if (strcmp(val, "q8") && strcmp(val, "f16")) {
            fprintf(stderr, "tern %s: --lm-head is q8 or f16, not '%s'\n", cmd, val);
            return -1;
        }
        o->lm_head_q8 = !strcmp(val, "q8");
    } else if (!strcmp(a, "-ctk") || !strcmp(a, "-ctv") || !strcmp(a, "--cache-type-k") || !strcmp(a, "--cache-type-v")) {
        NEEDS_VALUE
        if (strcmp(val, "f16") && strcmp(val, "f32")) {
            fprintf(stderr, "tern %s: %s is f16 or f32, not '%s'\n", cmd, a, val);
            return -1;
        }
        o->kv_f32 = !strcmp(val, "f32");
    } else if (!strcmp(a, "--profile")) {
        NEEDS_VALUE
        o->profile = val;
    } else {
        return 0;
    }
#undef NEEDS_VALUE
    return 1;
}

int model_open(const struct model_opts * o, const char * cmd, struct loaded * L) {
    memset(L, 0, sizeof(*L));
    if (!o->model) {
        fprintf(stderr, "tern %s: no model given (-m FILE)\n", cmd);
        return -1;
    }
    int threads = o->threads;
    if (threads <= 0) {
        struct tern_topology topo;
        tern_topology_get(&topo);
        threads = topo.cores > 0 ? topo.cores : 1;
        if (topo.allowed_pus > 0 && threads > topo.allowed_pus) threads = topo.allowed_pus;
    }
    L->threads = threads;
    char err[512];
    const struct tern_load_options lo = { .threads = threads, .lm_head_q8 = o->lm_head_q8, .profile_path = o->profile,
                                          .quiet = o->quiet };
    if (tern_model_load(&L->model, o->model, &lo, err, sizeof(err))) {
        fprintf(stderr, "tern %s: %s\n", cmd, err);
        return -1;
    }
    L->pool = tern_pool_init(threads, true);
    if (!L->pool) {
        fprintf(stderr, "tern %s: cannot start %d threads\n", cmd, threads);
        tern_model_free(&L->model);
        return -1;
    }
    if (tern_session_init(&L->session, &L->model, L->pool, threads, o->ctx, o->batch, o->kv_f32, err, sizeof(err))) {
        fprintf(stderr, "tern %s: %s\n", cmd, err);
        tern_pool_free(L->pool);
        tern_model_free(&L->model);
        return -1;
    }
    return 0;
}

void model_close(struct loaded * L) {
    tern_session_free(&L->session);
    if (L->pool) tern_pool_free(L->pool);
    tern_model_free(&L->model);
    memset(L, 0, sizeof(*L));
}
