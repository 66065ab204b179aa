// Choosing the variant pair of a linear shape (see plan.c).
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "tern/cpu.h"
#include "tern/kernels.h"
#include "tern/tune.h"

struct tern_plan_choice {
    const struct tern_variant * decode;    // MR = 1
    const struct tern_variant * prefill;   // MR > 1 over the same layout (decode itself if none)
    bool from_profile;
};

void tern_plan_choose(const struct tern_cpu * cpu, const struct tern_profile * profile, size_t k, size_t n,
                      int threads, struct tern_plan_choice * out);
