// A GGUF model written as the Hugging Face checkpoint that would have produced it (see
// tern/hf_write.h): the family's tensor names, its storage of ternary linears (packed uint8
// + weight_scale, or latent values), config.json and the tokenizer files.

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tern/arch.h"
#include "tern/codec.h"
#include "tern/gguf.h"
#include "tern/hf_ternary.h"
#include "tern/hf_write.h"
#include "tern/i2s_disk.h"
#include "tern/ops.h"
#include "tern/safetensors.h"

// ---------------------------------------------------------------------------- names

// A family's Hugging Face names and config facts are columns of its row in tern/arch.h.
// One fact is the twin's own: 1bitLLM's latent checkpoints carry no quantization_config.
static bool latent_has_quant_config(const struct tern_arch * a) {
    return strcmp(a->name, "bitnet") != 0;
}

enum role { PLAIN, TERNARY, TERNARY_Q, TERNARY_K };

// ---------------------------------------------------------------------------- latent values

static uint32_t f32_bits(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float bits_f32(uint32_t u) {
    float f;
    memcpy(&f, &u, 4);
    return f;
}

// The value of dtype nearest to x (x >= 0, finite), as a float.
static float round_to(uint32_t dtype, float x) {
    if (dtype == TERN_ST_F16) return tern_f16_to_f32(tern_f32_to_f16(x));
    if (dtype == TERN_ST_BF16) {
        const uint32_t u = f32_bits(x);
        return bits_f32((u + 0x7fffu + ((u >> 16) & 1u)) & 0xffff0000u);
    }
    return x;
}

// The largest value of dtype <= x (x >= 0).
static float down_to(uint32_t dtype, float x) {
    const float r = round_to(dtype, x);
    if (r <= x) return r;
    if (dtype == TERN_ST_F16) return tern_f16_to_f32((uint16_t) (tern_f32_to_f16(x) - 1));
    if (dtype == TERN_ST_BF16) return bits_f32(f32_bits(r) - 0x10000u);
    return nextafterf(r, 0.0f);
}

// One step of dtype below v (v > 0).
static float step_down(uint32_t dtype, float v) {
    return down_to(dtype, nextafterf(v, 0.0f));
}

static float smallest(uint32_t dtype) {
    return dtype == TERN_ST_F16 ? tern_f16_to_f32(1) : bits_f32(dtype == TERN_ST_BF16 ? 0x10000u : 1u);
}

static void store(uint32_t dtype, void * dst, size_t i, float v) {
    if (dtype == TERN_ST_F32) {
        memcpy((uint8_t *) dst + 4 * i, &v, 4);
    } else {
        const uint16_t h = dtype == TERN_ST_F16 ? tern_f32_to_f16(v) : (uint16_t) (f32_bits(v) >> 16);
        memcpy((uint8_t *) dst + 2 * i, &h, 2);
    }
}

static float load(uint32_t dtype, const void * src, size_t i) {
    uint16_t h;
    float f;
    if (dtype == TERN_ST_F32) {
        memcpy(&f, (const uint8_t *) src + 4 * i, 4);
        return f;
    }
    memcpy(&h, (const uint8_t *) src + 2 * i, 2);
    return dtype == TERN_ST_F16 ? tern_f16_to_f32(h) : tern_bf16_to_f32(h);
}

// Whether the loader's codec (tern/codec.h, latent F32/F16/BF16) ternarizes v back to
// codes and s. An all-zero tensor has scale 0 whatever s was: its output is zero either way.
static bool ternarizes_to(const int8_t * codes, size_t n, float s, uint32_t dtype, const void * v, size_t nnz) {
    const struct tern_tensor_src t = {
        .name = "latent", .k = n, .n = 1, .data = v, .nbytes = n * (dtype == TERN_ST_F32 ? 4 : 2),
        .codec = dtype == TERN_ST_F32 ? TERN_CODEC_F32 : dtype == TERN_ST_F16 ? TERN_CODEC_F16 : TERN_CODEC_BF16,
    };
    const struct tern_codec * c = tern_codec_get(t.codec);
    float scale;
    char err[200];
    int8_t * got = malloc(n ? n : 1);
    const bool ok = got && c->scales(&t, &scale, err, sizeof(err)) == 0 && (scale == s || !nnz) &&
                    c->rows(&t, 0, 1, &scale, got, err, sizeof(err)) == 0 && memcmp(got, codes, n) == 0;
    free(got);
    return ok;
}

// Nonzero codes get about s * n / nnz (error diffusion keeps their sum just below s * n);
// zero codes carry the rest in values far below s / 2, which still round to 0. A few
// corrections then land the mean exactly on s.
int tern_hf_latent_from_codes(const int8_t * codes, size_t n, float s, uint32_t dtype, void * dst) {
    if ((dtype != TERN_ST_F32 && dtype != TERN_ST_F16 && dtype != TERN_ST_BF16) || !(s > 0) || !isfinite(s)) return -1;
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++) nnz += codes[i] != 0;
    for (size_t i = 0; i < n; i++) store(dtype, dst, i, 0.0f);
    if (nnz == 0) return 0;                    // all zero: any scale gives the same (zero) output
    const double target = (double) s * (double) n;
    const double each = target / (double) nnz;
    if (!(each < (dtype == TERN_ST_F16 ? 60000.0 : 1e37))) return -1;
    // Aim one step of the dtype below the target, so what is left over is positive.
    const float near = round_to(dtype, (float) each);
    const double step = (double) near - (double) step_down(dtype, near);
    double carry = -step;
    for (size_t i = 0; i < n; i++) {
        if (!codes[i]) continue;
        const double want = each + carry;
        const float v = round_to(dtype, (float) want);
        carry = want - (double) v;
        store(dtype, dst, i, codes[i] > 0 ? v : -v);
    }
    // Corrections: the sum as load.c takes it; too low -> the next zero code takes (part of)
    // the difference; too high -> one nonzero code steps down.
    size_t next_zero = 0, next_nonzero = 0;
    for (int round = 0; round < 64; round++) {
        double sum = 0;
        for (size_t i = 0; i < n; i++) sum += fabs((double) load(dtype, dst, i));
        if ((float) (sum / (double) n) == s) break;
        const double delta = target - sum;
        if (delta > 0) {
            while (next_zero < n && codes[next_zero]) next_zero++;
            if (next_zero == n) return -1;
            float v = down_to(dtype, (float) (delta < 0.25 * s ? delta : 0.25 * s));
            if (v == 0) v = smallest(dtype);
            store(dtype, dst, next_zero++, v);
        } else {
            while (next_nonzero < n && !codes[next_nonzero]) next_nonzero++;
            if (next_nonzero == n) return -1;
            const float v = fabsf(load(dtype, dst, next_nonzero));
            store(dtype, dst, next_nonzero, codes[next_nonzero] > 0 ? step_down(dtype, v) : -step_down(dtype, v));
            next_nonzero++;
        }
    }
    return ternarizes_to(codes, n, s, dtype, dst, nnz) ? 0 : -1;
}

// ---------------------------------------------------------------------------- the twin

struct twin;

// One tensor of the twin: borrowed from the GGUF (PLAIN), or produced while writing.
struct job {
    struct twin * tw;
    const struct tern_gguf_tensor * t;
    const char * hf_name;
    size_t permute_heads;        // un-permute Q/K rows over this many heads (0: keep the order)
    float scale;                 // the I2_S tensor scale
    float weight_scale;          // what a packed twin stores beside it
};

struct twin {
    const struct tern_hf_twin_options * o;
    struct job * jobs;
    size_t n_jobs;
    char names[64 * 1024];       // HF names, NUL-separated
    size_t names_len;
    char err[300];               // why a fill failed
};

// The codes of a ternary job in HF row order: (n, k) int8, malloc'd.
static int8_t * hf_codes(struct job * j) {
    const size_t k = (size_t) j->t->ne[0], n = (size_t) j->t->ne[1];
    int8_t * codes = malloc(k * n), * rows = j->permute_heads ? malloc(k * n) : NULL;
    float scale;
    if (!codes || (j->permute_heads && !rows)) {
        snprintf(j->tw->err, sizeof(j->tw->err), "out of memory converting %s", j->hf_name);
        goto bad;
    }
    char inner[200];
    if (tern_i2s_disk_decode(j->t->data, (size_t) j->t->nbytes, k * n, codes, &scale, inner, sizeof(inner))) {
        snprintf(j->tw->err, sizeof(j->tw->err), "%s: %s", j->hf_name, inner);
        goto bad;
    }
    if (rows) {
        tern_llama_unpermute_rows(codes, rows, n, k, j->permute_heads);
        free(codes);
        return rows;
    }
    return codes;
bad:
    free(codes);
    free(rows);
    return NULL;
}

static int fill_packed(void * ctx, uint8_t * dst, size_t nbytes) {
    struct job * j = ctx;
    int8_t * codes = hf_codes(j);
    if (!codes) return -1;
    (void) nbytes;
    tern_hf_packed_encode(codes, (size_t) j->t->ne[1], (size_t) j->t->ne[0], dst);
    free(codes);
    return 0;
}

static int fill_latent(void * ctx, uint8_t * dst, size_t nbytes) {
    struct job * j = ctx;
    (void) nbytes;
    int8_t * codes = hf_codes(j);
    if (!codes) return -1;
    const int rc = tern_hf_latent_from_codes(codes, (size_t) (j->t->ne[0] * j->t->ne[1]), j->scale, j->tw->o->latent_dtype, dst);
    free(codes);
    if (rc) snprintf(j->tw->err, sizeof(j->tw->err), "%s: no latent values ternarize exactly to its codes and scale", j->hf_name);
    return rc;
}

static const char * add_name(struct twin * tw, const char * name) {
    const size_t len = strlen(name) + 1;
    if (tw->names_len + len > sizeof(tw->names)) return NULL;
    char * p = memcpy(tw->names + tw->names_len, name, len);
    tw->names_len += len;
    return p;
}

// The HF name and role of a GGUF tensor; false if the family has none.
static bool hf_name_of(const struct tern_arch * a, const char * gguf, char * out, size_t size, enum role * role) {
    if (!tern_arch_hf_name(a, gguf, out, size)) return false;
    *role = PLAIN;
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    const char * dot = strchr(gguf + (strncmp(gguf, "blk.", 4) == 0 ? 4 : 0), '.');
    for (size_t i = 0; dot && strncmp(gguf, "blk.", 4) == 0 && i < n_specs; i++) {
        const size_t len = strlen(spec[i].name);
        if (spec[i].role != TERN_TENSOR_LINEAR || strncmp(dot + 1, spec[i].name, len) || strcmp(dot + 1 + len, ".weight")) continue;
        *role = !strcmp(spec[i].name, "attn_q") ? TERNARY_Q : !strcmp(spec[i].name, "attn_k") ? TERNARY_K : TERNARY;
    }
    return true;
}

static uint32_t st_dtype_of(uint32_t ggml_type) {
    switch (ggml_type) {
    case TERN_GGML_F32: return TERN_ST_F32;
    case TERN_GGML_F16: return TERN_ST_F16;
    case TERN_GGML_BF16: return TERN_ST_BF16;
    default: return TERN_ST_DTYPE_COUNT;
    }
}

// config.json's struct from the GGUF's keys (named after the file's architecture string `prefix`).
static int make_config(const struct tern_gguf * g, const char * prefix, const struct tern_arch * a,
                       const struct tern_hf_twin_options * o, const char * linear_class, struct tern_hf_config * c, char * err,
                       size_t err_size) {
    memset(c, 0, sizeof(*c));
    snprintf(c->architecture, sizeof(c->architecture), "%s", a->hf.architectures[0]);
    snprintf(c->model_type, sizeof(c->model_type), "%s", a->hf.model_type);
    snprintf(c->hidden_act, sizeof(c->hidden_act), "%s", a->hf.hidden_act);
    char key[128];
#define U32(field, suffix, required)                                                            \
    snprintf(key, sizeof(key), "%s." suffix, prefix);                                                \
    if (!tern_gguf_get_u32(g, key, &c->field) && required) {                                    \
        snprintf(err, err_size, "the GGUF has no %s", key);                                     \
        return -1;                                                                              \
    }
    U32(hidden_size, "embedding_length", true)
    U32(intermediate_size, "feed_forward_length", true)
    U32(num_hidden_layers, "block_count", true)
    U32(num_attention_heads, "attention.head_count", true)
    U32(num_key_value_heads, "attention.head_count_kv", false)
    U32(max_position_embeddings, "context_length", false)
#undef U32
    if (!c->num_key_value_heads) c->num_key_value_heads = c->num_attention_heads;
    c->has_max_position_embeddings = c->max_position_embeddings != 0;
    if (!c->num_attention_heads || c->hidden_size % c->num_attention_heads) {
        snprintf(err, err_size, "the GGUF's width %u does not split into %u heads", c->hidden_size, c->num_attention_heads);
        return -1;
    }
    c->head_dim = c->hidden_size / c->num_attention_heads;
    c->has_head_dim = true;
    const struct tern_gguf_tensor * embd = tern_gguf_find_tensor(g, "token_embd.weight");
    if (!embd || embd->n_dims != 2) {
        snprintf(err, err_size, "the GGUF has no 2-D token_embd.weight");
        return -1;
    }
    c->vocab_size = (uint32_t) embd->ne[1];
    float v;
    snprintf(key, sizeof(key), "%s.rope.freq_base", prefix);
    if ((c->has_rope_theta = tern_gguf_get_f32(g, key, &v))) c->rope_theta = v;
    snprintf(key, sizeof(key), "%s.attention.layer_norm_rms_epsilon", prefix);
    if ((c->has_rms_norm_eps = tern_gguf_get_f32(g, key, &v))) c->rms_norm_eps = v;
    struct tern_gguf_str str;
    snprintf(key, sizeof(key), "%s.rope.scaling.type", prefix);
    if (tern_gguf_get_str(g, key, &str) && !tern_gguf_str_eq(str, "none")) {
        c->has_rope_scaling = true;
        tern_gguf_printable(str, c->rope_scaling_type, sizeof(c->rope_scaling_type));
        snprintf(key, sizeof(key), "%s.rope.scaling.factor", prefix);
        if ((c->has_rope_scaling_factor = tern_gguf_get_f32(g, key, &v))) c->rope_scaling_factor = v;
    }
    c->has_tie_word_embeddings = true;
    c->tie_word_embeddings = tern_gguf_find_tensor(g, "output.weight") == NULL;
    uint32_t id;
    if (tern_gguf_get_u32(g, "tokenizer.ggml.bos_token_id", &id) && id < c->vocab_size) {
        c->has_bos_token_id = true;
        c->bos_token_id = (int32_t) id;
    }
    if (tern_gguf_get_u32(g, "tokenizer.ggml.eos_token_id", &id) && id < c->vocab_size) {
        c->n_eos = 1;
        c->eos_token_id[0] = (int32_t) id;
    }
    if (tern_gguf_get_u32(g, "tokenizer.ggml.padding_token_id", &id) && id < c->vocab_size) {
        c->has_pad_token_id = true;
        c->pad_token_id = (int32_t) id;
    }
    const char * dtype = a->hf.torch_dtype;
    if (o->latent) dtype = o->latent_dtype == TERN_ST_F32 ? "float32" : o->latent_dtype == TERN_ST_F16 ? "float16" : "bfloat16";
    snprintf(c->torch_dtype, sizeof(c->torch_dtype), "%s", dtype);
    if (a->rope == TERN_ROPE_NORM) {          // Falcon3 / Llama3-1.58 configs say so
        c->has_is_bitnet_config = true;
        c->is_bitnet_config = true;
    }
    if (!o->latent || latent_has_quant_config(a)) {
        c->quant.present = true;
        snprintf(c->quant.quant_method, sizeof(c->quant.quant_method), "bitnet");
        snprintf(c->quant.linear_class, sizeof(c->quant.linear_class), "%s", linear_class);
        snprintf(c->quant.quantization_mode, sizeof(c->quant.quantization_mode), "%s", o->latent ? "online" : "offline");
        if (!c->tie_word_embeddings) {
            c->quant.n_modules_to_not_convert = 1;
            snprintf(c->quant.modules_to_not_convert[0], sizeof(c->quant.modules_to_not_convert[0]), "lm_head");
        }
    }
    return 0;
}

static char * token_text(const struct tern_gguf * g, const char * id_key) {
    uint32_t id;
    const struct tern_gguf_kv * tokens = tern_gguf_find_kv(g, "tokenizer.ggml.tokens");
    if (!tern_gguf_get_u32(g, id_key, &id) || !tokens || tokens->type != TERN_GGUF_ARRAY ||
        tokens->v.arr.type != TERN_GGUF_STRING || id >= tokens->v.arr.count) {
        return NULL;
    }
    struct tern_gguf_str * all = malloc((size_t) tokens->v.arr.count * sizeof(*all));
    if (!all) return NULL;
    tern_gguf_arr_strings(tokens, all, tokens->v.arr.count);
    char * s = strndup(all[id].ptr, (size_t) all[id].len);
    free(all);
    return s;
}

static int write_json_files(const struct tern_gguf * g, const char * dir, const struct tern_hf_config * c,
                            const struct tern_hf_twin_options * o, char * err, size_t err_size) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/config.json", dir);
    if (tern_hf_write_config(c, path, err, err_size)) return -1;
    struct tern_hf_tokenizer_config t = { 0 };
    t.has_add_bos_token = tern_gguf_get_bool(g, "tokenizer.ggml.add_bos_token", &t.add_bos_token);
    t.has_add_eos_token = tern_gguf_get_bool(g, "tokenizer.ggml.add_eos_token", &t.add_eos_token);
    t.bos_token = token_text(g, "tokenizer.ggml.bos_token_id");
    t.eos_token = token_text(g, "tokenizer.ggml.eos_token_id");
    struct tern_gguf_str tmpl;
    if (tern_gguf_get_str(g, "tokenizer.chat_template", &tmpl)) t.chat_template = strndup(tmpl.ptr, (size_t) tmpl.len);
    snprintf(path, sizeof(path), "%s/tokenizer_config.json", dir);
    int rc = tern_hf_write_tokenizer_config(&t, path, err, err_size);
    tern_hf_tokenizer_config_free(&t);
    if (rc) return -1;
    const struct tern_hf_generation_config gen = {
        .has_bos_token_id = c->has_bos_token_id, .bos_token_id = c->bos_token_id,
        .n_eos = c->n_eos, .eos_token_id = { c->eos_token_id[0] },
    };
    snprintf(path, sizeof(path), "%s/generation_config.json", dir);
    if (tern_hf_write_generation_config(&gen, path, err, err_size)) return -1;
    if (o->no_tokenizer_json) return 0;
    snprintf(path, sizeof(path), "%s/tokenizer.json", dir);
    return tern_hf_write_tokenizer_json(g, path, err, err_size) < 0 ? -1 : 0;
}

int tern_hf_twin_write(const struct tern_gguf * g, const char * dir, const struct tern_hf_twin_options * o, char * err,
                       size_t err_size) {
    struct tern_gguf_str arch;
    if (!tern_gguf_get_str(g, "general.architecture", &arch)) {
        snprintf(err, err_size, "the GGUF has no general.architecture");
        return -1;
    }
    char prefix[65];
    tern_gguf_printable(arch, prefix, sizeof(prefix));
    const struct tern_arch * a = tern_arch_find(arch.ptr, (size_t) arch.len);
    if (!a) {
        snprintf(err, err_size, "no Hugging Face family for GGUF arch '%s' (bitnet-b1.58, bitnet-25, bitnet, llama)", prefix);
        return -1;
    }
    if (o->latent && o->latent_dtype != TERN_ST_F32 && o->latent_dtype != TERN_ST_F16 && o->latent_dtype != TERN_ST_BF16) {
        snprintf(err, err_size, "latent twins are F32, F16 or BF16");
        return -1;
    }
    const char * linear_class = o->linear_class ? o->linear_class : a->hf.linear_class;
    enum tern_hf_linear_class lc;
    if (!tern_hf_linear_class_from_name(linear_class, &lc)) {
        snprintf(err, err_size, "linear_class '%s' is neither autobitlinear nor bitlinear", linear_class);
        return -1;
    }
    struct tern_hf_config c;
    if (make_config(g, prefix, a, o, linear_class, &c, err, err_size)) return -1;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, err_size, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    struct twin * tw = calloc(1, sizeof(*tw));
    struct tern_st_writer * w = tern_st_writer_new();
    int rc = -1;
    if (!tw || !w || !(tw->jobs = calloc(2 * (size_t) g->n_tensors + 1, sizeof(*tw->jobs)))) {
        snprintf(err, err_size, "out of memory");
        goto done;
    }
    tw->o = o;
    tern_st_writer_set_shard_bytes(w, o->shard_bytes);
    for (uint64_t i = 0; i < g->n_tensors; i++) {
        const struct tern_gguf_tensor * t = &g->tensors[i];
        char gname[65], hname[160];
        enum role role;
        tern_gguf_printable(t->name, gname, sizeof(gname));
        if (t->name.len >= sizeof(gname) || !hf_name_of(a, gname, hname, sizeof(hname), &role)) {
            snprintf(err, err_size, "tensor '%s' has no Hugging Face name in arch %s", gname, prefix);
            goto done;
        }
        struct job * j = &tw->jobs[tw->n_jobs++];
        *j = (struct job) { .tw = tw, .t = t, .hf_name = add_name(tw, hname) };
        if (!j->hf_name) {
            snprintf(err, err_size, "too many tensor names");
            goto done;
        }
        // HF order: [rows, row length] = GGUF ne reversed.
        const uint64_t shape[2] = { t->n_dims == 2 ? t->ne[1] : t->ne[0], t->ne[0] };
        const uint32_t n_dims = t->n_dims == 2 ? 2 : 1;
        if (role == PLAIN) {
            const uint32_t dtype = st_dtype_of(t->type);
            if (dtype == TERN_ST_DTYPE_COUNT || t->n_dims > 2) {
                snprintf(err, err_size, "tensor '%s' is %s: twins copy F32, F16 and BF16 tensors of 1 or 2 dimensions", gname,
                         tern_ggml_type_name(t->type));
                goto done;
            }
            tern_st_writer_add(w, j->hf_name, dtype, n_dims, shape, t->data, NULL, NULL);
            continue;
        }
        if (t->type != TERN_GGML_I2_S || t->n_dims != 2) {
            snprintf(err, err_size, "tensor '%s' is %s: twins are made from I2_S ternary layers", gname,
                     tern_ggml_type_name(t->type));
            goto done;
        }
        char inner[200];
        if (tern_i2s_disk_scale(t->data, (size_t) t->nbytes, (size_t) (t->ne[0] * t->ne[1]), &j->scale, inner, sizeof(inner))) {
            snprintf(err, err_size, "tensor '%s': %s", gname, inner);
            goto done;
        }
        if (a->rope == TERN_ROPE_NORM && (role == TERNARY_Q || role == TERNARY_K)) {
            j->permute_heads = role == TERNARY_Q ? c.num_attention_heads : c.num_key_value_heads;
            if (t->ne[1] % (2 * j->permute_heads)) {
                snprintf(err, err_size, "tensor '%s': %llu rows do not split into %zu heads of pairs", gname,
                         (unsigned long long) t->ne[1], j->permute_heads);
                goto done;
            }
        }
        if (o->latent) {
            tern_st_writer_add(w, j->hf_name, o->latent_dtype, 2, shape, NULL, fill_latent, j);
            continue;
        }
        if (shape[0] % 4) {
            snprintf(err, err_size, "tensor '%s': %llu rows cannot be packed 4 to a byte", gname, (unsigned long long) shape[0]);
            goto done;
        }
        if (!tern_hf_weight_scale_for(lc, j->scale, &j->weight_scale)) {
            snprintf(err, err_size, "tensor '%s': no float weight_scale gives back scale %.9g under %s (1/x misses it); "
                     "an autobitlinear or latent twin can hold it", gname, (double) j->scale, linear_class);
            goto done;
        }
        const uint64_t packed[2] = { shape[0] / 4, shape[1] }, one = 1;
        tern_st_writer_add(w, j->hf_name, TERN_ST_U8, 2, packed, NULL, fill_packed, j);
        // <prefix>.weight -> <prefix>.weight_scale
        snprintf(hname + strlen(hname) - strlen("weight"), sizeof(hname) - strlen(hname) + strlen("weight"), "weight_scale");
        tern_st_writer_add(w, hname, TERN_ST_F32, 1, &one, &j->weight_scale, NULL, NULL);
    }
    if (tern_st_writer_write(w, dir, err, err_size)) {
        if (tw->err[0]) snprintf(err, err_size, "%s", tw->err);
        goto done;
    }
    rc = write_json_files(g, dir, &c, o, err, err_size);
done:
    tern_st_writer_free(w);
    if (tw) free(tw->jobs);
    free(tw);
    return rc;
}
