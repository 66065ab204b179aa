// Options every model command shares (-m, -t, -c, -b, --lm-head, -ctk/-ctv, --profile) and
// the load sequence behind them: model, thread pool, session.
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "tern/model.h"

struct model_opts {
    const char * model;
    int threads;                 // 0 = physical cores
    size_t ctx, batch;           // 0 = defaults
    bool lm_head_q8, kv_f32;
    const char * profile;
    bool quiet;
};

#define MODEL_OPTS_HELP                                                                            \
    "  -m, --model F        GGUF model (bitnet.cpp I2_S, or F16/BF16/F32 latent weights)\n"        \
    "  -t, --threads N      threads (default: physical cores)\n"                                   \
    "  -c, --ctx-size N     context length (default min(trained, 4096))\n"                         \
    "  -b, --batch-size N   tokens per prefill batch (default 512)\n"                              \
    "  --lm-head q8|f16     int8 output matrix (faster, approximate) or the file's (default)\n"     \
    "  -ctk, -ctv f16|f32   KV cache type (default f16; both must match)\n"                        \
    "  --profile FILE       tuning profile (default: this CPU's in ~/.cache/tern)\n"

// Consumes argv[*i] (and its value) if it is a model option: 1; not one: 0; a bad value: -1
// (the error is printed, prefixed with cmd).
int model_opt(struct model_opts * o, const char * cmd, int argc, char ** argv, int * i);

struct tern_pool;
struct loaded {
    struct tern_model model;
    struct tern_pool * pool;
    struct tern_session session;
    int threads;
};

// Loads o->model, starts the pool and a session. 0, or -1 after printing the error.
int model_open(const struct model_opts * o, const char * cmd, struct loaded * L);
void model_close(struct loaded * L);

// A strict non-negative integer ("512"); false otherwise.
bool parse_size(const char * s, size_t * out, size_t max);
