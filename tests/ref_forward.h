// The oracle for the forward pass: every architecture of tern/arch.h written again, plainly,
// from DESIGN §5, in float (double where it sums) with an f32 KV cache, one token at a time,
// no kernels, no threads. It shares only the architecture facts (tern/arch.h), the GGUF reader
// and the ternary codecs with tern (each tested on its own against other implementations' files).
#pragma once

#include <stddef.h>
#include <stdint.h>

// Logits (n_tokens, n_vocab) of tokens evaluated in order from an empty context. Returns
// NULL (message on stderr) if the file cannot be read. Caller frees.
float * ref_forward(const char * path, const int32_t * tokens, size_t n_tokens, size_t * n_vocab);
