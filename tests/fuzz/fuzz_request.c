// libFuzzer target for the server's request path: any body must parse or be refused with
// one line; what parses is rendered as a whole response and as stream chunks, which must be
// valid JSON (read back by cJSON); and the body's bytes streamed through the stop-string
// filter come out as a prefix of themselves that stops exactly before a stop string.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "request.h"
#include "response.h"
#include "textout.h"

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

static void must_be_json(const char * s, size_t n) {
    cJSON * v = cJSON_ParseWithLength(s, n);
    if (!v) {
        fprintf(stderr, "not JSON: %.*s\n", (int) n, s);
        abort();
    }
    cJSON_Delete(v);
}

static void one_line(const char * err) {
    if (!err[0] || strchr(err, '\n')) abort();
}

// Streams text through the stop filter in pieces of `step` bytes.
static void stop_property(const struct serve_params * p, const char * text, size_t n, size_t step) {
    struct textout t;
    textout_init(&t, (char * const *) p->stop, p->n_stop);
    struct sbuf out = { 0 };
    bool stopped = false;
    for (size_t at = 0; at < n && !stopped; at += step) stopped = textout_push(&t, text + at, n - at < step ? n - at : step, &out);
    if (!stopped) textout_flush(&t, &out);
    textout_free(&t);
    if (out.oom) abort();
    const size_t k = out.n;
    if (k > n || (k && memcmp(out.p, text, k) != 0)) abort();          // a prefix of the input
    if (!stopped && k != n) abort();                                       // everything, without a stop
    if (stopped) {                                                         // ends right before a stop string
        bool at_stop = false;
        for (size_t i = 0; i < p->n_stop; i++) {
            const size_t len = strlen(p->stop[i]);
            at_stop |= k + len <= n && memcmp(text + k, p->stop[i], len) == 0;
        }
        if (!at_stop) abort();
    }
    for (size_t i = 0; i < p->n_stop; i++) {
        const size_t len = strlen(p->stop[i]);
        for (size_t j = 0; j + len <= k; j++) if (memcmp(out.p + j, p->stop[i], len) == 0) abort();   // never shown
    }
    sbuf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    const char * body = (const char *) data;
    const struct tern_sampler_params d = tern_sampler_defaults();
    char err[600];
    for (int kind = 0; kind < 2; kind++) {
        struct serve_params p;
        err[0] = '\0';
        if (serve_params_parse(body, size, (enum serve_kind) kind, &d, &p, err, sizeof(err))) {
            one_line(err);
            continue;
        }
        const char * text = kind == SERVE_CHAT ? p.msgs[p.n_msgs - 1].content : p.prompt ? p.prompt : "";
        const struct reply_meta m = { .kind = (enum serve_kind) kind, .id = "id", .created = 1, .model = text };
        const struct reply_usage u = { .prompt_tokens = 3, .completion_tokens = 2, .cached_tokens = 1 };
        struct sbuf b = { 0 };
        reply_full(&b, &m, text, strlen(text), 1, &u);
        must_be_json(b.p, b.n);
        sbuf_reset(&b);
        reply_chunk_text(&b, &m, text, strlen(text));
        if (b.n < 8 || memcmp(b.p, "data: ", 6) || memcmp(b.p + b.n - 2, "\n\n", 2)) abort();
        must_be_json(b.p + 6, b.n - 8);
        sbuf_free(&b);
        stop_property(&p, body, size, 1);
        stop_property(&p, body, size, 7);
        serve_params_free(&p);
    }
    struct serve_tokenize t;
    err[0] = '\0';
    if (serve_tokenize_parse(body, size, &t, err, sizeof(err)) == 0) free(t.content);
    else one_line(err);
    int32_t * ids;
    size_t n;
    err[0] = '\0';
    if (serve_detokenize_parse(body, size, &ids, &n, err, sizeof(err)) == 0) free(ids);
    else one_line(err);
    return 0;
}
