// Argument parsers (see args.h).

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "args.h"

bool tern_parse_int_list(const char * s, int * out, size_t max, size_t * count, int lo, int hi) {
    *count = 0;
    if (!s || !*s) return false;
    for (;;) {
        char * end;
        errno = 0;
        const long v = strtol(s, &end, 10);
        if (end == s || errno || v < lo || v > hi || *count == max) return false;
        out[(*count)++] = (int) v;
        if (*end == '\0') return true;
        if (*end != ',') return false;
        s = end + 1;
    }
}

bool tern_parse_positive(const char * s, double * out) {
    char * end;
    errno = 0;
    const double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v <= 0) return false;
    *out = v;
    return true;
}
