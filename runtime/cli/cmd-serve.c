// `tern serve`: an OpenAI-compatible HTTP server (runtime/serve/). Flags in llama-server's
// names; the model, thread and sampling groups are the other commands' (model-opts.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model-opts.h"
#include "../serve/server.h"
#include "tern/file.h"

#define MAX_KEYS 64

struct serve_cli {
    struct model_opts m;
    struct serve_config cfg;
    const char * key_args[MAX_KEYS];
    size_t n_key_args;
    const char * key_file;
    bool verbose;
};

// --api-key values may hold several keys separated by commas; --api-key-file one per line
// ('#' starts a comment). The strings live in *store until the server stops.
static int collect_keys(struct serve_cli * o, const char ** keys, size_t * n, char ** store) {
    size_t total = 2;
    char * file = NULL;
    size_t file_len = 0;
    if (o->key_file) {
        char err[400];
        if (!(file = tern_read_file(o->key_file, "the API key file", 1 << 20, &file_len, err, sizeof(err)))) {
            fprintf(stderr, "tern serve: %s\n", err);
            return -1;
        }
        total += file_len;
    }
    for (size_t i = 0; i < o->n_key_args; i++) total += strlen(o->key_args[i]) + 1;
    char * buf = *store = malloc(total);
    if (!buf) {
        free(file);
        return -1;
    }
    size_t at = 0;
    for (size_t i = 0; i < o->n_key_args; i++) at += (size_t) sprintf(buf + at, "%s,", o->key_args[i]);
    for (size_t i = 0; i < file_len; i++) {
        if (file[i] == '#') {
            while (i < file_len && file[i] != '\n') i++;
        }
        if (i < file_len) buf[at++] = file[i] == '\n' || file[i] == '\r' ? ',' : file[i];
    }
    buf[at] = '\0';
    free(file);
    *n = 0;
    for (char * save = NULL, * k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        while (*k == ' ' || *k == '\t') k++;
        size_t len = strlen(k);
        while (len && (k[len - 1] == ' ' || k[len - 1] == '\t')) k[--len] = '\0';
        if (!len) continue;
        if (*n == MAX_KEYS) {
            fprintf(stderr, "tern serve: more than %d API keys\n", MAX_KEYS);
            return -1;
        }
        keys[(*n)++] = k;
    }
    if ((o->n_key_args || o->key_file) && *n == 0) {
        fprintf(stderr, "tern serve: --api-key / --api-key-file gave no key\n");
        return -1;
    }
    return 0;
}

int tern_cmd_serve(int argc, char ** argv) {
    struct serve_cli o = {
        .cfg = { .host = "127.0.0.1", .port = 8080, .n_parallel = 4, .max_queue = 256, .timeout_s = 600, .ping_s = 30,
                 .sp = tern_sampler_defaults() },
    };
    const struct tern_opt opts[] = {
        { TERN_OPT_HEADING, .help = "server" },
        { TERN_OPT_STR, "--host", "HOST", &o.cfg.host, .help = "address to listen on (0.0.0.0 or :: for every interface)" },
        { TERN_OPT_INT, "--port", "PORT", &o.cfg.port, 0, 65535, .help = "port (0: any free one, logged at start)" },
        { TERN_OPT_INT, "-np, --parallel", "N", &o.cfg.n_parallel, 1, 256, .help = "slots: requests decoded together in one batch" },
        { TERN_OPT_INT, "--max-queue", "N", &o.cfg.max_queue, 0, 1 << 20, .help = "requests waiting for a slot; beyond it 503 + Retry-After" },
        { TERN_OPT_STR_LIST, "--api-key", "KEY", o.key_args, .count = &o.n_key_args, .max = MAX_KEYS,
          .help = "require Authorization: Bearer KEY (or X-Api-Key); repeat or separate by commas" },
        { TERN_OPT_STR, "--api-key-file", "FILE", &o.key_file, .help = "API keys, one per line ('#' comments)" },
        { TERN_OPT_INT, "-to, --timeout", "S", &o.cfg.timeout_s, 1, 1 << 24, .help = "close a connection idle for S seconds" },
        { TERN_OPT_DOUBLE, "--sse-ping-interval", "S", &o.cfg.ping_s, 0.05, 3600,
          .help = "send an SSE comment after S seconds without data (queued, long prompts)" },
        { TERN_OPT_STR, "-a, --alias", "NAME", &o.cfg.alias, .help = "the model's id in /v1/models and responses (default: the -m path)" },
        { TERN_OPT_FLAG, "-v, --verbose", NULL, &o.verbose, .help = "log debug lines too (libmicrohttpd's)" },
        THREAD_OPTS(&o.m),
        MODEL_OPTS(&o.m),
        SAMPLING_OPTS(&o.cfg.sp),
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "serve", "tern serve -m FILE [--host H] [--port P] [-np N] [-c N] [options]\n"
                         "  an OpenAI-compatible server: /v1/chat/completions, /v1/completions, /v1/models, /health,\n"
                         "  /tokenize, /detokenize, /metrics, and a chat page at /. -c is the context of each slot;\n"
                         "  -b the most prompt tokens one batch step evaluates; sampling flags are the defaults of\n"
                         "  every request", argc, argv, &exit_code)) {
        return exit_code;
    }
    struct tern_load_options lo;
    if (cli_model_prepare(&o.m, "serve", &lo)) return 2;
    const char * keys[MAX_KEYS];
    char * key_store = NULL;
    if (collect_keys(&o, keys, &o.cfg.n_api_keys, &key_store)) {
        free(key_store);
        return 2;
    }
    o.cfg.api_keys = keys;
    o.cfg.n_ctx = o.m.ctx;
    o.cfg.max_chunk = o.m.batch ? o.m.batch : 512;
    o.cfg.threads = lo.threads;
    o.cfg.kv_type = (enum tern_kv_type) o.m.cache_k;
    lo.progress = NULL;                  // the log says when loading is done
    const int rc = serve_run(&o.cfg, o.m.model, &lo, o.verbose);
    free(key_store);
    return rc;
}
