// Shared model options and loading for the model commands (see model-opts.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-opts.h"
#include "progress.h"
#include "tern/pool.h"
#include "tern/topology.h"

const char * const lm_head_names[] = { "f16", "q8", NULL };
const char * const kv_type_names[] = { "f16", "f32", NULL };

int cli_model_prepare(const struct model_opts * o, const char * cmd, struct tern_load_options * lo) {
    if (!o->model) {
        fprintf(stderr, "tern %s: no model given (-m FILE)\n", cmd);
        return -1;
    }
    if (o->cache_k != o->cache_v) {
        fprintf(stderr, "tern %s: -ctk %s with -ctv %s: K and V caches of different types are not supported yet\n", cmd,
                kv_type_names[o->cache_k], kv_type_names[o->cache_v]);
        return -1;
    }
    int threads = o->threads;
    if (threads <= 0) {
        struct tern_topology topo;
        tern_topology_get(&topo);
        threads = topo.cores > 0 ? topo.cores : 1;
        if (topo.allowed_pus > 0 && threads > topo.allowed_pus) threads = topo.allowed_pus;
    }
    *lo = (struct tern_load_options) { .threads = threads, .lm_head = (enum tern_lm_head) o->lm_head,
                                       .profile_path = o->profile, .progress = o->quiet ? NULL : cli_progress,
                                       .pre_tokenizer = o->pre_tokenizer, .chat_template = o->chat_template };
    return 0;
}

int cli_model_open(const struct model_opts * o, const char * cmd, struct cli_model * L) {
    memset(L, 0, sizeof(*L));
    struct tern_load_options lo;
    if (cli_model_prepare(o, cmd, &lo)) return -1;
    const int threads = L->threads = lo.threads;
    char err[512];
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
    if (!o->no_session && tern_session_init(&L->session, &L->model, L->pool, threads, o->ctx, o->batch, (enum tern_kv_type) o->cache_k, err, sizeof(err))) {
        fprintf(stderr, "tern %s: %s\n", cmd, err);
        tern_pool_free(L->pool);
        tern_model_free(&L->model);
        return -1;
    }
    return 0;
}

void cli_model_close(struct cli_model * L) {
    tern_session_free(&L->session);
    if (L->pool) tern_pool_free(L->pool);
    tern_model_free(&L->model);
    memset(L, 0, sizeof(*L));
}
