// The JSON files of a Hugging Face checkpoint folder beside its weights: config.json (the
// model's shape), tokenizer_config.json (chat template, BOS/EOS tokens), generation_config.json
// (BOS/EOS ids), each read into a plain struct. Every field is type-checked (a string where
// a number belongs is a one-line error naming the file and the field) and range-checked
// (zero or absurd sizes, heads that do not divide the width, ids outside the vocabulary).
// Fields a file may leave out carry has_* flags: defaults that depend on the architecture
// (rope_theta, rms_norm_eps, tie_word_embeddings, linear_class ...) are the caller's to
// apply. JSON null counts as absent. A key given twice is refused (JSON readers disagree on
// which one wins). Strings from the files are copied; nothing points into the text.
// tokenizer.json itself is read by tern_gen_vocab_json / the tokenizer, not here.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TERN_HF_MAX_EOS 16
#define TERN_HF_MAX_MODULES 32

// config.json
struct tern_hf_config {
    char architecture[64];             // architectures[0] as written ("" if absent); the caller
                                       // refuses the ones it does not run, by name
    char model_type[64];               // "" if absent
    uint32_t hidden_size, intermediate_size, num_hidden_layers, num_attention_heads;
    uint32_t num_key_value_heads;      // = num_attention_heads when absent
    uint32_t head_dim;                 // as given, else hidden_size / num_attention_heads
    bool has_head_dim;
    uint32_t vocab_size;
    bool has_max_position_embeddings;
    uint32_t max_position_embeddings;
    bool has_rope_theta, has_rms_norm_eps;
    double rope_theta, rms_norm_eps;
    bool has_rope_scaling;             // an object (null = absent)
    char rope_scaling_type[32];        // its "rope_type" (or older "type"); "" if neither
    bool has_rope_scaling_factor;
    double rope_scaling_factor;
    char hidden_act[32];               // "" if absent
    bool has_tie_word_embeddings, tie_word_embeddings;
    bool has_bos_token_id, has_pad_token_id;
    int32_t bos_token_id, pad_token_id;   // pad outside [0, vocab) counts as absent (inference never uses it)
    uint32_t n_eos;                    // eos_token_id: an int or an array of them (0 = absent)
    int32_t eos_token_id[TERN_HF_MAX_EOS];
    char torch_dtype[16];              // "torch_dtype" (or newer "dtype"): "bfloat16" ...; "" if absent
    bool has_is_bitnet_config, is_bitnet_config;
    struct {
        bool present;                  // quantization_config is an object
        char quant_method[32];         // "bitnet" ...; "" if absent
        char linear_class[32];         // "autobitlinear" / "bitlinear"; "" if absent (transformers: bitlinear)
        char quantization_mode[32];    // "offline" / "online"; "" if absent (transformers: offline)
        uint32_t n_modules_to_not_convert;
        char modules_to_not_convert[TERN_HF_MAX_MODULES][128];
    } quant;
};

// tokenizer_config.json (strings malloc'd; free with tern_hf_tokenizer_config_free)
struct tern_hf_tokenizer_config {
    char * chat_template;              // the string, or the "default" entry of the list form; NULL if none
    char * bos_token, * eos_token;     // a string or {"content": ...}; NULL if absent
    bool has_add_bos_token, add_bos_token;
    bool has_add_eos_token, add_eos_token;
};

// generation_config.json
struct tern_hf_generation_config {
    bool has_bos_token_id, has_pad_token_id;
    int32_t bos_token_id, pad_token_id;
    uint32_t n_eos;
    int32_t eos_token_id[TERN_HF_MAX_EOS];
};

// Each parses len bytes of JSON text (which need not be NUL-terminated); what names the
// file in messages. 0, or -1 with a one-line reason in err.
int tern_hf_config_parse(struct tern_hf_config * c, const char * text, size_t len, const char * what, char * err,
                         size_t err_size);
int tern_hf_tokenizer_config_parse(struct tern_hf_tokenizer_config * t, const char * text, size_t len, const char * what,
                                   char * err, size_t err_size);
void tern_hf_tokenizer_config_free(struct tern_hf_tokenizer_config * t);
int tern_hf_generation_config_parse(struct tern_hf_generation_config * g, const char * text, size_t len,
                                    const char * what, char * err, size_t err_size);

// A checkpoint folder's JSON files: config.json is required; tokenizer_config.json and
// generation_config.json are optional (has_* false when missing), and a chat_template.jinja
// beside them (newer transformers save the template there) fills tok.chat_template when
// tokenizer_config.json has none. A malformed file is an error naming it.
struct tern_hf_folder {
    struct tern_hf_config config;
    bool has_tokenizer_config, has_generation_config;
    struct tern_hf_tokenizer_config tok;
    struct tern_hf_generation_config gen;
};
int tern_hf_folder_read(struct tern_hf_folder * f, const char * dir, char * err, size_t err_size);
void tern_hf_folder_free(struct tern_hf_folder * f);
