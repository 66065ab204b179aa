// CPU features detected at run time (x86 CPUID with OS-support checks, aarch64 HWCAP), and
// the ISAs of configs/isa.toml as the feature sets they require.
#pragma once

#include <stdbool.h>
#include <stdint.h>

// Every extension a compiler flag in configs/isa.toml can enable (its [flag] table), so the
// run-time check covers every instruction an ISA's files may contain.
enum tern_cpu_feature {
    TERN_CPU_SSE3       = 1u << 0,
    TERN_CPU_SSSE3      = 1u << 1,
    TERN_CPU_SSE41      = 1u << 2,
    TERN_CPU_SSE42      = 1u << 3,    // with CRC32
    TERN_CPU_POPCNT     = 1u << 4,
    TERN_CPU_XSAVE      = 1u << 5,
    TERN_CPU_AVX        = 1u << 6,
    TERN_CPU_AVX2       = 1u << 7,
    TERN_CPU_FMA        = 1u << 8,
    TERN_CPU_F16C       = 1u << 9,
    TERN_CPU_BMI2       = 1u << 10,
    TERN_CPU_AVX512F    = 1u << 11,
    TERN_CPU_AVX512BW   = 1u << 12,
    TERN_CPU_AVX512VL   = 1u << 13,
    TERN_CPU_AVX512DQ   = 1u << 14,
    TERN_CPU_AVX512VNNI = 1u << 15,
    TERN_CPU_AVX512VBMI = 1u << 16,
    TERN_CPU_AVXVNNI    = 1u << 17,
    TERN_CPU_AMXTILE    = 1u << 18,   // usable once Linux grants the process tile data (cpu.c)
    TERN_CPU_AMXINT8    = 1u << 19,
    TERN_CPU_NEON       = 1u << 24,
    TERN_CPU_DOTPROD    = 1u << 25,
    TERN_CPU_I8MM       = 1u << 26,
    TERN_CPU_SVE        = 1u << 27,
    TERN_CPU_CRC32      = 1u << 28,
    TERN_CPU_LSE        = 1u << 29,   // atomics (armv8.1)
    TERN_CPU_RDM        = 1u << 30,   // rounding doubling multiply-accumulate (armv8.1)
};

struct tern_cpu {
    char brand[64];          // CPUID brand string / "aarch64"
    uint32_t features;       // TERN_CPU_* the CPU and OS support
    uint32_t usable;         // features after the TERN_ISA cap (what kernels may use)
    char cap[32];            // the TERN_ISA value applied ("" if none)
};

// The ISAs kernels are compiled for (configs/isa.toml, as rows of generated/kernels.inc), each
// with the features its compile flags enable: a CPU runs an ISA's code when it has them all.
enum tern_isa {
#define TERN_ISA(isa_enum, token, features) isa_enum,
#include "kernels.inc"
#undef TERN_ISA
    TERN_ISA_COUNT
};

const char * tern_isa_name(enum tern_isa isa);              // its isa.toml token; "?" if out of range
uint32_t tern_isa_features(enum tern_isa isa);
bool tern_isa_from_name(const char * token, enum tern_isa * isa);

// Detects once (pthread_once: any thread may make the first call) and caches.
// TERN_ISA=<token> caps `usable` to the features that ISA token requires; an unknown token
// is reported once (a warning through tern/log.h) and ignored.
const struct tern_cpu * tern_cpu_get(void);

// Re-detects, applying `cap` (NULL or "" = no cap). Returns false for an unknown token.
bool tern_cpu_detect(struct tern_cpu * cpu, const char * cap);

// Writes the names of the bits in `features` ("avx2 fma ...") into buf.
void tern_cpu_feature_names(uint32_t features, char * buf, int size);
