// What a slot may show of its generated text so far. Token bytes come in one token at a
// time; out goes text that can no longer change: a partial UTF-8 character is held until
// it completes (tern_utf8_stream), and a tail that could still grow into a stop string is
// held until it either does (then the stop string and everything after it are dropped) or
// cannot (tern_stop, the same matcher as the CLI's reverse prompts).
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"
#include "tern/stop.h"
#include "tern/tokenizer.h"

struct textout {
    struct tern_utf8_stream utf8;
    struct tern_stop stop;
    char * scratch;                // SCRATCH + the longest stop string: tern_stop_push's output
};

// 0, or -1 out of memory. stop: (n_stop) NUL-terminated strings, not owned.
int textout_init(struct textout * t, char * const * stop, size_t n_stop);
void textout_free(struct textout * t);
// Adds n bytes; appends what can be shown to out. Returns true when a stop string matched.
bool textout_push(struct textout * t, const char * bytes, size_t n, struct sbuf * out);
// The end of generation without a stop string: shows everything held.
void textout_flush(struct textout * t, struct sbuf * out);
