// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-amx.c.j2
//   Config:    configs/kernels.toml family #29 (--probe, isa amxint8)
//   Generator: codegen/gen.py
//
// Compute probe, amxint8: the s8 x u8 multiply-accumulate peak of one core with AMX tdpbsud,
// 6 independent C tiles (16 x 16 int32) x 8 steps per round, each step 16 x 16 x 64 MACs
// of one A tile and one B tile of ones, as the i2s AMX tiles use it. Tile registers are not
// values the compiler can fold or merge: every step executes.

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

uint64_t tern_u8s8_mac_probe__amxint8_tdpbsud(size_t iters, uint64_t * lanes_sum) {
    struct tile_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.palette = 1;
    for (int t = 0; t < 8; t++) {
        cfg.rows[t] = 16;
        cfg.colsb[t] = 64;
    }
    _tile_loadconfig(&cfg);
    _Alignas(64) uint8_t ones[16 * 64];
    memset(ones, 1, sizeof(ones));
    __asm__ volatile("" ::: "memory");     // GCC's tile loads do not say they read memory
    _tile_loadd(6, ones, 64);
    _tile_loadd(7, ones, 64);
    _tile_zero(0);
    _tile_zero(1);
    _tile_zero(2);
    _tile_zero(3);
    _tile_zero(4);
    _tile_zero(5);
    for (size_t it = 0; it < iters; it++) {
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
        _tile_dpbsud(0, 6, 7);
        _tile_dpbsud(1, 6, 7);
        _tile_dpbsud(2, 6, 7);
        _tile_dpbsud(3, 6, 7);
        _tile_dpbsud(4, 6, 7);
        _tile_dpbsud(5, 6, 7);
    }
    _Alignas(64) int32_t lanes[16 * 16];
    uint64_t sum = 0;
    _tile_stored(0, lanes, 64);
    for (size_t i = 0; i < 16 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    _tile_stored(1, lanes, 64);
    for (size_t i = 0; i < 16 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    _tile_stored(2, lanes, 64);
    for (size_t i = 0; i < 16 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    _tile_stored(3, lanes, 64);
    for (size_t i = 0; i < 16 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    _tile_stored(4, lanes, 64);
    for (size_t i = 0; i < 16 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    _tile_stored(5, lanes, 64);
    for (size_t i = 0; i < 16 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    _tile_release();
    *lanes_sum = sum;
    return (uint64_t) iters * 48 * 16 * 16 * 64;
}
