// Inside the forward pass: the workspace a call runs in, and one slice of a batch (at most
// n_batch tokens) as forward.c sees it. Public API: tern/model.h.
#pragma once

#include "tern/linear_group.h"
#include "tern/model.h"
#include "tern/ops.h"

struct tern_workspace {
    const struct tern_model * m;
    struct tern_dims dims;
    struct tern_pool * pool;        // not owned
    int threads;
    size_t n_batch, n_ctx_max;
    // scratch, (n_batch, ...) rows
    float * x;                      // (n_batch, embd) the residual stream
    float * h;                      // (n_batch, embd) a normed input
    float * q;                      // (n_batch, q)
    float * k, * v;                 // (n_batch, kv)
    float * att;                    // (n_batch, q) attention output
    float * g, * u;                 // (n_batch, ff) gate, up
    float * y;                      // (n_batch, embd) Wo / Wdown output
    float * rope;                   // (n_batch, head_dim) cos | sin at each token's position
    float * scores;                 // (threads, scores_per_thread) attention scratch
    size_t scores_per_thread;       // query heads per KV head x min(n_ctx_max, TERN_ATTN_PART)
    // attention parts (TERN_ATTN_PART) of rows longer than one: slots of (group heads, head_dim)
    // unnormalized outputs, their maxima and sums; at least one token's parts for every KV head
    float * part_out, * part_max;
    double * part_sum;
    size_t part_slots;
    struct tern_group_acts gacts;   // quantized activations of a linear group's input
    bool * want;                    // (n_batch) a slice's logits flags
    void * dense_scratch;           // the output head's scratch for n_batch rows
    float * logits;                 // (logits_cap, n_vocab) rows of the last call, batch order
    size_t logits_cap, n_logits;
    bool time_steps;                // step_s is being summed (tern_workspace_time_steps)
    double t_mark;                  // when the step under way began
    double step_s[TERN_STEP_COUNT];
};

// Tokens [first, first + n) of a checked batch.
struct slice {
    size_t n;
    const int32_t * token;
    const uint32_t * pos;
    struct tern_seq * const * seq;
    const bool * want;              // (n) logits wanted
};

// Runs one slice and appends its logits rows at ws->logits + ws->n_logits.
void tern_forward_slice(struct tern_workspace * ws, const struct slice * sl);
