// config.json, tokenizer_config.json, generation_config.json (see tern/hf_config.h).
// Integer fields are rows of one table (name, where it goes, required or not, range).

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json-in.h"
#include "tern/err.h"
#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/hf_config.h"

#define MAX_JSON_FILE ((size_t) 64 << 20)     // tokenizer_config.json of big vocabularies is ~10 MB

void tern_hf_tokenizer_config_free(struct tern_hf_tokenizer_config * t) {
    free(t->chat_template);
    free(t->bos_token);
    free(t->eos_token);
    memset(t, 0, sizeof(*t));
}

void tern_hf_folder_free(struct tern_hf_folder * f) {
    tern_hf_tokenizer_config_free(&f->tok);
    memset(f, 0, sizeof(*f));
}


struct ctx {
    const char * what;
    char * err;
    size_t err_size;
};

// What a JSON value is, for "got ..." in messages.
static const char * kind(const cJSON * x) {
    if (cJSON_IsString(x)) return "a string";
    if (cJSON_IsBool(x)) return "a bool";
    if (cJSON_IsNumber(x)) return "a number";
    if (cJSON_IsArray(x)) return "an array";
    if (cJSON_IsObject(x)) return "an object";
    return "null";
}

static int cmp_key(const void * a, const void * b) {
    return strcmp(*(const char * const *) a, *(const char * const *) b);
}

// A key given twice anywhere in the tree is refused: JSON readers disagree on which one
// wins, so such a file means different things to different tools. Returns the key or NULL.
static const char * duplicate_key(const cJSON * x) {
    if (!cJSON_IsObject(x) && !cJSON_IsArray(x)) return NULL;
    const int n = cJSON_GetArraySize(x);
    const char ** keys = cJSON_IsObject(x) && n > 1 ? malloc((size_t) n * sizeof(char *)) : NULL;
    const char * dup = NULL;
    const cJSON * it;
    int i = 0;
    cJSON_ArrayForEach(it, x) {
        if (keys) keys[i++] = it->string;
        if (!dup) dup = duplicate_key(it);
    }
    if (keys) {
        qsort(keys, (size_t) n, sizeof(char *), cmp_key);
        for (i = 1; i < n && !dup; i++) {
            if (strcmp(keys[i], keys[i - 1]) == 0) dup = keys[i];
        }
        free(keys);
    }
    return dup;
}

// The item named key in obj; NULL when absent or null.
static const cJSON * field(const cJSON * obj, const char * key) {
    const cJSON * x = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNull(x) ? NULL : x;
}

// An integer in [lo, hi] into *out. 0, or -1 with the field named.
static int get_int(const struct ctx * c, const cJSON * x, const char * name, int64_t lo, int64_t hi, int64_t * out) {
    if (!cJSON_IsNumber(x)) {
        return tern_errf(c->err, c->err_size, "%s: %s must be an integer in %lld..%lld, got %s", c->what, name, (long long) lo,
                    (long long) hi, kind(x));
    }
    const double d = x->valuedouble;
    if (!(d >= (double) lo && d <= (double) hi) || d != floor(d)) {
        return tern_errf(c->err, c->err_size, "%s: %s must be an integer in %lld..%lld, got %.17g", c->what, name, (long long) lo,
                    (long long) hi, d);
    }
    *out = (int64_t) d;
    return 0;
}

// A finite number in (lo, hi] into *out.
static int get_real(const struct ctx * c, const cJSON * x, const char * name, double lo, double hi, double * out) {
    if (!cJSON_IsNumber(x)) return tern_errf(c->err, c->err_size, "%s: %s must be a number, got %s", c->what, name, kind(x));
    if (!(x->valuedouble > lo && x->valuedouble <= hi)) {
        return tern_errf(c->err, c->err_size, "%s: %s must be a number in (%g, %g], got %.17g", c->what, name, lo, hi, x->valuedouble);
    }
    *out = x->valuedouble;
    return 0;
}

static int get_bool(const struct ctx * c, const cJSON * x, const char * name, bool * out) {
    if (!cJSON_IsBool(x)) return tern_errf(c->err, c->err_size, "%s: %s must be true or false, got %s", c->what, name, kind(x));
    *out = cJSON_IsTrue(x);
    return 0;
}

// A short identifier-like string (names, types): fits dst, no control characters, so it
// can appear in a one-line message as it is.
static int get_name(const struct ctx * c, const cJSON * x, const char * name, char * dst, size_t size) {
    if (!cJSON_IsString(x)) return tern_errf(c->err, c->err_size, "%s: %s must be a string, got %s", c->what, name, kind(x));
    const size_t n = strlen(x->valuestring);
    if (n >= size) return tern_errf(c->err, c->err_size, "%s: %s is %zu bytes long (at most %zu)", c->what, name, n, size - 1);
    for (size_t i = 0; i < n; i++) {
        const unsigned char ch = (unsigned char) x->valuestring[i];
        if (ch < 0x20 || ch == 0x7f) return tern_errf(c->err, c->err_size, "%s: %s holds a control character", c->what, name);
    }
    memcpy(dst, x->valuestring, n + 1);
    return 0;
}

// A token id or a list of them (eos_token_id may be either) into ids[*n]; hi bounds them.
static int get_ids(const struct ctx * c, const cJSON * x, const char * name, int64_t hi, int32_t * ids, uint32_t * n) {
    int64_t v;
    *n = 0;
    if (cJSON_IsArray(x)) {
        if (cJSON_GetArraySize(x) > TERN_HF_MAX_EOS) {
            return tern_errf(c->err, c->err_size, "%s: %s lists %d ids (at most %d)", c->what, name, cJSON_GetArraySize(x),
                        TERN_HF_MAX_EOS);
        }
        const cJSON * it;
        cJSON_ArrayForEach(it, x) {
            if (get_int(c, it, name, 0, hi, &v)) return -1;
            ids[(*n)++] = (int32_t) v;
        }
        return 0;
    }
    if (get_int(c, x, name, 0, hi, &v)) return -1;
    ids[0] = (int32_t) v;
    *n = 1;
    return 0;
}

static cJSON * parse_object(const struct ctx * c, const char * text, size_t len) {
    size_t at;
    bool trailing;
    cJSON * root = tern_json_parse(text, len, &at, &trailing);
    const char * dup;
    if (!root) {
        tern_errf(c->err, c->err_size, trailing ? "%s: text after the JSON object at byte %zu" : "%s is not valid JSON (at byte %zu)",
             c->what, at);
    } else if (!cJSON_IsObject(root)) {
        tern_errf(c->err, c->err_size, "%s is not a JSON object", c->what);
    } else if ((dup = duplicate_key(root))) {
        char name[65];
        const struct tern_gguf_str key = { .ptr = dup, .len = strlen(dup) };
        tern_errf(c->err, c->err_size, "%s: key '%s' is given twice in one object", c->what, tern_gguf_printable(key, name, sizeof(name)));
    } else {
        return root;
    }
    cJSON_Delete(root);
    return NULL;
}

typedef int read_fn(const struct ctx * c, const cJSON * root, void * out);

// Parses text as a JSON object and hands it to read(); 0, or -1 with err.
static int parse_with(read_fn * read, void * out, const char * text, size_t len, const char * what, char * err,
                      size_t err_size) {
    const struct ctx c = { .what = what, .err = err, .err_size = err_size };
    cJSON * root = parse_object(&c, text, len);
    if (!root) return -1;
    const int rc = read(&c, root, out);
    cJSON_Delete(root);
    return rc;
}

// ---------------------------------------------------------------------------- config.json

#define MAX_ID ((int64_t) 1 << 30)

static const struct {
    const char * name;
    size_t offset;               // uint32_t field of struct tern_hf_config
    size_t has;                  // bool field set when present; 0 if none
    bool required;
    int64_t max;
} int_fields[] = {
#define REQ(n, max) { #n, offsetof(struct tern_hf_config, n), 0, true, max }
#define OPT(n, max) { #n, offsetof(struct tern_hf_config, n), offsetof(struct tern_hf_config, has_##n), false, max }
    REQ(hidden_size, 1 << 20),
    REQ(intermediate_size, 1 << 22),
    REQ(num_hidden_layers, 1 << 16),
    REQ(num_attention_heads, 1 << 16),
    REQ(vocab_size, 1 << 24),
    OPT(head_dim, 1 << 16),
    OPT(max_position_embeddings, (int64_t) 1 << 30),
    { "num_key_value_heads", offsetof(struct tern_hf_config, num_key_value_heads), 0, false, 1 << 16 },
#undef REQ
#undef OPT
};
#define N_INT_FIELDS (sizeof(int_fields) / sizeof(int_fields[0]))

// An optional short string field of obj into dst; 0 when absent too.
static int opt_name(const struct ctx * c, const cJSON * obj, const char * key, const char * name, char * dst, size_t size) {
    const cJSON * x = field(obj, key);
    return x ? get_name(c, x, name, dst, size) : 0;
}

static int opt_bool(const struct ctx * c, const cJSON * obj, const char * key, bool * has, bool * dst) {
    const cJSON * x = field(obj, key);
    if (!x) return 0;
    *has = true;
    return get_bool(c, x, key, dst);
}

static int read_quant(const struct ctx * c, const cJSON * q, struct tern_hf_config * cfg) {
    if (!cJSON_IsObject(q)) return tern_errf(c->err, c->err_size, "%s: quantization_config must be an object, got %s", c->what, kind(q));
    cfg->quant.present = true;
    if (opt_name(c, q, "quant_method", "quantization_config.quant_method", cfg->quant.quant_method,
                 sizeof(cfg->quant.quant_method)) ||
        opt_name(c, q, "linear_class", "quantization_config.linear_class", cfg->quant.linear_class,
                 sizeof(cfg->quant.linear_class)) ||
        opt_name(c, q, "quantization_mode", "quantization_config.quantization_mode", cfg->quant.quantization_mode,
                 sizeof(cfg->quant.quantization_mode))) {
        return -1;
    }
    const cJSON * x = field(q, "modules_to_not_convert");
    if (!x) return 0;
    if (!cJSON_IsArray(x) || cJSON_GetArraySize(x) > TERN_HF_MAX_MODULES) {
        return tern_errf(c->err, c->err_size, "%s: quantization_config.modules_to_not_convert must be a list of at most %d names",
                    c->what, TERN_HF_MAX_MODULES);
    }
    const cJSON * it;
    cJSON_ArrayForEach(it, x) {
        if (get_name(c, it, "quantization_config.modules_to_not_convert[]",
                     cfg->quant.modules_to_not_convert[cfg->quant.n_modules_to_not_convert],
                     sizeof(cfg->quant.modules_to_not_convert[0]))) {
            return -1;
        }
        cfg->quant.n_modules_to_not_convert++;
    }
    return 0;
}

static int read_rope_scaling(const struct ctx * c, const cJSON * r, struct tern_hf_config * cfg) {
    if (!cJSON_IsObject(r)) return tern_errf(c->err, c->err_size, "%s: rope_scaling must be an object or null, got %s", c->what, kind(r));
    cfg->has_rope_scaling = true;
    // transformers >= 4.45 writes rope_type; older files say type.
    const bool new_key = field(r, "rope_type") != NULL;
    if (opt_name(c, r, new_key ? "rope_type" : "type", new_key ? "rope_scaling.rope_type" : "rope_scaling.type",
                 cfg->rope_scaling_type, sizeof(cfg->rope_scaling_type))) {
        return -1;
    }
    const cJSON * factor = field(r, "factor");
    if (!factor) return 0;
    cfg->has_rope_scaling_factor = true;
    return get_real(c, factor, "rope_scaling.factor", 0, 1e6, &cfg->rope_scaling_factor);
}

static int read_config(const struct ctx * c, const cJSON * root, void * out) {
    struct tern_hf_config * cfg = out;
    const cJSON * x;
    if ((x = field(root, "architectures"))) {
        if (!cJSON_IsArray(x)) return tern_errf(c->err, c->err_size, "%s: architectures must be a list of names, got %s", c->what, kind(x));
        const cJSON * first = cJSON_GetArrayItem(x, 0);
        if (first && get_name(c, first, "architectures[0]", cfg->architecture, sizeof(cfg->architecture))) return -1;
    }
    // transformers >= 4.56 writes dtype; older files say torch_dtype.
    const bool new_dtype = field(root, "dtype") && !field(root, "torch_dtype");
    if (opt_name(c, root, "model_type", "model_type", cfg->model_type, sizeof(cfg->model_type)) ||
        opt_name(c, root, "hidden_act", "hidden_act", cfg->hidden_act, sizeof(cfg->hidden_act)) ||
        opt_name(c, root, new_dtype ? "dtype" : "torch_dtype", "torch_dtype", cfg->torch_dtype, sizeof(cfg->torch_dtype))) {
        return -1;
    }
    for (size_t i = 0; i < N_INT_FIELDS; i++) {
        x = field(root, int_fields[i].name);
        if (!x) {
            if (int_fields[i].required) return tern_errf(c->err, c->err_size, "%s: %s is missing", c->what, int_fields[i].name);
            continue;
        }
        int64_t v;
        if (get_int(c, x, int_fields[i].name, 1, int_fields[i].max, &v)) return -1;
        *(uint32_t *) ((char *) cfg + int_fields[i].offset) = (uint32_t) v;
        if (int_fields[i].has) *(bool *) ((char *) cfg + int_fields[i].has) = true;
    }
    if (!cfg->num_key_value_heads) cfg->num_key_value_heads = cfg->num_attention_heads;
    if (cfg->num_attention_heads % cfg->num_key_value_heads) {
        return tern_errf(c->err, c->err_size, "%s: num_attention_heads %u is not a multiple of num_key_value_heads %u", c->what,
                    cfg->num_attention_heads, cfg->num_key_value_heads);
    }
    if (!cfg->has_head_dim) {
        if (cfg->hidden_size % cfg->num_attention_heads) {
            return tern_errf(c->err, c->err_size, "%s: hidden_size %u is not a multiple of num_attention_heads %u (and no head_dim)",
                        c->what, cfg->hidden_size, cfg->num_attention_heads);
        }
        cfg->head_dim = cfg->hidden_size / cfg->num_attention_heads;
    }
    if ((x = field(root, "rope_theta"))) {
        cfg->has_rope_theta = true;
        if (get_real(c, x, "rope_theta", 0, 1e12, &cfg->rope_theta)) return -1;
    }
    if ((x = field(root, "rms_norm_eps"))) {
        cfg->has_rms_norm_eps = true;
        if (get_real(c, x, "rms_norm_eps", 0, 1, &cfg->rms_norm_eps)) return -1;
    }
    if ((x = field(root, "rope_scaling")) && read_rope_scaling(c, x, cfg)) return -1;
    if (opt_bool(c, root, "tie_word_embeddings", &cfg->has_tie_word_embeddings, &cfg->tie_word_embeddings) ||
        opt_bool(c, root, "is_bitnet_config", &cfg->has_is_bitnet_config, &cfg->is_bitnet_config)) {
        return -1;
    }
    const int64_t max_id = (int64_t) cfg->vocab_size - 1;
    int64_t v;
    if ((x = field(root, "bos_token_id"))) {
        if (get_int(c, x, "bos_token_id", 0, max_id, &v)) return -1;
        cfg->bos_token_id = (int32_t) v;
        cfg->has_bos_token_id = true;
    }
    if ((x = field(root, "eos_token_id")) && get_ids(c, x, "eos_token_id", max_id, cfg->eos_token_id, &cfg->n_eos)) return -1;
    if ((x = field(root, "pad_token_id"))) {
        if (!cJSON_IsNumber(x) || x->valuedouble != floor(x->valuedouble)) {
            return tern_errf(c->err, c->err_size, "%s: pad_token_id must be an integer, got %s", c->what, kind(x));
        }
        if (x->valuedouble >= 0 && x->valuedouble <= (double) max_id) {
            cfg->pad_token_id = (int32_t) x->valuedouble;
            cfg->has_pad_token_id = true;
        }
    }
    if ((x = field(root, "quantization_config")) && read_quant(c, x, cfg)) return -1;
    return 0;
}

int tern_hf_config_parse(struct tern_hf_config * cfg, const char * text, size_t len, const char * what, char * err,
                         size_t err_size) {
    memset(cfg, 0, sizeof(*cfg));
    const int rc = parse_with(read_config, cfg, text, len, what, err, err_size);
    if (rc) memset(cfg, 0, sizeof(*cfg));
    return rc;
}

// ---------------------------------------------------------------------------- tokenizer_config.json

static int dup_string(const struct ctx * c, const char * s, char ** out) {
    *out = strdup(s);
    return *out ? 0 : tern_errf(c->err, c->err_size, "%s: out of memory", c->what);
}

// bos_token / eos_token: "text", or an AddedToken object {"content": "text", ...}.
static int opt_token(const struct ctx * c, const cJSON * obj, const char * key, char ** out) {
    const cJSON * x = field(obj, key);
    if (!x) return 0;
    if (cJSON_IsObject(x)) x = field(x, "content");
    if (!cJSON_IsString(x)) {
        return tern_errf(c->err, c->err_size, "%s: %s must be a string or an object with a content string", c->what, key);
    }
    return dup_string(c, x->valuestring, out);
}

static int read_chat_template(const struct ctx * c, const cJSON * x, struct tern_hf_tokenizer_config * t) {
    if (cJSON_IsString(x)) return dup_string(c, x->valuestring, &t->chat_template);
    if (!cJSON_IsArray(x)) {
        return tern_errf(c->err, c->err_size, "%s: chat_template must be a string or a list of named templates, got %s", c->what,
                    kind(x));
    }
    // [{"name": "default", "template": "..."}, {"name": "tool_use", ...}]: tern uses the default.
    const cJSON * it;
    cJSON_ArrayForEach(it, x) {
        const cJSON * name = field(it, "name"), * tmpl = field(it, "template");
        if (!cJSON_IsObject(it) || !cJSON_IsString(name) || !cJSON_IsString(tmpl)) {
            return tern_errf(c->err, c->err_size, "%s: chat_template list entries must be {\"name\": ..., \"template\": ...}", c->what);
        }
        if (strcmp(name->valuestring, "default") == 0 && !t->chat_template &&
            dup_string(c, tmpl->valuestring, &t->chat_template)) {
            return -1;
        }
    }
    return 0;
}

static int read_tokenizer_config(const struct ctx * c, const cJSON * root, void * out) {
    struct tern_hf_tokenizer_config * t = out;
    const cJSON * x = field(root, "chat_template");
    if (x && read_chat_template(c, x, t)) return -1;
    if (opt_token(c, root, "bos_token", &t->bos_token) || opt_token(c, root, "eos_token", &t->eos_token) ||
        opt_bool(c, root, "add_bos_token", &t->has_add_bos_token, &t->add_bos_token) ||
        opt_bool(c, root, "add_eos_token", &t->has_add_eos_token, &t->add_eos_token)) {
        return -1;
    }
    return 0;
}

int tern_hf_tokenizer_config_parse(struct tern_hf_tokenizer_config * t, const char * text, size_t len, const char * what,
                                   char * err, size_t err_size) {
    memset(t, 0, sizeof(*t));
    const int rc = parse_with(read_tokenizer_config, t, text, len, what, err, err_size);
    if (rc) tern_hf_tokenizer_config_free(t);
    return rc;
}

// ---------------------------------------------------------------------------- generation_config.json

static int opt_id(const struct ctx * c, const cJSON * obj, const char * key, bool * has, int32_t * dst) {
    const cJSON * x = field(obj, key);
    int64_t v;
    if (!x) return 0;
    if (get_int(c, x, key, 0, MAX_ID, &v)) return -1;
    *has = true;
    *dst = (int32_t) v;
    return 0;
}

static int read_generation_config(const struct ctx * c, const cJSON * root, void * out) {
    struct tern_hf_generation_config * g = out;
    const cJSON * x = field(root, "eos_token_id");
    if (opt_id(c, root, "bos_token_id", &g->has_bos_token_id, &g->bos_token_id) ||
        opt_id(c, root, "pad_token_id", &g->has_pad_token_id, &g->pad_token_id) ||
        (x && get_ids(c, x, "eos_token_id", MAX_ID, g->eos_token_id, &g->n_eos))) {
        return -1;
    }
    return 0;
}

int tern_hf_generation_config_parse(struct tern_hf_generation_config * g, const char * text, size_t len,
                                    const char * what, char * err, size_t err_size) {
    memset(g, 0, sizeof(*g));
    const int rc = parse_with(read_generation_config, g, text, len, what, err, err_size);
    if (rc) memset(g, 0, sizeof(*g));
    return rc;
}

// ---------------------------------------------------------------------------- the folder

// dir/name read whole: 1 read, 0 missing, -1 error.
static int read_optional(const char * dir, const char * name, char ** text, size_t * len, char * path, size_t path_size,
                         char * err, size_t err_size) {
    if ((size_t) snprintf(path, path_size, "%s/%s", dir, name) >= path_size) {
        return tern_errf(err, err_size, "the folder path %s is too long", dir);
    }
    struct stat sb;
    if (stat(path, &sb) != 0) return 0;
    *text = tern_read_file(path, "", MAX_JSON_FILE, len, err, err_size);
    return *text ? 1 : -1;
}

int tern_hf_folder_read(struct tern_hf_folder * f, const char * dir, char * err, size_t err_size) {
    memset(f, 0, sizeof(*f));
    char path[4096], * text = NULL;
    size_t len = 0;
    int got = read_optional(dir, "config.json", &text, &len, path, sizeof(path), err, err_size);
    if (got == 0) return tern_errf(err, err_size, "%s has no config.json: not a Hugging Face checkpoint folder", dir);
    if (got < 0) return -1;
    int rc = tern_hf_config_parse(&f->config, text, len, path, err, err_size);
    free(text);
    if (rc) return -1;
    got = read_optional(dir, "tokenizer_config.json", &text, &len, path, sizeof(path), err, err_size);
    if (got > 0) {
        rc = tern_hf_tokenizer_config_parse(&f->tok, text, len, path, err, err_size);
        free(text);
        f->has_tokenizer_config = rc == 0;
    }
    if (got < 0 || rc) goto bad;
    got = read_optional(dir, "generation_config.json", &text, &len, path, sizeof(path), err, err_size);
    if (got > 0) {
        rc = tern_hf_generation_config_parse(&f->gen, text, len, path, err, err_size);
        free(text);
        f->has_generation_config = rc == 0;
    }
    if (got < 0 || rc) goto bad;
    if (!f->tok.chat_template) {
        got = read_optional(dir, "chat_template.jinja", &f->tok.chat_template, &len, path, sizeof(path), err, err_size);
        if (got < 0) goto bad;
    }
    return 0;
bad:
    tern_hf_folder_free(f);
    return -1;
}

