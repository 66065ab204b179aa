// libFuzzer target for the GGUF reader: any input must parse cleanly or fail with a
// one-line message; a parsed file's tensors must lie inside the input; the vocabulary
// loader then takes whatever tokenizer keys it holds.
// Built by scripts/test.sh with clang -fsanitize=fuzzer,address,undefined; seeds in
// tests/corpus/gguf (small valid files: v2, v3, nested arrays, I2_S).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/gguf.h"
#include "tern/tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    struct tern_gguf g;
    char err[512];
    if (tern_gguf_parse(&g, data, size, err, sizeof(err)) != 0) {
        if (err[0] == '\0' || strchr(err, '\n')) abort();
        return 0;
    }
    for (uint64_t i = 0; i < g.n_tensors; i++) {
        const struct tern_gguf_tensor * t = &g.tensors[i];
        if (t->data < data || t->nbytes > (uint64_t) (data + size - t->data)) abort();
    }
    for (uint64_t i = 0; i < g.n_kv; i++) {
        if (g.kv[i].key.ptr < (const char *) data || g.kv[i].key.ptr + g.kv[i].key.len > (const char *) data + size) abort();
    }
    // The vocabulary loader on whatever tokenizer.ggml.* the input holds: a vocabulary or a
    // one-line refusal; a loaded one must tokenize.
    struct tern_vocab * v = tern_vocab_load(&g, err, sizeof(err));
    if (v) {
        int32_t * ids;
        size_t n;
        if (tern_tokenize(v, "Hello <|eot_id|> 123", 20, true, true, &ids, &n, err, sizeof(err)) == 0) free(ids);
        tern_vocab_free(v);
    } else if (err[0] == '\0' || strchr(err, '\n')) {
        abort();     // a refusal always says why, in one line
    }
    tern_gguf_close(&g);
    return 0;
}
