// On-disk ternary encodings as rows of one table (DESIGN §3): each turns a tensor's bytes
// into ternary int8 rows and per-row scales, which the loader packs into the tuned layout.
// Adding an encoding is one row here (codecs.c) and its test.
//
//   I2_S     bitnet.cpp (GGML type 36): 2-bit codes in 128-value blocks, one f32 scale in a tail
//   TQ2_0    llama.cpp (35): 256-value blocks of 2-bit codes + an f16 scale each
//   TQ1_0    llama.cpp (34): 256-value blocks of base-3 digits (5 per byte) + an f16 scale
//   HF       Hugging Face packed uint8 [out/4, in] + weight_scale (multiplying or dividing)
//   F32/F16/BF16  latent weights, ternarized with the tensor's absmean: clamp(round(W / mean|W|))
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tern_codec_id {
    TERN_CODEC_I2S, TERN_CODEC_TQ2_0, TERN_CODEC_TQ1_0, TERN_CODEC_HF_PACKED,
    TERN_CODEC_F32, TERN_CODEC_F16, TERN_CODEC_BF16, TERN_CODEC_COUNT
};

// A ternary tensor as stored: n rows of k values.
struct tern_tensor_src {
    const char * name;               // for messages
    enum tern_codec_id codec;
    size_t k, n;
    const uint8_t * data;
    size_t nbytes;
    float hf_scale;                  // HF: the weight_scale value
    bool hf_scale_divides;           // HF: W = codes / weight_scale (bitlinear) instead of * (autobitlinear)
};

struct tern_codec {
    const char * name;
    uint32_t ggml_type;              // its GGML type id, UINT32_MAX if it has none
    size_t block;                    // values per block along a row (k must be a multiple)
    // One scale per row into row_scale (n): the tensor's one scale repeated, or (TQ) each
    // row's block scale, refused when a row's blocks disagree. Validates the payload size.
    int (*scales)(const struct tern_tensor_src * t, float * row_scale, char * err, size_t err_size);
    // Rows [r0, r0 + count) as {-1, 0, +1}; row_scale is the whole tensor's (n) as scales()
    // gave it (latent types divide by it). Refuses codes that are not ternary.
    int (*rows)(const struct tern_tensor_src * t, size_t r0, size_t count, const float * row_scale, int8_t * dst,
                char * err, size_t err_size);
    // The inverse, for writers: n rows of k ternary values with their row scales -> bytes(k, n)
    // bytes at dst. NULL where tern does not write the encoding (latent types).
    size_t (*bytes)(size_t k, size_t n);
    void (*encode)(const int8_t * w, size_t k, size_t n, const float * row_scale, uint8_t * dst);
};

const struct tern_codec * tern_codec_get(enum tern_codec_id id);
// The codec of a GGML tensor type; false if it is not a ternary encoding tern reads.
bool tern_codec_of_ggml(uint32_t ggml_type, enum tern_codec_id * id);
