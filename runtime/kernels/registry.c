// The registry: every generated variant, from generated/kernels.inc (the X-macro list that
// codegen derives from configs/kernels.toml). Nothing here names a kernel.

#include <stdio.h>
#include <string.h>

#include "tern/kernels.h"

static const struct tern_variant variants[] = {
#define TERN_GEMM_UKERNEL(isa_, name_, wfmt_, afmt_, mr_, nr_, kb_, g_, vbytes_, pf_, prep_, pack_) \
    { .name = #name_, .isa = isa_, .wfmt = wfmt_, .afmt = afmt_, .mr = mr_, .nr = nr_, .kb = kb_, .g = g_,  \
      .vbytes = vbytes_, .pf = pf_, .gemm = name_, .prep = prep_, .pack = pack_, .prep_name = #prep_, .pack_name = #pack_ },
#include "kernels.inc"
#undef TERN_GEMM_UKERNEL
};

const struct tern_variant * tern_registry_variants(size_t * count) {
    *count = sizeof(variants) / sizeof(variants[0]);
    return variants;
}

const struct tern_variant * tern_registry_find(const char * name) {
    for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
        if (strcmp(variants[i].name, name) == 0) {
            return &variants[i];
        }
    }
    return NULL;
}

const char * tern_registry_hash(void) {
    return TERN_REGISTRY_HASH;
}

bool tern_variant_runnable(const struct tern_variant * v, const struct tern_cpu * cpu, char * why, int why_size) {
    const uint32_t missing = tern_isa_features(v->isa) & ~cpu->usable;
    if (missing == 0) {
        return true;
    }
    if (why && why_size > 0) {
        char names[256];
        tern_cpu_feature_names(missing, names, sizeof(names));
        if ((tern_isa_features(v->isa) & ~cpu->features) == 0) {
            snprintf(why, (size_t) why_size, "TERN_ISA=%s excludes %s", cpu->cap, names);
        } else {
            snprintf(why, (size_t) why_size, "this CPU lacks %s", names);
        }
    }
    return false;
}
