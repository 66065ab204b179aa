// The architecture table and the layer tensor table (see tern/arch.h).

#include <stddef.h>
#include <string.h>

#include "tern/arch.h"
#include "tern/model.h"

static const struct tern_arch archs[] = {
    // microsoft/bitnet-b1.58-2B-4T (bitnet.cpp's converters write "bitnet-b1.58" or "bitnet-25").
    { .name = "bitnet-b1.58", .aliases = { "bitnet-25" }, .family = "BitNet b1.58 2B4T", .act = TERN_FFN_RELU2,
      .rope = TERN_ROPE_NEOX, .sub_norms = true, .output = TERN_OUTPUT_EITHER, .rope_theta = 500000.0f, .rms_eps = 1e-5f },
    // 1bitLLM bitnet_b1_58-large / -3B, and llama.cpp's own "bitnet" graph: SiLU gate, sub-norms.
    { .name = "bitnet", .family = "BitNet b1.58 (1bitLLM reproduction)", .act = TERN_FFN_SILU, .rope = TERN_ROPE_NEOX,
      .sub_norms = true, .output = TERN_OUTPUT_EITHER, .rope_theta = 10000.0f, .rms_eps = 1e-5f },
    // Falcon3-*-1.58bit, Falcon-E, Llama3-8B-1.58, TriLM: plain Llama blocks with ternary linears.
    { .name = "llama", .family = "Llama (ternary linears)", .act = TERN_FFN_SILU, .rope = TERN_ROPE_NORM,
      .sub_norms = false, .output = TERN_OUTPUT_EITHER, .rope_theta = 10000.0f, .rms_eps = 1e-5f },
};

static const struct tern_layer_tensor layer_tensors[] = {
    { "attn_norm", TERN_TENSOR_NORM, TERN_DIM_EMBD, TERN_DIM_NONE, false, offsetof(struct tern_layer, attn_norm) },
    { "attn_q", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_Q, false, offsetof(struct tern_layer, wq) },
    { "attn_k", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_KV, false, offsetof(struct tern_layer, wk) },
    { "attn_v", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_KV, false, offsetof(struct tern_layer, wv) },
    { "attn_sub_norm", TERN_TENSOR_NORM, TERN_DIM_Q, TERN_DIM_NONE, true, offsetof(struct tern_layer, attn_sub_norm) },
    { "attn_output", TERN_TENSOR_LINEAR, TERN_DIM_Q, TERN_DIM_EMBD, false, offsetof(struct tern_layer, wo) },
    { "ffn_norm", TERN_TENSOR_NORM, TERN_DIM_EMBD, TERN_DIM_NONE, false, offsetof(struct tern_layer, ffn_norm) },
    { "ffn_gate", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_FF, false, offsetof(struct tern_layer, gate) },
    { "ffn_up", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_FF, false, offsetof(struct tern_layer, up) },
    { "ffn_sub_norm", TERN_TENSOR_NORM, TERN_DIM_FF, TERN_DIM_NONE, true, offsetof(struct tern_layer, ffn_sub_norm) },
    { "ffn_down", TERN_TENSOR_LINEAR, TERN_DIM_FF, TERN_DIM_EMBD, false, offsetof(struct tern_layer, down) },
};

static bool str_is(const char * c, const char * s, size_t len) {
    return c && strlen(c) == len && memcmp(c, s, len) == 0;
}

const struct tern_arch * tern_arch_find(const char * s, size_t len) {
    for (size_t i = 0; i < sizeof(archs) / sizeof(archs[0]); i++) {
        if (str_is(archs[i].name, s, len)) return &archs[i];
        for (size_t j = 0; archs[i].aliases[j]; j++) {
            if (str_is(archs[i].aliases[j], s, len)) return &archs[i];
        }
    }
    return NULL;
}

const struct tern_arch * tern_arch_get(size_t i) {
    return i < sizeof(archs) / sizeof(archs[0]) ? &archs[i] : NULL;
}

const char * tern_ffn_act_name(enum tern_ffn_act act) {
    return act == TERN_FFN_RELU2 ? "relu^2" : "silu";
}

const char * tern_rope_kind_name(enum tern_rope_kind rope) {
    return rope == TERN_ROPE_NEOX ? "NeoX (i, i + d/2)" : "normal (2i, 2i + 1)";
}

const struct tern_layer_tensor * tern_layer_tensors(size_t * count) {
    *count = sizeof(layer_tensors) / sizeof(layer_tensors[0]);
    return layer_tensors;
}

bool tern_arch_has(const struct tern_arch * a, const struct tern_layer_tensor * t) {
    return !t->sub_norm || a->sub_norms;
}

size_t tern_dim_size(const struct tern_dims * d, enum tern_dim dim) {
    switch (dim) {
    case TERN_DIM_EMBD: return d->embd;
    case TERN_DIM_FF: return d->ff;
    case TERN_DIM_Q: return d->q;
    case TERN_DIM_KV: return d->kv;
    case TERN_DIM_NONE: break;
    }
    return 0;
}
