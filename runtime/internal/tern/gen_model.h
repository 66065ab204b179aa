// Test and benchmark models: a preset's exact shapes (configs/models) with random ternary
// weights, written as bitnet.cpp writes that family (I2_S, the same metadata keys as
// Microsoft's file; Q8_0 dense matrices when the width is not a multiple of 256), or as
// llama.cpp's TQ2_0 / TQ1_0. The vocabulary is a real one (a Hugging Face tokenizer.json) or a small
// synthetic byte-level BPE one (256 byte tokens, random merges, Llama-3's special tokens at
// the end). The same seed gives the same file.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_gen_options {
    const char * preset;         // a configs/models preset
    const char * out;
    uint64_t seed;
    const char * vocab_json;     // tokenizer.json, or NULL for the synthetic vocabulary
    bool vocab_only;             // write the tokenizer keys only (no tensors)
    bool latent;                 // write the ternary layers as latent full-precision values (t * v) of
    uint32_t latent_type;        // TERN_GGML_F32 / F16 / BF16, which tern ternarizes at load back to
                                 // exactly the I2_S model of the same seed
    uint32_t ternary_type;       // 0 = TERN_GGML_I2_S (bitnet.cpp's), or TQ2_0 / TQ1_0 (llama.cpp's)
};

// 0, or -1 with a one-line reason in err.
int tern_gen_model(const struct tern_gen_options * o, char * err, size_t err_size);
