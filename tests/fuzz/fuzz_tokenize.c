// libFuzzer target for the tokenizers: any byte string (valid UTF-8 or not, with or without
// special-token text) must encode with each vocabulary kind, and decoding the ids must give
// the bytes back wherever the tokenizer promises it:
//   - byte-level BPE (gen-model's Llama-3 vocabulary; a Falcon3 one, pre falcon3): always,
//     special tokens parsed or not;
//   - SentencePiece (1bitLLM's layout with <pad> </line>): with special tokens as text, less
//     the space it adds in front, U+2581 coming back as a space; not when the text holds a
//     user-defined token (a space follows each special token, as in llama.cpp) or "<0x" (as
//     in llama.cpp, pieces may merge into a byte token's text, which then decodes as its byte).
// The input is also detokenized and read as a chat template.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tern/gen_vocab.h"
#include "tern/chat.h"
#include "tern/gguf.h"
#include "tern/tokenizer.h"

int LLVMFuzzerInitialize(int * argc, char *** argv);
int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

static const struct {
    enum tern_gen_vocab_kind kind;
    size_t n;
    const char * arch;
} kinds[] = {
    { TERN_GEN_VOCAB_LLAMA3, 512, "bitnet-b1.58" },
    { TERN_GEN_VOCAB_FALCON3, 700, "llama" },
    { TERN_GEN_VOCAB_LLAMA2_SPM, 2000, "bitnet" },
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static struct tern_gguf files[N_KINDS];
static struct tern_vocab * vocabs[N_KINDS];

int LLVMFuzzerInitialize(int * argc, char *** argv) {
    (void) argc;
    (void) argv;
    for (size_t k = 0; k < N_KINDS; k++) {
        char path[256], err[400];
        snprintf(path, sizeof(path), "%s/tern-fuzz-vocab-%d-%zu.gguf", P_tmpdir, (int) getpid(), k);
        struct tern_gen_vocab gv = { 0 };
        struct tern_gguf_writer * w = tern_gguf_writer_new();
        int rc = tern_gen_vocab_synthetic(&gv, kinds[k].kind, kinds[k].n, 3, err, sizeof(err));
        if (!rc) {
            tern_gguf_add_str(w, "general.architecture", kinds[k].arch);
            tern_gen_vocab_add_keys(w, &gv);
            rc = tern_gguf_writer_write(w, path, err, sizeof(err));
        }
        tern_gguf_writer_free(w);
        tern_gen_vocab_free(&gv);
        if (rc || tern_gguf_open(&files[k], path, err, sizeof(err)) ||
            !(vocabs[k] = tern_vocab_load(&files[k], err, sizeof(err)))) {
            fprintf(stderr, "fuzz_tokenize: %s\n", err);
            abort();
        }
        remove(path);
    }
    return 0;
}

// The bytes the ids of data must decode to, or false when no promise holds.
static bool expected(const struct tern_vocab * v, const uint8_t * data, size_t size, bool special, char * want,
                     size_t * n_want) {
    size_t m = 0;
    if (tern_vocab_kind(v) == TERN_VOCAB_SPM) {
        if (special || memmem(data, size, "<pad>", 5) || memmem(data, size, "</line>", 7) ||
            memmem(data, size, "<0x", 3)) {
            return false;
        }
        for (size_t i = 0; i < size; i++) {
            if (i + 3 <= size && !memcmp(data + i, "\xe2\x96\x81", 3)) {
                want[m++] = ' ';
                i += 2;
            } else {
                want[m++] = (char) data[i];
            }
        }
    } else {
        memcpy(want, data, size);
        m = size;
    }
    *n_want = m;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    char * want = malloc(size + 1), * back = malloc(2 * size + 1);
    for (size_t k = 0; k < N_KINDS; k++) {
        const struct tern_vocab * v = vocabs[k];
        for (int special = 0; special < 2; special++) {
            int32_t * ids;
            size_t n;
            char err[300];
            if (tern_tokenize(v, (const char *) data, size, special, special, &ids, &n, err, sizeof(err))) abort();
            size_t at = 0;
            for (size_t i = 0; i < n; i++) {
                char piece[1100];
                const size_t len = tern_token_bytes(v, ids[i], true, piece, sizeof(piece));
                const char * p = piece;
                size_t l = len;
                if (i == 0 && tern_vocab_add_space_prefix(v) && l && p[0] == ' ') p++, l--;
                if (special && i == 0 && ids[0] == tern_vocab_bos(v)) l = 0;     // the BOS add_special put there
                // Decoding lengthens the text by at most the spaces SentencePiece puts after
                // special tokens.
                if (len > sizeof(piece) || at + l > 2 * size + 1) abort();
                memcpy(back + at, p, l);
                at += l;
            }
            size_t n_want;
            if (expected(v, data, size, special, want, &n_want) && (at != n_want || memcmp(back, want, at) != 0)) {
                abort();
            }
            char * text;
            size_t len;
            if (tern_detokenize(v, ids, n, special, special, &text, &len, err, sizeof(err))) abort();
            free(text);
            free(ids);
        }
    }
    // The input as a chat template (NUL-terminated copy).
    memcpy(want, data, size);
    want[size] = '\0';
    char why[200];
    if ((unsigned) tern_chat_detect("llama", want, vocabs[0], why, sizeof(why)) >= TERN_CHAT_FORMAT_COUNT) abort();
    free(want);
    free(back);
    return 0;
}
