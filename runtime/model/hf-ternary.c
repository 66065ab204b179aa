// Hugging Face ternary layouts (see tern/hf_ternary.h).

#include <math.h>
#include <string.h>

#include "tern/hf_ternary.h"

void tern_hf_packed_encode(const int8_t * w, size_t out, size_t in, uint8_t * dst) {
    const size_t quarter = out / 4;
    memset(dst, 0, quarter * in);
    for (size_t r = 0; r < out; r++) {
        uint8_t * p = dst + r % quarter * in;
        const unsigned shift = 2 * (unsigned) (r / quarter);
        for (size_t c = 0; c < in; c++) p[c] |= (uint8_t) ((unsigned) (w[r * in + c] + 1) << shift);
    }
}

bool tern_hf_linear_class_from_name(const char * name, enum tern_hf_linear_class * out) {
    if (strcmp(name, "autobitlinear") == 0) {
        *out = TERN_HF_AUTOBITLINEAR;
        return true;
    }
    if (name[0] == '\0' || strcmp(name, "bitlinear") == 0) {
        *out = TERN_HF_BITLINEAR;
        return true;
    }
    return false;
}

bool tern_hf_weight_scale_for(enum tern_hf_linear_class lc, float s, float * weight_scale) {
    if (lc == TERN_HF_AUTOBITLINEAR) {
        *weight_scale = s;
        return true;
    }
    if (!(s > 0) || !isfinite(s)) return false;
    // 1/(1/s) need not round back to s: try the floats around 1/s.
    float lo = 1.0f / s, hi = lo;
    for (int k = 0; k < 16; k++) {
        const float cand[2] = { lo, hi };
        for (int j = 0; j < 2; j++) {
            if (1.0f / cand[j] == s && (float) (1.0 / (double) cand[j]) == s) {
                *weight_scale = cand[j];
                return true;
            }
        }
        lo = nextafterf(lo, 0.0f);
        hi = nextafterf(hi, INFINITY);
    }
    return false;
}

// HF row of permuted row r: r = h*hd + 2i + j holds HF row h*hd + j*hd/2 + i.
static size_t hf_row_of(size_t r, size_t hd) {
    const size_t h = r / hd, w = r % hd;
    return h * hd + (w % 2) * (hd / 2) + w / 2;
}

void tern_llama_permute_rows(const void * src, void * dst, size_t rows, size_t row_bytes, size_t n_head) {
    const size_t hd = rows / n_head;
    for (size_t r = 0; r < rows; r++) {
        memcpy((uint8_t *) dst + r * row_bytes, (const uint8_t *) src + hf_row_of(r, hd) * row_bytes, row_bytes);
    }
}

void tern_llama_unpermute_rows(const void * src, void * dst, size_t rows, size_t row_bytes, size_t n_head) {
    const size_t hd = rows / n_head;
    for (size_t r = 0; r < rows; r++) {
        memcpy((uint8_t *) dst + hf_row_of(r, hd) * row_bytes, (const uint8_t *) src + r * row_bytes, row_bytes);
    }
}
