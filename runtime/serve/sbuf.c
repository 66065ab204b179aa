// Growable strings and the JSON string writer (see sbuf.h).

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

static bool reserve(struct sbuf * b, size_t more) {
    if (b->oom) return false;
    if (b->n + more + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + more + 1) cap *= 2;
    char * p = realloc(b->p, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void sbuf_put(struct sbuf * b, const void * s, size_t n) {
    if (!reserve(b, n)) return;
    if (n) memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void sbuf_puts(struct sbuf * b, const char * s) {
    sbuf_put(b, s, strlen(s));
}

void sbuf_printf(struct sbuf * b, const char * fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    const int len = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (len < 0) return;
    if ((size_t) len < sizeof(small)) {
        sbuf_put(b, small, (size_t) len);
        return;
    }
    if (!reserve(b, (size_t) len)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t) len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t) len;
}

size_t utf8_valid_len(const unsigned char * s, size_t n) {
    const unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    uint32_t cp, min;
    if ((c & 0xe0) == 0xc0) len = 2, cp = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0) len = 3, cp = c & 0x0f, min = 0x800;
    else if ((c & 0xf8) == 0xf0) len = 4, cp = c & 0x07, min = 0x10000;
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return len;
}

void sbuf_json(struct sbuf * b, const char * s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char * u = (const unsigned char *) s;
    if (!reserve(b, n + 2)) return;
    sbuf_put(b, "\"", 1);
    size_t run = 0;     // bytes copied as they are, flushed in one piece
    for (size_t i = 0; i < n;) {
        const unsigned char c = u[i];
        const size_t len = c >= 0x20 && c != '"' && c != '\\' ? utf8_valid_len(u + i, n - i) : 0;
        if (len) {
            run += len;
            i += len;
            continue;
        }
        sbuf_put(b, u + i - run, run);
        run = 0;
        if (c == '"' || c == '\\') {
            const char esc[2] = { '\\', (char) c };
            sbuf_put(b, esc, 2);
        } else if (c < 0x20) {
            const char * named = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b"
                               : c == '\f' ? "\\f" : NULL;
            if (named) {
                sbuf_put(b, named, 2);
            } else {
                const char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
                sbuf_put(b, esc, 6);
            }
        } else {
            sbuf_put(b, "\xef\xbf\xbd", 3);    // U+FFFD for a byte that starts no valid sequence
        }
        i++;
    }
    sbuf_put(b, u + n - run, run);
    sbuf_put(b, "\"", 1);
}

void sbuf_json_str(struct sbuf * b, const char * s) {
    if (s) sbuf_json(b, s, strlen(s));
    else sbuf_puts(b, "null");
}

void sbuf_reset(struct sbuf * b) {
    b->n = 0;
    b->oom = false;
    if (b->p) b->p[0] = '\0';
}

void sbuf_free(struct sbuf * b) {
    free(b->p);
    memset(b, 0, sizeof(*b));
}
