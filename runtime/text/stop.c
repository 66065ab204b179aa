// Stop strings (see tern/stop.h).

#include <stdlib.h>
#include <string.h>

#include "tern/stop.h"

int tern_stop_init(struct tern_stop * s, const char * const * stops, size_t n) {
    memset(s, 0, sizeof(*s));
    s->stops = stops;
    s->n = n;
    for (size_t i = 0; i < n; i++) {
        const size_t len = strlen(stops[i]);
        if (len > s->longest) s->longest = len;
    }
    s->held = malloc(s->longest + 1);
    return s->held ? 0 : -1;
}

void tern_stop_free(struct tern_stop * s) {
    free(s->held);
    memset(s, 0, sizeof(*s));
}

// Does some stop string start with the last `len` bytes of buf (buf + n - len)?
static bool could_start(const struct tern_stop * s, const char * tail, size_t len) {
    for (size_t i = 0; i < s->n; i++) {
        const size_t l = strlen(s->stops[i]);
        if (l > len && memcmp(s->stops[i], tail, len) == 0) return true;
    }
    return false;
}

size_t tern_stop_push(struct tern_stop * s, const char * in, size_t n, char * out) {
    if (s->hit) return 0;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        s->held[s->n_held++] = in[i];
        // A full match ends the stream: the bytes before it are shown.
        for (size_t j = 0; j < s->n; j++) {
            const size_t l = strlen(s->stops[j]);
            if (l && l <= s->n_held && memcmp(s->held + s->n_held - l, s->stops[j], l) == 0) {
                memcpy(out + shown, s->held, s->n_held - l);
                shown += s->n_held - l;
                s->n_held = 0;
                s->hit = true;
                return shown;
            }
        }
        // Keep the longest tail that could still grow into a match; show what precedes it.
        size_t keep = s->n_held < s->longest ? s->n_held : s->longest;
        while (keep > 0 && !could_start(s, s->held + s->n_held - keep, keep)) keep--;
        const size_t release = s->n_held - keep;
        memcpy(out + shown, s->held, release);
        shown += release;
        memmove(s->held, s->held + release, keep);
        s->n_held = keep;
    }
    return shown;
}

size_t tern_stop_flush(struct tern_stop * s, char * out) {
    const size_t n = s->hit ? 0 : s->n_held;
    memcpy(out, s->held, n);
    s->n_held = 0;
    return n;
}
