// The JSON the completion routes send, in OpenAI's and llama-server's shapes (serving.md
// §1.3-1.5): whole responses, SSE chunks ("data: {...}\n\n" each), errors and usage.
#pragma once

#include <stddef.h>

#include "request.h"
#include "sbuf.h"

struct reply_meta {
    enum serve_kind kind;
    const char * id;                 // "chatcmpl-..." / "cmpl-...", the same in every chunk
    long created;
    const char * model;
};

struct reply_usage {
    size_t prompt_tokens, completion_tokens, cached_tokens;
    double prompt_ms, predicted_ms;  // llama-server's "timings"
};

const char * finish_name(int finish);      // "stop", "length", or NULL

// {"error":{"code":..,"message":..,"type":..<extra>}}; extra: more members (",\"n_ctx\":4") or NULL.
void reply_error(struct sbuf * b, int code, const char * type, const char * message, const char * extra);
// The whole non-streamed response.
void reply_full(struct sbuf * b, const struct reply_meta * m, const char * text, size_t n, int finish,
                const struct reply_usage * u);

// SSE events, appended to b.
void reply_chunk_role(struct sbuf * b, const struct reply_meta * m);           // chat only: delta.role
void reply_chunk_text(struct sbuf * b, const struct reply_meta * m, const char * text, size_t n);
void reply_chunk_finish(struct sbuf * b, const struct reply_meta * m, int finish, const struct reply_usage * u);
void reply_chunk_usage(struct sbuf * b, const struct reply_meta * m, const struct reply_usage * u);
void reply_chunk_error(struct sbuf * b, int code, const char * type, const char * message);
void reply_done(struct sbuf * b);
