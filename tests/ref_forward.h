// The oracle for the forward pass: BitNet b1.58 written again, plainly, from DESIGN §5, in
// float with an f32 KV cache, one token at a time, no kernels, no threads. It shares only
// the GGUF reader and the I2_S decoder with tern (both tested on their own against
// bitnet.cpp's file).
#pragma once

#include <stddef.h>
#include <stdint.h>

// Logits (n_tokens, n_vocab) of tokens evaluated in order from an empty context. Returns
// NULL (message on stderr) if the file cannot be read. Caller frees.
float * ref_forward(const char * path, const int32_t * tokens, size_t n_tokens, size_t * n_vocab);
