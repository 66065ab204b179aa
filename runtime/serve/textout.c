// Stop strings and UTF-8 hold-back for streamed text (see textout.h).

#include <string.h>

#include "textout.h"

void textout_init(struct textout * t, char * const * stop, size_t n_stop) {
    memset(t, 0, sizeof(*t));
    t->stop = stop;
    t->n_stop = n_stop;
}

void textout_free(struct textout * t) {
    sbuf_free(&t->held);
}

// Earliest start of a stop string in s[0..n), n if none.
static size_t first_stop(const struct textout * t, const char * s, size_t n) {
    size_t best = n;
    for (size_t i = 0; i < t->n_stop; i++) {
        const size_t len = strlen(t->stop[i]);
        for (size_t at = 0; at + len <= n && at < best; at++) {
            if (memcmp(s + at, t->stop[i], len) == 0) {
                best = at;
                break;
            }
        }
    }
    return best;
}

// Length of the longest tail of s[0..n) that is a proper prefix of a stop string.
static size_t stop_prefix_tail(const struct textout * t, const char * s, size_t n) {
    size_t best = 0;
    for (size_t i = 0; i < t->n_stop; i++) {
        const size_t len = strlen(t->stop[i]);
        for (size_t k = len - 1 < n ? len - 1 : n; k > best; k--) {
            if (memcmp(s + n - k, t->stop[i], k) == 0) {
                best = k;
                break;
            }
        }
    }
    return best;
}

bool textout_push(struct textout * t, const char * bytes, size_t n, struct sbuf * out) {
    if (t->stopped) return true;
    char small[256];
    if (n + 4 <= sizeof(small)) {
        sbuf_put(&t->held, small, tern_utf8_stream_push(&t->utf8, bytes, n, small));
    } else {
        for (size_t at = 0; at < n; at += sizeof(small) - 4) {     // long tokens in pieces
            const size_t k = n - at < sizeof(small) - 4 ? n - at : sizeof(small) - 4;
            sbuf_put(&t->held, small, tern_utf8_stream_push(&t->utf8, bytes + at, k, small));
        }
    }
    const char * s = t->held.p ? t->held.p : "";
    const size_t len = t->held.n;
    const size_t at = first_stop(t, s, len);
    if (at < len) {
        sbuf_put(out, s, at);
        sbuf_reset(&t->held);
        t->stopped = true;
        return true;
    }
    const size_t keep = stop_prefix_tail(t, s, len);
    sbuf_put(out, s, len - keep);
    if (t->held.p) {
        memmove(t->held.p, s + len - keep, keep);
        t->held.n = keep;
        t->held.p[keep] = '\0';
    }
    return false;
}

void textout_flush(struct textout * t, struct sbuf * out) {
    if (t->stopped) return;
    char tail[8];
    sbuf_put(&t->held, tail, tern_utf8_stream_flush(&t->utf8, tail));
    sbuf_put(out, t->held.p ? t->held.p : "", t->held.n);
    sbuf_reset(&t->held);
}
