// Model presets (configs/models/*.toml, generated/models.inc): the hyperparameters of the
// model families tern knows, for gen-model, the tuner and the benchmarks; and the linear
// shapes one layer of a model runs, derived from the architecture's tensor table.
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "tern/model.h"
#include "tern/tune.h"

const char * tern_preset_name(size_t i);     // NULL past the last
// The preset's hyperparameters (n_ctx_train 4096), whether its output is tied to the
// embedding and its family's tokenizer ("llama3", "falcon3", "llama2-spm"); tied and
// tokenizer may be NULL. false if there is no such preset.
bool tern_preset_find(const char * name, struct tern_hparams * hp, bool * tied, const char ** tokenizer);

// The distinct (k, n) matmuls of one layer, tensors sharing a shape merged ("attn_q+attn_output").
size_t tern_layer_shapes(const struct tern_hparams * hp, struct tern_tune_shape * out, size_t max);
size_t tern_preset_shapes(const char * preset, struct tern_tune_shape * out, size_t max);
// The same from a model file's first layer, as the engine will run it.
size_t tern_gguf_linear_shapes(const struct tern_gguf * g, struct tern_tune_shape * out, size_t max);
