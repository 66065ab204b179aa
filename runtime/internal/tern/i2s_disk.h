// bitnet.cpp's on-disk I2_S tensor layout (GGML type 36, DESIGN §5), as in Microsoft's
// ggml-model-i2_s.gguf: the n = rows * cols values row-major, padded to a multiple of 128;
// per 128-value block, byte j (0..31) = q[j] << 6 | q[32+j] << 4 | q[64+j] << 2 | q[96+j]
// with q = w + 1; then a 32-byte tail whose first 4 bytes are the f32 tensor scale (the
// other 28 are uninitialised in files written by llama-quantize: ignored on read, zero on write).
#pragma once

#include <stddef.h>
#include <stdint.h>

#define TERN_I2S_DISK_BLOCK 128
#define TERN_I2S_DISK_TAIL 32

// Payload bytes for n values (packed blocks + tail).
size_t tern_i2s_disk_bytes(size_t n);

// src (size bytes) -> dst (n values in {-1,0,1}) and *scale. Returns 0, or -1 with a one-line
// reason in err (short payload, code 3 in a used position, non-finite scale).
int tern_i2s_disk_decode(const uint8_t * src, size_t size, size_t n, int8_t * dst, float * scale, char * err, size_t err_size);

// Values [first, first + count) only (load-time repacking goes a chunk of rows at a time).
int tern_i2s_disk_decode_range(const uint8_t * src, size_t size, size_t n, size_t first, size_t count, int8_t * dst,
                               char * err, size_t err_size);
// The tensor scale from the tail; -1 if the payload is short or the scale not finite.
int tern_i2s_disk_scale(const uint8_t * src, size_t size, size_t n, float * scale, char * err, size_t err_size);

// n values in {-1,0,1} and scale -> dst (tern_i2s_disk_bytes(n) bytes). Padding positions
// get code 1 (w = 0); the tail is the scale followed by 28 zero bytes.
void tern_i2s_disk_encode(const int8_t * src, size_t n, float scale, uint8_t * dst);
