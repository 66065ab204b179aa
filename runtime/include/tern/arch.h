// Architectures as data (DESIGN §3, §5): one row per model family, and one table of the
// tensors a layer may hold. The loader, `tern info`, the tuner's shape reader, gen-model,
// the reference forward in tests/ and the forward pass all read these two tables; nothing
// else lists a layer's tensors.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tern_ffn_act {
    TERN_FFN_RELU2,        // relu(gate)^2 * up (BitNet b1.58 2B4T)
    TERN_FFN_SILU,         // silu(gate) * up (SwiGLU: Llama, 1bitLLM, Falcon3)
};

enum tern_rope_kind {
    TERN_ROPE_NEOX,        // pairs (i, i + dim/2)
    TERN_ROPE_NORM,        // adjacent pairs (2i, 2i + 1); llama.cpp's converter permuted Q/K for it
};

enum tern_output_rule {
    TERN_OUTPUT_TIED,      // no output.weight: logits through the token embedding
    TERN_OUTPUT_EITHER,    // output.weight when the file has one, else tied
};

// How the family's Hugging Face checkpoints look (config.json, tensor names).
struct tern_arch_hf {
    const char * architectures[3];  // config.json "architectures" values (NULL-terminated)
    const char * model_type;        // config.json "model_type" of the real checkpoints
    const char * hidden_act;        // config.json "hidden_act" this graph means
    const char * attn_sub_norm;     // the sub-norms' names after "model.layers.N." (no ".weight")
    const char * ffn_sub_norm;
    const char * linear_class;      // quantization_config.linear_class of its packed checkpoints
    const char * torch_dtype;       // of its real checkpoints
};

struct tern_arch {
    const char * name;              // the canonical GGUF architecture string
    const char * aliases[3];        // other strings meaning the same graph (NULL-terminated)
    const char * family;            // what users know it as, for messages
    enum tern_ffn_act act;
    enum tern_rope_kind rope;
    bool sub_norms;                 // attn_sub_norm before Wo, ffn_sub_norm before Wdown
    enum tern_output_rule output;
    float rope_theta;               // when <arch>.rope.freq_base is absent
    float rms_eps;                  // when <arch>.attention.layer_norm_rms_epsilon is absent
    struct tern_arch_hf hf;
};

// The row whose name or alias is `s` (len bytes, not NUL-terminated), or NULL.
const struct tern_arch * tern_arch_find(const char * s, size_t len);
const struct tern_arch * tern_arch_get(size_t i);      // NULL past the last row
const char * tern_ffn_act_name(enum tern_ffn_act act);
const char * tern_rope_kind_name(enum tern_rope_kind rope);

// The sizes a layer tensor's dimensions are stated in.
enum tern_dim { TERN_DIM_NONE, TERN_DIM_EMBD, TERN_DIM_FF, TERN_DIM_Q, TERN_DIM_KV };

enum tern_tensor_role {
    TERN_TENSOR_NORM,      // f32 vector of length `k`
    TERN_TENSOR_LINEAR,    // ternary (n rows of k): y = W x
};

struct tern_layer_tensor {
    const char * name;              // "attn_q": the GGUF tensor is "blk.N.attn_q.weight"
    enum tern_tensor_role role;
    enum tern_dim k, n;             // row length and rows (n unused for norms)
    bool sub_norm;                  // present exactly in archs with sub_norms
    size_t offset;                  // where it goes in struct tern_layer
    const char * hf;                // its Hugging Face name after "model.layers.N." (sub-norms: per arch)
};

// Every tensor a layer may have, in the order of the block.
const struct tern_layer_tensor * tern_layer_tensors(size_t * count);
bool tern_arch_has(const struct tern_arch * a, const struct tern_layer_tensor * t);

// The arch whose Hugging Face "architectures" name is s, or NULL.
const struct tern_arch * tern_arch_find_hf(const char * s);
// The Hugging Face checkpoint name of GGUF tensor `gguf` ("blk.3.attn_q.weight" ->
// "model.layers.3.self_attn.q_proj.weight") for architecture a; false if it has none.
bool tern_arch_hf_name(const struct tern_arch * a, const char * gguf, char * out, size_t size);

// Dimension sizes of a model: embd, ff, q = n_head * head_dim, kv = n_head_kv * head_dim.
struct tern_dims {
    size_t embd, ff, q, kv;
};
size_t tern_dim_size(const struct tern_dims * d, enum tern_dim dim);
