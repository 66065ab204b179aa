// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-amx-lane4.c.j2
//   Config:    configs/kernels.toml family #33 (i2s-q8-gemm, isa amxint8)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, amxint8 (tdpbsud), lane4 layout: 16 tokens x 32 channels, k-block 64.
// A lane4 vector (templates/i2s/i2s-q8-pack-lane4.c.j2) holds 16 rows x 16 k; shifted by 2f and
// masked it is 16 rows x k 4f..4f+3, which is one row of an AMX B tile (16 columns of 4 bytes).
// So each k-block unpacks, per 16 channels, its 4 vectors into a 16 x 64-byte B tile in memory
// (k quads 0..15), and one tdpbsud (signed activations x unsigned codes, 16 x 16 x 64 MACs)
// adds it times a 16-token A tile of activations (rows a_stride apart) into a C tile.
// Tile registers: C 0..1 (token tile i, channel tile v at i*2+v), B 2..3, A 4 for
// whole token tiles and 5 for the last, partial one (its own row count, as its C tiles).
// The C tiles start at -sum(a) of their token, so that sum (t + 1) a - sum a = sum t a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <immintrin.h>

#include "tern/kernels.h"

// The palette-1 tile configuration as LDTILECFG reads it: bytes per row and rows of each
// tile register; a register left at 0 x 0 is unused.
struct tile_config {
    uint8_t palette, start_row, reserved[14];
    uint16_t colsb[16];
    uint8_t rows[16];
};
_Static_assert(sizeof(struct tile_config) == 64, "LDTILECFG reads 64 bytes");

// The B tile of the 16 channels of row vector v in one k-block: byte row q = 4g + f is field f
// of the block's group g.
static inline void unpack_b(const uint8_t * wp, size_t v, uint8_t * b) {
    const __m512i vmask3 = _mm512_set1_epi8(3);
    for (size_t g = 0; g < 4; g++) {
        const __m512i vw = _mm512_loadu_si512((const void *) (wp + (g * 2 + v) * 64));
        _mm512_store_si512((void *) (b + (4 * g + 0) * 64), _mm512_and_si512(vw, vmask3));
        _mm512_store_si512((void *) (b + (4 * g + 1) * 64), _mm512_and_si512(_mm512_srli_epi16(vw, 2), vmask3));
        _mm512_store_si512((void *) (b + (4 * g + 2) * 64), _mm512_and_si512(_mm512_srli_epi16(vw, 4), vmask3));
        _mm512_store_si512((void *) (b + (4 * g + 3) * 64), _mm512_and_si512(_mm512_srli_epi16(vw, 6), vmask3));
    }
}

void tern_i2s_q8_gemm_ukernel_16x32k64__amxint8_tdpbsud_lane4(
    size_t mr,                  // tokens in this tile, 1..16
    size_t nc,                  // channels to store, 1..32
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/16, 2, 64) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 16);
    assert(nc >= 1 && nc <= 32);
    assert(kc % 64 == 0);

    const size_t whole = mr / 16, part = mr % 16, tiles = whole + (part != 0);
    struct tile_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.palette = 1;
    for (size_t i = 0; i < tiles; i++) {
        for (size_t v = 0; v < 2; v++) {
            cfg.rows[i * 2 + v] = (uint8_t) (i < whole ? 16 : part);
            cfg.colsb[i * 2 + v] = 64;
        }
    }
    for (size_t v = 0; v < 2; v++) {
        cfg.rows[2 + v] = 16;
        cfg.colsb[2 + v] = 64;
    }
    if (whole) {
        cfg.rows[4] = 16;
        cfg.colsb[4] = 64;
    }
    if (part) {
        cfg.rows[5] = (uint8_t) part;
        cfg.colsb[5] = 64;
    }
    _tile_loadconfig(&cfg);

    _Alignas(64) int32_t init[16][16];
    for (size_t t = 0; t < mr; t++) {
        _mm512_store_si512((void *) init[t], _mm512_set1_epi32(-a_sum[t]));
    }
    // GCC's tile loads take an address without saying they read memory: the empty asm with a
    // memory clobber keeps the stores to init and b before them.
    __asm__ volatile("" ::: "memory");
    if (tiles > 0) {
        _tile_loadd(0, init[0], 64);
        _tile_loadd(1, init[0], 64);
    }

    _Alignas(64) uint8_t b[2][16 * 64];
    const uint8_t * wp = w;
    const int8_t * a0 = a;
    for (size_t k0 = 0; k0 < kc; k0 += 64, wp += 512) {
        unpack_b(wp, 0, b[0]);
        __asm__ volatile("" ::: "memory");
        _tile_loadd(2, b[0], 64);
        unpack_b(wp, 1, b[1]);
        __asm__ volatile("" ::: "memory");
        _tile_loadd(3, b[1], 64);
        if (0 < whole) {
            _tile_loadd(4, a0 + 0 * a_stride + k0, (long) a_stride);
            _tile_dpbsud(0, 4, 2);
            _tile_dpbsud(1, 4, 3);
        } else if (0 == whole && part) {
            _tile_loadd(5, a0 + 0 * a_stride + k0, (long) a_stride);
            _tile_dpbsud(0, 5, 2);
            _tile_dpbsud(1, 5, 3);
        }
    }

    // Row t of C tile (i, v) is token 16i + t, channels 16v .. 16v + 15.
    if (nc == 32) {
        if (tiles > 0) {
            _tile_stored(0, c + 0 * c_stride + 0, (long) (c_stride * sizeof(int32_t)));
            _tile_stored(1, c + 0 * c_stride + 16, (long) (c_stride * sizeof(int32_t)));
        }
    } else {
        _Alignas(64) int32_t tmp[16][32];
        if (tiles > 0) {
            _tile_stored(0, &tmp[0][0], 128);
            _tile_stored(1, &tmp[0][16], 128);
        }
        for (size_t t = 0; t < mr; t++) {
            memcpy(c + t * c_stride, tmp[t], nc * sizeof(int32_t));
        }
    }
    _tile_release();     // the thread's tile state back to init: context switches skip saving it
}
