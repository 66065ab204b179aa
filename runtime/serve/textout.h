// What a slot may show of its generated text so far. Token bytes come in one token at a
// time; out goes text that can no longer change: a partial UTF-8 character is held until
// it completes, and a tail that could still grow into a stop string is held until it
// either does (then the stop string and everything after it are dropped) or cannot.
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"
#include "tern/tokenizer.h"

struct textout {
    struct tern_utf8_stream utf8;
    struct sbuf held;              // complete characters not yet shown
    char * const * stop;           // (n_stop) NUL-terminated, none empty; not owned
    size_t n_stop;
    bool stopped;                  // a stop string matched: nothing more comes out
};

void textout_init(struct textout * t, char * const * stop, size_t n_stop);
void textout_free(struct textout * t);
// Adds n bytes; appends what can be shown to out. Returns true when a stop string matched.
bool textout_push(struct textout * t, const char * bytes, size_t n, struct sbuf * out);
// The end of generation without a stop string: shows everything held.
void textout_flush(struct textout * t, struct sbuf * out);
