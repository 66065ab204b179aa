// The forward pass of every architecture in tern/arch.h, top to bottom (DESIGN §5):
//
//   x = embed(tokens)
//   per layer:  h = rmsnorm(x)                      q, k, v = Wq h, Wk h, Wv h      (int8 BitLinear)
//               q, k = rope(q, k)                   NeoX or normal pairs, per arch
//               a = attention over each token's own sequence cache (f16 by default)
//               a = subnorm_attn(a)                 bitnet archs only
//               x += Wo a
//               h = rmsnorm(x)                      m = act(Wgate h) * Wup h         relu^2 or silu, per arch
//               m = subnorm_ffn(m)                  bitnet archs only
//               x += Wdown m
//   logits = E rmsnorm(x)                           E = output.weight, or the token embedding when tied
//
// A call runs a batch of tokens from any number of sequences. Batches of tokens use each
// layer's MR > 1 variant, single tokens its MR = 1 variant; both over the same packed
// weights with identical integer results, and every other step is per token, so a token's
// logits never depend on what else is in the batch or on the thread count.

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "forward.h"
#include "tern/clock.h"
#include "tern/pool.h"

// ---------------------------------------------------------------------------- pieces

// The step that just ended took the time since the last mark (when step timing is on).
static void mark(struct tern_workspace * ws, enum tern_step step) {
    if (!ws->time_steps) return;
    const double now = tern_now_s();
    ws->step_s[step] += now - ws->t_mark;
    ws->t_mark = now;
}

// y[i] = W_i x for the linears of one input (q|k|v, gate|up, or one), in one dispatch over
// one quantization of x: the decode variants for a single token, the prefill ones for more.
static void linears(struct tern_workspace * ws, size_t n, const float * x, size_t count,
                    const struct tern_linear_pair * const * P, float * const * y) {
    struct tern_linear_out outs[TERN_GROUP_MAX];
    for (size_t i = 0; i < count; i++) {
        outs[i] = (struct tern_linear_out) { .L = n == 1 ? &P[i]->decode : &P[i]->prefill, .y = y[i] };
    }
    tern_linear_group_mt(outs, count, ws->pool, ws->threads, n, x, &ws->gacts);
}

static void linear(struct tern_workspace * ws, const struct tern_linear_pair * P, size_t n, const float * x, float * y) {
    linears(ws, n, x, 1, &P, &y);
}

// Per-token steps (norms, residual adds, the FFN activation, RoPE and the KV store) run on
// every thread for a prefill, each thread taking a contiguous share of the tokens: a token's
// result does not depend on who computes it, so the logits stay the same for any thread count.
struct rows_job {
    void (*fn)(const struct rows_job * job, size_t t0, size_t t1);
    struct tern_workspace * ws;
    const struct slice * sl;
    size_t l, dim;
    float * y;
    const float * x, * w;
};

static void rows_task(void * ctx, int tid, int nth) {
    const struct rows_job * job = ctx;
    const size_t n = job->sl->n;
    job->fn(job, n * (size_t) tid / (size_t) nth, n * (size_t) (tid + 1) / (size_t) nth);
}

static void each_token(struct rows_job job) {
    const size_t n = job.sl->n;
    // A pool dispatch costs more than a few tokens' worth of this work.
    if (!job.ws->pool || job.ws->threads <= 1 || n < 4 * (size_t) job.ws->threads) {
        job.fn(&job, 0, n);
        return;
    }
    tern_pool_run(job.ws->pool, job.ws->threads, rows_task, &job);
}

static void rmsnorm_part(const struct rows_job * job, size_t t0, size_t t1) {
    const size_t dim = job->dim;
    for (size_t t = t0; t < t1; t++) tern_rmsnorm(job->y + t * dim, job->x + t * dim, job->w, dim, job->ws->m->hp.rms_eps);
}

// y = rmsnorm(x) * w, row by row: (n, dim).
static void rmsnorm_rows(struct tern_workspace * ws, const struct slice * sl, float * y, const float * x, const float * w,
                         size_t dim) {
    each_token((struct rows_job) { .fn = rmsnorm_part, .ws = ws, .sl = sl, .y = y, .x = x, .w = w, .dim = dim });
}

static void add_part(const struct rows_job * job, size_t t0, size_t t1) {
    for (size_t i = t0 * job->dim; i < t1 * job->dim; i++) job->y[i] += job->x[i];
}

// y += x: (n, dim).
static void add_rows(struct tern_workspace * ws, const struct slice * sl, float * y, const float * x, size_t dim) {
    each_token((struct rows_job) { .fn = add_part, .ws = ws, .sl = sl, .y = y, .x = x, .dim = dim });
}

// RoPE on the q and k rows of n tokens, each at its own position (ws->rope: (n, head_dim)).
static void rope_rows(const struct tern_workspace * ws, size_t t0, size_t t1) {
    const struct tern_hparams * hp = &ws->m->hp;
    const size_t hd = hp->head_dim, q_dim = ws->dims.q, kv_dim = ws->dims.kv;
    void (*rope)(float *, size_t, size_t, const float *) = hp->arch->rope == TERN_ROPE_NEOX ? tern_rope_neox : tern_rope_norm;
    for (size_t t = t0; t < t1; t++) {
        rope(ws->q + t * q_dim, hp->n_head, hd, ws->rope + t * hd);
        rope(ws->k + t * kv_dim, hp->n_head_kv, hd, ws->rope + t * hd);
    }
}

// g = act(g) * u: (n, ff).
static void ffn_act_part(const struct rows_job * job, size_t t0, size_t t1) {
    const size_t dim = job->dim;
    if (job->ws->m->hp.arch->act == TERN_FFN_SILU) tern_silu_mul((t1 - t0) * dim, job->y + t0 * dim, job->x + t0 * dim);
    else tern_relu2_mul((t1 - t0) * dim, job->y + t0 * dim, job->x + t0 * dim);
}

static void ffn_act(struct tern_workspace * ws, const struct slice * sl, float * g, const float * u) {
    each_token((struct rows_job) { .fn = ffn_act_part, .ws = ws, .sl = sl, .y = g, .x = u, .dim = ws->dims.ff });
}

static size_t kv_esize(const struct tern_seq * s) {
    return s->kv_type == TERN_KV_F32 ? 4 : 2;
}

// Element offset of (layer, kv head) in a sequence's caches: each head holds its positions
// padded to whole key tiles, V as rows of head_dim, K in key tiles (tern_key_at).
static size_t kv_head_offset(const struct tern_workspace * ws, const struct tern_seq * s, size_t l, size_t kvh) {
    const struct tern_hparams * hp = &ws->m->hp;
    return (l * hp->n_head_kv + kvh) * tern_key_positions(s->n_ctx) * hp->head_dim;
}

// K and V of the slice's tokens into their sequences' caches, at their positions. Where a
// cache is f16, the token's q is rounded to f16 too, as ggml does when q meets f16 keys
// (keeps the logits close to bitnet.cpp's).
static void kv_store(struct tern_workspace * ws, const struct slice * sl, size_t l, size_t t0, size_t t1) {
    const struct tern_hparams * hp = &ws->m->hp;
    const size_t hd = hp->head_dim, kv_dim = ws->dims.kv;
    const struct tern_vec_ops * ops = tern_vec_ops_get();
    for (size_t t = t0; t < t1; t++) {
        struct tern_seq * s = sl->seq[t];
        const size_t pos = sl->pos[t];
        for (size_t h = 0; h < hp->n_head_kv; h++) {
            const size_t base = kv_head_offset(ws, s, l, h), key = base + tern_key_at(hd, pos, 0);
            const float * k = ws->k + t * kv_dim + h * hd, * v = ws->v + t * kv_dim + h * hd;
            if (s->kv_type == TERN_KV_F32) {
                float * kd = (float *) s->k + key;
                for (size_t c = 0; c < hd; c++) kd[c * TERN_KEY_TILE] = k[c];
                memcpy((float *) s->v + base + pos * hd, v, hd * sizeof(float));
            } else {
                uint16_t kh[TERN_MAX_HEAD_DIM], * kd = (uint16_t *) s->k + key;
                ops->to_f16(hd, k, kh);
                for (size_t c = 0; c < hd; c++) kd[c * TERN_KEY_TILE] = kh[c];
                ops->to_f16(hd, v, (uint16_t *) s->v + base + pos * hd);
            }
        }
        if (s->kv_type == TERN_KV_F16) ops->round_f16(ws->dims.q, ws->q + t * ws->dims.q);
    }
}

static void rope_kv_part(const struct rows_job * job, size_t t0, size_t t1) {
    rope_rows(job->ws, t0, t1);
    kv_store(job->ws, job->sl, job->l, t0, t1);
}

// RoPE on q and k, then k and v into the caches of layer l.
static void rope_and_store_kv(struct tern_workspace * ws, const struct slice * sl, size_t l) {
    each_token((struct rows_job) { .fn = rope_kv_part, .ws = ws, .sl = sl, .l = l });
}

// A round of attention: tokens [t0, t1) of the slice, items (KV head, token, part) with
// `parts` parts each (the most any of them has). A token with one part writes its output;
// a longer one writes each part to its slot (the item's index), merged once all are done.
// KV head outermost: consecutive items read the same head's keys and values, which then stay
// in L2 across the tokens of a prefill, where token-major order cycles through every head's.
struct attn_job {
    struct tern_workspace * ws;
    const struct slice * sl;
    const struct tern_vec_ops * ops;
    size_t l, t0, t1, parts;
};

static void attend(const struct attn_job * job, size_t item, float * scores) {
    struct tern_workspace * ws = job->ws;
    const struct tern_hparams * hp = &ws->m->hp;
    const size_t hd = hp->head_dim, q_dim = ws->dims.q, g = hp->n_head / hp->n_head_kv, P = job->parts;
    const size_t n_tok = job->t1 - job->t0, t = job->t0 + item / P % n_tok, kvh = item / (P * n_tok), part = item % P;
    const struct tern_seq * s = job->sl->seq[t];
    const size_t n_keys = job->sl->pos[t] + 1, parts = tern_attn_parts(n_keys), esize = kv_esize(s);
    if (part >= parts) return;
    const size_t head = kv_head_offset(ws, s, job->l, kvh) * esize;
    const uint8_t * K = (const uint8_t *) s->k + head, * V = (const uint8_t *) s->v + head;
    const float * q = ws->q + t * q_dim + kvh * g * hd;
    const float scale = 1.0f / sqrtf((float) hd);
    const bool f32 = s->kv_type == TERN_KV_F32;
    if (parts == 1) {
        job->ops->attn(hd, g, n_keys, K, V, hd, f32, q, scale, scores, ws->att + t * q_dim + kvh * g * hd, NULL, NULL);
        return;
    }
    const size_t j0 = part * TERN_ATTN_PART, n = n_keys - j0 < TERN_ATTN_PART ? n_keys - j0 : TERN_ATTN_PART;
    job->ops->attn(hd, g, n, K + tern_key_at(hd, j0, 0) * esize, V + j0 * hd * esize, hd, f32, q, scale, scores,
                   ws->part_out + item * g * hd, ws->part_max + item * g, ws->part_sum + item * g);
}

static size_t attn_pairs(const struct attn_job * job) {
    return (job->t1 - job->t0) * job->ws->m->hp.n_head_kv;
}

// Thread tid of nth merges the round's (KV head, token) pairs tid, tid + nth, ... whose rows
// had more than one part.
static void attn_merges(const struct attn_job * job, int tid, int nth) {
    struct tern_workspace * ws = job->ws;
    const struct tern_hparams * hp = &ws->m->hp;
    const size_t hd = hp->head_dim, g = hp->n_head / hp->n_head_kv;
    for (size_t r = (size_t) tid; job->parts > 1 && r < attn_pairs(job); r += (size_t) nth) {
        const size_t n_tok = job->t1 - job->t0, t = job->t0 + r % n_tok, kvh = r / n_tok, slot = r * job->parts;
        const size_t parts = tern_attn_parts(job->sl->pos[t] + 1);
        if (parts == 1) continue;
        tern_attn_merge(hd, g, parts, ws->part_out + slot * g * hd, ws->part_max + slot * g, ws->part_sum + slot * g,
                        ws->att + t * ws->dims.q + kvh * g * hd);
    }
}

static void attn_task(void * ctx, int tid, int nth) {
    const struct attn_job * job = ctx;
    float * scores = job->ws->scores + (size_t) tid * job->ws->scores_per_thread;
    for (size_t i; (i = tern_pool_next_chunk(job->ws->pool)) < attn_pairs(job) * job->parts;) attend(job, i, scores);
    if (job->parts == 1) return;
    tern_pool_barrier(job->ws->pool);
    attn_merges(job, tid, nth);
}

// (n, q_dim) attention output of the slice's tokens, each over its own sequence, in rounds of
// as many tokens as the part slots hold (all of them when every row is one part).
static void attention(struct tern_workspace * ws, const struct slice * sl, size_t l) {
    const size_t kvh = ws->m->hp.n_head_kv;
    size_t parts = 1;
    for (size_t t = 0; t < sl->n; t++) {
        if (tern_attn_parts(sl->pos[t] + 1) > parts) parts = tern_attn_parts(sl->pos[t] + 1);
    }
    const size_t per_round = parts == 1 ? sl->n : ws->part_slots / (kvh * parts);
    for (size_t t0 = 0; t0 < sl->n; t0 += per_round) {
        const struct attn_job job = { .ws = ws, .sl = sl, .ops = tern_vec_ops_get(), .l = l, .t0 = t0,
                                      .t1 = t0 + per_round < sl->n ? t0 + per_round : sl->n, .parts = parts };
        if (!ws->pool || ws->threads <= 1) {
            for (size_t i = 0; i < attn_pairs(&job) * parts; i++) attend(&job, i, ws->scores);
            attn_merges(&job, 0, 1);
            continue;
        }
        tern_pool_run(ws->pool, ws->threads, attn_task, (void *) &job);
    }
}

// ---------------------------------------------------------------------------- the model

void tern_forward_slice(struct tern_workspace * ws, const struct slice * sl) {
    const struct tern_model * m = ws->m;
    const struct tern_hparams * hp = &m->hp;
    const size_t n = sl->n, d = ws->dims.embd, ff = ws->dims.ff, q_dim = ws->dims.q, hd = hp->head_dim;
    const float eps = hp->rms_eps;
    float * x = ws->x;                                           // (n, d) residual stream
    if (ws->time_steps) ws->t_mark = tern_now_s();
    for (size_t t = 0; t < n; t++) {
        tern_dense_row(&m->tok_embd, (size_t) sl->token[t], x + t * d);
        tern_rope_table(ws->rope + t * hd, 1, sl->pos[t], hd, hp->rope_theta);   // (n, hd) cos | sin
    }
    mark(ws, TERN_STEP_EMBED);

    for (size_t l = 0; l < hp->n_layer; l++) {
        const struct tern_layer * w = &m->layers[l];
        // attention
        rmsnorm_rows(ws, sl, ws->h, x, w->attn_norm, d);
        mark(ws, TERN_STEP_NORM);
        linears(ws, n, ws->h, 3, (const struct tern_linear_pair * const[]) { &w->wq, &w->wk, &w->wv },
                (float * const[]) { ws->q, ws->k, ws->v });      // (n, q_dim), (n, kv_dim) x 2
        mark(ws, TERN_STEP_QKV);
        rope_and_store_kv(ws, sl, l);
        mark(ws, TERN_STEP_ROPE_KV);
        attention(ws, sl, l);                                    // (n, q_dim)
        mark(ws, TERN_STEP_ATTN);
        if (w->attn_sub_norm) rmsnorm_rows(ws, sl, ws->att, ws->att, w->attn_sub_norm, q_dim);
        mark(ws, TERN_STEP_NORM);
        linear(ws, &w->wo, n, ws->att, ws->y);                   // (n, d)
        mark(ws, TERN_STEP_WO);
        add_rows(ws, sl, x, ws->y, d);
        mark(ws, TERN_STEP_RESIDUAL);

        // feed-forward: gated, relu^2 or silu
        rmsnorm_rows(ws, sl, ws->h, x, w->ffn_norm, d);
        mark(ws, TERN_STEP_NORM);
        linears(ws, n, ws->h, 2, (const struct tern_linear_pair * const[]) { &w->gate, &w->up },
                (float * const[]) { ws->g, ws->u });             // (n, ff) x 2
        mark(ws, TERN_STEP_GATE_UP);
        ffn_act(ws, sl, ws->g, ws->u);                           // g = act(g) * u
        mark(ws, TERN_STEP_ACT);
        if (w->ffn_sub_norm) rmsnorm_rows(ws, sl, ws->g, ws->g, w->ffn_sub_norm, ff);
        mark(ws, TERN_STEP_NORM);
        linear(ws, &w->down, n, ws->g, ws->y);                   // (n, d)
        mark(ws, TERN_STEP_DOWN);
        add_rows(ws, sl, x, ws->y, d);
        mark(ws, TERN_STEP_RESIDUAL);
    }

    // output: the rows that asked for logits, packed in batch order
    size_t rows = 0;
    for (size_t t = 0; t < n; t++) {
        if (sl->want[t]) tern_rmsnorm(ws->h + rows++ * d, x + t * d, m->output_norm, d, eps);
    }
    mark(ws, TERN_STEP_NORM);
    if (rows) {
        tern_dense_matmul(&m->output, ws->pool, ws->threads, rows, ws->h, ws->logits + ws->n_logits * hp->n_vocab,
                          ws->dense_scratch);                    // (rows, n_vocab)
        ws->n_logits += rows;
    }
    mark(ws, TERN_STEP_HEAD);
}

static const char * const step_names[TERN_STEP_COUNT] = {
    [TERN_STEP_EMBED] = "embed", [TERN_STEP_NORM] = "norms", [TERN_STEP_QKV] = "q|k|v", [TERN_STEP_ROPE_KV] = "rope+kv",
    [TERN_STEP_ATTN] = "attention", [TERN_STEP_WO] = "wo", [TERN_STEP_GATE_UP] = "gate|up", [TERN_STEP_ACT] = "act",
    [TERN_STEP_DOWN] = "down", [TERN_STEP_RESIDUAL] = "residual", [TERN_STEP_HEAD] = "head",
};

const char * tern_step_name(enum tern_step s) {
    return (unsigned) s < TERN_STEP_COUNT ? step_names[s] : "?";
}

void tern_workspace_time_steps(struct tern_workspace * ws, bool on) {
    ws->time_steps = on;
    memset(ws->step_s, 0, sizeof(ws->step_s));
}

const double * tern_workspace_step_seconds(const struct tern_workspace * ws) {
    return ws->step_s;
}
