// Statistics of timing samples: medians (the tuner, bandwidth probes, benchmarks) and the
// test that compares two runs.
#pragma once

#include <stddef.h>

// Two-sided p-value of the Mann-Whitney U test that samples a and b come from the same
// distribution: exact (all rank splits counted) when both have <= 12 samples and no ties,
// else the normal approximation with tie correction and continuity correction.
// Returns 1 when either sample is empty.
double tern_mann_whitney_p(const double * a, size_t na, const double * b, size_t nb);

double tern_median(const double * x, size_t n);   // 0 for n == 0; NAN only if n > 256 and out of memory
