// Hugging Face checkpoint -> bitnet.cpp GGUF (see tern/convert.h).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/alloc.h"
#include "tern/codec.h"
#include "tern/convert.h"
#include "tern/dense.h"
#include "tern/gguf.h"
#include "tern/hf_model.h"
#include "tern/hf_ternary.h"
#include "tern/i2s_disk.h"
#include "tern/ops.h"

enum kind { NORM, DENSE, TERNARY };

struct job {
    const struct tern_convert_options * o;
    char * err;                      // the first failure's reason (err_size bytes)
    size_t err_size;
    const struct tern_hf_model * hf;
    const struct tern_gguf_tensor * t;
    char name[96];
    enum kind kind;
    uint32_t out_type;               // DENSE: F16 or Q8_0
    size_t permute_heads;            // TERNARY: llama Q/K, 0 otherwise
    size_t done_bytes, total_bytes;  // progress after this tensor
};

// Row r of a dense source tensor (F32 / F16 / BF16) as floats.
static void source_row(const struct tern_gguf_tensor * t, size_t r, float * out) {
    enum tern_dense_type type;
    tern_dense_type_of_ggml(t->type, &type);
    const struct tern_dense D = { .type = type, .n = (size_t) t->ne[1], .k = (size_t) t->ne[0], .w = t->data };
    tern_dense_row(&D, r, out);
}

// ggml's quantize_row_q8_0_ref: per 32 values d = max|x| / 127 (stored f16), q = roundf(x / d).
static void q8_0_row(const float * x, size_t k, uint8_t * dst) {
    for (size_t b = 0; b < k; b += 32, dst += 34) {
        float amax = 0;
        for (size_t j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(x[b + j]));
        const float d = amax / 127.0f, id = d != 0.0f ? 1.0f / d : 0.0f;
        const uint16_t h = tern_f32_to_f16(d);
        memcpy(dst, &h, 2);
        for (size_t j = 0; j < 32; j++) dst[2 + j] = (uint8_t) (int8_t) roundf(x[b + j] * id);
    }
}

static int fill_norm(const struct job * j, uint8_t * dst) {
    const size_t n = (size_t) j->t->ne[0];
    float * v = malloc(n * sizeof(float));
    if (!v) return -1;
    const struct tern_gguf_tensor row = { .type = j->t->type, .ne = { n, 1, 1, 1 }, .data = j->t->data };
    source_row(&row, 0, v);
    memcpy(dst, v, n * sizeof(float));
    free(v);
    return 0;
}

static int fill_dense(const struct job * j, uint8_t * dst) {
    const size_t k = (size_t) j->t->ne[0], n = (size_t) j->t->ne[1];
    float * row = malloc(k * sizeof(float));
    if (!row) return -1;
    size_t row_bytes;
    tern_dense_row_bytes(j->out_type == TERN_GGML_F16 ? TERN_DENSE_F16 : TERN_DENSE_Q8_0, k, &row_bytes);
    const size_t src_row_bytes = (size_t) j->t->nbytes / n;
    for (size_t r = 0; r < n; r++, dst += row_bytes) {
        source_row(j->t, r, row);
        // Give back the source rows already converted: the checkpoint and the output are
        // never both resident for a 0.6 GB embedding.
        if (r % 4096 == 4095) tern_drop_pages(j->t->data + (r - 4095) * src_row_bytes, 4096 * src_row_bytes);
        if (j->out_type == TERN_GGML_F16) tern_vec_ops_get()->to_f16(k, row, (uint16_t *) dst);
        else q8_0_row(row, k, dst);
    }
    free(row);
    return 0;
}

// The ternary values through the loader's codec, rows permuted for llama Q/K, as I2_S.
static int fill_ternary(const struct job * j, uint8_t * dst) {
    const struct tern_gguf_tensor * t = j->t;
    const size_t k = (size_t) t->ne[0], n = (size_t) t->ne[1];
    struct tern_tensor_src src = { .name = j->name, .k = k, .n = n, .data = t->data, .nbytes = (size_t) t->nbytes };
    if (t->type == TERN_GGML_HF_PACKED) {
        src.codec = TERN_CODEC_HF_PACKED;
        tern_hf_model_scale(j->hf, t, &src.hf_scale, &src.hf_scale_divides);
    } else if (!tern_codec_of_ggml(t->type, &src.codec)) {
        return -1;
    }
    const struct tern_codec * c = tern_codec_get(src.codec);
    float * scales = malloc(n * sizeof(float));
    int8_t * w = malloc(k * n), * rows = j->permute_heads ? malloc(k * n) : NULL;
    char err[300] = "";
    int rc = scales && w && (rows || !j->permute_heads) ? 0 : -1;
    if (!rc) rc = c->scales(&src, scales, err, sizeof(err));
    if (!rc) rc = c->rows(&src, 0, n, scales, w, err, sizeof(err));
    if (!rc && rows) tern_llama_permute_rows(w, rows, n, k, j->permute_heads);
    if (!rc) tern_i2s_disk_encode(rows ? rows : w, k * n, scales[0], dst);
    if (rc && !j->err[0]) snprintf(j->err, j->err_size, "%s", scales && w ? err : "out of memory");
    free(scales);
    free(w);
    free(rows);
    return rc;
}

static int fill(void * ctx, uint8_t * dst, size_t nbytes) {
    (void) nbytes;
    const struct job * j = ctx;
    const int rc = j->kind == NORM ? fill_norm(j, dst) : j->kind == DENSE ? fill_dense(j, dst) : fill_ternary(j, dst);
    tern_hf_model_drop(j->hf, j->t);
    if (j->o->progress) j->o->progress(j->o->progress_user, (double) j->done_bytes / (double) j->total_bytes, "converting");
    return rc;
}

// What a GGUF tensor of the checkpoint becomes.
static int plan(struct job * j, const struct tern_gguf * g, const struct tern_arch * a, char * err, size_t err_size) {
    const struct tern_gguf_tensor * t = j->t;
    snprintf(j->name, sizeof(j->name), "%.*s", (int) t->name.len, t->name.ptr);
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    j->kind = t->n_dims == 1 ? NORM : DENSE;
    unsigned layer;
    int at = 0;
    if (sscanf(j->name, "blk.%u.%n", &layer, &at) == 1 && at > 0) {
        for (size_t i = 0; i < n_specs; i++) {
            const size_t len = strlen(spec[i].name);
            if (spec[i].role != TERN_TENSOR_LINEAR || strncmp(j->name + at, spec[i].name, len) || strcmp(j->name + at + len, ".weight")) {
                continue;
            }
            j->kind = TERNARY;
            uint32_t heads = 0;
            char key[96];
            snprintf(key, sizeof(key), "%s.attention.head_count%s", a->name, spec[i].n == TERN_DIM_Q ? "" : "_kv");
            if (spec[i].roped && a->rope == TERN_ROPE_NORM && tern_gguf_get_u32(g, key, &heads)) j->permute_heads = heads;
        }
    }
    if (j->kind == DENSE) {
        // bitnet.cpp's quantizer keeps dense matrices F16 when the width is a multiple of 256.
        j->out_type = t->ne[0] % 256 == 0 ? TERN_GGML_F16 : TERN_GGML_Q8_0;
        if (j->out_type == TERN_GGML_Q8_0 && t->ne[0] % 32) {
            snprintf(err, err_size, "%s rows of %llu values fit neither F16 rules nor Q8_0 blocks", j->name,
                     (unsigned long long) t->ne[0]);
            return -1;
        }
    }
    return 0;
}

int tern_convert(const struct tern_convert_options * o, char * err, size_t err_size) {
    struct tern_hf_model * hf;
    struct tern_gguf g;
    if (tern_hf_model_open(&hf, o->dir, &g, err, err_size)) return -1;
    const struct tern_arch * a = tern_hf_model_arch(hf);
    struct tern_gguf_writer * w = tern_gguf_writer_new();
    struct job * jobs = calloc(g.n_tensors ? g.n_tensors : 1, sizeof(*jobs));
    int rc = w && jobs ? 0 : -1;
    if (rc) snprintf(err, err_size, "out of memory");
    size_t total = 0;
    for (uint64_t i = 0; i < g.n_tensors; i++) total += (size_t) g.tensors[i].nbytes;
    if (!rc) tern_hf_model_add_keys(hf, w);
    size_t done = 0;
    for (uint64_t i = 0; !rc && i < g.n_tensors; i++) {
        struct job * j = &jobs[i];
        *j = (struct job) { .o = o, .err = err, .err_size = err_size, .hf = hf, .t = &g.tensors[i],
                            .total_bytes = total ? total : 1 };
        done += (size_t) g.tensors[i].nbytes;
        j->done_bytes = done;
        rc = plan(j, &g, a, err, err_size);
        const uint32_t type = j->kind == NORM ? TERN_GGML_F32 : j->kind == DENSE ? j->out_type : TERN_GGML_I2_S;
        if (!rc && tern_gguf_add_tensor(w, j->name, type, j->t->n_dims, j->t->ne, NULL, fill, j)) {
            rc = -1;
            snprintf(err, err_size, "%s: a %s tensor of shape [%llu, %llu] cannot be written", j->name, tern_ggml_type_name(type),
                     (unsigned long long) j->t->ne[0], (unsigned long long) j->t->ne[1]);
        }
    }
    if (!rc) {
        char werr[400];
        err[0] = '\0';
        rc = tern_gguf_writer_write(w, o->out, werr, sizeof(werr));
        if (rc && !err[0]) snprintf(err, err_size, "%s", werr);      // else a tensor's own reason
    }
    if (!rc && o->progress) o->progress(o->progress_user, 1.0, "converted");
    tern_gguf_writer_free(w);
    free(jobs);
    tern_gguf_close(&g);
    tern_hf_model_close(hf);
    return rc;
}
