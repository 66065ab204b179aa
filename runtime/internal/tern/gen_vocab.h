// Vocabularies for the GGUF files tern writes (gen-model, vocabulary-only files for the
// tokenizer tests): a synthetic one of each family from a seed, or one read from a Hugging
// Face tokenizer.json, and the tokenizer.ggml.* keys that carry it.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_gguf_writer;

enum tern_gen_vocab_kind {
    // Byte-level BPE with Llama-3's specials (BitNet b1.58 2B4T, Llama3-8B-1.58). No
    // tokenizer.ggml.pre, as in Microsoft's 2B4T file (tern picks Llama-3's split by arch).
    TERN_GEN_VOCAB_LLAMA3,
    // Byte-level BPE with Falcon3's control tokens, tokenizer.ggml.pre "falcon3".
    TERN_GEN_VOCAB_FALCON3,
    // LLaMA-2-style SentencePiece (1bitLLM bitnet_b1_58): <unk> <s> </s>, 256 <0xNN>, scored
    // pieces, single characters, then 1bitLLM's added tokens <pad> and </line>.
    TERN_GEN_VOCAB_LLAMA2_SPM,
};

struct tern_gen_vocab {
    char ** text;                // (n) token texts (any bytes), with lengths
    size_t * len;
    int32_t * type;              // (n) GGUF token types (1 normal, 2 unknown, 3 control, 4 user-defined, 6 byte)
    float * score;               // (n)
    size_t n;
    char ** merges;              // (n_merges) "LEFT RIGHT" (byte-level BPE only)
    size_t n_merges;
    // The tokenizer.ggml.* keys besides the arrays; a caller may change them before writing
    // (e.g. pre = "llama-bpe" for a Llama3-8B-1.58 file).
    const char * model;          // "gpt2" or "llama"
    const char * pre;            // NULL: no tokenizer.ggml.pre key
    bool add_bos, add_eos;
    bool spm;                    // write tokenizer.ggml.add_space_prefix
    bool add_space_prefix;
    int32_t bos, eos, unk, eot, pad;   // -1: no key
};

// A vocabulary of n tokens of the given family from a seed. 0, or -1 with err (n too small).
int tern_gen_vocab_synthetic(struct tern_gen_vocab * v, enum tern_gen_vocab_kind kind, size_t n, uint64_t seed,
                             char * err, size_t err_size);
// A Hugging Face tokenizer.json, either byte-level BPE (model.vocab, model.merges,
// added_tokens: Llama-3) or SentencePiece-style BPE (model.byte_fallback, a U+2581
// normalizer or Metaspace pre-tokenizer: LLaMA-2, Mistral), which becomes a SentencePiece
// vocabulary whose scores are -(rank of the first merge making the piece), SentencePiece's
// own convention, with single characters below every merge.
int tern_gen_vocab_json(struct tern_gen_vocab * v, const char * path, char * err, size_t err_size);
// tokenizer.ggml.model, pre, tokens, scores, token_type, merges, add_bos/eos, add_space_prefix
// and the special ids.
void tern_gen_vocab_add_keys(struct tern_gguf_writer * w, const struct tern_gen_vocab * v);
void tern_gen_vocab_free(struct tern_gen_vocab * v);
