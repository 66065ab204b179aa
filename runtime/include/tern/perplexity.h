// Perplexity over a token stream, as llama.cpp's `llama-perplexity` computes it (its
// examples/perplexity, default stride): the stream is cut into windows of n_ctx tokens (a
// partial last window is dropped); each window runs from an empty cache, its first token
// replaced by BOS when the vocabulary adds one; the second half of each window is scored:
// the logits at positions n_ctx/2 .. n_ctx-2 against the tokens that follow them, so every
// scored token has at least n_ctx/2 tokens of context. Per token, -log p as llama.cpp's
// log_softmax takes it (max in float, sum of expf in double); the running perplexity after
// each window is exp(mean), and the final one carries llama.cpp's standard error.
//
// The values depend on n_batch only through tern's logits, which are bit-identical whatever
// the batch: `-b 32`, `-b 128` and `-b 512` give the same numbers.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/model.h"

struct tern_pool;

struct tern_ppl_options {
    size_t n_ctx;            // window length in tokens (>= 4)
    // Tokens per tern_decode call (0 = n_ctx): below n_ctx a window runs in several calls;
    // from n_ctx up, n_batch / n_ctx windows run side by side, each its own sequence (n_seq).
    size_t n_batch;
    size_t max_chunks;       // windows to score, 0 = every whole window
    int32_t bos;             // the first token of every window, or -1 to keep the text's
    enum tern_kv_type kv_type;
};

// The state after a window (callbacks) or at the end.
struct tern_ppl_state {
    size_t chunk;            // windows scored so far (1-based index of the last one)
    size_t n_chunks;         // windows this run scores
    size_t n_seq;            // windows per batch
    size_t count;            // tokens scored so far
    double nll, nll2;        // sums of -log p and of its square over them
    double seconds;          // since the first window started (model evaluation and scoring)
    double first_pass_s;     // the first batch of windows alone (llama-perplexity's "seconds per pass")
};

typedef void tern_ppl_fn(void * user, const struct tern_ppl_state * s);

// Windows a stream of n_tokens gives at n_ctx (llama.cpp: n_tokens / n_ctx).
size_t tern_ppl_chunks(size_t n_tokens, size_t n_ctx);

// Scores tokens[0..n_tokens) on threads of pool (NULL: the caller alone), calling fn (may be
// NULL) after each window in order, and leaves the totals in *out. Needs at least 2 x n_ctx
// tokens, as llama-perplexity does. 0, or -1 with a one-line reason in err.
int tern_perplexity(const struct tern_model * m, struct tern_pool * pool, int threads, const int32_t * tokens,
                    size_t n_tokens, const struct tern_ppl_options * o, tern_ppl_fn * fn, void * user,
                    struct tern_ppl_state * out, char * err, size_t err_size);

// exp(nll / count): the running value llama-perplexity prints as [i]value.
double tern_ppl_value(const struct tern_ppl_state * s);
// llama-perplexity's "+/-": ppl x sqrt((mean of nll^2 - mean^2) / (count - 1)); false (and
// *pm = 0) when the variance is not positive, which llama-perplexity reports as an error.
bool tern_ppl_error(const struct tern_ppl_state * s, double * pm);

// -log p(target) from one row of logits, llama.cpp's way (float max, double sum of expf).
double tern_ppl_nll(const float * logits, size_t n_vocab, int32_t target);
