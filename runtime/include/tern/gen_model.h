// Test and benchmark models: a preset's exact shapes (configs/models) with random ternary
// weights, written in bitnet.cpp's I2_S GGUF layout, the same 24 metadata keys as
// Microsoft's file. The vocabulary is a real one (a Hugging Face tokenizer.json) or a small
// synthetic byte-level BPE one (256 byte tokens, random merges, Llama-3's special tokens at
// the end). The same seed gives the same file.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_gen_options {
    const char * preset;         // a configs/models preset of arch bitnet-b1.58
    const char * out;
    uint64_t seed;
    const char * vocab_json;     // tokenizer.json, or NULL for the synthetic vocabulary
    bool vocab_only;             // write the tokenizer keys only (no tensors)
    bool latent;                 // write the ternary layers as latent full-precision values (t * v) of
    uint32_t latent_type;        // TERN_GGML_F32 / F16 / BF16, which tern ternarizes at load back to
                                 // exactly the I2_S model of the same seed
};

// 0, or -1 with a one-line reason in err.
int tern_gen_model(const struct tern_gen_options * o, char * err, size_t err_size);
