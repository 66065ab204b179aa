// config.json, tokenizer_config.json, generation_config.json and tokenizer.json writers
// (see tern/hf_write.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-out.h"
#include "tern/gguf.h"
#include "tern/hf_write.h"

#define INDENT "\n  "

static void put_name(struct tern_json_out * o, bool * first, const char * key, const char * value) {
    if (!value[0]) return;
    tern_json_key(o, first, INDENT, key);
    tern_json_str(o, value, strlen(value));
}

static void put_uint(struct tern_json_out * o, bool * first, const char * key, uint64_t v) {
    tern_json_key(o, first, INDENT, key);
    tern_json_printf(o, "%llu", (unsigned long long) v);
}

static void put_bool(struct tern_json_out * o, bool * first, const char * key, bool v) {
    tern_json_key(o, first, INDENT, key);
    if (v) tern_json_lit(o, "true"); else tern_json_lit(o, "false");
}

static void put_ids(struct tern_json_out * o, bool * first, const char * key, const int32_t * ids, uint32_t n) {
    if (!n) return;
    tern_json_key(o, first, INDENT, key);
    if (n > 1) tern_json_lit(o, "[");
    for (uint32_t i = 0; i < n; i++) tern_json_printf(o, "%s%d", i ? ", " : "", ids[i]);
    if (n > 1) tern_json_lit(o, "]");
}

static int finish(struct tern_json_out * o, const char * path, char * err, size_t err_size) {
    tern_json_lit(o, "\n}\n");
    const int rc = tern_json_write_file(o, path, err, err_size);
    tern_json_free(o);
    return rc;
}

int tern_hf_write_config(const struct tern_hf_config * c, const char * path, char * err, size_t err_size) {
    struct tern_json_out o = { 0 };
    bool first = true;
    tern_json_lit(&o, "{");
    if (c->architecture[0]) {
        tern_json_key(&o, &first, INDENT, "architectures");
        tern_json_lit(&o, "[");
        tern_json_str(&o, c->architecture, strlen(c->architecture));
        tern_json_lit(&o, "]");
    }
    put_name(&o, &first, "model_type", c->model_type);
    put_uint(&o, &first, "hidden_size", c->hidden_size);
    put_uint(&o, &first, "intermediate_size", c->intermediate_size);
    put_uint(&o, &first, "num_hidden_layers", c->num_hidden_layers);
    put_uint(&o, &first, "num_attention_heads", c->num_attention_heads);
    put_uint(&o, &first, "num_key_value_heads", c->num_key_value_heads);
    if (c->has_head_dim) put_uint(&o, &first, "head_dim", c->head_dim);
    put_uint(&o, &first, "vocab_size", c->vocab_size);
    if (c->has_max_position_embeddings) put_uint(&o, &first, "max_position_embeddings", c->max_position_embeddings);
    if (c->has_rope_theta) {
        tern_json_key(&o, &first, INDENT, "rope_theta");
        tern_json_f64(&o, c->rope_theta);
    }
    if (c->has_rope_scaling) {
        tern_json_key(&o, &first, INDENT, "rope_scaling");
        bool inner = true;
        tern_json_lit(&o, "{");
        if (c->rope_scaling_type[0]) {
            tern_json_key(&o, &inner, "", "type");
            tern_json_str(&o, c->rope_scaling_type, strlen(c->rope_scaling_type));
        }
        if (c->has_rope_scaling_factor) {
            tern_json_key(&o, &inner, " ", "factor");
            tern_json_f64(&o, c->rope_scaling_factor);
        }
        tern_json_lit(&o, "}");
    }
    if (c->has_rms_norm_eps) {
        tern_json_key(&o, &first, INDENT, "rms_norm_eps");
        tern_json_f64(&o, c->rms_norm_eps);
    }
    put_name(&o, &first, "hidden_act", c->hidden_act);
    if (c->has_tie_word_embeddings) put_bool(&o, &first, "tie_word_embeddings", c->tie_word_embeddings);
    if (c->has_bos_token_id) put_ids(&o, &first, "bos_token_id", &c->bos_token_id, 1);
    put_ids(&o, &first, "eos_token_id", c->eos_token_id, c->n_eos);
    if (c->has_pad_token_id) put_ids(&o, &first, "pad_token_id", &c->pad_token_id, 1);
    put_name(&o, &first, "torch_dtype", c->torch_dtype);
    if (c->has_is_bitnet_config) put_bool(&o, &first, "is_bitnet_config", c->is_bitnet_config);
    if (c->quant.present) {
        tern_json_key(&o, &first, INDENT, "quantization_config");
        bool inner = true;
        tern_json_lit(&o, "{");
        const char * keys[3] = { "quant_method", "linear_class", "quantization_mode" };
        const char * values[3] = { c->quant.quant_method, c->quant.linear_class, c->quant.quantization_mode };
        for (int i = 0; i < 3; i++) {
            if (!values[i][0]) continue;
            tern_json_key(&o, &inner, INDENT "  ", keys[i]);
            tern_json_str(&o, values[i], strlen(values[i]));
        }
        if (c->quant.n_modules_to_not_convert) {
            tern_json_key(&o, &inner, INDENT "  ", "modules_to_not_convert");
            tern_json_lit(&o, "[");
            for (uint32_t i = 0; i < c->quant.n_modules_to_not_convert; i++) {
                if (i) tern_json_lit(&o, ", ");
                tern_json_str(&o, c->quant.modules_to_not_convert[i], strlen(c->quant.modules_to_not_convert[i]));
            }
            tern_json_lit(&o, "]");
        }
        tern_json_lit(&o, INDENT "}");
    }
    return finish(&o, path, err, err_size);
}

int tern_hf_write_tokenizer_config(const struct tern_hf_tokenizer_config * t, const char * path, char * err,
                                   size_t err_size) {
    struct tern_json_out o = { 0 };
    bool first = true;
    tern_json_lit(&o, "{");
    if (t->has_add_bos_token) put_bool(&o, &first, "add_bos_token", t->add_bos_token);
    if (t->has_add_eos_token) put_bool(&o, &first, "add_eos_token", t->add_eos_token);
    const char * keys[3] = { "bos_token", "eos_token", "chat_template" };
    const char * values[3] = { t->bos_token, t->eos_token, t->chat_template };
    for (int i = 0; i < 3; i++) {
        if (!values[i]) continue;
        tern_json_key(&o, &first, INDENT, keys[i]);
        tern_json_str(&o, values[i], strlen(values[i]));
    }
    put_name(&o, &first, "tokenizer_class", "PreTrainedTokenizerFast");
    return finish(&o, path, err, err_size);
}

int tern_hf_write_generation_config(const struct tern_hf_generation_config * g, const char * path, char * err,
                                    size_t err_size) {
    struct tern_json_out o = { 0 };
    bool first = true;
    tern_json_lit(&o, "{");
    if (g->has_bos_token_id) put_ids(&o, &first, "bos_token_id", &g->bos_token_id, 1);
    put_ids(&o, &first, "eos_token_id", g->eos_token_id, g->n_eos);
    if (g->has_pad_token_id) put_ids(&o, &first, "pad_token_id", &g->pad_token_id, 1);
    return finish(&o, path, err, err_size);
}

// ---------------------------------------------------------------------------- tokenizer.json

static int cmp_text(const void * a, const void * b, void * ctx) {
    const struct tern_gguf_str * s = ctx;
    const struct tern_gguf_str x = s[*(const uint32_t *) a], y = s[*(const uint32_t *) b];
    const int c = memcmp(x.ptr, y.ptr, x.len < y.len ? x.len : y.len);
    return c ? c : (x.len > y.len) - (x.len < y.len);
}

int tern_hf_write_tokenizer_json(const struct tern_gguf * g, const char * path, char * err, size_t err_size) {
    struct tern_gguf_str model;
    if (!tern_gguf_get_str(g, "tokenizer.ggml.model", &model) || !tern_gguf_str_eq(model, "gpt2")) return 1;
    const struct tern_gguf_kv * tokens = tern_gguf_find_kv(g, "tokenizer.ggml.tokens");
    const struct tern_gguf_kv * types = tern_gguf_find_kv(g, "tokenizer.ggml.token_type");
    const struct tern_gguf_kv * merges = tern_gguf_find_kv(g, "tokenizer.ggml.merges");
    if (!tokens || tokens->type != TERN_GGUF_ARRAY || tokens->v.arr.type != TERN_GGUF_STRING || tokens->v.arr.count > (1u << 24)) {
        snprintf(err, err_size, "the GGUF has no tokenizer.ggml.tokens strings");
        return -1;
    }
    const size_t n = (size_t) tokens->v.arr.count;
    if (types && (types->type != TERN_GGUF_ARRAY || types->v.arr.type != TERN_GGUF_INT32 || types->v.arr.count != n)) {
        snprintf(err, err_size, "tokenizer.ggml.token_type is not %zu int32 values", n);
        return -1;
    }
    const size_t n_merges = merges && merges->type == TERN_GGUF_ARRAY && merges->v.arr.type == TERN_GGUF_STRING
                                ? (size_t) merges->v.arr.count : 0;
    struct tern_gguf_str * text = malloc((n + n_merges + 1) * sizeof(*text));
    uint32_t * order = malloc((n + 1) * sizeof(*order));
    struct tern_json_out o = { 0 };
    int rc = -1;
    if (!text || !order) {
        snprintf(err, err_size, "out of memory writing %s", path);
        goto done;
    }
    tern_gguf_arr_strings(tokens, text, n);
    if (n_merges) tern_gguf_arr_strings(merges, text + n, n_merges);
    // A JSON object cannot hold one key twice: token texts must be distinct.
    for (size_t i = 0; i < n; i++) order[i] = (uint32_t) i;
    qsort_r(order, n, sizeof(*order), cmp_text, text);
    for (size_t i = 1; i < n; i++) {
        if (cmp_text(&order[i - 1], &order[i], text) == 0) {
            char name[65];
            snprintf(err, err_size, "token text '%s' appears twice in the vocabulary",
                     tern_gguf_printable(text[order[i]], name, sizeof(name)));
            goto done;
        }
    }
    tern_json_lit(&o, "{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n  \"added_tokens\": [");
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        int32_t type = 1;
        if (types) memcpy(&type, types->v.arr.data + 4 * i, 4);
        if (type != 3 && type != 4) continue;          // control tokens are special, user-defined ones not
        tern_json_printf(&o, "%s\n    {\"id\": %zu, \"content\": ", first ? "" : ",", i);
        tern_json_str(&o, text[i].ptr, (size_t) text[i].len);
        tern_json_printf(&o, ", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, "
                             "\"special\": %s}", type == 3 ? "true" : "false");
        first = false;
    }
    tern_json_lit(&o, "\n  ],\n  \"normalizer\": null,\n");
    tern_json_lit(&o, "  \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, "
                      "\"use_regex\": true},\n  \"post_processor\": null,\n");
    tern_json_lit(&o, "  \"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, "
                      "\"use_regex\": true},\n");
    tern_json_lit(&o, "  \"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": null, \"continuing_subword_prefix\": "
                      "null, \"end_of_word_suffix\": null, \"fuse_unk\": false, \"byte_fallback\": false, "
                      "\"ignore_merges\": false,\n    \"vocab\": {");
    first = true;
    for (size_t i = 0; i < n; i++) {
        int32_t type = 1;
        if (types) memcpy(&type, types->v.arr.data + 4 * i, 4);
        if (type == 3 || type == 4) continue;
        if (!first) tern_json_lit(&o, ",");
        tern_json_lit(&o, "\n      ");
        tern_json_str(&o, text[i].ptr, (size_t) text[i].len);
        tern_json_printf(&o, ": %zu", i);
        first = false;
    }
    tern_json_lit(&o, "\n    },\n    \"merges\": [");
    for (size_t i = 0; i < n_merges; i++) {
        if (i) tern_json_lit(&o, ",");
        tern_json_lit(&o, "\n      ");
        tern_json_str(&o, text[n + i].ptr, (size_t) text[n + i].len);
    }
    tern_json_lit(&o, "\n    ]\n  }\n}\n");
    rc = tern_json_write_file(&o, path, err, err_size);
done:
    tern_json_free(&o);
    free(text);
    free(order);
    return rc;
}
