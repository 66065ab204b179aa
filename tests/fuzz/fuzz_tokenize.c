// libFuzzer target for the tokenizer: any byte string (valid UTF-8 or not, with or without
// special-token text) must encode, and decoding the ids must give the bytes back exactly.
// The vocabulary is a gen-model one (256 byte tokens, random merges, Llama-3 specials).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tern/gen_model.h"
#include "tern/gguf.h"
#include "tern/tokenizer.h"

int LLVMFuzzerInitialize(int * argc, char *** argv);
int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

static struct tern_gguf g;
static struct tern_vocab * vocab;

int LLVMFuzzerInitialize(int * argc, char *** argv) {
    (void) argc;
    (void) argv;
    char path[256], err[400];
    snprintf(path, sizeof(path), "%s/tern-fuzz-vocab-%d.gguf", P_tmpdir, (int) getpid());
    const struct tern_gen_options o = { .preset = "bitnet-b1.58-tiny", .out = path, .seed = 3, .vocab_only = true };
    if (tern_gen_model(&o, err, sizeof(err)) || tern_gguf_open(&g, path, err, sizeof(err)) ||
        !(vocab = tern_vocab_load(&g, err, sizeof(err)))) {
        fprintf(stderr, "fuzz_tokenize: %s\n", err);
        abort();
    }
    remove(path);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    for (int special = 0; special < 2; special++) {
        int32_t * ids;
        size_t n;
        char err[300];
        if (tern_tokenize(vocab, (const char *) data, size, false, special, &ids, &n, err, sizeof(err))) abort();
        char * back = malloc(size + 1);
        size_t at = 0;
        for (size_t i = 0; i < n; i++) {
            char piece[1100];
            const size_t len = tern_token_bytes(vocab, ids[i], true, piece, sizeof(piece));
            if (len > sizeof(piece) || at + len > size) abort();
            memcpy(back + at, piece, len);
            at += len;
        }
        if (at != size || memcmp(back, data, size) != 0) abort();
        free(back);
        free(ids);
    }
    return 0;
}
