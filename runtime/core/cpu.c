// Run-time CPU feature detection. x86: CPUID bits count only if the OS saves the matching
// register state (XCR0 via XGETBV): AVX needs XMM|YMM, AVX-512 also opmask|ZMM_Hi256|Hi16_ZMM.
// AMX also needs Linux's per-process permission to use tile data. aarch64: Linux HWCAP/HWCAP2.
// TERN_ISA=<token> caps the usable set to that ISA's features.

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/cpu.h"
#include "tern/log.h"

static const struct {
    const char * token;
    uint32_t features;
} isas[TERN_ISA_COUNT] = {
#define TERN_ISA(isa_enum, token_, features_) [isa_enum] = { .token = token_, .features = features_ },
#include "kernels.inc"
#undef TERN_ISA
};

const char * tern_isa_name(enum tern_isa isa) {
    return (unsigned) isa < TERN_ISA_COUNT ? isas[isa].token : "?";
}

uint32_t tern_isa_features(enum tern_isa isa) {
    return (unsigned) isa < TERN_ISA_COUNT ? isas[isa].features : 0;
}

bool tern_isa_from_name(const char * token, enum tern_isa * isa) {
    for (int i = 0; i < TERN_ISA_COUNT; i++) {
        if (strcmp(isas[i].token, token) == 0) {
            *isa = (enum tern_isa) i;
            return true;
        }
    }
    return false;
}

#if defined(__x86_64__)
#include <cpuid.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

static uint64_t xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t) hi << 32) | lo;
}

static uint32_t detect_features(char * brand, size_t brand_size) {
    uint32_t a, b, c, d, f = 0;
    memset(brand, 0, brand_size);
    if ((unsigned) __get_cpuid_max(0x80000000u, NULL) >= 0x80000004u && brand_size > 48) {
        uint32_t * out = (uint32_t *) brand;
        for (uint32_t leaf = 0; leaf < 3; leaf++) {
            __cpuid(0x80000002u + leaf, out[leaf * 4 + 0], out[leaf * 4 + 1], out[leaf * 4 + 2], out[leaf * 4 + 3]);
        }
    }
    if (!__get_cpuid(1, &a, &b, &c, &d)) {
        return 0;
    }
    if (c & bit_SSE3) f |= TERN_CPU_SSE3;
    if (c & bit_SSSE3) f |= TERN_CPU_SSSE3;
    if (c & bit_SSE4_1) f |= TERN_CPU_SSE41;
    if (c & bit_SSE4_2) f |= TERN_CPU_SSE42;
    if (c & bit_POPCNT) f |= TERN_CPU_POPCNT;
    if (c & bit_XSAVE) f |= TERN_CPU_XSAVE;
    const bool osxsave = (c & bit_OSXSAVE) != 0;
    const uint64_t xcr0 = osxsave ? xgetbv0() : 0;
    const bool os_avx = (xcr0 & 0x6) == 0x6;            // XMM and YMM state
    const bool os_avx512 = os_avx && (xcr0 & 0xe0) == 0xe0;  // opmask, ZMM_Hi256, Hi16_ZMM
    if (os_avx && (c & bit_AVX)) f |= TERN_CPU_AVX;
    if (os_avx && (c & bit_FMA)) f |= TERN_CPU_FMA;
    if (os_avx && (c & bit_F16C)) f |= TERN_CPU_F16C;

    if (__get_cpuid_max(0, NULL) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (os_avx && (b & bit_AVX2)) f |= TERN_CPU_AVX2;
        if (b & bit_BMI2) f |= TERN_CPU_BMI2;
        if (os_avx512) {
            if (b & bit_AVX512F) f |= TERN_CPU_AVX512F;
            if (b & bit_AVX512BW) f |= TERN_CPU_AVX512BW;
            if (b & bit_AVX512VL) f |= TERN_CPU_AVX512VL;
            if (b & bit_AVX512DQ) f |= TERN_CPU_AVX512DQ;
            if (c & bit_AVX512VNNI) f |= TERN_CPU_AVX512VNNI;
            if (c & bit_AVX512VBMI) f |= TERN_CPU_AVX512VBMI;
        }
        // AMX: the OS must manage tile state (XCR0 bits 17, 18); Linux's permission to use
        // it is asked for in tern_cpu_detect, only when the cap lets AMX kernels run.
        const bool os_amx = (xcr0 & 0x60000) == 0x60000;
        if (os_amx && (d & (1u << 24)) && (d & (1u << 25))) f |= TERN_CPU_AMXTILE | TERN_CPU_AMXINT8;
        const uint32_t max_sub = a;
        if (max_sub >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            if (os_avx && (a & (1u << 4))) f |= TERN_CPU_AVXVNNI;
        }
    }
    return f;
}

#elif defined(__aarch64__)
#include <sys/auxv.h>

#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)
#endif
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif
#ifndef HWCAP_ATOMICS
#define HWCAP_ATOMICS (1 << 8)
#endif
#ifndef HWCAP_ASIMDRDM
#define HWCAP_ASIMDRDM (1 << 12)
#endif
#ifndef HWCAP_ASIMDDP
#define HWCAP_ASIMDDP (1 << 20)
#endif
#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif
#ifndef HWCAP2_I8MM
#define HWCAP2_I8MM (1 << 13)
#endif

static uint32_t detect_features(char * brand, size_t brand_size) {
    snprintf(brand, brand_size, "aarch64");
    const unsigned long hw = getauxval(AT_HWCAP), hw2 = getauxval(AT_HWCAP2);
    uint32_t f = 0;
    if (hw & HWCAP_ASIMD) f |= TERN_CPU_NEON;
    if (hw & HWCAP_CRC32) f |= TERN_CPU_CRC32;
    if (hw & HWCAP_ATOMICS) f |= TERN_CPU_LSE;
    if (hw & HWCAP_ASIMDRDM) f |= TERN_CPU_RDM;
    if (hw & HWCAP_ASIMDDP) f |= TERN_CPU_DOTPROD;
    if (hw & HWCAP_SVE) f |= TERN_CPU_SVE;
    if (hw2 & HWCAP2_I8MM) f |= TERN_CPU_I8MM;
    return f;
}

#else
static uint32_t detect_features(char * brand, size_t brand_size) {
    snprintf(brand, brand_size, "unknown");
    return 0;
}
#endif

static void trim(char * s) {
    size_t start = 0, len = strlen(s);
    while (s[start] == ' ') start++;
    while (len > start && s[len - 1] == ' ') len--;
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
}

// Linux (5.16+): permission for the XTILEDATA state component, for every thread of the process.
static bool request_amx_permission(void) {
#if defined(__x86_64__) && defined(__linux__)
    enum { ARCH_REQ_XCOMP_PERM = 0x1023, XFEATURE_XTILEDATA = 18 };
    return syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0;
#else
    return false;
#endif
}

// An AMX instruction faults until Linux grants the process tile data (and once granted, the
// kernel refuses small signal stacks), so the permission is asked for only when AMX kernels
// may run; without it AMX counts as absent.
static void allow_amx(struct tern_cpu * cpu) {
    const uint32_t amx = TERN_CPU_AMXTILE | TERN_CPU_AMXINT8;
    if ((cpu->usable & amx) != amx || request_amx_permission()) return;
    tern_log(TERN_LOG_WARN, "the CPU has AMX but Linux did not grant this process its tile state: AMX kernels stay unused");
    cpu->features &= ~amx;
    cpu->usable &= ~amx;
}

bool tern_cpu_detect(struct tern_cpu * cpu, const char * cap) {
    memset(cpu, 0, sizeof(*cpu));
    cpu->features = detect_features(cpu->brand, sizeof(cpu->brand));
    trim(cpu->brand);
    cpu->usable = cpu->features;
    if (cap != NULL && cap[0] != '\0') {
        enum tern_isa isa;
        if (!tern_isa_from_name(cap, &isa)) {
            return false;
        }
        snprintf(cpu->cap, sizeof(cpu->cap), "%s", cap);
        cpu->usable &= tern_isa_features(isa);
    }
    allow_amx(cpu);
    return true;
}

static struct tern_cpu detected;

static void detect_once(void) {
    const char * cap = getenv("TERN_ISA");
    if (!tern_cpu_detect(&detected, cap)) {
        tern_log(TERN_LOG_WARN, "TERN_ISA=%s is not a known ISA token; ignoring it", cap);
        tern_cpu_detect(&detected, NULL);
    }
}

const struct tern_cpu * tern_cpu_get(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, detect_once);
    return &detected;
}

void tern_cpu_feature_names(uint32_t features, char * buf, int size) {
    static const struct { uint32_t bit; const char * name; } names[] = {
        { TERN_CPU_SSE3, "sse3" }, { TERN_CPU_SSSE3, "ssse3" }, { TERN_CPU_SSE41, "sse4.1" },
        { TERN_CPU_SSE42, "sse4.2" }, { TERN_CPU_POPCNT, "popcnt" }, { TERN_CPU_XSAVE, "xsave" },
        { TERN_CPU_AVX, "avx" }, { TERN_CPU_AVX2, "avx2" }, { TERN_CPU_FMA, "fma" }, { TERN_CPU_F16C, "f16c" },
        { TERN_CPU_BMI2, "bmi2" }, { TERN_CPU_AVX512F, "avx512f" }, { TERN_CPU_AVX512BW, "avx512bw" },
        { TERN_CPU_AVX512VL, "avx512vl" }, { TERN_CPU_AVX512DQ, "avx512dq" }, { TERN_CPU_AVX512VNNI, "avx512vnni" },
        { TERN_CPU_AVX512VBMI, "avx512vbmi" }, { TERN_CPU_AVXVNNI, "avxvnni" },
        { TERN_CPU_AMXTILE, "amx-tile" }, { TERN_CPU_AMXINT8, "amx-int8" }, { TERN_CPU_NEON, "neon" },
        { TERN_CPU_CRC32, "crc32" }, { TERN_CPU_LSE, "lse" }, { TERN_CPU_RDM, "rdm" }, { TERN_CPU_DOTPROD, "dotprod" },
        { TERN_CPU_I8MM, "i8mm" }, { TERN_CPU_SVE, "sve" },
    };
    int used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if ((features & names[i].bit) && used < size) {
            used += snprintf(buf + used, (size_t) (size - used), "%s%s", used ? " " : "", names[i].name);
        }
    }
    if (used == 0 && size > 0) {
        snprintf(buf, (size_t) size, "(none)");
    }
}
