// The routes: one table, one handler each (serving.md §1.1). Completion requests are
// checked in full here, on their connection's thread, so every refusal is a plain JSON
// error before any stream byte; only then does the scheduler see them.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "http.h"
#include "tern/chat.h"
#include "tern/clock.h"
#include "tern/rng.h"
#include "tern/tokenizer.h"

extern const unsigned char serve_page_html[];
extern const size_t serve_page_html_len;

// ---------------------------------------------------------------------------- small routes

static enum MHD_Result on_health(struct conn * c) {
    struct sbuf b = { 0 };
    sbuf_puts(&b, "{\"status\":\"ok\"}");
    return http_json(c, 200, &b);
}

static enum MHD_Result on_page(struct conn * c) {
    return http_static(c, "text/html; charset=utf-8", serve_page_html, serve_page_html_len);
}

static enum MHD_Result on_metrics(struct conn * c) {
    struct sbuf b = { 0 };
    serve_metrics_text(c->S, &b);
    return http_reply(c, 200, "text/plain; version=0.0.4; charset=utf-8", &b);
}

static uint64_t n_params(const struct tern_model * m) {
    const struct tern_hparams * hp = &m->hp;
    const struct tern_dims d = tern_hparams_dims(hp);
    const uint64_t per_layer = (uint64_t) d.embd * (2 * d.q + 2 * d.kv + 3 * d.ff);
    return (uint64_t) hp->n_vocab * d.embd * (m->tied ? 1 : 2) + hp->n_layer * per_layer;
}

// From the loaded model's metadata only: it answers while every slot is busy.
static enum MHD_Result on_models(struct conn * c) {
    const struct serve * S = c->S;
    const struct tern_hparams * hp = &S->model->hp;
    struct sbuf b = { 0 };
    sbuf_puts(&b, "{\"object\":\"list\",\"data\":[{\"id\":");
    sbuf_json_str(&b, S->cfg.alias);
    sbuf_printf(&b, ",\"object\":\"model\",\"created\":%ld,\"owned_by\":\"tern\",\"meta\":{\"arch\":", S->created);
    sbuf_json_str(&b, hp->arch_name);
    sbuf_printf(&b, ",\"n_vocab\":%u,\"n_ctx\":%zu,\"n_ctx_train\":%u,\"n_embd\":%u,\"n_params\":%llu,\"size\":%zu,"
                    "\"n_slots\":%zu}}]}", hp->n_vocab, S->cfg.n_ctx, hp->n_ctx_train, hp->n_embd,
                (unsigned long long) n_params(S->model), S->model_bytes, S->n_slots);
    return http_json(c, 200, &b);
}

static const char * body_text(const struct conn * c) {
    return c->body.p ? c->body.p : "";
}

static enum MHD_Result on_tokenize(struct conn * c) {
    const struct tern_vocab * v = c->S->model->vocab;
    struct serve_tokenize t;
    char err[400];
    if (serve_tokenize_parse(body_text(c), c->body.n, &t, err, sizeof(err))) return http_error(c, 400, NULL, "%s", err);
    int32_t * ids = NULL;
    size_t n = 0;
    const int rc = tern_tokenize(v, t.content, strlen(t.content), t.add_special && tern_vocab_add_bos(v), t.parse_special,
                                 &ids, &n, err, sizeof(err));
    free(t.content);
    if (rc) return http_error(c, 400, NULL, "%s", err);
    struct sbuf b = { 0 };
    sbuf_puts(&b, "{\"tokens\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) sbuf_puts(&b, ",");
        if (!t.with_pieces) {
            sbuf_printf(&b, "%d", ids[i]);
            continue;
        }
        char piece[512];
        size_t len = tern_token_bytes(v, ids[i], true, piece, sizeof(piece));
        if (len > sizeof(piece)) len = sizeof(piece);
        size_t at = 0, k;
        while (at < len && (k = utf8_valid_len((const unsigned char *) piece + at, len - at))) at += k;
        sbuf_printf(&b, "{\"id\":%d,\"piece\":", ids[i]);
        if (at == len) {
            sbuf_json(&b, piece, len);
        } else {                         // not UTF-8 on its own: the bytes, as llama-server gives them
            sbuf_puts(&b, "[");
            for (size_t j = 0; j < len; j++) sbuf_printf(&b, "%s%u", j ? "," : "", (unsigned char) piece[j]);
            sbuf_puts(&b, "]");
        }
        sbuf_puts(&b, "}");
    }
    sbuf_puts(&b, "]}");
    free(ids);
    return http_json(c, 200, &b);
}

static enum MHD_Result on_detokenize(struct conn * c) {
    const struct tern_vocab * v = c->S->model->vocab;
    int32_t * ids;
    size_t n;
    char err[400];
    if (serve_detokenize_parse(body_text(c), c->body.n, &ids, &n, err, sizeof(err))) return http_error(c, 400, NULL, "%s", err);
    struct sbuf text = { 0 };
    for (size_t i = 0; i < n; i++) {
        if ((size_t) ids[i] >= tern_vocab_size(v)) {
            const int32_t bad = ids[i];
            free(ids);
            sbuf_free(&text);
            return http_error(c, 400, NULL, "token id %d is outside the vocabulary (0..%zu)", bad, tern_vocab_size(v) - 1);
        }
        char piece[512];
        const size_t len = tern_token_bytes(v, ids[i], true, piece, sizeof(piece));
        sbuf_put(&text, piece, len < sizeof(piece) ? len : sizeof(piece));
    }
    free(ids);
    struct sbuf b = { 0 };
    sbuf_puts(&b, "{\"content\":");
    sbuf_json(&b, text.p ? text.p : "", text.n);
    sbuf_puts(&b, "}");
    sbuf_free(&text);
    return http_json(c, 200, &b);
}

// ---------------------------------------------------------------------------- completions

static void random_id(char * out, size_t size, const char * prefix) {
    static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    unsigned char r[32];
    if (getrandom(r, sizeof(r), 0) != (ssize_t) sizeof(r)) {
        uint64_t s = (uint64_t) (tern_now_s() * 1e9);
        for (size_t i = 0; i < sizeof(r); i++) r[i] = (unsigned char) (tern_splitmix64(&s) >> 56);
    }
    size_t at = (size_t) snprintf(out, size, "%s", prefix);
    for (size_t i = 0; i < sizeof(r) && at + 1 < size; i++) out[at++] = alnum[r[i] % (sizeof(alnum) - 1)];
    out[at] = '\0';
}

static uint64_t random_seed(void) {
    uint64_t s;
    if (getrandom(&s, sizeof(s), 0) != (ssize_t) sizeof(s)) s = (uint64_t) (tern_now_s() * 1e9);
    return s == TERN_SEED_RANDOM ? 0 : s;
}

// The request's prompt as token ids (malloc'd). 0, or -1 with err.
static int prompt_ids(const struct serve * S, struct serve_params * p, int32_t ** ids, size_t * n, char * err, size_t err_size) {
    const struct tern_vocab * v = S->model->vocab;
    *ids = NULL;
    *n = 0;
    if (p->kind == SERVE_CHAT) {
        char * text = serve_chat_prompt(S, p->msgs, p->n_msgs, err, err_size);
        if (!text) return -1;
        // The rendering holds no BOS: the vocabulary adds it where it wants one.
        const int rc = tern_tokenize(v, text, strlen(text), tern_vocab_add_bos(v), true, ids, n, err, err_size);
        free(text);
        return rc;
    }
    if (p->prompt) return tern_tokenize(v, p->prompt, strlen(p->prompt), tern_vocab_add_bos(v), true, ids, n, err, err_size);
    for (size_t i = 0; i < p->n_prompt_tokens; i++) {
        if ((size_t) p->prompt_tokens[i] >= tern_vocab_size(v)) {
            snprintf(err, err_size, "'prompt': token id %d is outside the vocabulary (0..%zu)", p->prompt_tokens[i],
                     tern_vocab_size(v) - 1);
            return -1;
        }
    }
    *ids = p->prompt_tokens;
    *n = p->n_prompt_tokens;
    p->prompt_tokens = NULL;
    return 0;
}

// The whole answer of a non-streamed request, once its task is done.
static enum MHD_Result reply_whole(struct conn * c) {
    struct serve * S = c->S;
    struct serve_task * t = c->task;
    pthread_mutex_lock(&S->mu);
    char error[sizeof(t->error)];
    memcpy(error, t->error, sizeof(error));
    const struct reply_usage u = http_usage_locked(c);
    struct sbuf text = t->text;
    memset(&t->text, 0, sizeof(t->text));
    const enum serve_finish finish = t->finish;
    pthread_mutex_unlock(&S->mu);
    if (text.oom && !error[0]) snprintf(error, sizeof(error), "out of memory for the generated text");
    if (error[0]) {
        sbuf_free(&text);
        return http_error(c, 500, NULL, "%s", error);
    }
    struct sbuf b = { 0 };
    reply_full(&b, &c->meta, text.p ? text.p : "", text.n, finish, &u);
    sbuf_free(&text);
    return http_json(c, 200, &b);
}

static enum MHD_Result completion(struct conn * c, enum serve_kind kind) {
    struct serve * S = c->S;
    char err[600];
    struct serve_params p;
    if (serve_params_parse(body_text(c), c->body.n, kind, &S->cfg.sp, &p, err, sizeof(err))) {
        return http_error(c, 400, NULL, "%s", err);
    }
    int32_t * ids;
    size_t n;
    if (prompt_ids(S, &p, &ids, &n, err, sizeof(err))) {
        serve_params_free(&p);
        return http_error(c, 400, NULL, "%s", err);
    }
    if (n == 0 || n >= S->cfg.n_ctx) {
        serve_params_free(&p);
        free(ids);
        if (n == 0) return http_error(c, 400, NULL, "the prompt is empty");
        char extra[96];
        snprintf(extra, sizeof(extra), ",\"n_prompt_tokens\":%zu,\"n_ctx\":%zu", n, S->cfg.n_ctx);
        struct sbuf b = { 0 };
        char msg[200];
        snprintf(msg, sizeof(msg), "the request exceeds the available context size: %zu prompt tokens, the context holds %zu "
                 "(see -c)", n, S->cfg.n_ctx);
        reply_error(&b, 400, "exceed_context_size_error", msg, extra);
        return http_json(c, 400, &b);
    }
    struct serve_task * t = task_new();
    if (!t) {
        serve_params_free(&p);
        free(ids);
        return http_error(c, 500, NULL, "out of memory");
    }
    t->prompt = ids;
    t->n_prompt = n;
    t->sp = p.sp;
    if (t->sp.seed == TERN_SEED_RANDOM) t->sp.seed = random_seed();
    t->n_predict = p.max_tokens;
    memcpy(t->stop, p.stop, sizeof(p.stop));
    t->n_stop = p.n_stop;
    p.n_stop = 0;
    t->cache_prompt = p.cache_prompt;
    t->turn_stops = p.kind == SERVE_CHAT ? tern_chat_stop_texts(S->model->chat) : NULL;
    t->t_submit = tern_now_s();
    const bool stream = p.stream;
    c->include_usage = p.include_usage;
    serve_params_free(&p);

    const enum serve_submit sub = sched_submit(S, t);
    if (sub != SUBMIT_OK) {
        pthread_mutex_lock(&S->mu);
        task_unref_locked(t);
        pthread_mutex_unlock(&S->mu);
        return sub == SUBMIT_FULL ? http_busy(c, "the server is busy: %d requests are waiting (see --max-queue)", S->cfg.max_queue)
                                  : http_busy(c, "the server is shutting down");
    }
    pthread_mutex_lock(&S->mu);
    c->task = t;
    S->n_open++;
    pthread_mutex_unlock(&S->mu);
    c->n_prompt = n;
    random_id(c->id, sizeof(c->id), kind == SERVE_CHAT ? "chatcmpl-" : "cmpl-");
    c->meta = (struct reply_meta) { .kind = kind, .id = c->id, .created = (long) time(NULL), .model = S->cfg.alias };
    if (stream) return http_stream(c);
    if (!http_wait(c)) return MHD_NO;           // the client left: nothing to answer
    return reply_whole(c);
}

static enum MHD_Result on_chat(struct conn * c) {
    return completion(c, SERVE_CHAT);
}

static enum MHD_Result on_completions(struct conn * c) {
    return completion(c, SERVE_COMPLETION);
}

// ---------------------------------------------------------------------------- the table

static const struct route routes[] = {
    // method  path                     public loading  handler
    { "GET",  "/health",               true,  false, on_health },
    { "GET",  "/v1/health",            true,  false, on_health },
    { "GET",  "/",                     true,  true,  on_page },
    { "GET",  "/index.html",           true,  true,  on_page },
    { "GET",  "/v1/models",            false, false, on_models },
    { "GET",  "/models",               false, false, on_models },
    { "POST", "/v1/chat/completions",  false, false, on_chat },
    { "POST", "/chat/completions",     false, false, on_chat },
    { "POST", "/v1/completions",       false, false, on_completions },
    { "POST", "/completions",          false, false, on_completions },
    { "POST", "/tokenize",             false, false, on_tokenize },
    { "POST", "/detokenize",           false, false, on_detokenize },
    { "GET",  "/metrics",              false, false, on_metrics },
};

const struct route * route_find(const char * method, const char * path, bool * known_path) {
    *known_path = false;
    const bool head = strcmp(method, "HEAD") == 0;
    for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        if (strcmp(routes[i].path, path) != 0) continue;
        *known_path = true;
        if (strcmp(routes[i].method, method) == 0 || (head && strcmp(routes[i].method, "GET") == 0)) return &routes[i];
    }
    return NULL;
}
