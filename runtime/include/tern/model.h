// A BitNet b1.58 model in memory and the sessions that run it (DESIGN §3, §5).
//
// Loading maps the GGUF file, validates every tensor the architecture needs (name, type,
// shape), chooses a kernel layout per linear shape (the tuning profile's choice when one
// matches this CPU, else a heuristic), and repacks the ternary weights into it chunk by
// chunk: the file's copy is never held twice. The token embedding stays in the mapping.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/gguf.h"
#include "tern/linear.h"
#include "tern/ops.h"

struct tern_pool;
struct tern_profile;
struct tern_vocab;

struct tern_hparams {
    char arch[32];               // "bitnet-b1.58" (also "bitnet-25")
    char name[96];               // general.name, if any
    uint32_t n_vocab, n_ctx_train, n_embd, n_ff, n_layer, n_head, n_head_kv, head_dim;
    float rope_theta, rms_eps;
};

// A ternary linear with its two variants over one packed copy: `decode` (MR = 1) for single
// tokens, `prefill` (MR > 1, same layout) for batches. prefill.packed aliases decode.packed.
struct tern_blinear {
    struct tern_linear decode;
    struct tern_linear prefill;
    uint32_t src_type;           // the file's tensor type (I2_S, F16 ...)
};

struct tern_layer {
    const float * attn_norm;     // (n_embd)
    const float * attn_sub_norm; // (n_embd)
    const float * ffn_norm;      // (n_embd)
    const float * ffn_sub_norm;  // (n_ff)
    struct tern_blinear wq;      // n_embd -> n_head * head_dim
    struct tern_blinear wk, wv;  // n_embd -> n_head_kv * head_dim
    struct tern_blinear wo;      // n_head * head_dim -> n_embd
    struct tern_blinear gate, up;// n_embd -> n_ff
    struct tern_blinear down;    // n_ff -> n_embd
};

struct tern_model {
    struct tern_hparams hp;
    struct tern_gguf gguf;       // the mapping (embedding, norms and vocab point into it)
    struct tern_dense tok_embd;  // (n_vocab, n_embd)
    struct tern_dense output;    // (n_vocab, n_embd): tok_embd's storage when tied (or its q8 copy)
    bool tied, lm_head_q8;
    const float * output_norm;   // (n_embd)
    struct tern_layer * layers;  // (n_layer)
    float * norms;               // owned storage of every norm vector
    struct tern_vocab * vocab;   // NULL if the file has none
    size_t packed_bytes;         // ternary weights after repacking
    void * weights;              // one huge-page arena: every layer's packed weights
    size_t weights_bytes, weights_used;
    void * embd_copy;            // the embedding moved out of the mapping (huge pages), or NULL
    size_t embd_copy_bytes;
    double load_ms;
    char plan_source[32];        // "profile" or "heuristic"
};

struct tern_load_options {
    int threads;                 // the thread count the variants are chosen for
    bool lm_head_q8;             // quantize the output matrix to int8 rows
    const char * profile_path;   // NULL = the default profile path
    bool quiet;                  // no progress line
    bool no_vocab;               // skip the tokenizer (tests that only need weights)
};

// 0, or -1 with a one-line reason in err.
int tern_model_load(struct tern_model * m, const char * path, const struct tern_load_options * opt, char * err,
                    size_t err_size);
void tern_model_free(struct tern_model * m);

// A conversation's state: KV cache (f16 by default) and scratch for batches of up to n_batch.
struct tern_session {
    const struct tern_model * m;
    struct tern_pool * pool;     // not owned
    int threads;
    size_t n_ctx, n_batch, n_past;
    bool kv_f32;
    void * k_cache, * v_cache;   // (n_layer, n_ctx, n_head_kv * head_dim) f16 or f32
    // scratch, (n_batch, ...) rows
    float * x, * h, * q, * k, * v, * att, * g, * u, * y, * rope;
    float * scores;              // (threads, n_ctx)
    int32_t * acc;               // (n_batch, max(n_ff, n_embd * 2))
    struct tern_acts acts;
    float * logits;              // (logits_rows, n_vocab): 1 row, more once all_logits asks for them
    size_t logits_rows;
};

// 0, or -1 with err (out of memory, bad sizes). n_ctx 0 = min(n_ctx_train, 4096).
int tern_session_init(struct tern_session * s, const struct tern_model * m, struct tern_pool * pool, int threads,
                      size_t n_ctx, size_t n_batch, bool kv_f32, char * err, size_t err_size);
void tern_session_free(struct tern_session * s);
void tern_session_reset(struct tern_session * s);   // forget the cached tokens

// Runs n tokens at positions n_past.. through the model (in batches of n_batch) and appends
// them to the cache. Logits: all_logits ? (n, n_vocab) for every position : (n_vocab) for the
// last, into s->logits (valid until the next call). 0, or -1 with err if the context is full
// or a token id is out of range.
int tern_forward(struct tern_session * s, const int32_t * tokens, size_t n, bool all_logits, char * err,
                 size_t err_size);
