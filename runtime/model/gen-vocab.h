// Vocabularies for the GGUF files tern writes (gen-model, vocabulary-only files for the
// tokenizer tests): a synthetic byte-level BPE vocabulary from a seed, or one read from a
// Hugging Face tokenizer.json, and the tokenizer.ggml.* keys that carry it.
#pragma once

#include <stddef.h>
#include <stdint.h>

struct tern_gguf_writer;

struct tern_gen_vocab {
    char ** text;                // (n) token texts (any bytes), with lengths
    size_t * len;
    int32_t * type;              // (n) GGUF token types (1 normal, 3 control, 4 user-defined ...)
    float * score;               // (n)
    size_t n;
    char ** merges;              // (n_merges) "LEFT RIGHT"
    size_t n_merges;
};

// 256 byte tokens (GPT-2 order), random merges of printable tokens, then special tokens
// (Llama-3's names; 256 of them for n >= 4096, else 10). 0, or -1 with err.
int tern_gen_vocab_synthetic(struct tern_gen_vocab * v, size_t n, uint64_t seed, char * err, size_t err_size);
// A Hugging Face tokenizer.json (byte-level BPE: model.vocab, model.merges, added_tokens).
int tern_gen_vocab_json(struct tern_gen_vocab * v, const char * path, char * err, size_t err_size);
// tokenizer.ggml.model, tokens, scores, token_type, merges, bos/eos/padding ids.
void tern_gen_vocab_add_keys(struct tern_gguf_writer * w, const struct tern_gen_vocab * v);
void tern_gen_vocab_free(struct tern_gen_vocab * v);
