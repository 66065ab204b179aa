// UTF-8 hold-back, then stop strings, for streamed text (see textout.h).

#include <stdlib.h>
#include <string.h>

#include "textout.h"

#define SCRATCH 512      // bytes pushed through the stop matcher at a time

int textout_init(struct textout * t, char * const * stop, size_t n_stop) {
    memset(t, 0, sizeof(*t));
    if (tern_stop_init(&t->stop, (const char * const *) stop, n_stop)) return -1;
    t->scratch = malloc(SCRATCH + t->stop.longest);
    return t->scratch ? 0 : -1;
}

void textout_free(struct textout * t) {
    tern_stop_free(&t->stop);
    free(t->scratch);
    t->scratch = NULL;
}

// Complete characters in[0..n) through the stop matcher into out.
static void shown(struct textout * t, const char * in, size_t n, struct sbuf * out) {
    for (size_t at = 0; at < n && !t->stop.hit;) {
        const size_t k = n - at < SCRATCH ? n - at : SCRATCH;
        sbuf_put(out, t->scratch, tern_stop_push(&t->stop, in + at, k, t->scratch));
        at += k;
    }
}

bool textout_push(struct textout * t, const char * bytes, size_t n, struct sbuf * out) {
    char chars[260];
    for (size_t at = 0; at < n && !t->stop.hit;) {       // long tokens in pieces
        const size_t k = n - at < sizeof(chars) - 4 ? n - at : sizeof(chars) - 4;
        shown(t, chars, tern_utf8_stream_push(&t->utf8, bytes + at, k, chars), out);
        at += k;
    }
    return t->stop.hit;
}

void textout_flush(struct textout * t, struct sbuf * out) {
    if (t->stop.hit) return;
    char tail[8];
    shown(t, tail, tern_utf8_stream_flush(&t->utf8, tail), out);
    if (t->stop.hit) return;
    sbuf_put(out, t->scratch, tern_stop_flush(&t->stop, t->scratch));
}
