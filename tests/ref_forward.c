// Reference forward pass (see ref_forward.h). Slow and obvious on purpose.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref_forward.h"
#include "tern/arch.h"
#include "tern/codec.h"
#include "tern/gguf.h"
#include "tern/ops.h"

struct ref_linear {
    int8_t * w;     // (n, k) ternary
    float * scale;  // (n) one per row
    size_t k, n;
};

// Any dense tensor (F32, F16, BF16, Q8_0) as floats, decoded here from the formats' definitions.
static float * tensor_f32(const struct tern_gguf * g, const char * name, size_t count) {
    const struct tern_gguf_tensor * t = tern_gguf_find_tensor(g, name);
    if (!t) return NULL;
    float * out = malloc(count * sizeof(float));
    for (size_t i = 0; i < count; i++) {
        uint16_t h;
        switch (t->type) {
        case TERN_GGML_F32: memcpy(&out[i], t->data + 4 * i, 4); break;
        case TERN_GGML_F16: memcpy(&h, t->data + 2 * i, 2); out[i] = tern_f16_to_f32(h); break;
        case TERN_GGML_BF16: memcpy(&h, t->data + 2 * i, 2); out[i] = tern_bf16_to_f32(h); break;
        case TERN_GGML_Q8_0:     // 32 values: f16 scale d, 32 int8
            memcpy(&h, t->data + i / 32 * 34, 2);
            out[i] = tern_f16_to_f32(h) * (float) (int8_t) t->data[i / 32 * 34 + 2 + i % 32];
            break;
        default: free(out); return NULL;
        }
    }
    return out;
}

// A ternary tensor through its codec, times an optional "<name>.scale" tensor.
static int load_linear(const struct tern_gguf * g, const char * base, struct ref_linear * L) {
    char name[128];
    snprintf(name, sizeof(name), "%s.weight", base);
    const struct tern_gguf_tensor * t = tern_gguf_find_tensor(g, name);
    enum tern_codec_id id;
    if (!t || !tern_codec_of_ggml(t->type, &id)) return -1;
    L->k = (size_t) t->ne[0];
    L->n = (size_t) t->ne[1];
    L->w = malloc(L->k * L->n);
    L->scale = malloc(L->n * sizeof(float));
    const struct tern_tensor_src src = { .name = name, .codec = id, .k = L->k, .n = L->n, .data = t->data,
                                         .nbytes = (size_t) t->nbytes };
    char err[300];
    const struct tern_codec * c = tern_codec_get(id);
    if (c->scales(&src, L->scale, err, sizeof(err)) || c->rows(&src, 0, L->n, L->scale, L->w, err, sizeof(err))) {
        fprintf(stderr, "ref_forward: %s\n", err);
        return -1;
    }
    snprintf(name, sizeof(name), "%s.scale", base);
    const struct tern_gguf_tensor * s = tern_gguf_find_tensor(g, name);
    if (s) {
        float mul;
        memcpy(&mul, s->data, 4);
        for (size_t o = 0; o < L->n; o++) L->scale[o] *= mul;
    }
    return 0;
}

static void rmsnorm(float * y, const float * x, const float * w, size_t n, float eps) {
    double ss = 0;
    for (size_t i = 0; i < n; i++) ss += (double) x[i] * x[i];
    const float r = 1.0f / sqrtf((float) (ss / (double) n) + eps);
    for (size_t i = 0; i < n; i++) y[i] = x[i] * r * w[i];
}

// BitLinear: per-token absmax int8 activations (round half to even), exact integer sums.
static void bitlinear(const struct ref_linear * L, const float * x, float * y) {
    float amax = 0;
    for (size_t i = 0; i < L->k; i++) amax = fmaxf(amax, fabsf(x[i]));
    amax = fmaxf(amax, 1e-5f);
    const float s = 127.0f / amax;
    int32_t * q = malloc(L->k * sizeof(int32_t));
    for (size_t i = 0; i < L->k; i++) {
        const float v = nearbyintf(x[i] * s);
        q[i] = v > 127 ? 127 : v < -128 ? -128 : (int32_t) v;
    }
    for (size_t o = 0; o < L->n; o++) {
        int32_t acc = 0;     // exact: |sum| <= 128 k, far inside int32 for any model's k
        for (size_t i = 0; i < L->k; i++) acc += L->w[o * L->k + i] * q[i];
        y[o] = (float) acc * (L->scale[o] * amax / 127.0f);
    }
    free(q);
}

static uint32_t get_u32(const struct tern_gguf * g, const char * arch, const char * key, uint32_t dflt) {
    char k[128];
    snprintf(k, sizeof(k), "%s.%s", arch, key);
    uint32_t v = dflt;
    tern_gguf_get_u32(g, k, &v);
    return v;
}

// Rotates the pair (a, b) of each head by pos * theta^(-2i/hd): NeoX pairs (i, i + hd/2),
// normal pairs (2i, 2i + 1).
static void rope(float * x, size_t heads, size_t hd, size_t pos, float theta, enum tern_rope_kind kind) {
    for (size_t h = 0; h < heads; h++) {
        float * p = x + h * hd;
        for (size_t i = 0; i < hd / 2; i++) {
            const double ang = (double) pos * pow((double) theta, -2.0 * (double) i / (double) hd);
            const size_t a = kind == TERN_ROPE_NEOX ? i : 2 * i, b = kind == TERN_ROPE_NEOX ? i + hd / 2 : 2 * i + 1;
            const float c = (float) cos(ang), s = (float) sin(ang), x0 = p[a], x1 = p[b];
            p[a] = x0 * c - x1 * s;
            p[b] = x0 * s + x1 * c;
        }
    }
}

float * ref_forward(const char * path, const int32_t * tokens, size_t n_tokens, size_t * n_vocab_out) {
    struct tern_gguf g;
    char err[400];
    if (tern_gguf_open(&g, path, err, sizeof(err))) {
        fprintf(stderr, "ref_forward: %s\n", err);
        return NULL;
    }
    struct tern_gguf_str a;
    tern_gguf_get_str(&g, "general.architecture", &a);
    const struct tern_arch * ar = tern_arch_find(a.ptr, (size_t) a.len);
    char arch[64];
    snprintf(arch, sizeof(arch), "%.*s", (int) a.len, a.ptr);
    if (!ar) {
        fprintf(stderr, "ref_forward: unknown architecture %s\n", arch);
        tern_gguf_close(&g);
        return NULL;
    }
    const size_t d = get_u32(&g, arch, "embedding_length", 0), ff = get_u32(&g, arch, "feed_forward_length", 0);
    const size_t n_layer = get_u32(&g, arch, "block_count", 0), n_head = get_u32(&g, arch, "attention.head_count", 0);
    const size_t n_kv = get_u32(&g, arch, "attention.head_count_kv", (uint32_t) n_head);
    const size_t hd = get_u32(&g, arch, "attention.key_length", (uint32_t) (d / n_head));
    const size_t q_dim = n_head * hd, kv_dim = n_kv * hd;
    char key[128];
    float theta = ar->rope_theta, eps = ar->rms_eps;
    snprintf(key, sizeof(key), "%s.rope.freq_base", arch);
    tern_gguf_get_f32(&g, key, &theta);
    snprintf(key, sizeof(key), "%s.attention.layer_norm_rms_epsilon", arch);
    tern_gguf_get_f32(&g, key, &eps);
    const struct tern_gguf_tensor * te = tern_gguf_find_tensor(&g, "token_embd.weight");
    const size_t n_vocab = (size_t) te->ne[1];
    float * embd = tensor_f32(&g, "token_embd.weight", n_vocab * d);
    float * out_w = tern_gguf_find_tensor(&g, "output.weight") ? tensor_f32(&g, "output.weight", n_vocab * d) : NULL;
    float * out_norm = tensor_f32(&g, "output_norm.weight", d);

    // Every layer's weights, decoded once.
    struct ref_layer {
        struct ref_linear wq, wk, wv, wo, wg, wu, wd;
        float * attn_norm, * attn_sub, * ffn_norm, * ffn_sub;
    } * layers = calloc(n_layer, sizeof(*layers));
    for (size_t l = 0; l < n_layer; l++) {
        char name[96];
        struct ref_layer * L = &layers[l];
#define LIN(var, suffix) snprintf(name, sizeof(name), "blk.%zu." suffix, l); load_linear(&g, name, &L->var);
#define VEC(var, suffix, len) snprintf(name, sizeof(name), "blk.%zu." suffix ".weight", l); L->var = tensor_f32(&g, name, len);
        LIN(wq, "attn_q") LIN(wk, "attn_k") LIN(wv, "attn_v") LIN(wo, "attn_output")
        LIN(wg, "ffn_gate") LIN(wu, "ffn_up") LIN(wd, "ffn_down")
        VEC(attn_norm, "attn_norm", d) VEC(attn_sub, "attn_sub_norm", q_dim) VEC(ffn_norm, "ffn_norm", d)
        VEC(ffn_sub, "ffn_sub_norm", ff)
#undef LIN
#undef VEC
    }
    float * kc = calloc(n_layer * n_tokens * kv_dim, sizeof(float)), * vc = calloc(n_layer * n_tokens * kv_dim, sizeof(float));
    float * x = malloc(d * sizeof(float)), * h = malloc(d * sizeof(float)), * q = malloc(q_dim * sizeof(float));
    float * k = malloc(kv_dim * sizeof(float)), * v = malloc(kv_dim * sizeof(float)), * att = malloc(q_dim * sizeof(float));
    float * gt = malloc(ff * sizeof(float)), * up = malloc(ff * sizeof(float)), * y = malloc(d * sizeof(float));
    float * sc = malloc(n_tokens * sizeof(float));
    float * logits = malloc(n_tokens * n_vocab * sizeof(float));
    for (size_t pos = 0; pos < n_tokens; pos++) {
        memcpy(x, embd + (size_t) tokens[pos] * d, d * sizeof(float));
        for (size_t l = 0; l < n_layer; l++) {
            const struct ref_layer * L = &layers[l];
            rmsnorm(h, x, L->attn_norm, d, eps);
            bitlinear(&L->wq, h, q);
            bitlinear(&L->wk, h, k);
            bitlinear(&L->wv, h, v);
            rope(q, n_head, hd, pos, theta, ar->rope);
            rope(k, n_kv, hd, pos, theta, ar->rope);
            memcpy(kc + (l * n_tokens + pos) * kv_dim, k, kv_dim * sizeof(float));
            memcpy(vc + (l * n_tokens + pos) * kv_dim, v, kv_dim * sizeof(float));
            for (size_t head = 0; head < n_head; head++) {
                const size_t kvh = head / (n_head / n_kv);
                double mx = -INFINITY, sum = 0;
                for (size_t j = 0; j <= pos; j++) {
                    double dot = 0;
                    for (size_t i = 0; i < hd; i++) dot += (double) q[head * hd + i] * kc[(l * n_tokens + j) * kv_dim + kvh * hd + i];
                    sc[j] = (float) (dot / sqrt((double) hd));
                    mx = fmax(mx, sc[j]);
                }
                for (size_t j = 0; j <= pos; j++) sum += exp(sc[j] - mx);
                for (size_t i = 0; i < hd; i++) {
                    double o = 0;
                    for (size_t j = 0; j <= pos; j++) o += exp(sc[j] - mx) / sum * vc[(l * n_tokens + j) * kv_dim + kvh * hd + i];
                    att[head * hd + i] = (float) o;
                }
            }
            if (ar->sub_norms) rmsnorm(att, att, L->attn_sub, q_dim, eps);
            bitlinear(&L->wo, att, y);
            for (size_t i = 0; i < d; i++) x[i] += y[i];
            rmsnorm(h, x, L->ffn_norm, d, eps);
            bitlinear(&L->wg, h, gt);
            bitlinear(&L->wu, h, up);
            for (size_t i = 0; i < ff; i++) {
                const double gi = gt[i];
                const double act = ar->act == TERN_FFN_SILU ? gi / (1.0 + exp(-gi)) : (gi > 0 ? gi * gi : 0.0);
                gt[i] = (float) (act * up[i]);
            }
            if (ar->sub_norms) rmsnorm(gt, gt, L->ffn_sub, ff, eps);
            bitlinear(&L->wd, gt, y);
            for (size_t i = 0; i < d; i++) x[i] += y[i];
        }
        rmsnorm(h, x, out_norm, d, eps);
        const float * ow = out_w ? out_w : embd;
        for (size_t r = 0; r < n_vocab; r++) {
            double dot = 0;
            for (size_t i = 0; i < d; i++) dot += (double) ow[r * d + i] * h[i];
            logits[pos * n_vocab + r] = (float) dot;
        }
    }
    for (size_t l = 0; l < n_layer; l++) {
        struct ref_layer * L = &layers[l];
        struct ref_linear * all[] = { &L->wq, &L->wk, &L->wv, &L->wo, &L->wg, &L->wu, &L->wd };
        for (size_t i = 0; i < 7; i++) {
            free(all[i]->w);
            free(all[i]->scale);
        }
        free(L->attn_norm); free(L->attn_sub); free(L->ffn_norm); free(L->ffn_sub);
    }
    free(layers);
    free(embd); free(out_w); free(out_norm); free(kc); free(vc); free(x); free(h); free(q); free(k); free(v); free(att);
    free(gt); free(up); free(y); free(sc);
    tern_gguf_close(&g);
    *n_vocab_out = n_vocab;
    return logits;
}
