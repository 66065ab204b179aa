// Codec for bitnet.cpp's on-disk I2_S tensors (see tern/i2s_disk.h for the layout).

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tern/i2s_disk.h"

size_t tern_i2s_disk_bytes(size_t n) {
    const size_t blocks = (n + TERN_I2S_DISK_BLOCK - 1) / TERN_I2S_DISK_BLOCK;
    return blocks * (TERN_I2S_DISK_BLOCK / 4) + TERN_I2S_DISK_TAIL;
}

// Value i lives in block i/128, byte (i%128)%32, bits 7:6 / 5:4 / 3:2 / 1:0 for (i%128)/32 = 0..3.
static size_t value_byte(size_t i) {
    return i / TERN_I2S_DISK_BLOCK * 32 + i % 32;
}

static unsigned value_shift(size_t i) {
    return 6 - 2 * (unsigned) (i % TERN_I2S_DISK_BLOCK / 32);
}

static int check_size(size_t size, size_t n, char * err, size_t err_size) {
    const size_t need = tern_i2s_disk_bytes(n);
    if (size >= need) return 0;
    snprintf(err, err_size, "I2_S payload is %zu bytes, %zu values need %zu", size, n, need);
    return -1;
}

int tern_i2s_disk_decode_range(const uint8_t * src, size_t size, size_t n, size_t first, size_t count, int8_t * dst,
                               char * err, size_t err_size) {
    if (check_size(size, n, err, err_size)) return -1;
    if (first > n || count > n - first) {
        snprintf(err, err_size, "I2_S range %zu+%zu is outside the %zu values", first, count, n);
        return -1;
    }
    size_t j = 0;
    // Whole 128-value blocks: byte b of a block gives values b, 32+b, 64+b, 96+b.
    if (first % TERN_I2S_DISK_BLOCK == 0) {
        for (; j + TERN_I2S_DISK_BLOCK <= count; j += TERN_I2S_DISK_BLOCK) {
            const uint8_t * blk = src + (first + j) / TERN_I2S_DISK_BLOCK * 32;
            int8_t * d = dst + j;
            unsigned bad = 0;
            for (size_t b = 0; b < 32; b++) {
                const unsigned x = blk[b];
                bad |= (x & (x >> 1) & 0x55u);          // some 2-bit field is 3
                d[b] = (int8_t) ((int) (x >> 6) - 1);
                d[32 + b] = (int8_t) ((int) ((x >> 4) & 3) - 1);
                d[64 + b] = (int8_t) ((int) ((x >> 2) & 3) - 1);
                d[96 + b] = (int8_t) ((int) (x & 3) - 1);
            }
            if (bad) break;                             // the value-by-value loop names the culprit
        }
    }
    for (; j < count; j++) {
        const size_t i = first + j;
        const unsigned code = (src[value_byte(i)] >> value_shift(i)) & 3u;
        if (code == 3) {
            snprintf(err, err_size, "I2_S value %zu has code 3 (only 0, 1, 2 = -1, 0, +1 exist)", i);
            return -1;
        }
        dst[j] = (int8_t) ((int) code - 1);
    }
    return 0;
}

int tern_i2s_disk_scale(const uint8_t * src, size_t size, size_t n, float * scale, char * err, size_t err_size) {
    if (check_size(size, n, err, err_size)) return -1;
    memcpy(scale, src + tern_i2s_disk_bytes(n) - TERN_I2S_DISK_TAIL, sizeof(float));
    if (!isfinite(*scale)) {
        snprintf(err, err_size, "I2_S tensor scale is not finite");
        return -1;
    }
    return 0;
}

int tern_i2s_disk_decode(const uint8_t * src, size_t size, size_t n, int8_t * dst, float * scale, char * err, size_t err_size) {
    if (tern_i2s_disk_decode_range(src, size, n, 0, n, dst, err, err_size)) return -1;
    return tern_i2s_disk_scale(src, size, n, scale, err, err_size);
}

void tern_i2s_disk_encode(const int8_t * src, size_t n, float scale, uint8_t * dst) {
    const size_t packed = tern_i2s_disk_bytes(n) - TERN_I2S_DISK_TAIL;
    memset(dst, 0x55, packed);   // code 1 (w = 0) in every position, padding included
    size_t i = 0;
    for (; i + TERN_I2S_DISK_BLOCK <= n; i += TERN_I2S_DISK_BLOCK) {
        const int8_t * s = src + i;
        uint8_t * blk = dst + i / TERN_I2S_DISK_BLOCK * 32;
        for (size_t b = 0; b < 32; b++) {
            blk[b] = (uint8_t) ((unsigned) (s[b] + 1) << 6 | (unsigned) (s[32 + b] + 1) << 4 |
                                (unsigned) (s[64 + b] + 1) << 2 | (unsigned) (s[96 + b] + 1));
        }
    }
    for (; i < n; i++) {
        uint8_t * b = dst + value_byte(i);
        const unsigned shift = value_shift(i);
        *b = (uint8_t) ((*b & ~(3u << shift)) | ((unsigned) (src[i] + 1) << shift));
    }
    memset(dst + packed, 0, TERN_I2S_DISK_TAIL);
    memcpy(dst + packed, &scale, sizeof(float));
}
