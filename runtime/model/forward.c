// The BitNet b1.58 forward pass (arch bitnet-b1.58 / bitnet-25, DESIGN §5), top to bottom.
//
//   x = embed(tokens)
//   per layer:  h = rmsnorm(x)                      q, k, v = Wq h, Wk h, Wv h   (int8 BitLinear)
//               q, k = rope_neox(q, k)              attention over the KV cache (f16 by default)
//               x += Wo subnorm_attn(attn)
//               h = rmsnorm(x)                      x += Wdown subnorm_ffn(relu(Wgate h)^2 * Wup h)
//   logits = E rmsnorm(x)                           (E = tied token embedding)
//
// Batches of tokens (prefill) use each layer's MR > 1 variant, single tokens its MR = 1
// variant; both over the same packed weights and with identical integer results, so prefill
// and decode differ only where the attention's float sums see different cache lengths.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/model.h"
#include "tern/pool.h"

static size_t max3(size_t a, size_t b, size_t c) {
    const size_t m = a > b ? a : b;
    return m > c ? m : c;
}

int tern_session_init(struct tern_session * s, const struct tern_model * m, struct tern_pool * pool, int threads,
                      size_t n_ctx, size_t n_batch, bool kv_f32, char * err, size_t err_size) {
    memset(s, 0, sizeof(*s));
    const struct tern_hparams * hp = &m->hp;
    if (n_ctx == 0) n_ctx = hp->n_ctx_train < 4096 ? hp->n_ctx_train : 4096;
    if (n_batch == 0) n_batch = 512;
    if (n_batch > n_ctx) n_batch = n_ctx;
    if (n_ctx > (1u << 24)) {
        snprintf(err, err_size, "context of %zu tokens is too large", n_ctx);
        return -1;
    }
    const size_t d = hp->n_embd, ff = hp->n_ff, q_dim = (size_t) hp->n_head * hp->head_dim;
    const size_t kv_dim = (size_t) hp->n_head_kv * hp->head_dim;
    *s = (struct tern_session) { .m = m, .pool = pool, .threads = pool ? tern_pool_size(pool) : 1, .n_ctx = n_ctx,
                                 .n_batch = n_batch, .kv_f32 = kv_f32 };
    if (threads > 0 && threads < s->threads) s->threads = threads;
    const size_t kv_bytes = (size_t) hp->n_layer * n_ctx * kv_dim * (kv_f32 ? 4 : 2);
    const size_t wide = max3(d, ff, q_dim);
    s->k_cache = tern_aligned_alloc(kv_bytes);
    s->v_cache = tern_aligned_alloc(kv_bytes);
    s->x = tern_aligned_alloc(n_batch * d * sizeof(float));
    s->h = tern_aligned_alloc(n_batch * d * sizeof(float));
    s->q = tern_aligned_alloc(n_batch * q_dim * sizeof(float));
    s->att = tern_aligned_alloc(n_batch * q_dim * sizeof(float));
    s->k = tern_aligned_alloc(n_batch * kv_dim * sizeof(float));
    s->v = tern_aligned_alloc(n_batch * kv_dim * sizeof(float));
    s->g = tern_aligned_alloc(n_batch * ff * sizeof(float));
    s->u = tern_aligned_alloc(n_batch * ff * sizeof(float));
    s->y = tern_aligned_alloc(n_batch * wide * sizeof(float));
    s->rope = tern_aligned_alloc(n_batch * hp->head_dim * sizeof(float));
    s->scores = tern_aligned_alloc((size_t) s->threads * n_ctx * (hp->n_head / hp->n_head_kv) * sizeof(float));
    s->acc = tern_aligned_alloc(n_batch * wide * sizeof(int32_t));
    s->logits = tern_aligned_alloc((size_t) hp->n_vocab * sizeof(float));
    s->logits_rows = 1;
    size_t row_max = 0;
    for (uint32_t l = 0; l < hp->n_layer; l++) {
        const struct tern_layer * w = &m->layers[l];
        const struct tern_blinear * b[] = { &w->wq, &w->wk, &w->wv, &w->wo, &w->gate, &w->up, &w->down };
        for (size_t i = 0; i < 7; i++) {
            if (b[i]->decode.prep_bytes > row_max) row_max = b[i]->decode.prep_bytes;
            if (b[i]->prefill.prep_bytes > row_max) row_max = b[i]->prefill.prep_bytes;
        }
    }
    const bool ok = s->k_cache && s->v_cache && s->x && s->h && s->q && s->att && s->k && s->v && s->g && s->u &&
                    s->y && s->rope && s->scores && s->acc && s->logits && tern_acts_init(&s->acts, n_batch, row_max) == 0;
    if (!ok) {
        tern_session_free(s);
        snprintf(err, err_size, "out of memory for a %zu-token context (KV cache %.0f MiB)", n_ctx,
                 2.0 * (double) kv_bytes / 1048576.0);
        return -1;
    }
    return 0;
}

void tern_session_free(struct tern_session * s) {
    void * p[] = { s->k_cache, s->v_cache, s->x, s->h, s->q, s->att, s->k, s->v, s->g, s->u, s->y, s->rope,
                   s->scores, s->acc, s->logits };
    for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) tern_aligned_free(p[i]);
    if (s->acts.a) tern_acts_free(&s->acts);
    memset(s, 0, sizeof(*s));
}

void tern_session_reset(struct tern_session * s) {
    s->n_past = 0;
}

// ---------------------------------------------------------------------------- pieces

static void linear(struct tern_session * s, const struct tern_blinear * B, size_t n, const float * x, float * y) {
    const struct tern_linear * L = n == 1 ? &B->decode : &B->prefill;
    tern_linear_forward_mt(L, s->pool, s->threads, n, x, &s->acts, s->acc, y);
}

// The cache is (layer, kv head, position, head dim): each head's keys are one contiguous
// stream for attention to read.
static size_t kv_offset(const struct tern_session * s, size_t l, size_t kvh, size_t pos) {
    const struct tern_hparams * hp = &s->m->hp;
    return ((l * hp->n_head_kv + kvh) * s->n_ctx + pos) * hp->head_dim;
}

// K and V of n new tokens into the cache of layer l at positions pos0...
static void kv_store(struct tern_session * s, size_t l, size_t pos0, size_t n) {
    const struct tern_hparams * hp = &s->m->hp;
    const size_t hd = hp->head_dim, kv_dim = (size_t) hp->n_head_kv * hd;
    const struct tern_vec_ops * ops = tern_vec_ops_get();
    for (size_t t = 0; t < n; t++) {
        for (size_t h = 0; h < hp->n_head_kv; h++) {
            const size_t off = kv_offset(s, l, h, pos0 + t);
            const float * k = s->k + t * kv_dim + h * hd, * v = s->v + t * kv_dim + h * hd;
            if (s->kv_f32) {
                memcpy((float *) s->k_cache + off, k, hd * sizeof(float));
                memcpy((float *) s->v_cache + off, v, hd * sizeof(float));
            } else {
                ops->to_f16(hd, k, (uint16_t *) s->k_cache + off);
                ops->to_f16(hd, v, (uint16_t *) s->v_cache + off);
            }
        }
    }
}

struct attn_job {
    struct tern_session * s;
    const struct tern_vec_ops * ops;
    size_t l, pos0, n;
};

// One (token, KV head): the query heads sharing that KV head, over positions 0..pos0+t.
static void attend(const struct attn_job * job, size_t item, float * scores) {
    struct tern_session * s = job->s;
    const struct tern_hparams * hp = &s->m->hp;
    const size_t hd = hp->head_dim, q_dim = (size_t) hp->n_head * hd;
    const size_t g = hp->n_head / hp->n_head_kv;
    const size_t t = item / hp->n_head_kv, kvh = item % hp->n_head_kv;
    const size_t off = kv_offset(s, job->l, kvh, 0);
    const size_t esize = s->kv_f32 ? 4 : 2;
    job->ops->attn(hd, g, job->pos0 + t + 1, (const uint8_t *) s->k_cache + off * esize,
                   (const uint8_t *) s->v_cache + off * esize, hd, s->kv_f32, s->q + t * q_dim + kvh * g * hd,
                   1.0f / sqrtf((float) hd), scores, s->att + t * q_dim + kvh * g * hd);
}

static void attn_task(void * ctx, int tid, int nth) {
    (void) nth;
    struct attn_job * job = ctx;
    const struct tern_hparams * hp = &job->s->m->hp;
    float * scores = job->s->scores + (size_t) tid * job->s->n_ctx * (hp->n_head / hp->n_head_kv);
    const size_t items = job->n * hp->n_head_kv;
    for (size_t i; (i = tern_pool_next_chunk(job->s->pool)) < items;) attend(job, i, scores);
}

static void attention(struct tern_session * s, size_t l, size_t pos0, size_t n) {
    struct attn_job job = { .s = s, .ops = tern_vec_ops_get(), .l = l, .pos0 = pos0, .n = n };
    if (!s->pool || s->threads <= 1) {
        for (size_t i = 0; i < n * s->m->hp.n_head_kv; i++) attend(&job, i, s->scores);
        return;
    }
    tern_pool_run(s->pool, s->threads, attn_task, &job);
}

// ---------------------------------------------------------------------------- the model

static void forward_batch(struct tern_session * s, const int32_t * tokens, size_t n, bool all_logits) {
    const struct tern_model * m = s->m;
    const struct tern_hparams * hp = &m->hp;
    const size_t d = hp->n_embd, ff = hp->n_ff, hd = hp->head_dim;
    const size_t q_dim = (size_t) hp->n_head * hd, kv_dim = (size_t) hp->n_head_kv * hd;
    const size_t pos0 = s->n_past;
    float * x = s->x;                                            // (n, d) residual stream
    for (size_t t = 0; t < n; t++) tern_dense_row(&m->tok_embd, (size_t) tokens[t], x + t * d);
    tern_rope_table(s->rope, n, pos0, hd, hp->rope_theta);       // (n, hd) cos | sin

    for (size_t l = 0; l < hp->n_layer; l++) {
        const struct tern_layer * w = &m->layers[l];
        // attention
        for (size_t t = 0; t < n; t++) tern_rmsnorm(s->h + t * d, x + t * d, w->attn_norm, d, hp->rms_eps);
        linear(s, &w->wq, n, s->h, s->q);                        // (n, q_dim)
        linear(s, &w->wk, n, s->h, s->k);                        // (n, kv_dim)
        linear(s, &w->wv, n, s->h, s->v);                        // (n, kv_dim)
        for (size_t t = 0; t < n; t++) {
            tern_rope_neox(s->q + t * q_dim, hp->n_head, hd, s->rope + t * hd);
            tern_rope_neox(s->k + t * kv_dim, hp->n_head_kv, hd, s->rope + t * hd);
        }
        if (!s->kv_f32) {
            // Q meets an f16 K: round it to f16 too, as ggml does (keeps logits close to bitnet.cpp's).
            tern_vec_ops_get()->round_f16(n * q_dim, s->q);
        }
        kv_store(s, l, pos0, n);
        attention(s, l, pos0, n);                                // (n, q_dim)
        for (size_t t = 0; t < n; t++) tern_rmsnorm(s->att + t * q_dim, s->att + t * q_dim, w->attn_sub_norm, d, hp->rms_eps);
        linear(s, &w->wo, n, s->att, s->y);                      // (n, d)
        for (size_t i = 0; i < n * d; i++) x[i] += s->y[i];

        // feed-forward: squared ReLU gate
        for (size_t t = 0; t < n; t++) tern_rmsnorm(s->h + t * d, x + t * d, w->ffn_norm, d, hp->rms_eps);
        linear(s, &w->gate, n, s->h, s->g);                      // (n, ff)
        linear(s, &w->up, n, s->h, s->u);                        // (n, ff)
        for (size_t i = 0; i < n * ff; i++) {
            const float r = s->g[i] > 0 ? s->g[i] : 0.0f;
            s->g[i] = r * r * s->u[i];
        }
        for (size_t t = 0; t < n; t++) tern_rmsnorm(s->g + t * ff, s->g + t * ff, w->ffn_sub_norm, ff, hp->rms_eps);
        linear(s, &w->down, n, s->g, s->y);                      // (n, d)
        for (size_t i = 0; i < n * d; i++) x[i] += s->y[i];
    }

    // output: every position or only the last
    const size_t first = all_logits ? 0 : n - 1, rows = n - first;
    for (size_t t = 0; t < rows; t++) tern_rmsnorm(s->h + t * d, x + (first + t) * d, m->output_norm, d, hp->rms_eps);
    tern_dense_matmul(&m->output, s->pool, s->threads, rows, s->h, s->logits);   // (rows, n_vocab)
    s->n_past += n;
}

int tern_forward(struct tern_session * s, const int32_t * tokens, size_t n, bool all_logits, char * err,
                 size_t err_size) {
    const struct tern_hparams * hp = &s->m->hp;
    if (n == 0) {
        snprintf(err, err_size, "no tokens to evaluate");
        return -1;
    }
    if (s->n_past + n > s->n_ctx) {
        snprintf(err, err_size, "context full: %zu cached + %zu new tokens exceed the context of %zu (use -c)",
                 s->n_past, n, s->n_ctx);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (tokens[i] < 0 || (uint32_t) tokens[i] >= hp->n_vocab) {
            snprintf(err, err_size, "token id %d is outside the vocabulary (0..%u)", tokens[i], hp->n_vocab - 1);
            return -1;
        }
    }
    if (all_logits) {
        if (n > s->n_batch) {
            snprintf(err, err_size, "%zu tokens with logits for every position exceed the batch of %zu", n, s->n_batch);
            return -1;
        }
        if (n > s->logits_rows) {
            float * bigger = tern_aligned_alloc(n * hp->n_vocab * sizeof(float));
            if (!bigger) {
                snprintf(err, err_size, "out of memory for %zu x %u logits", n, hp->n_vocab);
                return -1;
            }
            tern_aligned_free(s->logits);
            s->logits = bigger;
            s->logits_rows = n;
        }
    }
    for (size_t done = 0; done < n;) {
        const size_t b = n - done < s->n_batch ? n - done : s->n_batch;
        forward_batch(s, tokens + done, b, all_logits);
        done += b;
    }
    return 0;
}
