// Option groups every model command shares, as rows for opts.h tables, and the load
// sequence behind them: model, thread pool, session.
//   MODEL_OPTS(&o)      -m, -c, -b, --lm-head, -ctk, -ctv, --profile, --pre-tokenizer, --chat-template
//   THREAD_OPTS(&o)     -t (one count; bench e2e takes a list instead)
//   SAMPLING_OPTS(&sp)  --temp, --top-k, --top-p, --min-p, penalties, -s
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "opts.h"
#include "tern/model.h"
#include "tern/sampler.h"

struct model_opts {
    const char * model;
    int threads;                 // 0 = physical cores
    size_t ctx, batch;           // 0 = defaults
    int lm_head;                 // index into lm_head_names: 0 = the file's output matrix, 1 = q8
    int cache_k, cache_v;        // index into kv_type_names
    const char * profile;
    const char * pre_tokenizer, * chat_template;
    bool quiet;
    bool no_session;             // load the model and the pool only (the command makes its own sequences)
};

extern const char * const lm_head_names[];    // "f16" (the file's own), "q8"
extern const char * const kv_type_names[];    // "f16", "f32"

#define MODEL_OPTS(o)                                                                                          \
    { TERN_OPT_HEADING, .help = "model" },                                                                    \
    { TERN_OPT_STR, "-m, --model", "FILE", &(o)->model, .help = "GGUF model (bitnet.cpp I2_S, or F16/BF16/F32 latent weights)" }, \
    { TERN_OPT_SIZE, "-c, --ctx-size", "N", &(o)->ctx, 1, 1 << 20,                                              \
      .help = "context length (default: the model's, at most 4096)" },                                       \
    { TERN_OPT_SIZE, "-b, --batch-size", "N", &(o)->batch, 1, 65536, .help = "tokens per prefill batch (default 512)" }, \
    { TERN_OPT_CHOICE, "--lm-head", "f16|q8", &(o)->lm_head, .choices = lm_head_names,                        \
      .help = "q8: int8 output matrix (faster, approximate); f16: the file's own" },                          \
    { TERN_OPT_CHOICE, "-ctk, --cache-type-k", "f16|f32", &(o)->cache_k, .choices = kv_type_names, .help = "KV cache type of K" }, \
    { TERN_OPT_CHOICE, "-ctv, --cache-type-v", "f16|f32", &(o)->cache_v, .choices = kv_type_names, .help = "KV cache type of V" }, \
    { TERN_OPT_STR, "--profile", "FILE", &(o)->profile, .help = "tuning profile (default: this CPU's in ~/.cache/tern)" }, \
    { TERN_OPT_STR, "--pre-tokenizer", "NAME", &(o)->pre_tokenizer,                                         \
      .help = "split text as NAME does (llama3, default, gpt2, ...) instead of the file's choice" },         \
    { TERN_OPT_STR, "--chat-template", "NAME", &(o)->chat_template,                                         \
      .help = "bitnet, llama3, falcon3, chatml or none instead of the detected format" }

#define THREAD_OPTS(o)                                                                                         \
    { TERN_OPT_INT, "-t, --threads", "N", &(o)->threads, 1, 256, .help = "threads (default: physical cores)" }

#define SAMPLING_OPTS(sp)                                                                                      \
    { TERN_OPT_HEADING, .help = "sampling (llama.cpp's defaults and order)" },                                \
    { TERN_OPT_FLOAT, "--temp", "T", &(sp)->temp, 0, 100, .help = "temperature; 0 = greedy" },                 \
    { TERN_OPT_INT, "--top-k", "K", &(sp)->top_k, 0, 1 << 24, .help = "keep the K most likely (0 = off)" },    \
    { TERN_OPT_FLOAT, "--top-p", "P", &(sp)->top_p, 0, 1, .help = "nucleus: smallest set of mass P (1 = off)" }, \
    { TERN_OPT_FLOAT, "--min-p", "P", &(sp)->min_p, 0, 1, .help = "drop below P x the top probability (0 = off)" }, \
    { TERN_OPT_FLOAT, "--repeat-penalty", "R", &(sp)->repeat_penalty, 0.01, 100, .help = "repetition penalty (1 = off)" }, \
    { TERN_OPT_INT, "--repeat-last-n", "N", &(sp)->repeat_last_n, 0, 1 << 20, .help = "tokens the penalties look back" }, \
    { TERN_OPT_FLOAT, "--presence-penalty", "P", &(sp)->presence_penalty, -100, 100, .help = "subtract P once per seen token" }, \
    { TERN_OPT_FLOAT, "--frequency-penalty", "F", &(sp)->frequency_penalty, -100, 100, .help = "subtract F per occurrence" }, \
    { TERN_OPT_SEED, "-s, --seed", "S", &(sp)->seed, -1, .help = "random seed (-1 = from the clock)" }

struct tern_pool;
// A model opened for one command: the model, its thread pool and one session (CLI only).
struct cli_model {
    struct tern_model model;
    struct tern_pool * pool;
    struct tern_session session;
    int threads;
};

// The checks of o and the load options it asks for (threads resolved). 0, or -1 after printing the error.
int cli_model_prepare(const struct model_opts * o, const char * cmd, struct tern_load_options * lo);
// Loads o->model, starts the pool and a session. 0, or -1 after printing the error.
int cli_model_open(const struct model_opts * o, const char * cmd, struct cli_model * L);
void cli_model_close(struct cli_model * L);
