// `tern run` (one prompt, streamed continuation, timings) and `tern chat` (a conversation in
// the model's chat format, tern/chat.h; the KV cache is kept across turns).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "model-opts.h"
#include "tern.h"        // the public API, compiled by one user at least
#include "tern/chat.h"
#include "tern/clock.h"
#include "tern/file.h"
#include "tern/sampler.h"
#include "tern/stop.h"
#include "tern/tokenizer.h"

#define MAX_REVERSE 8

struct gen_opts {
    struct model_opts m;
    struct tern_sampler_params sp;
    const char * prompt, * prompt_file, * system;
    int n_predict;               // -1: until an end token or the context is full
    bool display_prompt, special, ignore_eos;
    const char * reverse[MAX_REVERSE];   // -r: stop when the text says one of these
    size_t n_reverse;
};

// 0 to run, else the exit status (after --help or an error).
static bool parse_args(struct gen_opts * o, const char * cmd, int argc, char ** argv, int * exit_code) {
    o->sp = tern_sampler_defaults();
    const bool run = !strcmp(cmd, "run");
    o->n_predict = run ? 128 : -1;
    bool no_display_prompt = false;
    const struct tern_opt run_opts[] = {
        { TERN_OPT_STR, "-p, --prompt", "TEXT", &o->prompt, .help = "the prompt (special tokens like <|eot_id|> are recognised)" },
        { TERN_OPT_STR, "-f, --file", "FILE", &o->prompt_file, .help = "read the prompt from a file" },
        { TERN_OPT_INT, "-n, --n-predict", "N", &o->n_predict, -1, 1 << 24, .help = "tokens to generate (-1 = until an end token)" },
        { TERN_OPT_FLAG, "--no-display-prompt", NULL, &no_display_prompt, .help = "print only the generated text" },
        { TERN_OPT_FLAG, "--special", NULL, &o->special, .help = "print special tokens' text" },
        { TERN_OPT_STR_LIST, "-r, --reverse-prompt", "TEXT", o->reverse, .count = &o->n_reverse, .max = MAX_REVERSE,
          .help = "stop when the generated text says TEXT (repeatable)" },
        { TERN_OPT_FLAG, "--ignore-eos", NULL, &o->ignore_eos, .help = "never stop at an end token (it is never sampled)" },
        THREAD_OPTS(&o->m),
        MODEL_OPTS(&o->m),
        SAMPLING_OPTS(&o->sp),
        { .kind = TERN_OPT_END },
    };
    const struct tern_opt chat_opts[] = {
        { TERN_OPT_STR, "-sys, --system-prompt", "TEXT", &o->system, .help = "the system message" },
        { TERN_OPT_INT, "-n, --n-predict", "N", &o->n_predict, -1, 1 << 24, .help = "most tokens per reply (-1 = until an end token)" },
        { TERN_OPT_FLAG, "--special", NULL, &o->special, .help = "print special tokens' text" },
        { TERN_OPT_STR_LIST, "-r, --reverse-prompt", "TEXT", o->reverse, .count = &o->n_reverse, .max = MAX_REVERSE,
          .help = "also end a reply when it says TEXT (repeatable)" },
        THREAD_OPTS(&o->m),
        MODEL_OPTS(&o->m),
        SAMPLING_OPTS(&o->sp),
        { .kind = TERN_OPT_END },
    };
    if (!tern_opts_parse(run ? run_opts : chat_opts, cmd,
                         run ? "tern run -m FILE (-p TEXT | -f FILE) [-n N] [options]\n"
                               "  generates a continuation of the prompt, streamed, then prints timings"
                             : "tern chat -m FILE [-sys TEXT] [-n N] [options]\n"
                               "  a conversation: one user message per line on stdin; an empty line or EOF ends",
                         argc, argv, exit_code)) {
        return false;
    }
    o->display_prompt = !no_display_prompt;
    if (!o->m.model) {
        fprintf(stderr, "tern %s: no model given (-m FILE)\n", cmd);
        *exit_code = 2;
        return false;
    }
    return true;
}

// Generated tokens on their way to stdout: stop strings held back while they could still
// match (tern/stop.h), then UTF-8 characters never cut.
struct stream {
    const struct tern_vocab * vocab;
    bool special;
    struct tern_stop stop;
    const char * const * stop_tokens;   // texts that end the answer when a control token says them
    struct tern_utf8_stream utf8;
    char * text;                 // what was shown, for the chat history
    size_t len, cap;
};

static void show(struct stream * st, const char * bytes, size_t n) {
    char out[1300];
    const size_t m = tern_utf8_stream_push(&st->utf8, bytes, n, out);
    fwrite(out, 1, m, stdout);
    fflush(stdout);
    if (st->len + n + 1 > st->cap) {
        st->cap = 2 * (st->len + n + 1);
        char * grown = realloc(st->text, st->cap);
        if (!grown) return;
        st->text = grown;
    }
    memcpy(st->text + st->len, bytes, n);
    st->len += n;
    st->text[st->len] = '\0';
}

// One token; false when it ends the answer (a stop string or a stop control token).
static bool emit(struct stream * st, int32_t id) {
    char piece[1100], shown[1100], held[1100 + 256];
    size_t n = tern_token_bytes(st->vocab, id, true, piece, sizeof(piece));
    size_t n_shown = tern_token_bytes(st->vocab, id, st->special, shown, sizeof(shown));
    if (n > sizeof(piece)) n = sizeof(piece);
    if (n_shown > sizeof(shown)) n_shown = sizeof(shown);
    if (n_shown != n) {              // a control token: it may be the opening of the next turn
        for (size_t i = 0; st->stop_tokens && st->stop_tokens[i]; i++) {
            if (strlen(st->stop_tokens[i]) == n && memcmp(st->stop_tokens[i], piece, n) == 0) return false;
        }
    }
    const size_t m = tern_stop_push(&st->stop, shown, n_shown, held);
    show(st, held, m);
    return !st->stop.hit;
}

static void stream_end(struct stream * st) {
    char held[512], out[520];
    show(st, held, tern_stop_flush(&st->stop, held));
    fwrite(out, 1, tern_utf8_stream_flush(&st->utf8, out), stdout);
    fflush(stdout);
}

enum end { END_ERROR, END_EOG, END_STOP, END_LENGTH };

// Evaluates `prompt` (n tokens) then samples up to n_predict tokens, streaming them.
// Returns why it ended; an end token that ended it (*end_token) is sampled but not yet in
// the cache. *made counts the sampled tokens.
static enum end generate(struct cli_model * L, struct tern_sampler * sampler, const int32_t * prompt, size_t n,
                         int n_predict, bool ignore_eos, struct stream * st, double * t_prompt, double * t_gen,
                         long * made, long * n_eval, int32_t * end_token, const char * cmd) {
    char err[300];
    struct tern_session * s = &L->session;
    if (s->seq.n_past + n > s->seq.n_ctx) {
        fprintf(stderr, "tern %s: the prompt (%zu tokens) does not fit the context (%zu used of %zu; use -c)\n", cmd, n,
                s->seq.n_past, s->seq.n_ctx);
        return END_ERROR;
    }
    double t0 = tern_now_s();
    if (tern_forward(s, prompt, n, false, err, sizeof(err))) {
        fprintf(stderr, "tern %s: %s\n", cmd, err);
        return END_ERROR;
    }
    for (size_t i = 0; i < n; i++) tern_sampler_accept(sampler, prompt[i]);
    *t_prompt = tern_now_s() - t0;
    t0 = tern_now_s();
    const size_t n_vocab = L->model.hp.n_vocab;
    float * masked = ignore_eos ? malloc(n_vocab * sizeof(float)) : NULL;
    const int32_t * eog;
    const size_t n_eog = tern_vocab_eog(L->model.vocab, &eog);
    enum end why = END_LENGTH;
    *made = *n_eval = 0;
    while (n_predict < 0 || *made < n_predict) {
        const float * logits = s->logits;
        if (masked) {          // --ignore-eos: end tokens are never sampled
            memcpy(masked, logits, n_vocab * sizeof(float));
            for (size_t i = 0; i < n_eog; i++) masked[eog[i]] = -INFINITY;
            logits = masked;
        }
        const int32_t id = tern_sampler_sample(sampler, logits);
        tern_sampler_accept(sampler, id);
        (*made)++;
        if (tern_vocab_is_eog(L->model.vocab, id)) {
            why = END_EOG;
            *end_token = id;
            break;
        }
        if (!emit(st, id)) {
            why = END_STOP;
            break;
        }
        if (s->seq.n_past >= s->seq.n_ctx) break;     // context full: stop here
        if (n_predict >= 0 && *made == n_predict) break;
        if (tern_forward(s, &id, 1, false, err, sizeof(err))) {
            fprintf(stderr, "tern %s: %s\n", cmd, err);
            why = END_ERROR;
            break;
        }
        (*n_eval)++;
    }
    free(masked);
    stream_end(st);
    *t_gen = tern_now_s() - t0;
    return why;
}

// Generation speed counts the single-token steps evaluated (the first generated token comes
// from the prompt's logits), as llama.cpp's eval time does.
static void timings(const struct cli_model * L, size_t n_prompt, double t_prompt, long n_gen, long n_eval, double t_gen) {
    fprintf(stderr, "\ntern: load %.0f ms | prompt %zu tokens, %.1f tokens/s | generation %ld tokens, %.1f tokens/s | "
                    "%d threads, kernels from %s\n", L->model.load_ms, n_prompt, t_prompt > 0 ? (double) n_prompt / t_prompt : 0.0,
            n_gen, t_gen > 0 && n_eval > 0 ? (double) n_eval / t_gen : 0.0, L->threads, L->model.plan_source);
}

static int need_vocab(const struct cli_model * L, const char * cmd) {
    if (L->model.vocab) return 0;
    fprintf(stderr, "tern %s: %s has no tokenizer (tokenizer.ggml.*); use tern logits --tokens\n", cmd,
            L->model.hp.name[0] ? L->model.hp.name : "the model");
    return -1;
}

int tern_cmd_run(int argc, char ** argv) {
    struct gen_opts o = { 0 };
    int exit_code;
    if (!parse_args(&o, "run", argc, argv, &exit_code)) return exit_code;
    char * text = NULL;
    size_t len = 0;
    if (o.prompt_file) {
        char err[400];
        text = tern_read_file(o.prompt_file, "the prompt file", (size_t) 1 << 30, &len, err, sizeof(err));
        if (!text) {
            fprintf(stderr, "tern run: %s\n", err);
            return 1;
        }
    } else if (o.prompt) {
        text = strdup(o.prompt);
        len = strlen(o.prompt);
    } else {
        fprintf(stderr, "tern run: no prompt (-p TEXT or -f FILE)\n");
        return 2;
    }
    struct cli_model L;
    if (cli_model_open(&o.m, "run", &L)) {
        free(text);
        return 1;
    }
    int rc = 1;
    int32_t * ids = NULL;
    size_t n_ids = 0;
    char err[300];
    struct tern_sampler sampler = { 0 };
    if (need_vocab(&L, "run")) goto done;
    if (tern_tokenize(L.model.vocab, text, len, true, true, &ids, &n_ids, err, sizeof(err))) {
        fprintf(stderr, "tern run: %s\n", err);
        goto done;
    }
    if (n_ids == 0) {
        fprintf(stderr, "tern run: the prompt is empty and the model adds no BOS token\n");
        goto done;
    }
    if (tern_sampler_init(&sampler, &o.sp, L.model.hp.n_vocab)) {
        fprintf(stderr, "tern run: out of memory\n");
        goto done;
    }
    if (o.display_prompt) {
        fwrite(text, 1, len, stdout);
        fflush(stdout);
    }
    struct stream st = { .vocab = L.model.vocab, .special = o.special };
    if (tern_stop_init(&st.stop, o.reverse, o.n_reverse)) {
        fprintf(stderr, "tern run: out of memory\n");
        goto done;
    }
    double tp = 0, tg = 0;
    long made, n_eval;
    int32_t end_token;
    if (generate(&L, &sampler, ids, n_ids, o.n_predict, o.ignore_eos, &st, &tp, &tg, &made, &n_eval, &end_token, "run") !=
        END_ERROR) {
        timings(&L, n_ids, tp, made, n_eval, tg);
        rc = 0;
    }
    tern_stop_free(&st.stop);
    free(st.text);
done:
    tern_sampler_free(&sampler);
    free(ids);
    free(text);
    cli_model_close(&L);
    return rc;
}

// The conversation so far, in the model's chat format (tern/chat.h).
struct history {
    struct tern_chat_message * msgs;
    size_t n, cap;
};

static int history_add(struct history * h, const char * role, const char * content) {
    if (h->n == h->cap) {
        const size_t cap = h->cap ? 2 * h->cap : 8;
        struct tern_chat_message * grown = realloc(h->msgs, cap * sizeof(*grown));
        if (!grown) return -1;
        h->msgs = grown;
        h->cap = cap;
    }
    char * copy = strdup(content);
    if (!copy) return -1;
    h->msgs[h->n++] = (struct tern_chat_message) { .role = role, .content = copy };
    return 0;
}

static void history_free(struct history * h) {
    for (size_t i = 0; i < h->n; i++) free((char *) h->msgs[i].content);
    free(h->msgs);
    memset(h, 0, sizeof(*h));
}

int tern_cmd_chat(int argc, char ** argv) {
    struct gen_opts o = { 0 };
    int exit_code;
    if (!parse_args(&o, "chat", argc, argv, &exit_code)) return exit_code;
    struct cli_model L;
    if (cli_model_open(&o.m, "chat", &L)) return 1;
    int rc = 1;
    struct tern_sampler sampler = { 0 };
    struct history h = { 0 };
    const char * stops[MAX_REVERSE + 8];
    size_t n_stops = 0;
    if (need_vocab(&L, "chat")) goto done;
    if (tern_sampler_init(&sampler, &o.sp, L.model.hp.n_vocab)) {
        fprintf(stderr, "tern chat: out of memory\n");
        goto done;
    }
    const enum tern_chat_format fmt = L.model.chat;
    if (fmt == TERN_CHAT_NONE) {
        fprintf(stderr, "tern chat: %s has no chat format (%s): a base model only continues text; messages are sent "
                        "as they are (--chat-template NAME to choose one)\n",
                L.model.hp.name[0] ? L.model.hp.name : "the model", L.model.chat_why);
    }
    // A reply ends at an end token, at a reverse prompt, or where the model opens the next turn.
    const char * const * turn_stops = tern_chat_stop_texts(fmt);
    for (size_t i = 0; i < o.n_reverse; i++) stops[n_stops++] = o.reverse[i];
    for (size_t i = 0; turn_stops && turn_stops[i] && n_stops < sizeof(stops) / sizeof(stops[0]); i++) stops[n_stops++] = turn_stops[i];
    if (o.system && *o.system && history_add(&h, "system", o.system)) goto oom;
    const bool tty = isatty(STDIN_FILENO);
    size_t n_evaluated = 0;          // messages whose text the cache holds
    int32_t pending = -1;            // the last reply's end token: sampled, not yet evaluated
    char * line = NULL;
    size_t cap = 0;
    rc = 0;
    for (;;) {
        if (tty) fprintf(stderr, "\n> ");
        const ssize_t got = getline(&line, &cap, stdin);
        if (got <= 0) break;
        size_t len = (size_t) got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0) break;
        if (history_add(&h, "user", line)) goto oom;
        // The new turns only, when the cache holds the rest; else the whole conversation again.
        char * text = n_evaluated ? tern_chat_render_delta(fmt, h.msgs, n_evaluated, h.n, true) : NULL;
        const bool whole = !text;
        if (whole) {
            tern_session_reset(&L.session);
            pending = -1;
            text = tern_chat_render(fmt, h.msgs, h.n, true);
        }
        int32_t * ids = NULL;
        size_t n_ids = 0;
        char err[300];
        if (!text || tern_tokenize(L.model.vocab, text, strlen(text), whole, true, &ids, &n_ids, err, sizeof(err))) {
            fprintf(stderr, "tern chat: %s\n", text ? err : "out of memory");
            free(text);
            rc = 1;
            break;
        }
        free(text);
        if (pending >= 0) {
            int32_t * with = realloc(ids, (n_ids + 1) * sizeof(int32_t));
            if (!with) {
                free(ids);
                goto oom;
            }
            ids = with;
            memmove(ids + 1, ids, n_ids * sizeof(int32_t));
            ids[0] = pending;
            n_ids++;
        }
        struct stream st = { .vocab = L.model.vocab, .special = o.special, .stop_tokens = stops };
        if (tern_stop_init(&st.stop, stops, n_stops)) {
            free(ids);
            goto oom;
        }
        double tp = 0, tg = 0;
        long made, n_eval;
        const enum end why = generate(&L, &sampler, ids, n_ids, o.n_predict, false, &st, &tp, &tg, &made, &n_eval, &pending,
                                      "chat");
        free(ids);
        tern_stop_free(&st.stop);
        if (why == END_ERROR) {
            free(st.text);
            fprintf(stderr, "tern chat: starting a new conversation\n");
            history_free(&h);
            if (o.system && *o.system && history_add(&h, "system", o.system)) goto oom;
            n_evaluated = 0;
            continue;
        }
        printf("\n");
        if (tty) timings(&L, n_ids, tp, made, n_eval, tg);
        const int add = history_add(&h, "assistant", st.text ? st.text : "");
        free(st.text);
        if (add) goto oom;
        // Only a reply that ended at its end token leaves the cache where the format expects
        // the next turn; otherwise the next turn re-renders the conversation.
        n_evaluated = why == END_EOG ? h.n : 0;
    }
    free(line);
    goto done;
oom:
    fprintf(stderr, "tern chat: out of memory\n");
    rc = 1;
done:
    history_free(&h);
    tern_sampler_free(&sampler);
    cli_model_close(&L);
    return rc;
}
