// The architecture table and the layer tensor table (see tern/arch.h).

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tern/arch.h"
#include "tern/model.h"

static const struct tern_arch archs[] = {
    // microsoft/bitnet-b1.58-2B-4T (bitnet.cpp's converters write "bitnet-b1.58" or "bitnet-25").
    { .name = "bitnet-b1.58", .aliases = { "bitnet-25" }, .family = "BitNet b1.58 2B4T", .act = TERN_FFN_RELU2,
      .rope = TERN_ROPE_NEOX, .sub_norms = true, .output = TERN_OUTPUT_EITHER, .rope_theta = 500000.0f, .rms_eps = 1e-5f,
      .hf = { { "BitNetForCausalLM" }, "bitnet", "relu2", "self_attn.attn_sub_norm", "mlp.ffn_sub_norm", "autobitlinear",
              "bfloat16" } },
    // 1bitLLM bitnet_b1_58-large / -3B, and llama.cpp's own "bitnet" graph: SiLU gate, sub-norms.
    { .name = "bitnet", .family = "BitNet b1.58 (1bitLLM reproduction)", .act = TERN_FFN_SILU, .rope = TERN_ROPE_NEOX,
      .sub_norms = true, .output = TERN_OUTPUT_EITHER, .rope_theta = 10000.0f, .rms_eps = 1e-5f,
      .hf = { { "BitnetForCausalLM" }, "llama", "silu", "self_attn.inner_attn_ln", "mlp.ffn_layernorm", "bitlinear",
              "float16" } },
    // Falcon3-*-1.58bit, Falcon-E, Llama3-8B-1.58, TriLM: plain Llama blocks with ternary linears.
    { .name = "llama", .family = "Llama (ternary linears)", .act = TERN_FFN_SILU, .rope = TERN_ROPE_NORM,
      .sub_norms = false, .output = TERN_OUTPUT_EITHER, .rope_theta = 10000.0f, .rms_eps = 1e-5f,
      .hf = { { "LlamaForCausalLM" }, "llama", "silu", NULL, NULL, "bitlinear", "bfloat16" } },
};

static const struct tern_layer_tensor layer_tensors[] = {
    { "attn_norm", TERN_TENSOR_NORM, TERN_DIM_EMBD, TERN_DIM_NONE, false, offsetof(struct tern_layer, attn_norm), "input_layernorm" },
    { "attn_q", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_Q, false, offsetof(struct tern_layer, wq), "self_attn.q_proj" },
    { "attn_k", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_KV, false, offsetof(struct tern_layer, wk), "self_attn.k_proj" },
    { "attn_v", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_KV, false, offsetof(struct tern_layer, wv), "self_attn.v_proj" },
    { "attn_sub_norm", TERN_TENSOR_NORM, TERN_DIM_Q, TERN_DIM_NONE, true, offsetof(struct tern_layer, attn_sub_norm), NULL },
    { "attn_output", TERN_TENSOR_LINEAR, TERN_DIM_Q, TERN_DIM_EMBD, false, offsetof(struct tern_layer, wo), "self_attn.o_proj" },
    { "ffn_norm", TERN_TENSOR_NORM, TERN_DIM_EMBD, TERN_DIM_NONE, false, offsetof(struct tern_layer, ffn_norm),
      "post_attention_layernorm" },
    { "ffn_gate", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_FF, false, offsetof(struct tern_layer, gate), "mlp.gate_proj" },
    { "ffn_up", TERN_TENSOR_LINEAR, TERN_DIM_EMBD, TERN_DIM_FF, false, offsetof(struct tern_layer, up), "mlp.up_proj" },
    { "ffn_sub_norm", TERN_TENSOR_NORM, TERN_DIM_FF, TERN_DIM_NONE, true, offsetof(struct tern_layer, ffn_sub_norm), NULL },
    { "ffn_down", TERN_TENSOR_LINEAR, TERN_DIM_FF, TERN_DIM_EMBD, false, offsetof(struct tern_layer, down), "mlp.down_proj" },
};

// The tensors outside the layers, by GGUF and Hugging Face name.
static const struct { const char * gguf, * hf; } model_tensors[] = {
    { "token_embd", "model.embed_tokens" },
    { "output_norm", "model.norm" },
    { "output", "lm_head" },
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

const struct tern_arch * tern_arch_find_hf(const char * s) {
    for (size_t i = 0; i < sizeof(archs) / sizeof(archs[0]); i++) {
        for (size_t j = 0; archs[i].hf.architectures[j]; j++) {
            if (strcmp(archs[i].hf.architectures[j], s) == 0) return &archs[i];
        }
    }
    return NULL;
}

bool tern_arch_hf_name(const struct tern_arch * a, const char * gguf, char * out, size_t size) {
    const size_t len = strlen(gguf);
    if (len < 8 || strcmp(gguf + len - 7, ".weight") != 0) return false;
    const size_t base = len - 7;          // without ".weight"
    for (size_t i = 0; i < sizeof(model_tensors) / sizeof(model_tensors[0]); i++) {
        if (str_is(model_tensors[i].gguf, gguf, base)) {
            snprintf(out, size, "%s.weight", model_tensors[i].hf);
            return true;
        }
    }
    unsigned layer;
    int at = 0;
    if (sscanf(gguf, "blk.%u.%n", &layer, &at) != 1 || at == 0) return false;
    for (size_t i = 0; i < sizeof(layer_tensors) / sizeof(layer_tensors[0]); i++) {
        const struct tern_layer_tensor * t = &layer_tensors[i];
        if (!str_is(t->name, gguf + at, base - (size_t) at) || !tern_arch_has(a, t)) continue;
        const char * hf = t->hf ? t->hf : !strcmp(t->name, "attn_sub_norm") ? a->hf.attn_sub_norm : a->hf.ffn_sub_norm;
        if (!hf) return false;
        snprintf(out, size, "model.layers.%u.%s.weight", layer, hf);
        return true;
    }
    return false;
}
