// The runtime side of the kernel contract: blocking over channel panels and token tiles.
// Kernels know only their tile; this file knows M, N and K.

#include <assert.h>
#include <string.h>

#include "tern/linear.h"

int tern_linear_init(struct tern_linear * L, const struct tern_variant * v, size_t n, size_t k,
                     const int8_t * w, size_t w_stride, float w_scale) {
    memset(L, 0, sizeof(*L));
    L->v = v;
    L->n = n;
    L->k = k;
    L->kc = tern_variant_kc(v, k);
    L->panel_bytes = tern_variant_panel_bytes(v, k);
    L->w_scale = w_scale;
    L->packed = tern_aligned_alloc(tern_variant_packed_bytes(v, n, k));
    if (!L->packed) {
        return -1;
    }
    v->pack(n, k, v->nr, v->kb, v->vbytes, w, w_stride, L->packed);
    return 0;
}

void tern_linear_free(struct tern_linear * L) {
    tern_aligned_free(L->packed);
    memset(L, 0, sizeof(*L));
}

int tern_acts_init(struct tern_acts * A, size_t m_max, size_t kc_max) {
    memset(A, 0, sizeof(*A));
    A->m_max = m_max;
    A->kc_max = kc_max;
    A->stride = (kc_max + 63) / 64 * 64;
    A->a = tern_aligned_alloc(m_max * A->stride);
    A->sum = tern_aligned_alloc(m_max * sizeof(int32_t));
    A->amax = tern_aligned_alloc(m_max * sizeof(float));
    if (!A->a || !A->sum || !A->amax) {
        tern_acts_free(A);
        return -1;
    }
    return 0;
}

void tern_acts_free(struct tern_acts * A) {
    tern_aligned_free(A->a);
    tern_aligned_free(A->sum);
    tern_aligned_free(A->amax);
    memset(A, 0, sizeof(*A));
}

void tern_linear_prep(const struct tern_linear * L, size_t m, const float * x, size_t x_stride, struct tern_acts * A) {
    assert(m <= A->m_max && L->kc <= A->kc_max);
    for (size_t t = 0; t < m; t++) {
        L->v->prep(L->k, L->kc, x + t * x_stride, (int8_t *) A->a + t * A->stride, &A->sum[t], &A->amax[t]);
    }
}

void tern_linear_gemm(const struct tern_linear * L, const struct tern_acts * A, size_t m,
                      int32_t * acc, size_t acc_stride, size_t n0, size_t n1) {
    const struct tern_variant * v = L->v;
    assert(n0 % v->nr == 0 && n1 <= L->n && (n1 == L->n || n1 % v->nr == 0));
    const uint8_t * panels = L->packed;
    const int8_t * a = A->a;
    // Panel outer, tokens inner: a panel's weights stay in cache while every token tile uses them.
    for (size_t o = n0; o < n1; o += v->nr) {
        const size_t nc = n1 - o < v->nr ? n1 - o : v->nr;
        const void * panel = panels + o / v->nr * L->panel_bytes;
        for (size_t t = 0; t < m; t += v->mr) {
            const size_t mr = m - t < v->mr ? m - t : v->mr;
            v->gemm(mr, nc, L->kc, panel, a + t * A->stride, A->stride, A->sum + t, acc + t * acc_stride + o, acc_stride);
        }
    }
}

void tern_linear_epilogue(const struct tern_linear * L, const struct tern_acts * A, size_t m,
                          const int32_t * acc, size_t acc_stride, float * y, size_t y_stride, size_t n0, size_t n1) {
    for (size_t t = 0; t < m; t++) {
        const float factor = L->w_scale * A->amax[t] / 127.0f;   // DESIGN §2: once per token, this order
        for (size_t o = n0; o < n1; o++) {
            y[t * y_stride + o] = (float) acc[t * acc_stride + o] * factor;
        }
    }
}

void tern_linear_forward(const struct tern_linear * L, size_t m, const float * x, struct tern_acts * A,
                         int32_t * acc, float * y) {
    tern_linear_prep(L, m, x, L->k, A);
    tern_linear_gemm(L, A, m, acc, L->n, 0, L->n);
    tern_linear_epilogue(L, A, m, acc, L->n, y, L->n, 0, L->n);
}
