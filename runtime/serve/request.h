// Request bodies of the completion routes, parsed and checked before anything runs: a
// request is either fully understood or refused with a one-line reason (400). Fields
// follow OpenAI and llama-server (serving.md §1.2); unknown fields are ignored, and null
// means "not given" (clients such as Open WebUI send nulls). What tern does not implement
// (tools, logprobs, n > 1, json response formats, ...) is refused by name, never ignored.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/sampler.h"

enum serve_kind { SERVE_CHAT, SERVE_COMPLETION };

struct serve_msg {
    char * role;                   // "system", "user" or "assistant" ("developer" reads as system)
    char * content;                // the text parts joined
};

#define SERVE_MAX_STOP 16
#define SERVE_MAX_STOP_LEN 256

struct serve_params {
    enum serve_kind kind;
    struct serve_msg * msgs;       // chat: (n_msgs), at least one
    size_t n_msgs;
    char * prompt;                 // completion: the prompt text, or NULL when given as tokens
    int32_t * prompt_tokens;       // completion: (n_prompt_tokens) ids, not yet range-checked
    size_t n_prompt_tokens;
    struct tern_sampler_params sp; // the server's defaults with the request's fields over them
    long max_tokens;               // -1: until an end token or the context is full
    char * stop[SERVE_MAX_STOP];   // non-empty strings
    size_t n_stop;
    bool stream, include_usage, cache_prompt;
};

// Parses a /v1/chat/completions or /v1/completions body. 0, or -1 with a one-line reason.
int serve_params_parse(const char * body, size_t len, enum serve_kind kind, const struct tern_sampler_params * defaults,
                       struct serve_params * p, char * err, size_t err_size);
void serve_params_free(struct serve_params * p);

// /tokenize {content, add_special, parse_special, with_pieces} and /detokenize {tokens}.
struct serve_tokenize {
    char * content;
    bool add_special, parse_special, with_pieces;
};
int serve_tokenize_parse(const char * body, size_t len, struct serve_tokenize * t, char * err, size_t err_size);
int serve_detokenize_parse(const char * body, size_t len, int32_t ** tokens, size_t * n, char * err, size_t err_size);
