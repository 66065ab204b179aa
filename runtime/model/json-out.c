// JSON text output (see json-out.h).

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-out.h"

static bool reserve(struct tern_json_out * o, size_t n) {
    if (o->oom) return false;
    if (o->len + n + 1 <= o->cap) return true;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + n + 1) cap *= 2;
    char * p = realloc(o->p, cap);
    if (!p) {
        o->oom = true;
        return false;
    }
    o->p = p;
    o->cap = cap;
    return true;
}

void tern_json_raw(struct tern_json_out * o, const char * s, size_t n) {
    if (!reserve(o, n)) return;
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

void tern_json_printf(struct tern_json_out * o, const char * fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    const int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->oom = true;
        return;
    }
    if ((size_t) n < sizeof(small)) {
        tern_json_raw(o, small, (size_t) n);
        return;
    }
    if (!reserve(o, (size_t) n)) return;
    va_start(ap, fmt);
    vsnprintf(o->p + o->len, (size_t) n + 1, fmt, ap);
    va_end(ap);
    o->len += (size_t) n;
}

void tern_json_str(struct tern_json_out * o, const char * s, size_t n) {
    tern_json_raw(o, "\"", 1);
    size_t run = 0;       // bytes copied as they are since the last escape
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char) s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        tern_json_raw(o, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': tern_json_raw(o, "\\\"", 2); break;
        case '\\': tern_json_raw(o, "\\\\", 2); break;
        case '\n': tern_json_raw(o, "\\n", 2); break;
        case '\t': tern_json_raw(o, "\\t", 2); break;
        case '\r': tern_json_raw(o, "\\r", 2); break;
        default: tern_json_printf(o, "\\u%04x", c); break;
        }
    }
    tern_json_raw(o, s + run, n - run);
    tern_json_raw(o, "\"", 1);
}

void tern_json_key(struct tern_json_out * o, bool * first, const char * indent, const char * key) {
    if (!*first) tern_json_raw(o, ",", 1);
    *first = false;
    tern_json_raw(o, indent, strlen(indent));
    tern_json_str(o, key, strlen(key));
    tern_json_raw(o, ": ", 2);
}

void tern_json_f64(struct tern_json_out * o, double v) {
    if (!isfinite(v)) {
        tern_json_raw(o, "null", 4);
        return;
    }
    char buf[40];
    if (v == floor(v) && fabs(v) < 1e15) {          // 500000.0, not 5e+05
        snprintf(buf, sizeof(buf), "%.1f", v);
        tern_json_raw(o, buf, strlen(buf));
        return;
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, sizeof(buf), "%.*g", digits, v);
        if (strtod(buf, NULL) == v) break;
    }
    if (!strpbrk(buf, ".eE")) strcat(buf, ".0");
    tern_json_raw(o, buf, strlen(buf));
}

void tern_json_free(struct tern_json_out * o) {
    free(o->p);
    *o = (struct tern_json_out) { 0 };
}

int tern_json_write_file(const struct tern_json_out * o, const char * path, char * err, size_t err_size) {
    if (o->oom) {
        snprintf(err, err_size, "out of memory writing %s", path);
        return -1;
    }
    char tmp[4096];
    if ((size_t) snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
        snprintf(err, err_size, "the path %s is too long", path);
        return -1;
    }
    FILE * f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, err_size, "cannot create %s: %s", tmp, strerror(errno));
        return -1;
    }
    int rc = fwrite(o->p ? o->p : "", 1, o->len, f) == o->len ? 0 : -1;
    if (fclose(f) != 0) rc = -1;
    if (rc || rename(tmp, path) != 0) {
        snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}
