// splitmix64: the one small seeded generator behind random models, vocabularies and the
// sampler's seeding (reproducible from a seed on every platform).
#pragma once

#include <stdint.h>

static inline uint64_t tern_splitmix64(uint64_t * state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
