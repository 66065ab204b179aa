// The HTTP layer's side of a request, as the route handlers see it (http.c runs the
// daemon; routes.c answers). A handler runs on its connection's own thread once the whole
// body is in, and must queue exactly one response through the functions below.
#pragma once

#include <microhttpd.h>

#include "response.h"
#include "serve.h"

struct conn {
    struct serve * S;
    struct MHD_Connection * mc;
    const struct route * route;
    char method[8], path[64];        // for the log line
    double t0;
    int status;                      // what was answered (0: nothing yet)
    struct sbuf body;                // the request body
    bool body_too_large;
    const char * origin;             // the request's Origin header (CORS), or NULL
    char allow_headers[256];         // a preflight's Access-Control-Request-Headers
    // a completion request in flight
    struct serve_task * task;
    struct reply_meta meta;
    char id[48];
    bool include_usage;
    size_t n_prompt;
    // its stream
    struct sbuf out;                 // events not yet handed to MHD
    size_t out_at;
    struct sbuf taken;               // text taken from the task
    bool role_sent, ended;
    double last_sent;
};

struct route {
    const char * method, * path;
    bool is_public;                  // no API key needed
    bool while_loading;              // answered before the model is ready
    enum MHD_Result (*handle)(struct conn * c);
};

// The route for (method, path); NULL with *known_path telling whether the path exists at all.
const struct route * route_find(const char * method, const char * path, bool * known_path);

// Responses. body is taken (freed by MHD).
enum MHD_Result http_reply(struct conn * c, int status, const char * content_type, struct sbuf * body);
enum MHD_Result http_json(struct conn * c, int status, struct sbuf * body);
// data stays valid for the whole run (the chat page).
enum MHD_Result http_static(struct conn * c, const char * content_type, const void * data, size_t n);
enum MHD_Result http_error(struct conn * c, int status, const char * type, const char * fmt, ...)
    __attribute__((format(printf, 4, 5)));
// 503 with Retry-After.
enum MHD_Result http_busy(struct conn * c, const char * fmt, ...) __attribute__((format(printf, 2, 3)));
// Streams c->task as SSE events; the response's headers go out now.
enum MHD_Result http_stream(struct conn * c);
// The usage and timings of c->task so far. Under S->mu.
struct reply_usage http_usage_locked(const struct conn * c);
// Waits until c->task is done, or the client leaves (false: the task was cancelled).
bool http_wait(struct conn * c);
