// `tern logits`: evaluate a token sequence and write float32 logits for every position,
// row-major [n_tokens][n_vocab], to compare tern with other engines number for number.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model-opts.h"
#include "tern/tokenizer.h"

static int parse_ids(const char * s, int32_t ** out, size_t * n) {
    size_t cap = 64;
    *n = 0;
    *out = malloc(cap * sizeof(int32_t));
    while (*out && *s) {
        while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\n') s++;
        if (!*s) break;
        char * end;
        errno = 0;
        const long v = strtol(s, &end, 10);
        if (end == s || errno || v < 0 || v > INT32_MAX) return -1;
        if (*n == cap) {
            int32_t * p = realloc(*out, (cap *= 2) * sizeof(int32_t));
            if (!p) return -1;
            *out = p;
        }
        (*out)[(*n)++] = (int32_t) v;
        s = end;
    }
    return *out && *n ? 0 : -1;
}

int tern_cmd_logits(int argc, char ** argv) {
    struct model_opts o = { .quiet = true };
    const char * tokens = NULL, * prompt = NULL, * out_path = NULL;
    bool decode = false;
    const struct tern_opt opts[] = {
        { TERN_OPT_STR, "--tokens", "LIST", &tokens, .help = "token ids, space or comma separated" },
        { TERN_OPT_STR, "-p, --prompt", "TEXT", &prompt, .help = "text, tokenized with BOS (special tokens recognised)" },
        { TERN_OPT_STR, "-o, --output", "FILE", &out_path, .help = "output: float32 little-endian [n_tokens][n_vocab]" },
        { TERN_OPT_FLAG, "--decode", NULL, &decode, .help = "one token per step instead of one prefill batch" },
        THREAD_OPTS(&o),
        MODEL_OPTS(&o),
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "logits", "tern logits -m FILE (--tokens \"ID ID ...\" | -p TEXT) -o OUT [--decode] [options]\n"
                         "  evaluates a token sequence and writes the logits of every position", argc, argv, &exit_code)) {
        return exit_code;
    }
    if (!o.model) {
        fprintf(stderr, "tern logits: no model given (-m FILE)\n");
        return 2;
    }
    if ((!tokens) == (!prompt) || !out_path) {
        fprintf(stderr, "tern logits: give exactly one of --tokens / -p, and -o FILE\n");
        return 2;
    }
    int32_t * ids = NULL;
    size_t n = 0;
    if (tokens && parse_ids(tokens, &ids, &n)) {
        fprintf(stderr, "tern logits: --tokens wants non-negative integer ids separated by spaces or commas\n");
        free(ids);
        return 2;
    }
    struct cli_model L;
    if (cli_model_open(&o, "logits", &L)) {
        free(ids);
        return 1;
    }
    int rc = 1;
    char err[300];
    FILE * f = NULL;
    if (prompt) {
        if (!L.model.vocab) {
            fprintf(stderr, "tern logits: the model has no tokenizer; use --tokens\n");
            goto done;
        }
        if (tern_tokenize(L.model.vocab, prompt, strlen(prompt), tern_vocab_add_bos(L.model.vocab), true, &ids, &n, err,
                          sizeof(err))) {
            fprintf(stderr, "tern logits: %s\n", err);
            goto done;
        }
    }
    const size_t nv = L.model.hp.n_vocab;
    f = fopen(out_path, "wb");
    if (!f) {
        fprintf(stderr, "tern logits: cannot create %s\n", out_path);
        goto done;
    }
    if (!decode) {
        if (tern_forward(&L.session, ids, n, true, err, sizeof(err))) {
            fprintf(stderr, "tern logits: %s\n", err);
            goto done;
        }
        if (fwrite(L.session.logits, sizeof(float), n * nv, f) != n * nv) goto write_error;
    } else {
        for (size_t i = 0; i < n; i++) {
            if (tern_forward(&L.session, &ids[i], 1, false, err, sizeof(err))) {
                fprintf(stderr, "tern logits: %s\n", err);
                goto done;
            }
            if (fwrite(L.session.logits, sizeof(float), nv, f) != nv) goto write_error;
        }
    }
    if (fclose(f) != 0) {
        f = NULL;
        goto write_error;
    }
    f = NULL;
    fprintf(stderr, "tern logits: %zu positions x %zu logits -> %s\n", n, nv, out_path);
    rc = 0;
    goto done;
write_error:
    fprintf(stderr, "tern logits: cannot write %s\n", out_path);
done:
    if (f) fclose(f);
    free(ids);
    cli_model_close(&L);
    return rc;
}
