// Model presets and per-layer shapes (see tern/presets.h).

#include <stdio.h>
#include <string.h>

#include "tern/presets.h"

static const struct preset {
    const char * name, * arch;
    uint32_t hidden, ffn, layers, heads, kv_heads, head_dim, vocab;
    float rope_theta, rms_eps;
    bool tied;
} presets[] = {
#define TERN_MODEL_PRESET(name, arch, hidden, ffn, layers, heads, kv_heads, head_dim, vocab, theta, eps, tied) \
    { name, arch, hidden, ffn, layers, heads, kv_heads, head_dim, vocab, theta, eps, tied },
#include "models.inc"
#undef TERN_MODEL_PRESET
};

const char * tern_preset_name(size_t i) {
    return i < sizeof(presets) / sizeof(presets[0]) ? presets[i].name : NULL;
}

bool tern_preset_find(const char * name, struct tern_hparams * hp, bool * tied) {
    for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
        const struct preset * p = &presets[i];
        if (strcmp(p->name, name) != 0) continue;
        *hp = (struct tern_hparams) {
            .arch = tern_arch_find(p->arch, strlen(p->arch)), .n_vocab = p->vocab, .n_ctx_train = 4096,
            .n_embd = p->hidden, .n_ff = p->ffn, .n_layer = p->layers, .n_head = p->heads, .n_head_kv = p->kv_heads,
            .head_dim = p->head_dim, .rope_theta = p->rope_theta, .rms_eps = p->rms_eps,
        };
        if (hp->arch) hp->rope = hp->arch->rope;
        snprintf(hp->arch_name, sizeof(hp->arch_name), "%s", p->arch);
        snprintf(hp->name, sizeof(hp->name), "%s", p->name);
        if (tied) *tied = p->tied;
        return hp->arch != NULL;
    }
    return false;
}

// Adds a (k, n) matmul called `name`, merged with an earlier one of the same shape.
static size_t add_shape(struct tern_tune_shape * out, size_t count, size_t max, const char * name, size_t k, size_t n) {
    size_t i = 0;
    while (i < count && !(out[i].k == k && out[i].n == n)) i++;
    if (i == count) {
        if (count == max) return count;
        out[count++] = (struct tern_tune_shape) { .k = k, .n = n, .per_layer = 0 };
    }
    out[i].per_layer++;
    const size_t used = strlen(out[i].name);
    snprintf(out[i].name + used, sizeof(out[i].name) - used, "%s%s", used ? "+" : "", name);
    return count;
}

size_t tern_layer_shapes(const struct tern_hparams * hp, struct tern_tune_shape * out, size_t max) {
    const struct tern_dims d = tern_hparams_dims(hp);
    size_t n_specs, count = 0;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    for (size_t i = 0; i < n_specs; i++) {
        if (spec[i].role != TERN_TENSOR_LINEAR || !tern_arch_has(hp->arch, &spec[i])) continue;
        count = add_shape(out, count, max, spec[i].name, tern_dim_size(&d, spec[i].k), tern_dim_size(&d, spec[i].n));
    }
    return count;
}

size_t tern_preset_shapes(const char * preset, struct tern_tune_shape * out, size_t max) {
    struct tern_hparams hp;
    return tern_preset_find(preset, &hp, NULL) ? tern_layer_shapes(&hp, out, max) : 0;
}

size_t tern_gguf_linear_shapes(const struct tern_gguf * g, struct tern_tune_shape * out, size_t max) {
    size_t n_specs, count = 0;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    for (size_t i = 0; i < n_specs; i++) {
        if (spec[i].role != TERN_TENSOR_LINEAR) continue;
        char name[64];
        snprintf(name, sizeof(name), "blk.0.%s.weight", spec[i].name);
        const struct tern_gguf_tensor * t = tern_gguf_find_tensor(g, name);
        if (!t || t->n_dims != 2) continue;
        count = add_shape(out, count, max, spec[i].name, (size_t) t->ne[0], (size_t) t->ne[1]);
    }
    return count;
}
