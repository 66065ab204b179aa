// Sequences, workspaces, batches and the one-sequence session (see tern/model.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forward.h"
#include "tern/arch.h"
#include "tern/ops.h"
#include "tern/pool.h"

#define MAX_CTX ((size_t) 1 << 24)

static size_t max_of(const size_t * v, size_t n) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) m = v[i] > m ? v[i] : m;
    return m;
}

static size_t default_ctx(const struct tern_model * m, size_t n_ctx) {
    if (n_ctx) return n_ctx;
    return m->hp.n_ctx_train < 4096 ? m->hp.n_ctx_train : 4096;
}

// ---------------------------------------------------------------------------- sequences

int tern_seq_init(struct tern_seq * s, const struct tern_model * m, size_t n_ctx, enum tern_kv_type kv_type, char * err,
                  size_t err_size) {
    memset(s, 0, sizeof(*s));
    n_ctx = default_ctx(m, n_ctx);
    if (n_ctx > MAX_CTX) {
        snprintf(err, err_size, "context of %zu tokens is too large", n_ctx);
        return -1;
    }
    const struct tern_dims d = tern_hparams_dims(&m->hp);
    // Each head's positions padded to whole key tiles (tern/ops.h).
    const size_t bytes = (size_t) m->hp.n_layer * tern_key_positions(n_ctx) * d.kv * (kv_type == TERN_KV_F32 ? 4 : 2);
    *s = (struct tern_seq) { .n_ctx = n_ctx, .kv_type = kv_type, .k = tern_aligned_alloc(bytes), .v = tern_aligned_alloc(bytes) };
    if (!s->k || !s->v) {
        tern_seq_free(s);
        snprintf(err, err_size, "out of memory for a %zu-token context (KV cache %.0f MiB)", n_ctx, 2.0 * (double) bytes / 1048576.0);
        return -1;
    }
    return 0;
}

void tern_seq_free(struct tern_seq * s) {
    tern_aligned_free(s->k);
    tern_aligned_free(s->v);
    memset(s, 0, sizeof(*s));
}

// ---------------------------------------------------------------------------- workspaces

// The most prepared bytes per token of any linear (decode or prefill variant) of any layer:
// the linears are the LINEAR rows of the arch's layer tensor table.
static size_t max_prep_bytes(const struct tern_model * m) {
    size_t n_specs, row_max = 0;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    for (uint32_t l = 0; l < m->hp.n_layer; l++) {
        for (size_t i = 0; i < n_specs; i++) {
            if (spec[i].role != TERN_TENSOR_LINEAR) continue;
            const struct tern_linear_pair * p = (const void *) ((const uint8_t *) &m->layers[l] + spec[i].offset);
            const size_t sizes[] = { row_max, p->decode.prep_bytes, p->prefill.prep_bytes };
            row_max = max_of(sizes, 3);
        }
    }
    return row_max;
}

int tern_workspace_init(struct tern_workspace ** out, const struct tern_model * m, struct tern_pool * pool, int threads,
                        size_t n_batch, size_t n_ctx_max, char * err, size_t err_size) {
    *out = NULL;
    struct tern_workspace * ws = calloc(1, sizeof(*ws));
    if (!ws) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    const struct tern_hparams * hp = &m->hp;
    n_ctx_max = default_ctx(m, n_ctx_max);
    if (n_batch == 0) n_batch = 512;
    if (n_ctx_max > MAX_CTX) n_ctx_max = MAX_CTX;
    ws->m = m;
    ws->dims = tern_hparams_dims(hp);
    ws->pool = pool;
    ws->threads = pool ? tern_pool_size(pool) : 1;
    if (threads > 0 && threads < ws->threads) ws->threads = threads;
    ws->n_batch = n_batch;
    ws->n_ctx_max = n_ctx_max;
    const struct tern_dims * d = &ws->dims;
    ws->x = tern_aligned_alloc(n_batch * d->embd * sizeof(float));
    ws->h = tern_aligned_alloc(n_batch * d->embd * sizeof(float));
    ws->q = tern_aligned_alloc(n_batch * d->q * sizeof(float));
    ws->att = tern_aligned_alloc(n_batch * d->q * sizeof(float));
    ws->k = tern_aligned_alloc(n_batch * d->kv * sizeof(float));
    ws->v = tern_aligned_alloc(n_batch * d->kv * sizeof(float));
    ws->g = tern_aligned_alloc(n_batch * d->ff * sizeof(float));
    ws->u = tern_aligned_alloc(n_batch * d->ff * sizeof(float));
    ws->y = tern_aligned_alloc(n_batch * d->embd * sizeof(float));
    ws->rope = tern_aligned_alloc(n_batch * hp->head_dim * sizeof(float));
    // A call of the attn op sees one row of at most n_ctx_max keys, or one part of a longer one.
    const size_t group = hp->n_head / hp->n_head_kv, row_slots = (size_t) hp->n_head_kv * tern_attn_parts(n_ctx_max);
    ws->scores_per_thread = (n_ctx_max < TERN_ATTN_PART ? n_ctx_max : TERN_ATTN_PART) * group;
    ws->scores = tern_aligned_alloc((size_t) ws->threads * ws->scores_per_thread * sizeof(float));
    ws->part_slots = row_slots > 1024 ? row_slots : 1024;
    ws->part_out = tern_aligned_alloc(ws->part_slots * group * hp->head_dim * sizeof(float));
    ws->part_max = tern_aligned_alloc(ws->part_slots * group * sizeof(float));
    ws->part_sum = tern_aligned_alloc(ws->part_slots * group * sizeof(double));
    ws->want = malloc(n_batch * sizeof(bool));
    const size_t dense = tern_dense_scratch_bytes(&m->output, n_batch);
    ws->dense_scratch = dense ? tern_aligned_alloc(dense) : NULL;
    const size_t row_max = max_prep_bytes(m);
    const bool ok = ws->x && ws->h && ws->q && ws->att && ws->k && ws->v && ws->g && ws->u && ws->y && ws->rope &&
                    ws->scores && ws->part_out && ws->part_max && ws->part_sum && ws->want && (!dense || ws->dense_scratch) &&
                    tern_group_acts_init(&ws->gacts, n_batch, row_max, ws->threads) == 0;
    if (!ok) {
        tern_workspace_free(ws);
        snprintf(err, err_size, "out of memory for a %zu-token batch", n_batch);
        return -1;
    }
    *out = ws;
    return 0;
}

void tern_workspace_free(struct tern_workspace * ws) {
    if (!ws) return;
    void * p[] = { ws->x, ws->h, ws->q, ws->att, ws->k, ws->v, ws->g, ws->u, ws->y, ws->rope, ws->scores,
                   ws->part_out, ws->part_max, ws->part_sum, ws->dense_scratch, ws->logits };
    for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) tern_aligned_free(p[i]);
    free(ws->want);
    tern_group_acts_free(&ws->gacts);
    free(ws);
}

size_t tern_workspace_n_batch(const struct tern_workspace * ws) {
    return ws->n_batch;
}

const float * tern_workspace_logits(const struct tern_workspace * ws, size_t i) {
    return i < ws->n_logits ? ws->logits + i * ws->m->hp.n_vocab : NULL;
}

// ---------------------------------------------------------------------------- batches

// Every token, position and sequence of b is one tern_decode can run; nothing is changed.
static int check_batch(const struct tern_workspace * ws, const struct tern_batch * b, char * err, size_t err_size) {
    const uint32_t n_vocab = ws->m->hp.n_vocab;
    for (size_t i = 0; i < b->n; i++) {
        const struct tern_seq * s = b->seq[i];
        if (b->token[i] < 0 || (uint32_t) b->token[i] >= n_vocab) {
            snprintf(err, err_size, "token id %d is outside the vocabulary (0..%u)", b->token[i], n_vocab - 1);
            return -1;
        }
        if (s->n_ctx > ws->n_ctx_max) {
            snprintf(err, err_size, "a sequence of %zu positions exceeds the workspace's %zu", s->n_ctx, ws->n_ctx_max);
            return -1;
        }
        if (b->pos[i] >= s->n_ctx) {
            snprintf(err, err_size, "context full: position %u is past the context of %zu (use -c)", b->pos[i], s->n_ctx);
            return -1;
        }
        // The previous token of this sequence in the batch, if any, sits at pos - 1;
        // otherwise the sequence continues at most at its end.
        size_t j = i;
        while (j-- > 0 && b->seq[j] != s) {}
        if (j != SIZE_MAX ? b->pos[i] != b->pos[j] + 1 : b->pos[i] > s->n_past) {
            snprintf(err, err_size, "token %zu of the batch is at position %u: its sequence continues at %zu", i, b->pos[i],
                     j != SIZE_MAX ? (size_t) b->pos[j] + 1 : s->n_past);
            return -1;
        }
    }
    return 0;
}

int tern_decode(struct tern_workspace * ws, const struct tern_batch * b, char * err, size_t err_size) {
    ws->n_logits = 0;
    if (b->n == 0) {
        snprintf(err, err_size, "no tokens to evaluate");
        return -1;
    }
    if (check_batch(ws, b, err, err_size)) return -1;
    size_t n_out = 0;
    for (size_t i = 0; i < b->n; i++) n_out += b->logits ? b->logits[i] : i + 1 == b->n;
    const size_t n_vocab = ws->m->hp.n_vocab;
    if (n_out > ws->logits_cap) {
        float * bigger = tern_aligned_alloc(n_out * n_vocab * sizeof(float));
        if (!bigger) {
            snprintf(err, err_size, "out of memory for %zu x %zu logits", n_out, n_vocab);
            return -1;
        }
        tern_aligned_free(ws->logits);
        ws->logits = bigger;
        ws->logits_cap = n_out;
    }
    for (size_t first = 0; first < b->n; first += ws->n_batch) {
        const size_t n = b->n - first < ws->n_batch ? b->n - first : ws->n_batch;
        for (size_t t = 0; t < n; t++) ws->want[t] = b->logits ? b->logits[first + t] : first + t + 1 == b->n;
        const struct slice sl = { .n = n, .token = b->token + first, .pos = b->pos + first, .seq = b->seq + first,
                                  .want = ws->want };
        tern_forward_slice(ws, &sl);
    }
    for (size_t i = 0; i < b->n; i++) b->seq[i]->n_past = (size_t) b->pos[i] + 1;
    return 0;
}

// ---------------------------------------------------------------------------- one sequence

int tern_session_init(struct tern_session * s, const struct tern_model * m, struct tern_pool * pool, int threads,
                      size_t n_ctx, size_t n_batch, enum tern_kv_type kv_type, char * err, size_t err_size) {
    memset(s, 0, sizeof(*s));
    s->m = m;
    if (tern_seq_init(&s->seq, m, n_ctx, kv_type, err, err_size)) return -1;
    if (n_batch == 0) n_batch = 512;
    if (n_batch > s->seq.n_ctx) n_batch = s->seq.n_ctx;
    if (tern_workspace_init(&s->ws, m, pool, threads, n_batch, s->seq.n_ctx, err, err_size)) {
        tern_seq_free(&s->seq);
        return -1;
    }
    return 0;
}

void tern_session_free(struct tern_session * s) {
    tern_workspace_free(s->ws);
    tern_seq_free(&s->seq);
    memset(s, 0, sizeof(*s));
}

void tern_session_reset(struct tern_session * s) {
    s->seq.n_past = 0;
}

int tern_forward(struct tern_session * s, const int32_t * tokens, size_t n, bool all_logits, char * err,
                 size_t err_size) {
    if (n == 0) {
        snprintf(err, err_size, "no tokens to evaluate");
        return -1;
    }
    if (s->seq.n_past + n > s->seq.n_ctx) {
        snprintf(err, err_size, "context full: %zu cached + %zu new tokens exceed the context of %zu (use -c)",
                 s->seq.n_past, n, s->seq.n_ctx);
        return -1;
    }
    uint32_t * pos = malloc(n * sizeof(uint32_t));
    struct tern_seq ** seq = malloc(n * sizeof(*seq));
    bool * want = all_logits ? malloc(n * sizeof(bool)) : NULL;
    if (!pos || !seq || (all_logits && !want)) {
        free(pos);
        free(seq);
        free(want);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        pos[i] = (uint32_t) (s->seq.n_past + i);
        seq[i] = &s->seq;
        if (want) want[i] = true;
    }
    const struct tern_batch b = { .n = n, .token = tokens, .pos = pos, .seq = seq, .logits = want };
    const int rc = tern_decode(s->ws, &b, err, err_size);
    free(pos);
    free(seq);
    free(want);
    s->logits = rc ? NULL : tern_workspace_logits(s->ws, 0);
    return rc;
}
