// Perplexity over windows of a token stream, llama-perplexity's method (see tern/perplexity.h).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/clock.h"
#include "tern/perplexity.h"

size_t tern_ppl_chunks(size_t n_tokens, size_t n_ctx) {
    return n_ctx ? n_tokens / n_ctx : 0;
}

double tern_ppl_nll(const float * logits, size_t n_vocab, int32_t target) {
    float max = logits[0];
    for (size_t i = 1; i < n_vocab; i++) max = logits[i] > max ? logits[i] : max;
    double sum = 0;
    for (size_t i = 0; i < n_vocab; i++) sum += expf(logits[i] - max);
    return -((double) (logits[target] - max) - log(sum));
}

double tern_ppl_value(const struct tern_ppl_state * s) {
    return s->count ? exp(s->nll / (double) s->count) : NAN;
}

bool tern_ppl_error(const struct tern_ppl_state * s, double * pm) {
    *pm = 0;
    if (s->count < 2) return false;
    const double mean = s->nll / (double) s->count;
    const double var = s->nll2 / (double) s->count - mean * mean;
    if (!(var > 0)) return false;
    *pm = exp(mean) * sqrt(var / (double) (s->count - 1));
    return true;
}

struct run {
    struct tern_seq * seqs;      // (n_seq) one per window of a batch
    size_t n_seq;
    struct tern_workspace * ws;
    int32_t * token;             // (n_batch) one decode call
    uint32_t * pos;
    struct tern_seq ** seq;
    bool * want;
};

static void run_free(struct run * r) {
    for (size_t i = 0; r->seqs && i < r->n_seq; i++) tern_seq_free(&r->seqs[i]);
    free(r->seqs);
    tern_workspace_free(r->ws);
    free(r->token);
    free(r->pos);
    free(r->seq);
    free(r->want);
}

int tern_perplexity(const struct tern_model * m, struct tern_pool * pool, int threads, const int32_t * tokens,
                    size_t n_tokens, const struct tern_ppl_options * o, tern_ppl_fn * fn, void * user,
                    struct tern_ppl_state * out, char * err, size_t err_size) {
    memset(out, 0, sizeof(*out));
    const size_t n_ctx = o->n_ctx, n_vocab = m->hp.n_vocab;
    if (n_ctx < 4) {
        snprintf(err, err_size, "a window of %zu tokens is too short to score (at least 4)", n_ctx);
        return -1;
    }
    if (n_tokens < 2 * n_ctx) {
        snprintf(err, err_size, "the text is %zu tokens; a context of %zu needs at least %zu (2 x n_ctx)", n_tokens, n_ctx,
                 2 * n_ctx);
        return -1;
    }
    size_t n_batch = o->n_batch ? o->n_batch : n_ctx;
    for (size_t i = 0; i < n_tokens; i++) {
        if (tokens[i] < 0 || (size_t) tokens[i] >= n_vocab) {
            snprintf(err, err_size, "token %zu (id %d) is outside the vocabulary (0..%zu)", i, tokens[i], n_vocab - 1);
            return -1;
        }
    }
    if (o->bos >= (int32_t) n_vocab) {
        snprintf(err, err_size, "BOS id %d is outside the vocabulary", o->bos);
        return -1;
    }
    size_t n_chunks = tern_ppl_chunks(n_tokens, n_ctx);
    if (o->max_chunks && o->max_chunks < n_chunks) n_chunks = o->max_chunks;
    // As llama-perplexity: a batch of at least n_ctx holds whole windows (rounded down).
    struct run r = { .n_seq = n_batch >= n_ctx ? n_batch / n_ctx : 1 };
    if (r.n_seq > n_chunks) r.n_seq = n_chunks;
    if (n_batch > r.n_seq * n_ctx) n_batch = r.n_seq * n_ctx;
    r.seqs = calloc(r.n_seq, sizeof(*r.seqs));
    r.token = malloc(n_batch * sizeof(*r.token));
    r.pos = malloc(n_batch * sizeof(*r.pos));
    r.seq = malloc(n_batch * sizeof(*r.seq));
    r.want = malloc(n_batch * sizeof(*r.want));
    if (!r.seqs || !r.token || !r.pos || !r.seq || !r.want) {
        run_free(&r);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < r.n_seq; i++) {
        if (tern_seq_init(&r.seqs[i], m, n_ctx, o->kv_type, err, err_size)) {
            run_free(&r);
            return -1;
        }
    }
    if (tern_workspace_init(&r.ws, m, pool, threads, n_batch, n_ctx, err, err_size)) {
        run_free(&r);
        return -1;
    }
    const size_t first = n_ctx / 2;                  // the first scored position
    const size_t per_call = n_batch < n_ctx ? n_batch : n_ctx;   // positions of one window per call
    struct tern_ppl_state st = { .n_chunks = n_chunks, .n_seq = r.n_seq };
    const double t0 = tern_now_s();
    int rc = 0;
    for (size_t c = 0; c < n_chunks && !rc; c += r.n_seq) {
        const size_t n_seq = n_chunks - c < r.n_seq ? n_chunks - c : r.n_seq;
        for (size_t s = 0; s < n_seq; s++) r.seqs[s].n_past = 0;
        for (size_t p0 = 0; p0 < n_ctx && !rc; p0 += per_call) {
            const size_t np = n_ctx - p0 < per_call ? n_ctx - p0 : per_call;
            size_t n = 0;
            for (size_t s = 0; s < n_seq; s++) {
                const int32_t * w = tokens + (c + s) * n_ctx;      // this window's tokens
                for (size_t k = 0; k < np; k++, n++) {
                    const size_t p = p0 + k;
                    r.token[n] = p == 0 && o->bos >= 0 ? o->bos : w[p];
                    r.pos[n] = (uint32_t) p;
                    r.seq[n] = &r.seqs[s];
                    r.want[n] = p >= first && p + 1 < n_ctx;   // the last position has nothing to predict
                }
            }
            const struct tern_batch b = { .n = n, .token = r.token, .pos = r.pos, .seq = r.seq, .logits = r.want };
            if (tern_decode(r.ws, &b, err, err_size)) {
                rc = -1;
                break;
            }
            // Score in window order, position order: the sums come out the same for any n_batch.
            size_t row = 0;
            for (size_t s = 0; s < n_seq; s++) {
                const int32_t * w = tokens + (c + s) * n_ctx;
                for (size_t k = 0; k < np; k++) {
                    const size_t p = p0 + k;
                    if (!(p >= first && p + 1 < n_ctx)) continue;
                    const double v = tern_ppl_nll(tern_workspace_logits(r.ws, row++), n_vocab, w[p + 1]);
                    st.nll += v;
                    st.nll2 += v * v;
                    st.count++;
                }
                if (p0 + np == n_ctx) {     // window c + s is complete
                    st.chunk = c + s + 1;
                    st.seconds = tern_now_s() - t0;
                    if (c == 0 && s + 1 == n_seq) st.first_pass_s = st.seconds;
                    if (fn) fn(user, &st);
                }
            }
        }
    }
    st.seconds = tern_now_s() - t0;
    *out = st;
    run_free(&r);
    return rc;
}
