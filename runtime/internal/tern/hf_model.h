// A Hugging Face checkpoint folder seen as a GGUF model: config.json, tokenizer.json and
// tokenizer_config.json become bitnet.cpp's GGUF keys (an in-memory GGUF with no tensors),
// and the safetensors tensors appear under their GGUF names, unconverted, in the mapping.
// The loader then reads it as it reads a GGUF (tern run -m HF_DIR), and `tern convert`
// writes it out as one. No Python, no temporary file.
//
// Ternary linears are packed uint8 [out/4, in] with a weight_scale (type
// TERN_GGML_HF_PACKED; tern_hf_model_scale gives its scale and meaning), or F32/F16/BF16
// latent weights. A llama checkpoint's Q/K rows are in Hugging Face order: NeoX pairing
// reads them as they are (tern_hf_model_rope), the converter permutes them for GGUF.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/arch.h"
#include "tern/gguf.h"

// The GGUF type id tern gives packed uint8 ternary tensors (no GGML type has this layout).
#define TERN_GGML_HF_PACKED 0x4846u

struct tern_gguf_writer;
struct tern_hf_model;

// True if path is a directory (a checkpoint folder, not a file).
bool tern_path_is_dir(const char * path);

// Opens dir. *g is filled with the metadata and the tensors (valid until tern_hf_model_close;
// close g with tern_gguf_close first). 0, or -1 with a one-line reason in err.
int tern_hf_model_open(struct tern_hf_model ** hf, const char * dir, struct tern_gguf * g, char * err, size_t err_size);
void tern_hf_model_close(struct tern_hf_model * hf);

const struct tern_arch * tern_hf_model_arch(const struct tern_hf_model * hf);
// "packed uint8 + weight_scale (autobitlinear)" or "latent BF16 weights", for messages.
const char * tern_hf_model_storage(const struct tern_hf_model * hf);
// A packed tensor's weight_scale and whether it divides (bitlinear) or multiplies
// (autobitlinear); false for other tensors.
bool tern_hf_model_scale(const struct tern_hf_model * hf, const struct tern_gguf_tensor * t, float * scale, bool * divides);
// The metadata keys again, into a writer (what `tern convert` writes before the tensors).
void tern_hf_model_add_keys(const struct tern_hf_model * hf, struct tern_gguf_writer * w);
// Frees the pages of a tensor's bytes once consumed.
void tern_hf_model_drop(const struct tern_hf_model * hf, const struct tern_gguf_tensor * t);
