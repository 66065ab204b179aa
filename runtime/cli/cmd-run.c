// `tern run` (one prompt, streamed continuation, timings) and `tern chat` (multi-turn with
// the built-in 2B4T template; the KV cache is kept across turns).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "model-opts.h"
#include "tern/chat.h"
#include "tern/clock.h"
#include "tern/file.h"
#include "tern/sampler.h"
#include "tern/tokenizer.h"

struct gen_opts {
    struct model_opts m;
    struct tern_sampler_params sp;
    const char * prompt, * prompt_file, * system;
    long n_predict;              // -1: until an end token or the context is full
    bool display_prompt, special;
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
        THREAD_OPTS(&o->m),
        MODEL_OPTS(&o->m),
        SAMPLING_OPTS(&o->sp),
        { .kind = TERN_OPT_END },
    };
    const struct tern_opt chat_opts[] = {
        { TERN_OPT_STR, "-sys, --system-prompt", "TEXT", &o->system, .help = "the system message" },
        { TERN_OPT_INT, "-n, --n-predict", "N", &o->n_predict, -1, 1 << 24, .help = "most tokens per reply (-1 = until an end token)" },
        { TERN_OPT_FLAG, "--special", NULL, &o->special, .help = "print special tokens' text" },
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

struct stream {
    struct tern_utf8_stream utf8;
    const struct tern_vocab * vocab;
    bool special;
};

static void emit(struct stream * st, int32_t id) {
    char piece[1100], out[1200];
    size_t n = tern_token_bytes(st->vocab, id, st->special, piece, sizeof(piece));
    if (n > sizeof(piece)) n = sizeof(piece);
    const size_t m = tern_utf8_stream_push(&st->utf8, piece, n, out);
    fwrite(out, 1, m, stdout);
    fflush(stdout);
}

// Evaluates `prompt` (n tokens) then samples up to n_predict tokens, streaming them.
// Returns the generated count, -1 on error; *eog tells whether an end token stopped it
// (that token is sampled but not yet in the cache).
static long generate(struct loaded * L, struct tern_sampler * sampler, const int32_t * prompt, size_t n, long n_predict,
                     struct stream * st, double * t_prompt, double * t_gen, long * n_eval, bool * eog, const char * cmd) {
    char err[300];
    struct tern_session * s = &L->session;
    *eog = false;
    if (s->seq.n_past + n > s->seq.n_ctx) {
        fprintf(stderr, "tern %s: the prompt (%zu tokens) does not fit the context (%zu used of %zu; use -c)\n", cmd, n,
                s->seq.n_past, s->seq.n_ctx);
        return -1;
    }
    double t0 = tern_now_s();
    if (tern_forward(s, prompt, n, false, err, sizeof(err))) {
        fprintf(stderr, "tern %s: %s\n", cmd, err);
        return -1;
    }
    for (size_t i = 0; i < n; i++) tern_sampler_accept(sampler, prompt[i]);
    *t_prompt = tern_now_s() - t0;
    t0 = tern_now_s();
    long made = 0;
    *n_eval = 0;
    while (n_predict < 0 || made < n_predict) {
        const int32_t id = tern_sampler_sample(sampler, s->logits);
        tern_sampler_accept(sampler, id);
        made++;
        if (tern_vocab_is_eog(s->m->vocab, id)) {
            *eog = true;
            break;
        }
        emit(st, id);
        if (s->seq.n_past >= s->seq.n_ctx) break;     // context full: stop here
        if ((n_predict >= 0 && made == n_predict)) break;
        if (tern_forward(s, &id, 1, false, err, sizeof(err))) {
            fprintf(stderr, "tern %s: %s\n", cmd, err);
            return -1;
        }
        (*n_eval)++;
    }
    char out[8];
    fwrite(out, 1, tern_utf8_stream_flush(&st->utf8, out), stdout);
    fflush(stdout);
    *t_gen = tern_now_s() - t0;
    return made;
}

// Generation speed counts the single-token steps evaluated (the first generated token comes
// from the prompt's logits), as llama.cpp's eval time does.
static void timings(const struct loaded * L, size_t n_prompt, double t_prompt, long n_gen, long n_eval, double t_gen) {
    fprintf(stderr, "\ntern: load %.0f ms | prompt %zu tokens, %.1f tokens/s | generation %ld tokens, %.1f tokens/s | "
                    "%d threads, kernels from %s\n", L->model.load_ms, n_prompt, t_prompt > 0 ? (double) n_prompt / t_prompt : 0.0,
            n_gen, t_gen > 0 && n_eval > 0 ? (double) n_eval / t_gen : 0.0, L->threads, L->model.plan_source);
}

static int need_vocab(const struct loaded * L, const char * cmd) {
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
    struct loaded L;
    if (model_open(&o.m, "run", &L)) {
        free(text);
        return 1;
    }
    int rc = 1;
    int32_t * ids = NULL;
    size_t n_ids = 0;
    char err[300];
    struct tern_sampler sampler = { 0 };
    if (need_vocab(&L, "run")) goto done;
    if (tern_tokenize(L.model.vocab, text, len, tern_vocab_add_bos(L.model.vocab), true, &ids, &n_ids, err, sizeof(err))) {
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
    double tp = 0, tg = 0;
    long n_eval = 0;
    bool eog;
    const long made = generate(&L, &sampler, ids, n_ids, o.n_predict, &st, &tp, &tg, &n_eval, &eog, "run");
    if (made >= 0) {
        timings(&L, n_ids, tp, made, n_eval, tg);
        rc = 0;
    }
done:
    tern_sampler_free(&sampler);
    free(ids);
    free(text);
    model_close(&L);
    return rc;
}

int tern_cmd_chat(int argc, char ** argv) {
    struct gen_opts o = { 0 };
    int exit_code;
    if (!parse_args(&o, "chat", argc, argv, &exit_code)) return exit_code;
    struct loaded L;
    if (model_open(&o.m, "chat", &L)) return 1;
    int rc = 1;
    struct tern_sampler sampler = { 0 };
    if (need_vocab(&L, "chat")) goto done;
    if (tern_sampler_init(&sampler, &o.sp, L.model.hp.n_vocab)) {
        fprintf(stderr, "tern chat: out of memory\n");
        goto done;
    }
    const bool tty = isatty(STDIN_FILENO);
    const int32_t eot = tern_vocab_find(L.model.vocab, "<|eot_id|>");
    bool first = true, close_turn = false;
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
        char * turn = tern_chat_turn_bitnet(o.system, line, first);
        int32_t * ids = NULL;
        size_t n_ids = 0;
        char err[300];
        if (!turn || tern_tokenize(L.model.vocab, turn, strlen(turn), false, true, &ids, &n_ids, err, sizeof(err))) {
            fprintf(stderr, "tern chat: %s\n", turn ? err : "out of memory");
            free(turn);
            rc = 1;
            break;
        }
        free(turn);
        // The previous reply's <|eot_id|> was sampled but never evaluated: it opens this turn.
        if (close_turn && eot >= 0) {
            int32_t * with = realloc(ids, (n_ids + 1) * sizeof(int32_t));
            if (!with) {
                free(ids);
                rc = 1;
                break;
            }
            ids = with;
            memmove(ids + 1, ids, n_ids * sizeof(int32_t));
            ids[0] = eot;
            n_ids++;
        }
        struct stream st = { .vocab = L.model.vocab, .special = o.special };
        double tp = 0, tg = 0;
        long n_eval = 0;
        bool eog;
        const long made = generate(&L, &sampler, ids, n_ids, o.n_predict, &st, &tp, &tg, &n_eval, &eog, "chat");
        free(ids);
        if (made < 0) {
            fprintf(stderr, "tern chat: starting a new conversation\n");
            tern_session_reset(&L.session);
            first = true;
            close_turn = false;
            continue;
        }
        printf("\n");
        if (tty) timings(&L, n_ids, tp, made, n_eval, tg);
        first = false;
        close_turn = true;
    }
    free(line);
done:
    tern_sampler_free(&sampler);
    model_close(&L);
    return rc;
}
