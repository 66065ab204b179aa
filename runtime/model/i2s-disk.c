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

int tern_i2s_disk_decode(const uint8_t * src, size_t size, size_t n, int8_t * dst, float * scale, char * err, size_t err_size) {
    const size_t need = tern_i2s_disk_bytes(n);
    if (size < need) {
        snprintf(err, err_size, "I2_S payload is %zu bytes, %zu values need %zu", size, n, need);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const unsigned code = (src[value_byte(i)] >> value_shift(i)) & 3u;
        if (code == 3) {
            snprintf(err, err_size, "I2_S value %zu has code 3 (only 0, 1, 2 = -1, 0, +1 exist)", i);
            return -1;
        }
        dst[i] = (int8_t) ((int) code - 1);
    }
    memcpy(scale, src + need - TERN_I2S_DISK_TAIL, sizeof(float));
    if (!isfinite(*scale)) {
        snprintf(err, err_size, "I2_S tensor scale is not finite");
        return -1;
    }
    return 0;
}

void tern_i2s_disk_encode(const int8_t * src, size_t n, float scale, uint8_t * dst) {
    const size_t packed = tern_i2s_disk_bytes(n) - TERN_I2S_DISK_TAIL;
    memset(dst, 0x55, packed);   // code 1 (w = 0) in every position, padding included
    for (size_t i = 0; i < n; i++) {
        uint8_t * b = dst + value_byte(i);
        const unsigned shift = value_shift(i);
        *b = (uint8_t) ((*b & ~(3u << shift)) | ((unsigned) (src[i] + 1) << shift));
    }
    memset(dst + packed, 0, TERN_I2S_DISK_TAIL);
    memcpy(dst + packed, &scale, sizeof(float));
}
