// Stop strings (tern/stop.h): text passes through unchanged except for a tail that could
// still become a stop string; a match ends the stream before the stop string; pieces may
// split a stop string anywhere.

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "tern/stop.h"

// Feeds text in pieces of `step` bytes; returns what was shown (and whether a stop hit).
static void run(const char * const * stops, size_t n_stops, const char * text, size_t step, char * shown, bool * hit) {
    struct tern_stop s;
    CHECK(tern_stop_init(&s, stops, n_stops) == 0, "init");
    size_t at = 0, len = strlen(text);
    for (size_t i = 0; i < len; i += step) {
        const size_t n = len - i < step ? len - i : step;
        at += tern_stop_push(&s, text + i, n, shown + at);
    }
    at += tern_stop_flush(&s, shown + at);
    shown[at] = '\0';
    *hit = s.hit;
    tern_stop_free(&s);
}

int main(void) {
    static const char * const stops[] = { "User:", "abc", "\n\n" };
    const struct { const char * text, * want; bool hit; } cases[] = {
        { "Hello world", "Hello world", false },               // nothing held back at the end
        { "Hello User: more", "Hello ", true },
        { "xxababcyy", "xxab", true },                          // "ab" + "abc": the second a starts the match
        { "Use Us User", "Use Us User", false },                // prefixes that never complete are released
        { "line\n\nnext", "line", true },
        { "ab", "ab", false },                                  // held, then flushed at the end
        { "", "", false },
    };
    char shown[256];
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        for (size_t step = 1; step <= 7; step++) {
            bool hit;
            run(stops, 3, cases[c].text, step, shown, &hit);
            CHECK(strcmp(shown, cases[c].want) == 0 && hit == cases[c].hit, "'%s' in pieces of %zu: got '%s' (hit %d)",
                  cases[c].text, step, shown, hit);
        }
    }
    // No stop strings: everything passes at once.
    struct tern_stop s;
    tern_stop_init(&s, NULL, 0);
    CHECK(tern_stop_push(&s, "abc", 3, shown) == 3, "no stops: nothing held");
    tern_stop_free(&s);
    return check_summary("test_stop");
}
