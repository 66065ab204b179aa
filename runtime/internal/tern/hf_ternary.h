// Ternary weights as Hugging Face checkpoints store them (DESIGN §5, models-and-users §1.7),
// and the Q/K row order llama.cpp's converter gives arch-llama GGUF files.
//
// Packed uint8 (transformers integrations/bitnet.py pack_weights): a [out, in] ternary
// weight is stored as uint8 [out/4, in]; bits 2i..2i+1 of packed row r hold row
// r + i * out/4 (i = 0..3, four contiguous quarter-blocks of rows, NOT four adjacent rows),
// as w + 1 in {0, 1, 2}. One `weight_scale` per tensor, whose meaning depends on the
// checkpoint's quantization_config.linear_class: autobitlinear (2B4T) multiplies the
// output (= mean|W|); bitlinear (Falcon3, Llama3-8B-1.58; transformers' default) divides
// it (= 1/mean|W|).
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// (Reading them is the codec table's: TERN_CODEC_HF_PACKED in tern/codec.h.)
// w (out, in) in {-1, 0, 1} -> dst (out/4, in). out must be a multiple of 4.
void tern_hf_packed_encode(const int8_t * w, size_t out, size_t in, uint8_t * dst);

enum tern_hf_linear_class { TERN_HF_BITLINEAR, TERN_HF_AUTOBITLINEAR };

// "autobitlinear" / "bitlinear"; "" (absent) is transformers' default, bitlinear. false if unknown.
bool tern_hf_linear_class_from_name(const char * name, enum tern_hf_linear_class * out);
// A float weight_scale from which the HF codec (tern/codec.h: ws for autobitlinear,
// 1.0f / ws for bitlinear) gives back the tensor scale s bit for bit, the division done in
// double agreeing too; false if none exists: 1/x is not onto the floats, and about one
// arbitrary scale in six has no exact float reciprocal. (Scales bitnet.cpp derived from a
// bitlinear checkpoint are float reciprocals by construction, so they always have one.)
bool tern_hf_weight_scale_for(enum tern_hf_linear_class lc, float s, float * weight_scale);

// llama.cpp's LlamaModel.permute, for arch-llama GGUF files (rope type NORM): within each
// of n_head heads of hd = rows / n_head rows, HF row j * hd/2 + i moves to row 2i + j
// (w.reshape(n_head, 2, hd/2, in).swapaxes(1, 2)). Q uses n_head, K n_head_kv. rows must
// be a multiple of 2 * n_head. permute: dst = permute(src); unpermute is its inverse
// (GGUF rows -> HF rows, for NeoX RoPE). Rows are row_bytes each; src and dst distinct.
void tern_llama_permute_rows(const void * src, void * dst, size_t rows, size_t row_bytes, size_t n_head);
void tern_llama_unpermute_rows(const void * src, void * dst, size_t rows, size_t row_bytes, size_t n_head);
