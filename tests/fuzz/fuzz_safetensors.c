// libFuzzer target for the safetensors reader: any input must parse or fail with a
// one-line message; a parsed file's tensors must lie inside the input, inside its data
// section, without overlapping, and be found again by name.
// Built by scripts/test.sh with clang -fsanitize=fuzzer,address,undefined; seeds in
// tests/corpus/safetensors (files of the writer: every dtype, empty tensors, metadata).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/safetensors.h"

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    struct tern_st st;
    char err[512];
    if (tern_st_parse(&st, data, size, err, sizeof(err)) != 0) {
        if (err[0] == '\0' || strchr(err, '\n')) abort();
        return 0;
    }
    const struct tern_st_shard * sh = &st.shards[0];
    uint64_t reach = 0;
    for (size_t i = 0; i < st.n_tensors; i++) {
        const struct tern_st_tensor * t = &st.tensors[i];
        if (t->data < sh->data || t->nbytes > (uint64_t) (sh->data + sh->data_size - t->data)) abort();
        if (t->data < data || t->data + t->nbytes > data + size) abort();
        if (t->nbytes && t->offset < reach) abort();          // file order, no overlap
        if (t->nbytes) reach = t->offset + t->nbytes;
        if (tern_st_find(&st, t->name) != t) abort();
        uint64_t n = 1;
        for (uint32_t d = 0; d < t->n_dims; d++) n *= t->shape[d];
        if (n != t->n_elements || n * tern_st_dtype_bits(t->dtype) / 8 != t->nbytes) abort();
        volatile uint8_t sink = 0;
        for (uint64_t b = 0; b < t->nbytes; b += 97) sink ^= t->data[b];      // readable
        (void) sink;
    }
    tern_st_close(&st);
    return 0;
}
