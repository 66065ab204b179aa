// tern: the library's public API, one include for an application that embeds the engine.
//
//   model      tern/model.h       load a GGUF file or a Hugging Face folder, sequences, batches,
//                                 tern_decode, logits
//   text       tern/tokenizer.h   tokenize / detokenize, end-of-generation tokens
//              tern/sampler.h     llama.cpp's sampler chain
//              tern/chat.h        chat formats per model family
//              tern/stop.h        stop strings in streamed text
//   quality    tern/perplexity.h  llama-perplexity's method
//   files      tern/convert.h     a Hugging Face checkpoint as a GGUF file
//   tuning     tern/tune.h        autotuner, profiles, the kernel plan
//   kernels    tern/kernels.h     the registry of generated kernel variants and their contract
//   runtime    tern/pool.h        the thread pool a model runs on
//              tern/log.h         where the library's messages go (a callback)
//
// These include tern/arch.h, cpu.h, dense.h, gguf.h, linear.h and alloc.h for the types they
// use; runtime/include holds nothing else. The headers the library's own files, its CLI, tests
// and benchmarks share are in runtime/internal/tern/, which is not on an application's include
// path (the CMake target `tern`; `tern-internal` adds them): they may change without notice.
#pragma once

#include "tern/chat.h"
#include "tern/convert.h"
#include "tern/kernels.h"
#include "tern/log.h"
#include "tern/model.h"
#include "tern/perplexity.h"
#include "tern/pool.h"
#include "tern/sampler.h"
#include "tern/stop.h"
#include "tern/tokenizer.h"
#include "tern/tune.h"
