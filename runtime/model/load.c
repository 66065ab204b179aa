// Loading a ternary model (see tern/model.h): read the hyperparameters for the file's
// architecture, check and map every tensor the architecture table lists, plan the kernels,
// repack the ternary weights chunk by chunk, then the tokenizer.

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tern/tune.h"
#include "tern/clock.h"
#include "tern/codec.h"
#include "tern/err.h"
#include "tern/hf_model.h"
#include "tern/log.h"
#include "tern/model.h"
#include "tern/ops.h"
#include "tern/tokenizer.h"

#define MAX_PLANS 16
#define MAX_LOAD_THREADS 64

struct loader {
    struct tern_model * m;
    const struct tern_load_options * opt;
    const struct tern_cpu * cpu;
    struct tern_profile * profile;
    struct tern_dims dims;
    struct { size_t k, n; struct tern_plan_choice c; } plans[MAX_PLANS];
    size_t n_plans;
    float * scales;             // (n) row scales of the tensor being loaded
    size_t scales_cap;
    size_t row_scales_cap, row_scales_used;   // m->row_scales, for tensors whose rows differ
    size_t done_bytes, total_bytes;
    char * err;
    size_t err_size;
};

// The loader's error line: -1.
#define fail(L, ...) tern_errf((L)->err, (L)->err_size, __VA_ARGS__)

struct tern_dims tern_hparams_dims(const struct tern_hparams * hp) {
    return (struct tern_dims) { .embd = hp->n_embd, .ff = hp->n_ff, .q = (size_t) hp->n_head * hp->head_dim,
                                .kv = (size_t) hp->n_head_kv * hp->head_dim };
}

// ---------------------------------------------------------------------------- hparams

static bool get_u32(const struct loader * L, const char * suffix, uint32_t * out) {
    char key[96];
    snprintf(key, sizeof(key), "%s.%s", L->m->hp.arch_name, suffix);
    return tern_gguf_get_u32(&L->m->gguf, key, out);
}

static bool get_f32(const struct loader * L, const char * suffix, float * out) {
    char key[96];
    snprintf(key, sizeof(key), "%s.%s", L->m->hp.arch_name, suffix);
    return tern_gguf_get_f32(&L->m->gguf, key, out);
}

static int read_hparams(struct loader * L) {
    const struct tern_gguf * g = &L->m->gguf;
    struct tern_hparams * hp = &L->m->hp;
    struct tern_gguf_str s;
    char name[65];
    if (!tern_gguf_get_str(g, "general.architecture", &s)) return fail(L, "general.architecture is missing: not a model file");
    hp->arch = tern_arch_find(s.ptr, (size_t) s.len);
    if (!hp->arch) {
        char known[200] = "";
        for (size_t i = 0; tern_arch_get(i); i++) {
            const size_t at = strlen(known);
            snprintf(known + at, sizeof(known) - at, "%s%s", i ? ", " : "", tern_arch_get(i)->name);
        }
        return fail(L, "architecture '%s' is not supported (tern runs %s)", tern_gguf_printable(s, name, sizeof(name)), known);
    }
    snprintf(hp->arch_name, sizeof(hp->arch_name), "%.*s", (int) s.len, s.ptr);
    // general.name is shown in messages and tables: made printable (at most 64 bytes).
    if (tern_gguf_get_str(g, "general.name", &s)) tern_gguf_printable(s, hp->name, sizeof(hp->name));
    const struct { const char * key; uint32_t * field; } required[] = {
        { "embedding_length", &hp->n_embd }, { "feed_forward_length", &hp->n_ff }, { "block_count", &hp->n_layer },
        { "attention.head_count", &hp->n_head },
    };
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        if (!get_u32(L, required[i].key, required[i].field)) {
            return fail(L, "%s.%s is missing or not an integer", hp->arch_name, required[i].key);
        }
    }
    if (!get_u32(L, "attention.head_count_kv", &hp->n_head_kv)) hp->n_head_kv = hp->n_head;
    if (!get_u32(L, "context_length", &hp->n_ctx_train)) hp->n_ctx_train = 4096;
    if (!get_f32(L, "rope.freq_base", &hp->rope_theta)) hp->rope_theta = hp->arch->rope_theta;
    if (!get_f32(L, "attention.layer_norm_rms_epsilon", &hp->rms_eps)) hp->rms_eps = hp->arch->rms_eps;

    if (hp->n_embd == 0 || hp->n_embd > 65536 || hp->n_ff == 0 || hp->n_ff > 262144 || hp->n_layer == 0 ||
        hp->n_layer > 1024 || hp->n_head == 0 || hp->n_head > hp->n_embd || hp->n_head_kv == 0 ||
        hp->n_head % hp->n_head_kv || hp->n_ctx_train == 0) {
        return fail(L, "impossible model shape: embd %u, ff %u, layers %u, heads %u/%u", hp->n_embd, hp->n_ff,
                    hp->n_layer, hp->n_head, hp->n_head_kv);
    }
    // The head dim is the file's key_length when it has one: n_head * head_dim need not be n_embd.
    uint32_t key_len, value_len;
    if (get_u32(L, "attention.key_length", &key_len)) {
        if (get_u32(L, "attention.value_length", &value_len) && value_len != key_len) {
            return fail(L, "%s.attention.value_length %u differs from key_length %u: not supported", hp->arch_name,
                        value_len, key_len);
        }
        hp->head_dim = key_len;
    } else if (hp->n_embd % hp->n_head == 0) {
        hp->head_dim = hp->n_embd / hp->n_head;
    } else {
        return fail(L, "embedding length %u is not a multiple of %u heads and %s.attention.key_length is missing",
                    hp->n_embd, hp->n_head, hp->arch_name);
    }
    if (hp->head_dim == 0 || hp->head_dim > TERN_MAX_HEAD_DIM || hp->head_dim % 2) {
        return fail(L, "head dim %u: RoPE needs an even head dim of at most %d", hp->head_dim, TERN_MAX_HEAD_DIM);
    }
    uint32_t rot;
    if (get_u32(L, "rope.dimension_count", &rot) && rot != hp->head_dim) {
        return fail(L, "%s.rope.dimension_count = %u, but partial RoPE is not supported (head dim %u)", hp->arch_name, rot,
                    hp->head_dim);
    }
    struct tern_gguf_str scaling;
    char key[96];
    snprintf(key, sizeof(key), "%s.rope.scaling.type", hp->arch_name);
    float factor = 1.0f;
    get_f32(L, "rope.scaling.factor", &factor);
    if (tern_gguf_get_str(g, key, &scaling) && !tern_gguf_str_eq(scaling, "none") && factor != 1.0f) {
        return fail(L, "RoPE scaling '%s' with factor %g is not supported", tern_gguf_printable(scaling, name, sizeof(name)),
                    (double) factor);
    }
    if (!(hp->rope_theta > 0) || !isfinite(hp->rope_theta) || !(hp->rms_eps > 0) || !isfinite(hp->rms_eps)) {
        return fail(L, "rope.freq_base and layer_norm_rms_epsilon must be positive and finite");
    }
    L->dims = tern_hparams_dims(hp);
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

// An embedding or output matrix, used in the file's own type.
static int load_dense(struct loader * L, const struct tern_gguf_tensor * t, const char * name, struct tern_dense * D) {
    enum tern_dense_type type;
    if (!tern_dense_type_of_ggml(t->type, &type)) {
        return fail(L, "tensor '%s' is %s; tern reads F32, F16, BF16 and Q8_0 embeddings and output matrices", name,
                    tern_ggml_type_name(t->type));
    }
    if ((uintptr_t) t->data % 4) return fail(L, "tensor '%s' data is not 4-byte aligned", name);
    *D = (struct tern_dense) { .type = type, .n = (size_t) t->ne[1], .k = (size_t) t->ne[0], .w = t->data };
    return 0;
}

// Is p file data (a GGUF mapping or a checkpoint's safetensors), whose pages can be dropped?
static bool in_mapping(const struct tern_model * m, const void * p) {
    if (m->embd_copy && (const uint8_t *) p >= (const uint8_t *) m->embd_copy &&
        (const uint8_t *) p < (const uint8_t *) m->embd_copy + m->embd_copy_bytes) {
        return false;
    }
    return m->hf || ((const uint8_t *) p >= m->gguf.base && (const uint8_t *) p < m->gguf.base + m->gguf.size);
}

// fn(arg) on up to `want` threads, the caller being one of them; returns when all are done.
static void on_threads(void * (*fn)(void *), void * arg, size_t want) {
    pthread_t tid[MAX_LOAD_THREADS];
    size_t started = 0;
    if (want > MAX_LOAD_THREADS) want = MAX_LOAD_THREADS;
    while (started + 1 < want && pthread_create(&tid[started], NULL, fn, arg) == 0) started++;
    fn(arg);
    for (size_t i = 0; i < started; i++) pthread_join(tid[i], NULL);
}

// A copy out of the file mapping in chunks that threads claim in turn, each chunk's file pages
// dropped once copied. On a VM the copy's cost is mostly the kernel zeroing (and the host
// backing) the fresh huge pages as they fault, which runs on the faulting thread: more threads,
// less time.
struct chunked_copy {
    uint8_t * dst;
    const uint8_t * src;
    size_t bytes, chunk;
    atomic_size_t next;
};

static void * copy_worker(void * arg) {
    struct chunked_copy * C = arg;
    for (size_t at; (at = atomic_fetch_add(&C->next, C->chunk)) < C->bytes;) {
        const size_t n = C->bytes - at < C->chunk ? C->bytes - at : C->chunk;
        memcpy(C->dst + at, C->src + at, n);
        tern_drop_pages(C->src + at, n);
    }
    return NULL;
}

// The embedding (often the tied output: half the bytes of a decode step) copied out of the
// file mapping into huge pages, a chunk at a time with each chunk's file pages dropped, so
// RSS never holds two copies.
static int move_to_huge_pages(struct loader * L, const struct tern_gguf_tensor * t, struct tern_dense * D) {
    const size_t bytes = (size_t) t->nbytes, chunk = (size_t) 16 << 20;
    uint8_t * dst = tern_huge_alloc(bytes);
    if (!dst) return fail(L, "out of memory for the %.0f MiB embedding", (double) bytes / 1048576.0);
    struct chunked_copy job = { .dst = dst, .src = t->data, .bytes = bytes, .chunk = chunk };
    atomic_init(&job.next, 0);
    on_threads(copy_worker, &job, L->opt->threads > 1 ? (size_t) L->opt->threads : 1);
    L->m->embd_copy = dst;
    L->m->embd_copy_bytes = bytes;
    D->w = dst;
    return 0;
}

// A GGUF tensor (or a checkpoint's, under its GGUF name) as a codec's input.
static int tensor_src(struct loader * L, const struct tern_gguf_tensor * t, const char * name, struct tern_tensor_src * s) {
    enum tern_codec_id codec;
    float hf_scale = 0;
    bool divides = false;
    if (t->type == TERN_GGML_HF_PACKED && L->m->hf && tern_hf_model_scale(L->m->hf, t, &hf_scale, &divides)) {
        codec = TERN_CODEC_HF_PACKED;
    } else if (!tern_codec_of_ggml(t->type, &codec)) {
        return fail(L, "tensor '%s' is %s: ternary linears must be I2_S, TQ1_0, TQ2_0, or F32/F16/BF16 latent weights",
                    name, tern_ggml_type_name(t->type));
    }
    *s = (struct tern_tensor_src) { .name = name, .codec = codec, .k = (size_t) t->ne[0], .n = (size_t) t->ne[1],
                                    .data = t->data, .nbytes = (size_t) t->nbytes, .hf_scale = hf_scale,
                                    .hf_scale_divides = divides };
    if (s->k % tern_codec_get(codec)->block) {
        return fail(L, "tensor '%s': %s needs rows of a multiple of %zu values, not %zu", name, tern_codec_get(codec)->name,
                    tern_codec_get(codec)->block, s->k);
    }
    return 0;
}

static const struct tern_plan_choice * plan_for(struct loader * L, size_t k, size_t n) {
    for (size_t i = 0; i < L->n_plans; i++) {
        if (L->plans[i].k == k && L->plans[i].n == n) return &L->plans[i].c;
    }
    if (L->n_plans == MAX_PLANS) {
        fail(L, "the model has more than %d distinct linear shapes", MAX_PLANS);
        return NULL;
    }
    struct tern_plan_choice * c = &L->plans[L->n_plans].c;
    tern_plan_choose(L->cpu, L->profile, k, n, L->opt->threads > 0 ? L->opt->threads : 1, c);
    if (!c->decode) {
        fail(L, "no kernel variant can run a %zux%zu linear on this CPU", k, n);
        return NULL;
    }
    L->plans[L->n_plans].k = k;
    L->plans[L->n_plans].n = n;
    return &L->plans[L->n_plans++].c;
}

// Small files load in a blink: progress is reported from 64 MiB of layers on.
static void progress(struct loader * L, const char * what) {
    if (L->opt->progress && L->total_bytes > ((size_t) 64 << 20)) {
        L->opt->progress(L->opt->progress_user, (double) L->done_bytes / (double) L->total_bytes, what);
    }
}

// The scales of t's rows: one for the whole tensor when they agree (the kernels' fast path),
// else a row each from m->row_scales. An optional "<name>.scale" tensor (llama.cpp's bitnet
// graph multiplies by it) is folded in.
static int linear_scales(struct loader * L, const struct tern_tensor_src * src, const char * scale_name,
                         struct tern_linear * lin) {
    if (src->n > L->scales_cap) {
        free(L->scales);
        L->scales_cap = src->n;
        L->scales = malloc(src->n * sizeof(float));
        if (!L->scales) return fail(L, "out of memory");
    }
    if (tern_codec_get(src->codec)->scales(src, L->scales, L->err, L->err_size)) return -1;
    const struct tern_gguf_tensor * extra = tern_gguf_find_tensor(&L->m->gguf, scale_name);
    float mul = 1.0f;
    if (extra) {
        if (extra->type != TERN_GGML_F32 || extra->ne[0] != 1 || extra->ne[1] != 1) {
            return fail(L, "tensor '%s' must be a single F32 value", scale_name);
        }
        memcpy(&mul, extra->data, 4);
        if (!isfinite(mul)) return fail(L, "tensor '%s' is not finite", scale_name);
    }
    bool uniform = true;
    for (size_t r = 0; r < src->n; r++) {
        L->scales[r] *= mul;
        uniform &= L->scales[r] == L->scales[0];
    }
    lin->w_scale = L->scales[0];
    if (uniform) return 0;
    if (!L->m->row_scales) {
        L->m->row_scales = malloc(L->row_scales_cap * sizeof(float));
        if (!L->m->row_scales) return fail(L, "out of memory for per-row scales");
    }
    if (L->row_scales_used + src->n > L->row_scales_cap) return fail(L, "internal error: row scale storage too small");
    float * rs = L->m->row_scales + L->row_scales_used;
    L->row_scales_used += src->n;
    memcpy(rs, L->scales, src->n * sizeof(float));
    lin->row_scale = rs;
    return 0;
}

// One tensor's repack, split into chunks of rows that threads claim in turn: each decodes
// its rows from the file's encoding and packs whole panels into disjoint parts of the arena,
// so the result does not depend on the thread count.
struct repack {
    const struct tern_tensor_src * src;
    const struct tern_codec * codec;
    const struct tern_variant * v;
    void * packed;
    const float * scales;
    size_t panel_bytes, hd, k, n, chunk;
    atomic_size_t next;          // first row of the next unclaimed chunk
    atomic_bool failed;
    pthread_mutex_t mu;          // err
    char err[256];
};

static void * repack_worker(void * arg) {
    struct repack * J = arg;
    int8_t * rows = malloc(J->chunk * J->k);
    char err[256] = "out of memory for the repack scratch";
    bool ok = rows != NULL;
    for (size_t r0; ok && !atomic_load(&J->failed) && (r0 = atomic_fetch_add(&J->next, J->chunk)) < J->n;) {
        const size_t count = J->n - r0 < J->chunk ? J->n - r0 : J->chunk;
        for (size_t r = r0; ok && J->hd && r < r0 + count; r++) {
            const size_t g = r % J->hd, from = r - g + (g % 2) * (J->hd / 2) + g / 2;
            ok = J->codec->rows(J->src, from, 1, J->scales, rows + (r - r0) * J->k, err, sizeof(err)) == 0;
        }
        if (ok && !J->hd) ok = J->codec->rows(J->src, r0, count, J->scales, rows, err, sizeof(err)) == 0;
        if (ok) {
            const struct tern_variant * v = J->v;
            v->pack(count, J->k, v->nr, v->kb, v->vbytes, rows, J->k,
                    (uint8_t *) J->packed + r0 / v->nr * J->panel_bytes);
        }
    }
    free(rows);
    if (!ok) {
        pthread_mutex_lock(&J->mu);
        if (!atomic_exchange(&J->failed, true)) snprintf(J->err, sizeof(J->err), "%s", err);
        pthread_mutex_unlock(&J->mu);
    }
    return NULL;
}

// 0, or -1 with J->err. Up to `threads` threads (the caller is one), no more than chunks.
static int repack_all(struct repack * J, int threads) {
    const size_t n_chunks = (J->n + J->chunk - 1) / J->chunk;
    size_t want = threads > 1 ? (size_t) threads : 1;
    if (want > n_chunks) want = n_chunks;
    atomic_init(&J->next, 0);
    atomic_init(&J->failed, false);
    pthread_mutex_init(&J->mu, NULL);
    on_threads(repack_worker, J, want);
    pthread_mutex_destroy(&J->mu);
    return atomic_load(&J->failed) ? -1 : 0;
}

// permute_heads > 0: the file holds the rows in Hugging Face order, and the normal RoPE
// pairing wants llama.cpp's: GGUF row 2i + j of a head is HF row j * hd/2 + i.
static int load_linear(struct loader * L, const char * tensor, size_t k, size_t n, size_t permute_heads,
                       struct tern_linear_pair * P) {
    char name[112], scale_name[112];
    snprintf(name, sizeof(name), "%s.weight", tensor);
    snprintf(scale_name, sizeof(scale_name), "%s.scale", tensor);
    const struct tern_gguf_tensor * t = need_tensor(L, name, k, n);
    struct tern_tensor_src src;
    if (!t || tensor_src(L, t, name, &src)) return -1;
    P->src_type = src.codec;
    const struct tern_plan_choice * c = plan_for(L, k, n);
    if (!c) return -1;
    const struct tern_variant * v = c->decode;
    const size_t bytes = (tern_variant_packed_bytes(v, n, k) + 4095) / 4096 * 4096;
    if (L->m->weights_used + bytes > L->m->weights_bytes) return fail(L, "internal error: weight arena too small");
    void * packed = (uint8_t *) L->m->weights + L->m->weights_used;
    L->m->weights_used += bytes;
    P->decode = tern_linear_view(v, n, k, packed, 1.0f);
    if (linear_scales(L, &src, scale_name, &P->decode)) return -1;
    P->prefill = tern_linear_view(c->prefill, n, k, packed, P->decode.w_scale);
    P->prefill.row_scale = P->decode.row_scale;
    L->m->packed_bytes += tern_variant_packed_bytes(v, n, k);
    struct repack job = {
        .src = &src, .codec = tern_codec_get(src.codec), .v = v, .packed = packed, .scales = L->scales,
        .panel_bytes = tern_variant_panel_bytes(v, k), .hd = permute_heads ? n / permute_heads : 0, .k = k, .n = n,
    };
    // About 1 MiB of int8 rows per chunk, a whole number of panels.
    job.chunk = ((size_t) 1 << 20) / k / v->nr * v->nr;
    if (job.chunk < v->nr) job.chunk = v->nr;
    if (repack_all(&job, L->opt->threads)) return fail(L, "'%s': %s", name, job.err);
    tern_drop_pages(t->data, (size_t) t->nbytes);
    L->done_bytes += (size_t) t->nbytes;
    progress(L, "repacking the ternary weights");
    return 0;
}

// Every layer's tensors, in the order of the layer tensor table.
static int load_layers(struct loader * L) {
    struct tern_model * m = L->m;
    const struct tern_hparams * hp = &m->hp;
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    // One arena for all packed weights, sized from the plan of each shape; norm and row-scale
    // storage sized from the same table.
    size_t per_layer = 0, norm_floats = hp->n_embd, rows = 0;
    for (size_t i = 0; i < n_specs; i++) {
        if (!tern_arch_has(hp->arch, &spec[i])) continue;
        const size_t k = tern_dim_size(&L->dims, spec[i].k), n = tern_dim_size(&L->dims, spec[i].n);
        if (spec[i].role == TERN_TENSOR_NORM) {
            norm_floats += (size_t) hp->n_layer * k;
            continue;
        }
        const struct tern_plan_choice * c = plan_for(L, k, n);
        if (!c) return -1;
        per_layer += (tern_variant_packed_bytes(c->decode, n, k) + 4095) / 4096 * 4096;
        rows += n;
    }
    L->row_scales_cap = rows * hp->n_layer;
    m->weights_bytes = per_layer * hp->n_layer;
    m->weights = tern_huge_alloc(m->weights_bytes);
    if (!m->weights) return fail(L, "out of memory for %.0f MiB of repacked weights", (double) m->weights_bytes / 1048576.0);
    m->layers = calloc(hp->n_layer, sizeof(*m->layers));
    m->norms = malloc(norm_floats * sizeof(float));
    if (!m->layers || !m->norms) return fail(L, "out of memory");
    float * nv = m->norms;
    for (uint32_t l = 0; l < hp->n_layer; l++) {
        uint8_t * layer = (uint8_t *) &m->layers[l];
        for (size_t i = 0; i < n_specs; i++) {
            if (!tern_arch_has(hp->arch, &spec[i])) continue;
            const size_t k = tern_dim_size(&L->dims, spec[i].k), n = tern_dim_size(&L->dims, spec[i].n);
            char name[64];
            snprintf(name, sizeof(name), "blk.%u.%s", l, spec[i].name);
            if (spec[i].role == TERN_TENSOR_NORM) {
                char full[80];
                snprintf(full, sizeof(full), "%s.weight", name);
                if (load_norm(L, full, k, nv)) return -1;
                memcpy(layer + spec[i].offset, &nv, sizeof(nv));
                nv += k;
            } else {
                // Checkpoint rows of q / k come unpermuted; GGUF files hold llama.cpp's order.
                const size_t heads = spec[i].n == TERN_DIM_Q ? hp->n_head : hp->n_head_kv;
                const size_t permute = m->hf && spec[i].roped && hp->arch->rope == TERN_ROPE_NORM ? heads : 0;
                if (load_linear(L, name, k, n, permute, (struct tern_linear_pair *) (layer + spec[i].offset))) return -1;
            }
        }
    }
    if (load_norm(L, "output_norm.weight", hp->n_embd, nv)) return -1;
    m->output_norm = nv;
    return 0;
}

// The token embedding; moved to huge pages unless only row lookups will touch it.
static int load_embedding(struct loader * L) {
    struct tern_model * m = L->m;
    const struct tern_gguf_tensor * te = tern_gguf_find_tensor(&m->gguf, "token_embd.weight");
    if (!te) return fail(L, "tensor 'token_embd.weight' is missing");
    const uint32_t n_vocab = (uint32_t) te->ne[1];
    uint32_t declared;
    if (get_u32(L, "vocab_size", &declared) && declared != n_vocab) {
        return fail(L, "%s.vocab_size = %u but token_embd.weight has %u rows", m->hp.arch_name, declared, n_vocab);
    }
    m->hp.n_vocab = n_vocab;
    if (!need_tensor(L, "token_embd.weight", m->hp.n_embd, n_vocab) || load_dense(L, te, "token_embd.weight", &m->tok_embd)) {
        return -1;
    }
    // With a q8 head over a tied embedding, or an untied head, the embedding is only looked
    // up a row at a time: it stays in the file mapping (pages fault in as tokens use them).
    const bool untied = tern_gguf_find_tensor(&m->gguf, "output.weight") != NULL;
    if (untied || L->opt->lm_head == TERN_LM_HEAD_Q8) return 0;
    return move_to_huge_pages(L, te, &m->tok_embd);
}

static int load_output(struct loader * L) {
    struct tern_model * m = L->m;
    const struct tern_gguf_tensor * to = tern_gguf_find_tensor(&m->gguf, "output.weight");
    m->tied = to == NULL;
    if (m->tied) {
        if (m->hp.arch->output == TERN_OUTPUT_EITHER || m->hp.arch->output == TERN_OUTPUT_TIED) {
            m->output = m->tok_embd;
            m->output.owned = NULL;
            return 0;
        }
        return fail(L, "tensor 'output.weight' is missing");
    }
    if (m->hp.arch->output == TERN_OUTPUT_TIED) return fail(L, "a %s model has no output.weight", m->hp.arch->family);
    if (!need_tensor(L, "output.weight", m->hp.n_embd, m->hp.n_vocab)) return -1;
    return load_dense(L, to, "output.weight", &m->output);
}

// rows_done hook for quantizing a mapped matrix: release rows [r0, r1)'s pages.
static void drop_rows(void * ctx, size_t r0, size_t r1) {
    const struct tern_dense * D = ctx;
    size_t row_bytes = 0;
    tern_dense_row_bytes(D->type, D->k, &row_bytes);
    tern_drop_pages((const uint8_t *) D->w + r0 * row_bytes, (r1 - r0) * row_bytes);
}

// --lm-head q8: the output matrix as int8 rows, quantized straight from the mapping.
static int quantize_head(struct loader * L) {
    struct tern_model * m = L->m;
    struct tern_dense q8;
    const bool mapped = in_mapping(m, m->output.w);
    if (tern_dense_quantize_q8(&m->output, &q8, mapped ? drop_rows : NULL, &m->output)) {
        return fail(L, "out of memory quantizing the output matrix");
    }
    if (!m->tied) tern_dense_free(&m->output);
    m->output = q8;
    m->lm_head = TERN_LM_HEAD_Q8;
    // A tied embedding's rows stay for the lookups, in the mapping: int8 inputs would move
    // the logits far more than an int8 head does.
    return 0;
}

static void load_profile(struct loader * L) {
    char path[512], err[400];
    if (L->opt->profile_path) {
        snprintf(path, sizeof(path), "%s", L->opt->profile_path);
    } else if (tern_profile_default_path(path, sizeof(path)) != 0) {
        return;
    }
    if (!L->opt->profile_path && access(path, R_OK) != 0) return;     // not tuned yet: the heuristic, silently
    bool stale = false;
    L->profile = tern_profile_load(path, L->cpu, &stale, err, sizeof(err));
    if (!L->profile) tern_log(TERN_LOG_WARN, "%s; using the heuristic kernel choice", err);
}

static int load_vocab(struct loader * L) {
    struct tern_model * m = L->m;
    char inner[300] = "";
    const struct tern_vocab_options vo = { .arch = m->hp.arch_name, .pre = L->opt->pre_tokenizer };
    if (tern_vocab_present(&m->gguf) && !(m->vocab = tern_vocab_load_opts(&m->gguf, &vo, inner, sizeof(inner)))) {
        return fail(L, "%s", inner);
    }
    if (L->opt->chat_template) {
        if (tern_chat_format_from_name(L->opt->chat_template, &m->chat, inner, sizeof(inner))) return fail(L, "%s", inner);
        snprintf(m->chat_why, sizeof(m->chat_why), "--chat-template %s", L->opt->chat_template);
    } else {
        m->chat = tern_chat_detect_gguf(&m->gguf, m->vocab, m->chat_why, sizeof(m->chat_why));
    }
    if (m->vocab && tern_vocab_size(m->vocab) != m->hp.n_vocab) {
        return fail(L, "the vocabulary has %zu tokens but token_embd.weight has %u rows", tern_vocab_size(m->vocab),
                    m->hp.n_vocab);
    }
    return 0;
}

int tern_model_load(struct tern_model * m, const char * path, const struct tern_load_options * opt, char * err,
                    size_t err_size) {
    memset(m, 0, sizeof(*m));
    const double t0 = tern_now_s();
    struct loader L = { .m = m, .opt = opt, .cpu = tern_cpu_get(), .err = err, .err_size = err_size };
    if (tern_path_is_dir(path) ? tern_hf_model_open(&m->hf, path, &m->gguf, err, err_size)
                               : tern_gguf_open(&m->gguf, path, err, err_size)) {
        return -1;
    }
    for (uint64_t i = 0; i < m->gguf.n_tensors; i++) {
        if (strncmp(m->gguf.tensors[i].name.ptr, "blk.", 4) == 0) L.total_bytes += (size_t) m->gguf.tensors[i].nbytes;
    }
    int rc = read_hparams(&L);
    if (!rc) rc = load_embedding(&L);
    if (!rc) rc = load_output(&L);
    if (!rc) {
        load_profile(&L);
        rc = load_layers(&L);
    }
    if (!rc) {
        size_t measured = 0, tuned = 0;
        for (size_t i = 0; i < L.n_plans; i++) {
            measured += L.plans[i].c.from_profile;
            tuned += L.plans[i].c.tuned;
        }
        if (!L.profile || !measured) snprintf(m->plan_source, sizeof(m->plan_source), "heuristic");
        else snprintf(m->plan_source, sizeof(m->plan_source), "profile: %zu/%zu shapes retuned", tuned, L.n_plans);
    }
    if (!rc && opt->lm_head == TERN_LM_HEAD_Q8) rc = quantize_head(&L);
    if (!rc && m->output.type == TERN_DENSE_F16) {     // the type the tuner streams (the int8 head's dots do not prefetch)
        m->output.prefetch = tern_plan_prefetch(L.profile, opt->threads > 0 ? opt->threads : 1, NULL, 0);
        const size_t used = strlen(m->plan_source);
        if (m->output.prefetch) {
            snprintf(m->plan_source + used, sizeof(m->plan_source) - used, ", head prefetch %zu B", m->output.prefetch);
        }
    }
    if (!rc && !opt->no_vocab) rc = load_vocab(&L);
    if (!rc && opt->progress && L.total_bytes > ((size_t) 64 << 20)) opt->progress(opt->progress_user, 1.0, "loaded");
    free(L.scales);
    tern_profile_free(L.profile);
    if (rc) {
        tern_model_free(m);
        return -1;
    }
    m->load_ms = 1e3 * (tern_now_s() - t0);
    return 0;
}

void tern_model_free(struct tern_model * m) {
    tern_huge_free(m->weights, m->weights_bytes);     // the layers' packed weights are views into it
    tern_huge_free(m->embd_copy, m->embd_copy_bytes);
    free(m->layers);
    free(m->norms);
    free(m->row_scales);
    if (!m->tied || m->lm_head == TERN_LM_HEAD_Q8) tern_dense_free(&m->output);
    tern_dense_free(&m->tok_embd);
    tern_vocab_free(m->vocab);
    tern_gguf_close(&m->gguf);
    tern_hf_model_close(m->hf);
    memset(m, 0, sizeof(*m));
}
