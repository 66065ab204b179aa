// Response and SSE chunk shapes (see response.h).

#include "response.h"

#define FINGERPRINT "tern-" TERN_VERSION

const char * finish_name(int finish) {
    return finish == 1 ? "stop" : finish == 2 ? "length" : NULL;
}

void reply_error(struct sbuf * b, int code, const char * type, const char * message, const char * extra) {
    sbuf_printf(b, "{\"error\":{\"code\":%d,\"message\":", code);
    sbuf_json_str(b, message);
    sbuf_puts(b, ",\"type\":");
    sbuf_json_str(b, type);
    if (extra) sbuf_puts(b, extra);
    sbuf_puts(b, "}}");
}

static void head(struct sbuf * b, const struct reply_meta * m, const char * object) {
    sbuf_puts(b, "{\"id\":");
    sbuf_json_str(b, m->id);
    sbuf_printf(b, ",\"object\":\"%s\",\"created\":%ld,\"model\":", object, m->created);
    sbuf_json_str(b, m->model);
    sbuf_puts(b, ",\"system_fingerprint\":\"" FINGERPRINT "\"");
}

static void usage(struct sbuf * b, const struct reply_usage * u) {
    sbuf_printf(b, ",\"usage\":{\"completion_tokens\":%zu,\"prompt_tokens\":%zu,\"total_tokens\":%zu,"
                   "\"prompt_tokens_details\":{\"cached_tokens\":%zu}}",
                u->completion_tokens, u->prompt_tokens, u->prompt_tokens + u->completion_tokens, u->cached_tokens);
}

static double per_second(size_t n, double ms) {
    return ms > 0 ? 1e3 * (double) n / ms : 0.0;
}

// llama-server's extra object: what was evaluated and how fast.
static void timings(struct sbuf * b, const struct reply_usage * u) {
    const size_t prompt_n = u->prompt_tokens - u->cached_tokens;
    sbuf_printf(b, ",\"timings\":{\"cache_n\":%zu,\"prompt_n\":%zu,\"prompt_ms\":%.3f,\"prompt_per_second\":%.3f,"
                   "\"predicted_n\":%zu,\"predicted_ms\":%.3f,\"predicted_per_second\":%.3f}",
                u->cached_tokens, prompt_n, u->prompt_ms, per_second(prompt_n, u->prompt_ms), u->completion_tokens,
                u->predicted_ms, per_second(u->completion_tokens, u->predicted_ms));
}

static void finish_field(struct sbuf * b, int finish) {
    const char * f = finish_name(finish);
    sbuf_puts(b, ",\"finish_reason\":");
    sbuf_json_str(b, f);
}

void reply_full(struct sbuf * b, const struct reply_meta * m, const char * text, size_t n, int finish,
                const struct reply_usage * u) {
    const bool chat = m->kind == SERVE_CHAT;
    head(b, m, chat ? "chat.completion" : "text_completion");
    sbuf_puts(b, chat ? ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                      : ",\"choices\":[{\"index\":0,\"text\":");
    sbuf_json(b, text, n);
    sbuf_puts(b, chat ? "},\"logprobs\":null" : ",\"logprobs\":null");
    finish_field(b, finish);
    sbuf_puts(b, "}]");
    usage(b, u);
    timings(b, u);
    sbuf_puts(b, "}");
}

static void chunk_open(struct sbuf * b, const struct reply_meta * m) {
    sbuf_puts(b, "data: ");
    head(b, m, m->kind == SERVE_CHAT ? "chat.completion.chunk" : "text_completion");
}

void reply_chunk_role(struct sbuf * b, const struct reply_meta * m) {
    chunk_open(b, m);
    sbuf_puts(b, ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},"
                 "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
}

void reply_chunk_text(struct sbuf * b, const struct reply_meta * m, const char * text, size_t n) {
    chunk_open(b, m);
    sbuf_puts(b, m->kind == SERVE_CHAT ? ",\"choices\":[{\"index\":0,\"delta\":{\"content\":" : ",\"choices\":[{\"index\":0,\"text\":");
    sbuf_json(b, text, n);
    sbuf_puts(b, m->kind == SERVE_CHAT ? "},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                                       : ",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
}

void reply_chunk_finish(struct sbuf * b, const struct reply_meta * m, int finish, const struct reply_usage * u) {
    chunk_open(b, m);
    sbuf_puts(b, m->kind == SERVE_CHAT ? ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null"
                                       : ",\"choices\":[{\"index\":0,\"text\":\"\",\"logprobs\":null");
    finish_field(b, finish);
    sbuf_puts(b, "}]");
    timings(b, u);      // on the last chunk, as llama-server; usage comes in its own chunk
    sbuf_puts(b, "}\n\n");
}

void reply_chunk_usage(struct sbuf * b, const struct reply_meta * m, const struct reply_usage * u) {
    chunk_open(b, m);
    sbuf_puts(b, ",\"choices\":[]");
    usage(b, u);
    sbuf_puts(b, "}\n\n");
}

void reply_chunk_error(struct sbuf * b, int code, const char * type, const char * message) {
    sbuf_puts(b, "data: ");
    reply_error(b, code, type, message, NULL);
    sbuf_puts(b, "\n\n");
}

void reply_done(struct sbuf * b) {
    sbuf_puts(b, "data: [DONE]\n\n");
}
