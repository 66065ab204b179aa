// `tern convert`: a Hugging Face checkpoint folder to a GGUF file that tern and bitnet.cpp
// both load: bitnet.cpp's arch strings and keys, ternary linears as its I2_S (one scale per
// tensor, 128-value blocks, the 32-byte tail), llama Q/K rows permuted as llama.cpp's
// converter does, norms F32, the embedding and an untied head F16 (Q8_0 when the width is not
// a multiple of 256, as bitnet.cpp's quantizer writes them). Tensors stream from the
// checkpoint's mapping one at a time, their pages dropped once written: memory stays bounded
// by the largest tensor.
#pragma once

#include <stddef.h>

#include "tern/log.h"

struct tern_convert_options {
    const char * dir;                // the checkpoint folder
    const char * out;                // the GGUF to write (path.tmp, then renamed)
    tern_progress_fn * progress;     // NULL: none
    void * progress_user;
};

// 0, or -1 with a one-line reason in err (nothing is left at out).
int tern_convert(const struct tern_convert_options * o, char * err, size_t err_size);
