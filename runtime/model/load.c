// Loading a BitNet b1.58 GGUF (see tern/model.h): validate, plan, repack chunk by chunk.

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "plan.h"
#include "tern/clock.h"
#include "tern/i2s_disk.h"
#include "tern/model.h"
#include "tern/tokenizer.h"

#define MAX_PLANS 16

struct loader {
    struct tern_model * m;
    const struct tern_load_options * opt;
    const struct tern_cpu * cpu;
    struct tern_profile * profile;
    struct { size_t k, n; struct tern_plan_choice c; } plans[MAX_PLANS];
    size_t n_plans;
    int8_t * rows;              // chunk scratch: (chunk rows, k) ternary values
    size_t rows_cap;
    size_t done_bytes, total_bytes, done_tensors, total_tensors;
    bool progress;
    char * err;
    size_t err_size;
};

static int fail(struct loader * L, const char * fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err, L->err_size, fmt, ap);
    va_end(ap);
    return -1;
}

// ---------------------------------------------------------------------------- hparams

static int read_hparams(struct loader * L) {
    const struct tern_gguf * g = &L->m->gguf;
    struct tern_hparams * hp = &L->m->hp;
    struct tern_gguf_str s;
    if (!tern_gguf_get_str(g, "general.architecture", &s)) return fail(L, "general.architecture is missing: not a model file");
    if (!tern_gguf_str_eq(s, "bitnet-b1.58") && !tern_gguf_str_eq(s, "bitnet-25")) {
        char name[65];
        return fail(L, "architecture '%s' is not supported (tern runs bitnet-b1.58 and bitnet-25)",
                    tern_gguf_printable(s, name, sizeof(name)));
    }
    memcpy(hp->arch, s.ptr, s.len);
    hp->arch[s.len] = '\0';
    // general.name is shown in messages and tables: made printable (at most 64 bytes).
    if (tern_gguf_get_str(g, "general.name", &s)) tern_gguf_printable(s, hp->name, sizeof(hp->name));
    char key[96];
#define REQUIRED_U32(field, suffix)                                                            \
    snprintf(key, sizeof(key), "%s." suffix, hp->arch);                                        \
    if (!tern_gguf_get_u32(g, key, &hp->field)) return fail(L, "%s is missing or not an integer", key);
    REQUIRED_U32(n_embd, "embedding_length")
    REQUIRED_U32(n_ff, "feed_forward_length")
    REQUIRED_U32(n_layer, "block_count")
    REQUIRED_U32(n_head, "attention.head_count")
#undef REQUIRED_U32
    snprintf(key, sizeof(key), "%s.attention.head_count_kv", hp->arch);
    if (!tern_gguf_get_u32(g, key, &hp->n_head_kv)) hp->n_head_kv = hp->n_head;
    snprintf(key, sizeof(key), "%s.context_length", hp->arch);
    if (!tern_gguf_get_u32(g, key, &hp->n_ctx_train)) hp->n_ctx_train = 4096;
    snprintf(key, sizeof(key), "%s.rope.freq_base", hp->arch);
    if (!tern_gguf_get_f32(g, key, &hp->rope_theta)) hp->rope_theta = 500000.0f;
    snprintf(key, sizeof(key), "%s.attention.layer_norm_rms_epsilon", hp->arch);
    if (!tern_gguf_get_f32(g, key, &hp->rms_eps)) hp->rms_eps = 1e-5f;

    if (hp->n_embd == 0 || hp->n_embd > 65536 || hp->n_ff == 0 || hp->n_ff > 262144 || hp->n_layer == 0 ||
        hp->n_layer > 1024 || hp->n_head == 0 || hp->n_head > hp->n_embd || hp->n_head_kv == 0 ||
        hp->n_head % hp->n_head_kv || hp->n_embd % hp->n_head || hp->n_ctx_train == 0) {
        return fail(L, "impossible model shape: embd %u, ff %u, layers %u, heads %u/%u", hp->n_embd, hp->n_ff,
                    hp->n_layer, hp->n_head, hp->n_head_kv);
    }
    hp->head_dim = hp->n_embd / hp->n_head;
    uint32_t rot;
    snprintf(key, sizeof(key), "%s.rope.dimension_count", hp->arch);
    if (tern_gguf_get_u32(g, key, &rot) && rot != hp->head_dim) {
        return fail(L, "%s = %u, but partial RoPE is not supported (head dim %u)", key, rot, hp->head_dim);
    }
    if (hp->head_dim % 2) return fail(L, "head dim %u is odd: RoPE needs pairs", hp->head_dim);
    if (!(hp->rope_theta > 0) || !isfinite(hp->rope_theta) || !(hp->rms_eps > 0) || !isfinite(hp->rms_eps)) {
        return fail(L, "rope.freq_base and layer_norm_rms_epsilon must be positive and finite");
    }
    return 0;
}

// ---------------------------------------------------------------------------- tensors

static const struct tern_gguf_tensor * need_tensor(struct loader * L, const char * name, uint64_t ne0, uint64_t ne1) {
    const struct tern_gguf_tensor * t = tern_gguf_find_tensor(&L->m->gguf, name);
    if (!t) {
        fail(L, "tensor '%s' is missing", name);
        return NULL;
    }
    const uint64_t want_dims = ne1 ? 2 : 1;
    if (t->ne[0] != ne0 || t->ne[1] != (ne1 ? ne1 : 1) || t->ne[2] != 1 || t->ne[3] != 1 || t->n_dims > want_dims) {
        fail(L, "tensor '%s' has shape [%llu, %llu, %llu, %llu], expected [%llu, %llu]", name,
             (unsigned long long) t->ne[0], (unsigned long long) t->ne[1], (unsigned long long) t->ne[2],
             (unsigned long long) t->ne[3], (unsigned long long) ne0, (unsigned long long) (ne1 ? ne1 : 1));
        return NULL;
    }
    return t;
}

static int load_norm(struct loader * L, const char * name, size_t n, float * dst) {
    const struct tern_gguf_tensor * t = need_tensor(L, name, n, 0);
    if (!t) return -1;
    for (size_t i = 0; i < n; i++) {
        switch (t->type) {
        case TERN_GGML_F32: memcpy(&dst[i], t->data + 4 * i, 4); break;
        case TERN_GGML_F16: { uint16_t h; memcpy(&h, t->data + 2 * i, 2); dst[i] = tern_f16_to_f32(h); break; }
        case TERN_GGML_BF16: { uint16_t h; memcpy(&h, t->data + 2 * i, 2); dst[i] = tern_bf16_to_f32(h); break; }
        default: return fail(L, "tensor '%s' is %s; norms must be F32, F16 or BF16", name, tern_ggml_type_name(t->type));
        }
        if (!isfinite(dst[i])) return fail(L, "tensor '%s' holds a non-finite value", name);
    }
    return 0;
}

// An embedding or output matrix: F32 and F16 are used in place; BF16 and Q8_0 become F32.
static int load_dense(struct loader * L, const struct tern_gguf_tensor * t, const char * name, struct tern_dense * D) {
    const size_t k = (size_t) t->ne[0], n = (size_t) t->ne[1];
    *D = (struct tern_dense) { .n = n, .k = k, .w = t->data };
    if ((uintptr_t) t->data % 4) return fail(L, "tensor '%s' data is not 4-byte aligned", name);
    switch (t->type) {
    case TERN_GGML_F32: D->type = TERN_DENSE_F32; return 0;
    case TERN_GGML_F16: D->type = TERN_DENSE_F16; return 0;
    case TERN_GGML_BF16:
    case TERN_GGML_Q8_0: {
        float * w = malloc(n * k * sizeof(float));
        if (!w) return fail(L, "out of memory converting '%s' to F32", name);
        for (size_t i = 0; i < n * k; i++) {
            if (t->type == TERN_GGML_BF16) {
                uint16_t h;
                memcpy(&h, t->data + 2 * i, 2);
                w[i] = tern_bf16_to_f32(h);
            } else {
                const uint8_t * blk = t->data + i / 32 * 34;
                uint16_t d;
                memcpy(&d, blk, 2);
                w[i] = tern_f16_to_f32(d) * (float) (int8_t) blk[2 + i % 32];
            }
        }
        *D = (struct tern_dense) { .type = TERN_DENSE_F32, .n = n, .k = k, .w = w, .owned = w };
        return 0;
    }
    default:
        return fail(L, "tensor '%s' is %s; tern reads F32, F16, BF16 and Q8_0 embeddings/output", name,
                    tern_ggml_type_name(t->type));
    }
}

// Frees the page-cache pages of a tensor already repacked, so RSS holds one copy.
static void drop_pages(const struct tern_gguf_tensor * t) {
    const uintptr_t page = (uintptr_t) sysconf(_SC_PAGESIZE);
    const uintptr_t a = ((uintptr_t) t->data + page - 1) / page * page, b = ((uintptr_t) t->data + t->nbytes) / page * page;
    if (b > a) madvise((void *) a, b - a, MADV_DONTNEED);
}

// The embedding (the tied output: half the bytes of a decode step) copied out of the file
// mapping into huge pages, a chunk at a time with each chunk's file pages dropped, so RSS
// never holds two copies.
static int move_to_huge_pages(struct loader * L, const struct tern_gguf_tensor * t, struct tern_dense * D) {
    const size_t bytes = (size_t) t->nbytes, chunk = (size_t) 64 << 20;
    uint8_t * dst = tern_huge_alloc(bytes);
    if (!dst) return fail(L, "out of memory for the %.0f MiB embedding", (double) bytes / 1048576.0);
    for (size_t at = 0; at < bytes; at += chunk) {
        const size_t n = bytes - at < chunk ? bytes - at : chunk;
        memcpy(dst + at, t->data + at, n);
        const struct tern_gguf_tensor part = { .data = t->data + at, .nbytes = n };
        drop_pages(&part);
    }
    L->m->embd_copy = dst;
    L->m->embd_copy_bytes = bytes;
    D->w = dst;
    return 0;
}

// rows_done hook for quantizing the mapped embedding: release rows [r0, r1)'s pages.
static void drop_rows(void * ctx, size_t r0, size_t r1) {
    const struct tern_model * m = ctx;
    const size_t row_bytes = m->tok_embd.k * (m->tok_embd.type == TERN_DENSE_F32 ? 4 : 2);
    const struct tern_gguf_tensor part = { .data = (const uint8_t *) m->tok_embd.w + r0 * row_bytes,
                                           .nbytes = (r1 - r0) * row_bytes };
    drop_pages(&part);
}

static float latent_value(const struct tern_gguf_tensor * t, size_t i) {
    uint16_t h;
    float f;
    switch (t->type) {
    case TERN_GGML_F32: memcpy(&f, t->data + 4 * i, 4); return f;
    case TERN_GGML_F16: memcpy(&h, t->data + 2 * i, 2); return tern_f16_to_f32(h);
    default: memcpy(&h, t->data + 2 * i, 2); return tern_bf16_to_f32(h);
    }
}

// Rows [r0, r0 + nrows) of a ternary tensor as int8 in {-1, 0, 1}.
static int decode_rows(struct loader * L, const struct tern_gguf_tensor * t, const char * name, size_t k, size_t n,
                       size_t r0, size_t nrows, float latent_scale, int8_t * dst) {
    if (t->type == TERN_GGML_I2_S) {
        char inner[200];
        if (tern_i2s_disk_decode_range(t->data, (size_t) t->nbytes, k * n, r0 * k, nrows * k, dst, inner, sizeof(inner))) {
            return fail(L, "tensor '%s': %s", name, inner);
        }
        return 0;
    }
    // Latent weights (DESIGN §5): Wq = clamp(round(W / mean|W|), -1, 1).
    const float inv = latent_scale > 0 ? 1.0f / latent_scale : 0.0f;
    // (Every value is finite here: the mean |W| load_linear took would not be otherwise.)
    for (size_t i = 0; i < nrows * k; i++) {
        const float q = nearbyintf(latent_value(t, r0 * k + i) * inv);
        dst[i] = (int8_t) (q > 1 ? 1 : q < -1 ? -1 : q);
    }
    return 0;
}

static const struct tern_plan_choice * plan_for(struct loader * L, size_t k, size_t n) {
    for (size_t i = 0; i < L->n_plans; i++) {
        if (L->plans[i].k == k && L->plans[i].n == n) return &L->plans[i].c;
    }
    if (L->n_plans == MAX_PLANS) return NULL;
    L->plans[L->n_plans].k = k;
    L->plans[L->n_plans].n = n;
    tern_plan_choose(L->cpu, L->profile, k, n, L->opt->threads > 0 ? L->opt->threads : 1, &L->plans[L->n_plans].c);
    return L->plans[L->n_plans].c.decode ? &L->plans[L->n_plans++].c : NULL;
}

static void show_progress(struct loader * L) {
    if (!L->progress) return;
    fprintf(stderr, "\rtern: loading %zu/%zu tensors, %.0f/%.0f MiB", L->done_tensors, L->total_tensors,
            (double) L->done_bytes / 1048576.0, (double) L->total_bytes / 1048576.0);
    fflush(stderr);
}

static int load_linear(struct loader * L, const char * name, size_t k, size_t n, struct tern_blinear * B) {
    const struct tern_gguf_tensor * t = need_tensor(L, name, k, n);
    if (!t) return -1;
    B->src_type = t->type;
    float scale = 1.0f, latent_scale = 0.0f;
    char inner[200];
    switch (t->type) {
    case TERN_GGML_I2_S:
        if (tern_i2s_disk_scale(t->data, (size_t) t->nbytes, k * n, &scale, inner, sizeof(inner))) {
            return fail(L, "tensor '%s': %s", name, inner);
        }
        break;
    case TERN_GGML_F32: case TERN_GGML_F16: case TERN_GGML_BF16: {
        double sum = 0;
        for (size_t i = 0; i < k * n; i++) sum += fabs((double) latent_value(t, i));
        latent_scale = (float) (sum / (double) (k * n));
        if (!isfinite(latent_scale)) return fail(L, "tensor '%s' holds a non-finite value", name);
        scale = latent_scale;
        break;
    }
    case TERN_GGML_TQ1_0: case TERN_GGML_TQ2_0:
        return fail(L, "tensor '%s' is %s: llama.cpp's ternary types are not supported yet (I2_S, F32, F16 and BF16 are)",
                    name, tern_ggml_type_name(t->type));
    default:
        return fail(L, "tensor '%s' is %s: ternary linears must be I2_S, or F32/F16/BF16 latent weights", name,
                    tern_ggml_type_name(t->type));
    }
    const struct tern_plan_choice * c = plan_for(L, k, n);
    if (!c) return fail(L, "no kernel variant can run a %zux%zu linear on this CPU", k, n);
    const struct tern_variant * v = c->decode;
    const size_t bytes = (tern_variant_packed_bytes(v, n, k) + 4095) / 4096 * 4096;
    if (L->m->weights_used + bytes > L->m->weights_bytes) return fail(L, "internal error: weight arena too small");
    void * packed = (uint8_t *) L->m->weights + L->m->weights_used;
    L->m->weights_used += bytes;
    B->decode = tern_linear_view(v, n, k, packed, scale);
    B->prefill = tern_linear_view(c->prefill, n, k, packed, scale);
    L->m->packed_bytes += tern_variant_packed_bytes(v, n, k);
    // About 1 MiB of int8 rows per chunk, a whole number of panels.
    size_t chunk = ((size_t) 1 << 20) / k / v->nr * v->nr;
    if (chunk < v->nr) chunk = v->nr;
    if (chunk * k > L->rows_cap) {
        free(L->rows);
        L->rows_cap = chunk * k;
        L->rows = malloc(L->rows_cap);
        if (!L->rows) return fail(L, "out of memory repacking '%s'", name);
    }
    const size_t panel_bytes = tern_variant_panel_bytes(v, k);
    for (size_t r0 = 0; r0 < n; r0 += chunk) {
        const size_t rows = n - r0 < chunk ? n - r0 : chunk;
        if (decode_rows(L, t, name, k, n, r0, rows, latent_scale, L->rows)) return -1;
        v->pack(rows, k, v->nr, v->kb, v->vbytes, L->rows, k, (uint8_t *) packed + r0 / v->nr * panel_bytes);
    }
    drop_pages(t);
    L->done_bytes += (size_t) t->nbytes;
    L->done_tensors++;
    show_progress(L);
    return 0;
}

static int load_layers(struct loader * L) {
    struct tern_model * m = L->m;
    const struct tern_hparams * hp = &m->hp;
    const size_t d = hp->n_embd, ff = hp->n_ff, hd = hp->head_dim;
    const size_t q_dim = hp->n_head * hd, kv_dim = hp->n_head_kv * hd;
    // One arena for all packed weights, sized from the plan of each shape.
    const size_t shapes[7][2] = { { d, q_dim }, { d, kv_dim }, { d, kv_dim }, { q_dim, d }, { d, ff }, { d, ff }, { ff, d } };
    size_t per_layer = 0;
    for (size_t i = 0; i < 7; i++) {
        const struct tern_plan_choice * c = plan_for(L, shapes[i][0], shapes[i][1]);
        if (!c) return fail(L, "no kernel variant can run a %zux%zu linear on this CPU", shapes[i][0], shapes[i][1]);
        per_layer += (tern_variant_packed_bytes(c->decode, shapes[i][1], shapes[i][0]) + 4095) / 4096 * 4096;
    }
    m->weights_bytes = per_layer * hp->n_layer;
    m->weights = tern_huge_alloc(m->weights_bytes);
    if (!m->weights) return fail(L, "out of memory for %.0f MiB of repacked weights", (double) m->weights_bytes / 1048576.0);
    m->layers = calloc(hp->n_layer, sizeof(*m->layers));
    m->norms = malloc((d + (size_t) hp->n_layer * (3 * d + ff)) * sizeof(float));
    if (!m->layers || !m->norms) return fail(L, "out of memory");
    float * nv = m->norms;
    char name[96];
#define NORM(field, fmt, len)                                                  \
    snprintf(name, sizeof(name), fmt, l);                                      \
    if (load_norm(L, name, len, nv)) return -1;                                \
    lay->field = nv;                                                           \
    nv += len;
#define LINEAR(field, fmt, k, n)                                               \
    snprintf(name, sizeof(name), fmt, l);                                      \
    if (load_linear(L, name, k, n, &lay->field)) return -1;
    for (uint32_t l = 0; l < hp->n_layer; l++) {
        struct tern_layer * lay = &m->layers[l];
        NORM(attn_norm, "blk.%u.attn_norm.weight", d)
        NORM(attn_sub_norm, "blk.%u.attn_sub_norm.weight", d)
        NORM(ffn_norm, "blk.%u.ffn_norm.weight", d)
        NORM(ffn_sub_norm, "blk.%u.ffn_sub_norm.weight", ff)
        LINEAR(wq, "blk.%u.attn_q.weight", d, q_dim)
        LINEAR(wk, "blk.%u.attn_k.weight", d, kv_dim)
        LINEAR(wv, "blk.%u.attn_v.weight", d, kv_dim)
        LINEAR(wo, "blk.%u.attn_output.weight", q_dim, d)
        LINEAR(gate, "blk.%u.ffn_gate.weight", d, ff)
        LINEAR(up, "blk.%u.ffn_up.weight", d, ff)
        LINEAR(down, "blk.%u.ffn_down.weight", ff, d)
    }
#undef NORM
#undef LINEAR
    if (load_norm(L, "output_norm.weight", d, nv)) return -1;
    m->output_norm = nv;
    return 0;
}

static void load_profile(struct loader * L) {
#if defined(TERN_HAVE_CJSON)
    char path[512], err[400];
    if (L->opt->profile_path) {
        snprintf(path, sizeof(path), "%s", L->opt->profile_path);
    } else if (tern_profile_default_path(path, sizeof(path)) != 0) {
        return;
    }
    if (access(path, R_OK) != 0) return;
    bool stale = false;
    L->profile = tern_profile_load(path, L->cpu, &stale, err, sizeof(err));
    if (!L->profile && !L->opt->quiet) {
        fprintf(stderr, "tern: %s; using the heuristic kernel choice\n", err);
    }
#else
    (void) L;
#endif
}

int tern_model_load(struct tern_model * m, const char * path, const struct tern_load_options * opt, char * err,
                    size_t err_size) {
    memset(m, 0, sizeof(*m));
    const double t0 = 1e3 * tern_now_s();
    struct loader L = { .m = m, .opt = opt, .cpu = tern_cpu_get(), .err = err, .err_size = err_size };
    if (tern_gguf_open(&m->gguf, path, err, err_size)) return -1;
    int rc = read_hparams(&L);
    const struct tern_hparams * hp = &m->hp;
    if (!rc) {
        const struct tern_gguf_tensor * te = tern_gguf_find_tensor(&m->gguf, "token_embd.weight");
        if (!te) {
            rc = fail(&L, "tensor 'token_embd.weight' is missing");
        } else {
            uint32_t n_vocab = (uint32_t) te->ne[1];
            char key[96];
            snprintf(key, sizeof(key), "%s.vocab_size", hp->arch);
            uint32_t declared;
            if (tern_gguf_get_u32(&m->gguf, key, &declared) && declared != n_vocab) {
                rc = fail(&L, "%s = %u but token_embd.weight has %u rows", key, declared, n_vocab);
            }
            m->hp.n_vocab = n_vocab;
            if (!rc && (te = need_tensor(&L, "token_embd.weight", hp->n_embd, n_vocab)) == NULL) rc = -1;
            if (!rc) rc = load_dense(&L, te, "token_embd.weight", &m->tok_embd);
            // With a q8 head over a tied embedding the f16 matrix is only looked up a row at a
            // time: it stays in the file mapping (pages fault in as tokens use them).
            const bool tied_q8 = opt->lm_head_q8 && !tern_gguf_find_tensor(&m->gguf, "output.weight");
            if (!rc && !m->tok_embd.owned && !tied_q8) rc = move_to_huge_pages(&L, te, &m->tok_embd);
        }
    }
    if (!rc) {
        const struct tern_gguf_tensor * to = tern_gguf_find_tensor(&m->gguf, "output.weight");
        m->tied = to == NULL;
        if (m->tied) {
            m->output = m->tok_embd;
            m->output.owned = NULL;
        } else if ((to = need_tensor(&L, "output.weight", hp->n_embd, hp->n_vocab)) == NULL) {
            rc = -1;
        } else {
            rc = load_dense(&L, to, "output.weight", &m->output);
        }
    }
    if (!rc) {
        load_profile(&L);
        for (uint64_t i = 0; i < m->gguf.n_tensors; i++) {
            const uint32_t ty = m->gguf.tensors[i].type;
            if (ty == TERN_GGML_I2_S || m->gguf.tensors[i].ne[1] > 1) {
                if (strncmp(m->gguf.tensors[i].name.ptr, "blk.", 4) == 0) {
                    L.total_bytes += (size_t) m->gguf.tensors[i].nbytes;
                    L.total_tensors++;
                }
            }
        }
        L.progress = !opt->quiet && L.total_bytes > ((size_t) 64 << 20) && isatty(2);
        rc = load_layers(&L);
        if (L.progress) fprintf(stderr, "\r\033[K");
    }
    if (!rc) {
        m->plan_source[0] = '\0';
        snprintf(m->plan_source, sizeof(m->plan_source), "%s", L.profile ? "profile" : "heuristic");
        if (L.profile && L.n_plans && !L.plans[0].c.from_profile) {
            snprintf(m->plan_source, sizeof(m->plan_source), "profile (partial)");
        }
    }
    if (!rc && opt->lm_head_q8) {
        struct tern_dense q8;
        // Quantizing straight from the mapping drops each 4096 rows' f16 pages once read.
        const bool mapped = m->tied && !m->embd_copy && !m->tok_embd.owned;
        if (tern_dense_quantize_q8(&m->output, &q8, mapped ? drop_rows : NULL, m)) {
            rc = fail(&L, "out of memory quantizing the output matrix");
        } else {
            if (!m->tied) tern_dense_free(&m->output);
            m->output = q8;
            m->lm_head_q8 = true;
            // The f16 rows stay for the embedding lookups, in the mapping: int8 inputs would
            // move the logits far more than an int8 head does.
        }
    }
#if defined(TERN_HAVE_PCRE2)
    if (!rc && !opt->no_vocab) {
        char inner[300] = "";
        m->vocab = tern_vocab_load(&m->gguf, inner, sizeof(inner));
        if (!m->vocab && inner[0]) rc = fail(&L, "%s", inner);
        if (m->vocab && tern_vocab_size(m->vocab) != hp->n_vocab) {
            rc = fail(&L, "the vocabulary has %zu tokens but token_embd.weight has %u rows", tern_vocab_size(m->vocab),
                      hp->n_vocab);
        }
    }
#endif
    free(L.rows);
#if defined(TERN_HAVE_CJSON)
    tern_profile_free(L.profile);
#endif
    if (rc) {
        tern_model_free(m);
        return -1;
    }
    m->load_ms = 1e3 * tern_now_s() - t0;
    return 0;
}

void tern_model_free(struct tern_model * m) {
    tern_huge_free(m->weights, m->weights_bytes);     // the layers' packed weights are views into it
    tern_huge_free(m->embd_copy, m->embd_copy_bytes);
    free(m->layers);
    free(m->norms);
    if (!m->tied || m->lm_head_q8) tern_dense_free(&m->output);
    tern_dense_free(&m->tok_embd);
#if defined(TERN_HAVE_PCRE2)
    tern_vocab_free(m->vocab);
#endif
    tern_gguf_close(&m->gguf);
    memset(m, 0, sizeof(*m));
}
