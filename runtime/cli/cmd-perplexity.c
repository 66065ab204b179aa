// `tern perplexity`: a text file's perplexity, as llama-perplexity computes and prints it
// (tern/perplexity.h), so tern's figures can be set beside bitnet.cpp's and llama.cpp's and
// every speed option (--lm-head q8, -ctk/-ctv) priced in quality next to its speed.
// Its streams too: the running values [1]v1,[2]v2,... on stdout, everything else on stderr
// (the progress lines, "Final estimate: PPL = x +/- y", then tern's speed line).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model-opts.h"
#include "tern/clock.h"
#include "tern/file.h"
#include "tern/perplexity.h"
#include "tern/tokenizer.h"

static void print_chunk(void * user, const struct tern_ppl_state * s) {
    (void) user;
    if (s->chunk == s->n_seq) {     // after the first batch of windows, as llama-perplexity
        const double eta_s = s->first_pass_s * (double) s->n_chunks / (double) s->n_seq;
        fprintf(stderr, "perplexity: %.2f seconds per pass - ETA ", s->first_pass_s);
        if (eta_s >= 3600) fprintf(stderr, "%d hours ", (int) (eta_s / 3600));
        fprintf(stderr, "%.2f minutes\n", (double) ((int) eta_s % 3600) / 60.0);
    }
    printf("[%zu]%.4f,", s->chunk, tern_ppl_value(s));
    fflush(stdout);
}

// The model's tokenizer with the pre-tokenizer named by --pre-tokenizer in place of the
// file's (`default` splits Microsoft's 2B4T file as bitnet.cpp does). NULL after a message.
static struct tern_vocab * vocab_with_pre(const struct tern_model * m, const char * name) {
    char err[400];
    const struct tern_vocab_options vo = { .pre = name };
    struct tern_vocab * v = tern_vocab_load_opts(&m->gguf, &vo, err, sizeof(err));
    if (!v) fprintf(stderr, "tern perplexity: --pre-tokenizer %s: %s\n", name, err);
    return v;
}

int tern_cmd_perplexity(int argc, char ** argv) {
    struct model_opts o = { .quiet = true, .no_session = true };
    const char * text_path = NULL, * pre = NULL;
    int chunks = -1;
    const struct tern_opt opts[] = {
        { TERN_OPT_STR, "-f, --file", "FILE", &text_path, .help = "the text (one trailing newline dropped, as llama.cpp's -f)" },
        { TERN_OPT_INT, "--chunks", "N", &chunks, -1, 1 << 30, .help = "windows to score (-1 or 0 = all)" },
        { TERN_OPT_STR, "--pre-tokenizer", "NAME", &pre,
          .help = "split text with this pre-tokenizer instead of the file's (default: bitnet.cpp's choice)" },
        THREAD_OPTS(&o),
        MODEL_OPTS(&o),
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "perplexity",
                         "tern perplexity -m FILE -f TEXT [-c N] [-b N] [-t N] [--chunks N] [--pre-tokenizer NAME] [options]\n"
                         "  perplexity of a text as llama-perplexity computes it: windows of -c tokens from an empty\n"
                         "  cache (BOS first), the second half of each scored; [i] running values, then the final\n"
                         "  estimate with its standard error", argc, argv, &exit_code)) {
        return exit_code;
    }
    if (!o.model || !text_path) {
        fprintf(stderr, "tern perplexity: give -m FILE and -f TEXT\n");
        return 2;
    }
    char err[400];
    size_t len;
    char * text = tern_read_file(text_path, "the text", (size_t) 1 << 30, &len, err, sizeof(err));
    if (!text) {
        fprintf(stderr, "tern perplexity: %s\n", err);
        return 1;
    }
    if (len > 0 && text[len - 1] == '\n') text[--len] = '\0';
    struct cli_model L;
    if (cli_model_open(&o, "perplexity", &L)) {
        free(text);
        return 1;
    }
    int rc = 1;
    int32_t * ids = NULL;
    size_t n = 0;
    struct tern_vocab * own_vocab = NULL;
    const struct tern_vocab * v = L.model.vocab;
    if (pre && !(v = own_vocab = vocab_with_pre(&L.model, pre))) goto done;
    if (!v) {
        fprintf(stderr, "tern perplexity: the model has no tokenizer\n");
        goto done;
    }
    if (tern_vocab_add_eos(v)) {     // refused as llama-perplexity does: the EOS would be scored as text
        fprintf(stderr, "tern perplexity: the vocabulary appends EOS to a text (tokenizer.ggml.add_eos_token)\n");
        goto done;
    }
    const size_t n_ctx = o.ctx ? o.ctx : (L.model.hp.n_ctx_train < 4096 ? L.model.hp.n_ctx_train : 4096);
    const size_t n_batch = o.batch ? o.batch : 512;
    fprintf(stderr, "perplexity: tokenizing the input ..\n");
    const double t_tok = tern_now_s();
    if (tern_tokenize(v, text, len, tern_vocab_add_bos(v), false, &ids, &n, err, sizeof(err))) {
        fprintf(stderr, "tern perplexity: %s\n", err);
        goto done;
    }
    fprintf(stderr, "perplexity: tokenization took %g ms\n", 1e3 * (tern_now_s() - t_tok));
    if (n < 2 * n_ctx) {
        fprintf(stderr, "tern perplexity: %s tokenizes to %zu tokens; -c %zu needs at least %zu (2 x the context)\n",
                text_path, n, n_ctx, 2 * n_ctx);
        goto done;
    }
    const struct tern_ppl_options po = {
        .n_ctx = n_ctx, .n_batch = n_batch, .max_chunks = chunks <= 0 ? 0 : (size_t) chunks,
        .bos = tern_vocab_add_bos(v) ? tern_vocab_bos(v) : -1, .kv_type = (enum tern_kv_type) o.cache_k,
    };
    const size_t n_chunks = chunks > 0 && (size_t) chunks < tern_ppl_chunks(n, n_ctx) ? (size_t) chunks
                                                                                        : tern_ppl_chunks(n, n_ctx);
    const size_t n_seq = n_batch >= n_ctx ? n_batch / n_ctx : 1;
    fprintf(stderr, "perplexity: calculating perplexity over %zu chunks, n_ctx=%zu, batch_size=%zu, n_seq=%zu\n", n_chunks,
            n_ctx, n_batch < n_seq * n_ctx ? n_batch : n_seq * n_ctx, n_seq);
    fprintf(stderr, "perplexity: %s, lm-head %s, KV cache %s, pre-tokenizer %s, %d thread%s\n", L.model.hp.arch_name,
            lm_head_names[o.lm_head], kv_type_names[o.cache_k], tern_vocab_pre(v), L.threads,
            L.threads == 1 ? "" : "s");
    struct tern_ppl_state st;
    if (tern_perplexity(&L.model, L.pool, L.threads, ids, n, &po, print_chunk, NULL, &st, err, sizeof(err))) {
        printf("\n");
        fprintf(stderr, "tern perplexity: %s\n", err);
        goto done;
    }
    printf("\n");
    fflush(stdout);
    double pm;
    if (tern_ppl_error(&st, &pm)) {
        fprintf(stderr, "Final estimate: PPL = %.4f +/- %.5f\n", tern_ppl_value(&st), pm);
    } else {
        fprintf(stderr, "Unexpected negative standard deviation of log(prob)\n");
    }
    const double evaluated = (double) (st.n_chunks * n_ctx);
    fprintf(stderr, "perplexity: %.0f tokens evaluated (%zu scored) in %.2f s: %.2f tokens/s\n", evaluated, st.count,
            st.seconds, evaluated / st.seconds);
    rc = 0;
done:
    free(ids);
    tern_vocab_free(own_vocab);
    cli_model_close(&L);
    free(text);
    return rc;
}
