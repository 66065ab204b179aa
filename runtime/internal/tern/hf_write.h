// Writing Hugging Face checkpoint folders: config.json / tokenizer_config.json /
// generation_config.json from the structs tern/hf_config.h reads (so a file written from a
// struct reads back to the same struct), and whole "twin" folders of a GGUF model: the same
// weights as a Hugging Face checkpoint would hold them, for the loader's tests (tern on the
// twin must give the GGUF's logits) and for `tern gen-model --format hf`.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/hf_config.h"

struct tern_gguf;

// Fields are written when present (has_* set, strings non-empty); eos as an int when there
// is one id, else a list. 0, or -1 with err.
int tern_hf_write_config(const struct tern_hf_config * c, const char * path, char * err, size_t err_size);
int tern_hf_write_tokenizer_config(const struct tern_hf_tokenizer_config * t, const char * path, char * err,
                                   size_t err_size);
int tern_hf_write_generation_config(const struct tern_hf_generation_config * g, const char * path, char * err,
                                    size_t err_size);
// The GGUF's byte-level BPE vocabulary (tokenizer.ggml.model "gpt2") as a tokenizer.json:
// model.vocab (normal tokens), model.merges, added_tokens (control tokens special, user-defined
// not), ByteLevel pre-tokenizer and decoder. 0; 1 (nothing written) when the vocabulary is
// not gpt2 (SentencePiece files carry scores, not merges); -1 with err.
int tern_hf_write_tokenizer_json(const struct tern_gguf * g, const char * path, char * err, size_t err_size);

// How a twin stores its ternary linears.
struct tern_hf_twin_options {
    bool latent;                 // full-precision latent weights (1bitLLM, -bf16 repos) instead of
    uint32_t latent_dtype;       // packed uint8 + weight_scale; TERN_ST_F32 / F16 / BF16
    const char * linear_class;   // packed: "autobitlinear" or "bitlinear"; NULL = the family's
                                 // (autobitlinear for bitnet-b1.58/-25, bitlinear otherwise)
    uint64_t shard_bytes;        // 0: one model.safetensors; else shards + index
    bool no_tokenizer_json;
};

// Writes dir (created if missing) as the Hugging Face checkpoint of GGUF g (arch
// bitnet-b1.58 / bitnet-25 -> BitNetForCausalLM (2B4T names), bitnet -> BitnetForCausalLM
// (1bitLLM names), llama -> LlamaForCausalLM (Falcon3 / Llama3-1.58 names, lm_head, Q/K rows
// un-permuted back to HF order)): model.safetensors (or shards), config.json,
// tokenizer_config.json, generation_config.json, tokenizer.json (gpt2 vocabularies).
// Ternary layers must be I2_S. Exact twins:
//  - packed: the I2_S codes, and an F32 weight_scale (shape [1]) from which the HF codec
//    (tern/codec.h) gives the I2_S scale back bit for bit; a bitlinear scale no float
//    reciprocal reaches is refused (bitnet.cpp's scales from bitlinear checkpoints always
//    have one: they are float reciprocals by construction);
//  - latent: values the latent codec ternarizes to the I2_S codes and scale bit for bit
//    (s = (float)(double sum |W| / n), Wq = clamp(nearbyintf(W * (1.0f / s)), -1, 1);
//    checked while writing).
// Other tensors keep their GGUF type (F32 / F16 / BF16) and values. 0, or -1 with err.
int tern_hf_twin_write(const struct tern_gguf * g, const char * dir, const struct tern_hf_twin_options * o, char * err,
                       size_t err_size);

// The latent values twin_write stores for one tensor: codes (n) and the target scale s ->
// dst (n values of dtype TERN_ST_F32 / F16 / BF16). 0, or -1 when no such values exist.
int tern_hf_latent_from_codes(const int8_t * codes, size_t n, float s, uint32_t dtype, void * dst);
