// Scalar reference for the BitLinear contract (DESIGN §2). Deliberately naive: it is the
// oracle, so it must be obviously right rather than fast.

#include <math.h>
#include <stdlib.h>

#include "tern/reference.h"

float tern_ref_quantize(size_t k, const float * x, int8_t * xq) {
    float amax = 0.0f;
    for (size_t i = 0; i < k; i++) {
        if (fabsf(x[i]) > amax) {
            amax = fabsf(x[i]);
        }
    }
    if (amax < 1e-5f) {
        amax = 1e-5f;
    }
    const float s = 127.0f / amax;
    for (size_t i = 0; i < k; i++) {
        float q = nearbyintf(x[i] * s);       // round half to even (default rounding mode)
        if (q < -128.0f) q = -128.0f;
        if (q > 127.0f) q = 127.0f;
        xq[i] = (int8_t) q;
    }
    return amax;
}

void tern_ref_gemm(size_t m, size_t n, size_t k, const int8_t * w, const int8_t * xq, int32_t * acc) {
    for (size_t t = 0; t < m; t++) {
        for (size_t o = 0; o < n; o++) {
            int32_t sum = 0;
            for (size_t i = 0; i < k; i++) {
                sum += (int32_t) w[o * k + i] * (int32_t) xq[t * k + i];
            }
            acc[t * n + o] = sum;
        }
    }
}

float tern_ref_epilogue(int32_t acc, float w_scale, float amax) {
    const float factor = w_scale * amax / 127.0f;
    return (float) acc * factor;
}

int tern_ref_linear(size_t m, size_t n, size_t k, const int8_t * w, float w_scale, const float * x, float * y) {
    int8_t * xq = malloc(m * k + 1);
    int32_t * acc = malloc(m * n * sizeof(int32_t) + 1);
    float * amax = malloc(m * sizeof(float) + 1);
    if (!xq || !acc || !amax) {
        free(xq);
        free(acc);
        free(amax);
        return -1;
    }
    for (size_t t = 0; t < m; t++) {
        amax[t] = tern_ref_quantize(k, x + t * k, xq + t * k);
    }
    tern_ref_gemm(m, n, k, w, xq, acc);
    for (size_t t = 0; t < m; t++) {
        for (size_t o = 0; o < n; o++) {
            y[t * n + o] = tern_ref_epilogue(acc[t * n + o], w_scale, amax[t]);
        }
    }
    free(xq);
    free(acc);
    free(amax);
    return 0;
}
