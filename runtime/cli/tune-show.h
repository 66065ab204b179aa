// Printing a tuning profile (tune-show.c).
#pragma once

#include "tern/tune.h"

// The plan p decides on cpu, why, the measurements behind it and the end-to-end validation.
void tern_tune_show(const struct tern_profile * p, const struct tern_cpu * cpu);
