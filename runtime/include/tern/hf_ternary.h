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

// Bytes of a packed [out, in] weight; 0 when out is not a multiple of 4 (no such file exists:
// unpack_weights always yields 4 * packed rows).
size_t tern_hf_packed_bytes(size_t out, size_t in);

// Rows [r0, r0 + nrows) of the unpacked [out, in] weight into dst (nrows, in) int8 in
// {-1, 0, 1}. src holds size bytes. 0, or -1 with a one-line reason (short payload, rows
// outside the weight, code 3, out not a multiple of 4).
int tern_hf_packed_decode_rows(const uint8_t * src, size_t size, size_t out, size_t in, size_t r0, size_t nrows,
                               int8_t * dst, char * err, size_t err_size);
// w (out, in) in {-1, 0, 1} -> dst (out/4, in). out must be a multiple of 4.
void tern_hf_packed_encode(const int8_t * w, size_t out, size_t in, uint8_t * dst);

enum tern_hf_linear_class { TERN_HF_BITLINEAR, TERN_HF_AUTOBITLINEAR };

// "autobitlinear" / "bitlinear"; "" (absent) is transformers' default, bitlinear. false if unknown.
bool tern_hf_linear_class_from_name(const char * name, enum tern_hf_linear_class * out);
// The tensor scale s (y = (W_ternary x) * s, as an I2_S tensor's) from a checkpoint's
// weight_scale (F32 / BF16 / F16 / F64, widened to double): (float) ws for autobitlinear,
// (float) (1.0 / ws) for bitlinear.
float tern_hf_scale_from_weight_scale(enum tern_hf_linear_class lc, double weight_scale);
// A float weight_scale that tern_hf_scale_from_weight_scale maps back to s bit for bit, for
// the division in float too; false if none exists (bitlinear: 1/x is not onto the floats,
// about 1 scale in 6 has no exact float reciprocal; 1.0 / (double) s in an F64 tensor always is).
bool tern_hf_weight_scale_for(enum tern_hf_linear_class lc, float s, float * weight_scale);

// llama.cpp's LlamaModel.permute, for arch-llama GGUF files (rope type NORM): within each
// of n_head heads of hd = rows / n_head rows, HF row j * hd/2 + i moves to row 2i + j
// (w.reshape(n_head, 2, hd/2, in).swapaxes(1, 2)). Q uses n_head, K n_head_kv. rows must
// be a multiple of 2 * n_head. permute: dst = permute(src); unpermute is its inverse
// (GGUF rows -> HF rows, for NeoX RoPE). Rows are row_bytes each; src and dst distinct.
void tern_llama_permute_rows(const void * src, void * dst, size_t rows, size_t row_bytes, size_t n_head);
void tern_llama_unpermute_rows(const void * src, void * dst, size_t rows, size_t row_bytes, size_t n_head);
