// Medians and the Mann-Whitney U test (see tern/stats.h).

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tern/stats.h"

static int cmp_double(const void * a, const void * b) {
    const double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

double tern_median(const double * x, size_t n) {
    if (n == 0) return 0;
    double small[256];           // the tuner's samples and batches: no allocation
    double * s = n <= 256 ? small : malloc(n * sizeof(double));
    if (!s) return NAN;
    memcpy(s, x, n * sizeof(double));
    qsort(s, n, sizeof(double), cmp_double);
    const double m = n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    if (s != small) free(s);
    return m;
}

// Number of ways to pick na of na+nb ranks 1.. with rank sum r, via the standard recurrence
// over (na, nb); counts fit doubles exactly for na, nb <= 12.
static double exact_p(size_t na, size_t nb, double u) {
    const size_t max_u = na * nb;
    // f[i][j][u]: count of arrangements of i a's and j b's with statistic u.
    double * f = calloc((na + 1) * (nb + 1) * (max_u + 1), sizeof(double));
    if (!f) return NAN;
#define F(i, j, s) f[((i) * (nb + 1) + (j)) * (max_u + 1) + (s)]
    for (size_t i = 0; i <= na; i++) {
        for (size_t j = 0; j <= nb; j++) {
            for (size_t s = 0; s <= max_u; s++) {
                if (i == 0 || j == 0) {
                    F(i, j, s) = s == 0 ? 1.0 : 0.0;
                    continue;
                }
                // The largest element is an a (it beats all j b's) or a b.
                F(i, j, s) = (s >= j ? F(i - 1, j, s - j) : 0.0) + F(i, j - 1, s);
            }
        }
    }
    double total = 0, tail = 0;
    const double lo = fmin(u, (double) max_u - u);
    for (size_t s = 0; s <= max_u; s++) {
        total += F(na, nb, s);
        if ((double) s <= lo + 1e-9) tail += F(na, nb, s);
    }
#undef F
    free(f);
    const double p = 2.0 * tail / total;
    return p > 1.0 ? 1.0 : p;
}

double tern_mann_whitney_p(const double * a, size_t na, const double * b, size_t nb) {
    if (na == 0 || nb == 0) return 1.0;
    const size_t n = na + nb;
    struct item { double v; int from_a; } * all = malloc(n * sizeof(*all));
    double * rank = malloc(n * sizeof(double));
    if (!all || !rank) {
        free(all);
        free(rank);
        return NAN;
    }
    for (size_t i = 0; i < na; i++) all[i] = (struct item) { a[i], 1 };
    for (size_t i = 0; i < nb; i++) all[na + i] = (struct item) { b[i], 0 };
    qsort(all, n, sizeof(*all), cmp_double);      // the value is the first member
    double ties = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && all[j + 1].v == all[i].v) j++;
        const double t = (double) (j - i + 1);
        ties += t * t * t - t;
        for (size_t k = i; k <= j; k++) rank[k] = 0.5 * (double) (i + j) + 1.0;
        i = j + 1;
    }
    double ra = 0;
    for (size_t i = 0; i < n; i++) {
        if (all[i].from_a) ra += rank[i];
    }
    free(all);
    free(rank);
    const double u = ra - (double) na * (double) (na + 1) / 2.0;
    if (na <= 12 && nb <= 12 && ties == 0) {
        return exact_p(na, nb, u);
    }
    const double mu = (double) na * (double) nb / 2.0;
    const double var = (double) na * (double) nb / 12.0 * ((double) (n + 1) - ties / ((double) n * (double) (n - 1)));
    if (var <= 0) return 1.0;
    const double z = (fabs(u - mu) - 0.5) / sqrt(var);
    const double p = erfc(fmax(z, 0.0) / sqrt(2.0));
    return p > 1.0 ? 1.0 : p;
}
