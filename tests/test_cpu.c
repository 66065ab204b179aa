// CPU detection and the TERN_ISA cap: capping to a token leaves only that token's features,
// variants above the cap become unrunnable with a reason that names the cap, and unknown
// tokens are rejected.

#include <string.h>

#include "check.h"
#include "tern/cpu.h"
#include "tern/kernels.h"

int main(void) {
    struct tern_cpu cpu;
    CHECK(tern_cpu_detect(&cpu, NULL), "detect without cap");
    CHECK(cpu.usable == cpu.features, "no cap: usable == features");
#if defined(__x86_64__)
    // Every x86-64 CPU that can run this test's baseline build has SSE2; AVX-512 implies AVX2 here.
    if (cpu.features & TERN_CPU_AVX512F) {
        CHECK(cpu.features & TERN_CPU_AVX2, "AVX-512F without AVX2 reported");
    }
#elif defined(__aarch64__)
    CHECK(cpu.features & TERN_CPU_NEON, "aarch64 without NEON reported");
#endif

    struct tern_cpu capped;
    CHECK(!tern_cpu_detect(&capped, "no-such-isa"), "unknown TERN_ISA token accepted");
    CHECK(tern_cpu_detect(&capped, "scalar"), "scalar cap rejected");
    CHECK(capped.usable == 0, "scalar cap leaves features %#x", capped.usable);

    size_t count;
    const struct tern_variant * v = tern_registry_variants(&count);
    CHECK(count > 0, "empty registry");
    char why[256];
    size_t runnable = 0;
    for (size_t i = 0; i < count; i++) {
        const bool ok = tern_variant_runnable(&v[i], &capped, why, sizeof(why));
        CHECK(ok == (v[i].isa == TERN_ISA_SCALAR), "%s runnable=%d under the scalar cap", v[i].name, ok);
        if (!ok && (tern_isa_features(v[i].isa) & ~cpu.features) == 0) {
            CHECK(strstr(why, "TERN_ISA=scalar") != NULL, "reason '%s' does not name the cap", why);
        }
        runnable += ok;
    }
    CHECK(runnable >= 4, "at least 4 scalar variants expected, found %zu", runnable);

#if defined(__x86_64__)
    if (cpu.features & TERN_CPU_AVX512BW) {
        CHECK(tern_cpu_detect(&capped, "avx2"), "avx2 cap rejected");
        CHECK((capped.usable & TERN_CPU_AVX512BW) == 0 && (capped.usable & TERN_CPU_AVX2),
              "avx2 cap kept %#x", capped.usable);
    }
#endif
    return check_summary("test_cpu");
}
