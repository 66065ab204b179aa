// The HTTP layer: libmicrohttpd with one thread per connection (see serve.h). A handler and
// a stream's content reader may block: each has its own thread. While a connection waits
// for its task it polls its socket every SERVE_POLL_MS for a hang-up, because MHD itself
// only notices a closed connection when it next writes. Errors found before any byte of a
// stream went out are plain JSON responses; a stream that fails later ends with an error
// event and a proper end of the chunked body, never a cut connection.

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http.h"
#include "tern/clock.h"
#include "tern/log.h"

#define MAX_BODY (8u << 20)
#define MAX_CONNECTIONS 512

// ---------------------------------------------------------------------------- responses

static void common_headers(struct conn * c, struct MHD_Response * r) {
    MHD_add_response_header(r, "Server", "tern/" TERN_VERSION);
    if (c->origin) {
        // Reflect the caller's origin, as llama-server does by default.
        MHD_add_response_header(r, "Access-Control-Allow-Origin", c->origin);
        MHD_add_response_header(r, "Access-Control-Allow-Credentials", "true");
        MHD_add_response_header(r, "Vary", "Origin");
    }
}

static enum MHD_Result queue(struct conn * c, int status, struct MHD_Response * r) {
    if (!r) return MHD_NO;
    common_headers(c, r);
    if (status >= 400 && status < 500) {
        pthread_mutex_lock(&c->S->mu);
        c->S->metrics.requests_invalid++;
        pthread_mutex_unlock(&c->S->mu);
    }
    const enum MHD_Result rc = MHD_queue_response(c->mc, (unsigned) status, r);
    MHD_destroy_response(r);
    c->status = status;
    return rc;
}

enum MHD_Result http_reply(struct conn * c, int status, const char * content_type, struct sbuf * body) {
    if (body->oom) {
        sbuf_free(body);
        return MHD_NO;
    }
    struct MHD_Response * r = body->p ? MHD_create_response_from_buffer(body->n, body->p, MHD_RESPMEM_MUST_FREE)
                                      : MHD_create_response_from_buffer(0, (void *) "", MHD_RESPMEM_PERSISTENT);
    if (!r) {
        sbuf_free(body);
        return MHD_NO;
    }
    memset(body, 0, sizeof(*body));      // MHD frees it now
    MHD_add_response_header(r, "Content-Type", content_type);
    return queue(c, status, r);
}

enum MHD_Result http_json(struct conn * c, int status, struct sbuf * body) {
    return http_reply(c, status, "application/json; charset=utf-8", body);
}

enum MHD_Result http_static(struct conn * c, const char * content_type, const void * data, size_t n) {
    struct MHD_Response * r = MHD_create_response_from_buffer(n, (void *) data, MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", content_type);
    return queue(c, 200, r);
}

static const char * status_type(int status) {
    switch (status) {
    case 401: return "authentication_error";
    case 404: return "not_found_error";
    case 503: return "unavailable_error";
    default:  return status >= 500 ? "server_error" : "invalid_request_error";
    }
}

static enum MHD_Result error_v(struct conn * c, int status, const char * type, const char * retry_after,
                               const char * fmt, va_list ap) {
    char msg[600];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    struct sbuf b = { 0 };
    reply_error(&b, status, type ? type : status_type(status), msg, NULL);
    if (b.oom) return MHD_NO;
    struct MHD_Response * r = MHD_create_response_from_buffer(b.n, b.p, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        sbuf_free(&b);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
    if (retry_after) MHD_add_response_header(r, "Retry-After", retry_after);
    return queue(c, status, r);
}

enum MHD_Result http_error(struct conn * c, int status, const char * type, const char * fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const enum MHD_Result rc = error_v(c, status, type, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

enum MHD_Result http_busy(struct conn * c, const char * fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const enum MHD_Result rc = error_v(c, 503, "unavailable_error", "1", fmt, ap);
    va_end(ap);
    return rc;
}

// ---------------------------------------------------------------------------- waiting

// Whether the client hung up (or the socket broke). Pipelined bytes are not a hang-up.
static bool client_gone(struct conn * c) {
    const union MHD_ConnectionInfo * ci = MHD_get_connection_info(c->mc, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!ci) return false;
    struct pollfd p = { .fd = ci->connect_fd, .events = POLLRDHUP };
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

static void wait_a_little(struct conn * c, double seconds) {
    if (seconds > SERVE_POLL_MS * 1e-3) seconds = SERVE_POLL_MS * 1e-3;
    if (seconds < 1e-3) seconds = 1e-3;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);          // the task's condition variable waits on this clock
    const long ns = ts.tv_nsec + (long) (seconds * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_cond_timedwait(&c->task->cond, &c->S->mu, &ts);
}

// Under S->mu: checks the socket without the lock. true if the client left (task cancelled).
static bool check_gone_locked(struct conn * c) {
    pthread_mutex_unlock(&c->S->mu);
    const bool gone = client_gone(c);
    pthread_mutex_lock(&c->S->mu);
    if (gone) sched_cancel_locked(c->S, c->task);
    return gone;
}

bool http_wait(struct conn * c) {
    struct serve * S = c->S;
    pthread_mutex_lock(&S->mu);
    bool gone = false;
    while (!c->task->done && !gone) {
        wait_a_little(c, 1.0);
        if (!c->task->done) gone = check_gone_locked(c);
    }
    pthread_mutex_unlock(&S->mu);
    return !gone;
}

// ---------------------------------------------------------------------------- streams

struct reply_usage http_usage_locked(const struct conn * c) {
    const struct serve_task * t = c->task;
    return (struct reply_usage) { .prompt_tokens = c->n_prompt, .completion_tokens = t->n_gen, .cached_tokens = t->n_cached,
                                  .prompt_ms = t->t_first > 0 ? 1e3 * (t->t_first - t->t_start) : 0,
                                  .predicted_ms = t->t_end > t->t_first ? 1e3 * (t->t_end - t->t_first) : 0 };
}

// Waits for news of the task and writes the next events into c->out. false: the client left.
static bool stream_next(struct conn * c) {
    struct serve * S = c->S;
    struct serve_task * t = c->task;
    pthread_mutex_lock(&S->mu);
    while (!t->done && t->text.n == 0) {
        const double idle = tern_now_s() - c->last_sent;
        if (idle >= S->cfg.ping_s) {
            pthread_mutex_unlock(&S->mu);
            sbuf_puts(&c->out, ":\n\n");     // an SSE comment: keeps proxies and clients from timing out
            c->last_sent = tern_now_s();
            return true;
        }
        wait_a_little(c, S->cfg.ping_s - idle);
        if (!t->done && t->text.n == 0 && check_gone_locked(c)) {
            pthread_mutex_unlock(&S->mu);
            return false;
        }
    }
    const struct sbuf swap = c->taken;       // take the text, leave the task an empty buffer
    c->taken = t->text;
    t->text = swap;
    sbuf_reset(&t->text);
    const bool done = t->done;
    char error[sizeof(t->error)];
    memcpy(error, t->error, sizeof(error));
    const struct reply_usage u = http_usage_locked(c);
    const enum serve_finish finish = t->finish;
    pthread_mutex_unlock(&S->mu);

    if (!c->role_sent && c->meta.kind == SERVE_CHAT && !error[0]) reply_chunk_role(&c->out, &c->meta);
    c->role_sent = true;
    if (c->taken.oom) {
        snprintf(error, sizeof(error), "out of memory for the generated text");
    } else if (c->taken.n) {
        reply_chunk_text(&c->out, &c->meta, c->taken.p, c->taken.n);
    }
    sbuf_reset(&c->taken);
    if (done || error[0]) {
        if (error[0]) {
            reply_chunk_error(&c->out, 500, "server_error", error);   // then the end, without [DONE]
        } else {
            reply_chunk_finish(&c->out, &c->meta, finish, &u);
            if (c->include_usage) reply_chunk_usage(&c->out, &c->meta, &u);
            reply_done(&c->out);
        }
        c->ended = true;
    }
    c->last_sent = tern_now_s();
    return true;
}

static ssize_t stream_reader(void * cls, uint64_t pos, char * buf, size_t max) {
    (void) pos;
    struct conn * c = cls;
    while (c->out_at == c->out.n) {
        if (c->ended || c->out.oom) return c->out.oom ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
        sbuf_reset(&c->out);
        c->out_at = 0;
        if (!stream_next(c)) return MHD_CONTENT_READER_END_WITH_ERROR;      // nobody is reading
    }
    const size_t n = c->out.n - c->out_at < max ? c->out.n - c->out_at : max;
    memcpy(buf, c->out.p + c->out_at, n);
    c->out_at += n;
    return (ssize_t) n;
}

enum MHD_Result http_stream(struct conn * c) {
    struct MHD_Response * r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, stream_reader, c, NULL);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");     // nginx: do not buffer the stream
    c->last_sent = tern_now_s();
    return queue(c, 200, r);
}

// ---------------------------------------------------------------------------- requests

static bool same_key(const char * a, const char * b) {
    const size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = na != nb;
    for (size_t i = 0; i < na; i++) diff |= (unsigned char) (a[i] ^ b[i % (nb ? nb : 1)]);
    return diff == 0;
}

static bool authorized(const struct serve * S, struct MHD_Connection * mc) {
    if (S->cfg.n_api_keys == 0) return true;
    const char * key = NULL;
    const char * auth = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) key = auth + 7;
    if (!key) key = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Api-Key");
    if (!key) return false;
    bool ok = false;
    for (size_t i = 0; i < S->cfg.n_api_keys; i++) ok |= same_key(key, S->cfg.api_keys[i]);
    return ok;
}

static enum MHD_Result preflight(struct conn * c) {
    struct MHD_Response * r = MHD_create_response_from_buffer(0, (void *) "", MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    MHD_add_response_header(r, "Access-Control-Allow-Headers", c->allow_headers[0] ? c->allow_headers : "*");
    MHD_add_response_header(r, "Access-Control-Max-Age", "86400");
    return queue(c, 204, r);
}

static enum MHD_Result too_large(struct conn * c) {
    return http_error(c, 413, NULL, "the request body is larger than %u MiB", MAX_BODY >> 20);
}

// The first call: headers only. Anything refused here is answered before the body is read.
static enum MHD_Result start(struct serve * S, struct conn * c, const char * url, const char * method) {
    c->origin = MHD_lookup_connection_value(c->mc, MHD_HEADER_KIND, "Origin");
    if (strcmp(method, "OPTIONS") == 0) {
        const char * h = MHD_lookup_connection_value(c->mc, MHD_HEADER_KIND, "Access-Control-Request-Headers");
        if (h) snprintf(c->allow_headers, sizeof(c->allow_headers), "%s", h);
        return preflight(c);           // before the key check: browsers send none with it
    }
    bool known_path;
    c->route = route_find(method, url, &known_path);
    if (!c->route) {
        return known_path ? http_error(c, 405, NULL, "%s is not allowed on %s", method, c->path)
                          : http_error(c, 404, NULL, "File Not Found");
    }
    if (!atomic_load(&S->ready) && !c->route->while_loading) return http_error(c, 503, NULL, "Loading model");
    if (!c->route->is_public && !authorized(S, c->mc)) return http_error(c, 401, NULL, "Invalid API Key");
    // MHD takes a response only before or after the body, so a body known to be too large
    // is refused now; one that turns out too large (chunked) is read, dropped and refused.
    const char * length = MHD_lookup_connection_value(c->mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length && strtoull(length, NULL, 10) > MAX_BODY) return too_large(c);
    return MHD_YES;
}

static enum MHD_Result on_request(void * cls, struct MHD_Connection * mc, const char * url, const char * method,
                                  const char * version, const char * upload, size_t * upload_size, void ** con_cls) {
    (void) version;
    struct serve * S = cls;
    struct conn * c = *con_cls;
    if (!c) {
        if (!(c = calloc(1, sizeof(*c)))) return MHD_NO;
        *con_cls = c;
        c->S = S;
        c->mc = mc;
        c->t0 = tern_now_s();
        snprintf(c->method, sizeof(c->method), "%s", method);
        snprintf(c->path, sizeof(c->path), "%s", url);
        return start(S, c, url, method);
    }
    if (c->status) {                   // answered already: the rest of the body is dropped
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (c->body.n + *upload_size > MAX_BODY) c->body_too_large = true;
        if (!c->body_too_large) sbuf_put(&c->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (c->body_too_large) return too_large(c);
    if (c->body.oom) return http_error(c, 500, NULL, "out of memory for the request body");
    return c->route->handle(c);
}

static void on_completed(void * cls, struct MHD_Connection * mc, void ** con_cls, enum MHD_RequestTerminationCode toe) {
    (void) mc;
    struct serve * S = cls;
    struct conn * c = *con_cls;
    if (!c) return;
    *con_cls = NULL;
    const bool cut = toe != MHD_REQUEST_TERMINATED_COMPLETED_OK;
    if (c->task) {
        pthread_mutex_lock(&S->mu);
        if (cut) sched_cancel_locked(S, c->task);
        task_unref_locked(c->task);
        S->n_open--;
        pthread_mutex_unlock(&S->mu);
    }
    tern_log(cut ? TERN_LOG_WARN : TERN_LOG_INFO, "%s %s %d %.0f ms%s", c->method, c->path, c->status,
             1e3 * (tern_now_s() - c->t0), cut ? " (connection closed before the end)" : "");
    sbuf_free(&c->body);
    sbuf_free(&c->out);
    sbuf_free(&c->taken);
    free(c);
}

static void on_mhd_log(void * cls, const char * fmt, va_list ap) {
    (void) cls;
    char msg[400];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    const size_t n = strlen(msg);
    if (n && msg[n - 1] == '\n') msg[n - 1] = '\0';
    tern_log(TERN_LOG_DEBUG, "http: %s", msg);
}

// ---------------------------------------------------------------------------- the daemon

int http_start(struct serve * S, char * err, size_t err_size) {
    char port[16];
    snprintf(port, sizeof(port), "%d", S->cfg.port);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE }, * ai;
    const int gai = getaddrinfo(S->cfg.host, port, &hints, &ai);
    if (gai) {
        snprintf(err, err_size, "cannot resolve --host %s: %s", S->cfg.host, gai_strerror(gai));
        return -1;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG |
                     MHD_USE_ITC;   // ITC: MHD_quiesce_daemon can wake the listening thread
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    S->http = MHD_start_daemon(flags, 0, NULL, NULL, on_request, S,
                               MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, S,
                               MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                               MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned) 1,
                               MHD_OPTION_CONNECTION_LIMIT, (unsigned) MAX_CONNECTIONS,
                               MHD_OPTION_CONNECTION_TIMEOUT, (unsigned) S->cfg.timeout_s,
                               MHD_OPTION_NOTIFY_COMPLETED, on_completed, S,
                               MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!S->http) {
        snprintf(err, err_size, "cannot listen on %s:%d (%s)", S->cfg.host, S->cfg.port,
                 errno ? strerror(errno) : "libmicrohttpd refused");
        return -1;
    }
    const union MHD_DaemonInfo * info = MHD_get_daemon_info(S->http, MHD_DAEMON_INFO_BIND_PORT);
    S->port = info ? (int) info->port : S->cfg.port;
    return 0;
}

void http_stop(struct serve * S) {
    if (!S->http) return;
    const MHD_socket listener = MHD_quiesce_daemon(S->http);     // ours to close from now on
    for (int i = 0; i < 300; i++) {
        pthread_mutex_lock(&S->mu);
        const int open = S->n_open;
        pthread_mutex_unlock(&S->mu);
        if (open == 0) break;
        usleep(10000);
    }
    MHD_stop_daemon(S->http);
    if (listener != MHD_INVALID_SOCKET) close(listener);
    S->http = NULL;
}
