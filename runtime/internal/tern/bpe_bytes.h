// Small pieces of byte-level BPE shared by the tokenizer and the vocabulary generator.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// FNV-1a over n bytes (the token-text hash tables).
static inline uint64_t tern_fnv1a(const char * s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t) s[i]) * 1099511628211ull;
    return h;
}

// UTF-8 of a code point below 0x10000; returns its length (1..3).
static inline size_t tern_utf8_put(uint32_t cp, char * out) {
    if (cp < 0x80) {
        out[0] = (char) cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char) (0xc0 | cp >> 6);
        out[1] = (char) (0x80 | (cp & 0x3f));
        return 2;
    }
    out[0] = (char) (0xe0 | cp >> 12);
    out[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
    out[2] = (char) (0x80 | (cp & 0x3f));
    return 3;
}

// GPT-2's byte-to-unicode map: printable bytes stand for themselves, the other 68 take code
// points 256..323 in byte order. cp_byte (324 entries) is the inverse, -1 where unused.
#define TERN_GPT2_CODEPOINTS 324
static inline void tern_gpt2_byte_map(uint16_t byte_cp[256], int16_t cp_byte[TERN_GPT2_CODEPOINTS]) {
    int n = 0;
    for (int i = 0; i < TERN_GPT2_CODEPOINTS; i++) cp_byte[i] = -1;
    for (int b = 0; b < 256; b++) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
        byte_cp[b] = (uint16_t) (printable ? b : 256 + n++);
        cp_byte[byte_cp[b]] = (int16_t) b;
    }
}
