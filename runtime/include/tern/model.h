// A ternary model in memory, and the sequences and batches that run through it (DESIGN §3, §5).
//
// Loading maps the file, validates every tensor the architecture needs (tern/arch.h: name,
// type, shape), chooses a kernel layout per linear shape (the tuning profile's choice when
// one matches this CPU, else a heuristic), and repacks the ternary weights into it chunk by
// chunk, dropping the file's pages as it goes: the weights are never held twice. Dense
// matrices (embedding, untied head) stay in their file's type.
//
// Running: a sequence (tern_seq) owns its KV cache and length; a workspace (tern_workspace)
// holds the scratch of one forward call and is shared by every sequence; a batch lists
// tokens, each naming its sequence and position and whether it wants logits. Prefill chunks
// of one sequence and decode tokens of many run in one call, and a sequence's logits are
// bit-identical whatever else is in the batch and on any thread count.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/arch.h"
#include "tern/chat.h"
#include "tern/dense.h"
#include "tern/gguf.h"
#include "tern/linear.h"
#include "tern/log.h"

struct tern_hf_model;
struct tern_pool;
struct tern_vocab;

// The largest head dim a model may have (the loader refuses larger).
#define TERN_MAX_HEAD_DIM 1024

struct tern_hparams {
    const struct tern_arch * arch;   // the architecture's row (tern/arch.h)
    char arch_name[32];              // as the file spells it ("bitnet-b1.58", "bitnet-25", ...)
    char name[96];                   // general.name, if any
    uint32_t n_vocab, n_ctx_train, n_embd, n_ff, n_layer, n_head, n_head_kv, head_dim;
    float rope_theta, rms_eps;
};

// The dimension sizes of a model (embd, ff, q = n_head * head_dim, kv = n_head_kv * head_dim).
struct tern_dims tern_hparams_dims(const struct tern_hparams * hp);

// A ternary linear with its two variants over one packed copy: `decode` (MR = 1) for single
// tokens, `prefill` (MR > 1, same layout) for batches. prefill.packed aliases decode.packed.
struct tern_linear_pair {
    struct tern_linear decode;
    struct tern_linear prefill;
    uint32_t src_type;               // the file's encoding (a tern_codec id, tern/codec.h)
};

struct tern_layer {
    const float * attn_norm;         // (n_embd)
    const float * attn_sub_norm;     // (q_dim), or NULL (archs without sub-norms)
    const float * ffn_norm;          // (n_embd)
    const float * ffn_sub_norm;      // (n_ff), or NULL
    struct tern_linear_pair wq;      // n_embd -> q_dim
    struct tern_linear_pair wk, wv;  // n_embd -> kv_dim
    struct tern_linear_pair wo;      // q_dim -> n_embd
    struct tern_linear_pair gate, up;// n_embd -> n_ff
    struct tern_linear_pair down;    // n_ff -> n_embd
};

enum tern_lm_head { TERN_LM_HEAD_FILE, TERN_LM_HEAD_Q8 };

struct tern_model {
    struct tern_hparams hp;
    struct tern_gguf gguf;           // the file: its keys and tensors (norms, the mapped embedding, the vocab point into it)
    struct tern_hf_model * hf;       // a Hugging Face folder behind gguf, or NULL (tern/hf_model.h)
    struct tern_dense tok_embd;      // (n_vocab, n_embd)
    struct tern_dense output;        // (n_vocab, n_embd): tok_embd's storage when tied (or its q8 copy)
    bool tied;
    enum tern_lm_head lm_head;
    const float * output_norm;       // (n_embd)
    struct tern_layer * layers;      // (n_layer)
    float * norms;                   // owned storage of every norm vector
    float * row_scales;              // owned storage of per-row weight scales (files with several)
    struct tern_vocab * vocab;       // NULL if the file has none
    enum tern_chat_format chat;      // the chat format of the model (tern/chat.h), and why
    char chat_why[160];
    size_t packed_bytes;             // ternary weights after repacking
    void * weights;                  // one huge-page arena: every layer's packed weights
    size_t weights_bytes, weights_used;
    void * embd_copy;                // the embedding moved out of the mapping (huge pages), or NULL
    size_t embd_copy_bytes;
    double load_ms;
    char plan_source[80];            // "heuristic" or "profile: T/N shapes retuned[, head prefetch N B]"
};

struct tern_load_options {
    int threads;                     // the thread count the variants are chosen for
    enum tern_lm_head lm_head;       // quantize the output matrix to int8 rows
    const char * profile_path;       // NULL = the default profile path
    bool no_vocab;                   // skip the tokenizer (tests that only need weights)
    const char * pre_tokenizer;      // a pre-tokenizer by name instead of the file's (NULL: the file's)
    const char * chat_template;      // a chat format by name instead of the detected one (NULL: detect)
    tern_progress_fn * progress;     // repacking progress (NULL: none)
    void * progress_user;
};

// path: a GGUF file or a Hugging Face checkpoint folder. 0, or -1 with a one-line reason in err.
int tern_model_load(struct tern_model * m, const char * path, const struct tern_load_options * opt, char * err,
                    size_t err_size);
void tern_model_free(struct tern_model * m);

// ---------------------------------------------------------------------------- sequences

enum tern_kv_type { TERN_KV_F16, TERN_KV_F32 };

// One sequence: its KV cache, laid out (layer, kv head, position, head dim) so attention
// streams each head's keys contiguously, and how many positions it holds.
struct tern_seq {
    size_t n_ctx;                    // positions the cache has room for
    size_t n_past;                   // positions 0..n_past-1 are cached
    enum tern_kv_type kv_type;
    void * k, * v;                   // f16 or f32, (n_layer, n_head_kv) heads of n_ctx positions padded to
                                     // whole key tiles: V (positions, head_dim), K key tiles (tern/ops.h)
};

// n_ctx 0 = min(n_ctx_train, 4096). 0, or -1 with err (out of memory, bad size).
int tern_seq_init(struct tern_seq * s, const struct tern_model * m, size_t n_ctx, enum tern_kv_type kv_type, char * err,
                  size_t err_size);
void tern_seq_free(struct tern_seq * s);

// A batch: token i of sequence seq[i] at position pos[i]. Each sequence's tokens come in
// order at consecutive positions starting at most at its n_past (earlier positions are
// overwritten: a sequence can be rewound), and after the call its n_past is one past its
// last token. logits[i] asks for token i's logits (NULL: the last token only).
struct tern_batch {
    size_t n;
    const int32_t * token;           // (n)
    const uint32_t * pos;            // (n)
    struct tern_seq * const * seq;   // (n)
    const bool * logits;             // (n) or NULL
};

// The scratch of a forward call: up to n_batch tokens at a time (a longer batch runs in
// slices), sequences of up to n_ctx_max positions, on `threads` threads of pool (NULL = the
// caller alone). One caller at a time: the pool and the scratch are its own.
struct tern_workspace;

int tern_workspace_init(struct tern_workspace ** ws, const struct tern_model * m, struct tern_pool * pool, int threads,
                        size_t n_batch, size_t n_ctx_max, char * err, size_t err_size);
void tern_workspace_free(struct tern_workspace * ws);
size_t tern_workspace_n_batch(const struct tern_workspace * ws);

// Runs the batch. 0, or -1 with err (bad token id, a position the sequence cannot take, out
// of memory for the logits), in which case no sequence changed.
int tern_decode(struct tern_workspace * ws, const struct tern_batch * b, char * err, size_t err_size);
// After tern_decode: the logits (n_vocab) of the i-th token that asked for them, in batch order.
const float * tern_workspace_logits(const struct tern_workspace * ws, size_t i);

// Where a forward call's time goes (tern bench e2e --steps): each step's wall time, summed
// over calls while timing is on. Linear steps include their thread-pool dispatch; the steps
// are the lines of forward.c's layer loop.
enum tern_step {
    TERN_STEP_EMBED,      // embedding rows and RoPE tables
    TERN_STEP_NORM,       // RMSNorms: attention, FFN, sub-norms, output
    TERN_STEP_QKV,        // q|k|v linears
    TERN_STEP_ROPE_KV,    // RoPE and the KV cache store
    TERN_STEP_ATTN,       // attention over the cache
    TERN_STEP_WO,         // attention output linear
    TERN_STEP_GATE_UP,    // gate|up linears
    TERN_STEP_ACT,        // relu^2 / silu gating
    TERN_STEP_DOWN,       // down linear
    TERN_STEP_RESIDUAL,   // residual adds
    TERN_STEP_HEAD,       // the output matrix
    TERN_STEP_COUNT
};
const char * tern_step_name(enum tern_step s);
// Turns timing on (the sums restart at 0) or off. Off by default: then it costs a branch a step.
void tern_workspace_time_steps(struct tern_workspace * ws, bool on);
// (TERN_STEP_COUNT) seconds per step since timing was turned on.
const double * tern_workspace_step_seconds(const struct tern_workspace * ws);

// ---------------------------------------------------------------------------- one sequence

// The common case: one sequence and its own workspace (run, chat, logits, bench, tests).
struct tern_session {
    const struct tern_model * m;
    struct tern_seq seq;
    struct tern_workspace * ws;
    const float * logits;            // after tern_forward: (n_vocab) or (n, n_vocab) rows
};

// n_ctx 0 = min(n_ctx_train, 4096); n_batch 0 = 512. 0, or -1 with err.
int tern_session_init(struct tern_session * s, const struct tern_model * m, struct tern_pool * pool, int threads,
                      size_t n_ctx, size_t n_batch, enum tern_kv_type kv_type, char * err, size_t err_size);
void tern_session_free(struct tern_session * s);
void tern_session_reset(struct tern_session * s);   // forget the cached tokens

// Runs n tokens at positions n_past.. and appends them to the cache. Logits: all_logits ?
// (n, n_vocab) for every position : (n_vocab) for the last, at s->logits (valid until the
// next call). 0, or -1 with err if the context is full or a token id is out of range.
int tern_forward(struct tern_session * s, const int32_t * tokens, size_t n, bool all_logits, char * err,
                 size_t err_size);
