// Tuning shapes: a model file's ternary linears as the engine will run them, and the presets' (configs/models).

#include <stdio.h>
#include <string.h>

#include "tern/gguf.h"
#include "tern/tune.h"

static const char * const linears[] = {
    "attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down",
};

size_t tern_gguf_linear_shapes(const struct tern_gguf * g, struct tern_tune_shape * out, size_t max) {
    size_t count = 0;
    for (size_t l = 0; l < sizeof(linears) / sizeof(linears[0]); l++) {
        char name[64];
        snprintf(name, sizeof(name), "blk.0.%s.weight", linears[l]);
        const struct tern_gguf_tensor * t = tern_gguf_find_tensor(g, name);
        if (!t || t->n_dims != 2) continue;
        const size_t k = (size_t) t->ne[0], n = (size_t) t->ne[1];
        size_t i = 0;
        while (i < count && !(out[i].k == k && out[i].n == n)) i++;
        if (i == count) {
            if (count == max) continue;
            out[count++] = (struct tern_tune_shape) { .k = k, .n = n, .per_layer = 0 };
        }
        out[i].per_layer++;
        const size_t used = strlen(out[i].name);
        snprintf(out[i].name + used, sizeof(out[i].name) - used, "%s%s", used ? "+" : "", linears[l]);
    }
    return count;
}

// ---------------------------------------------------------------------------- presets

static const char * const preset_names[] = {
#define TERN_MODEL_PRESET(name, ...) name,
#include "models.inc"
#undef TERN_MODEL_PRESET
};

const char * tern_preset_name(size_t i) {
    return i < sizeof(preset_names) / sizeof(preset_names[0]) ? preset_names[i] : NULL;
}

size_t tern_preset_shapes(const char * preset, struct tern_tune_shape * out, size_t max) {
    size_t count = 0;
#define TERN_MODEL_SHAPE(preset_, shape_, k_, n_, per_layer_)                                             \
    if (strcmp(preset, preset_) == 0) {                                                                  \
        if (count < max) {                                                                               \
            out[count] = (struct tern_tune_shape) { .k = k_, .n = n_, .per_layer = per_layer_ };         \
            snprintf(out[count].name, sizeof(out[count].name), "%s", shape_);                            \
        }                                                                                                \
        count++;                                                                                         \
    }
#include "models.inc"
#undef TERN_MODEL_SHAPE
    return count;
}
