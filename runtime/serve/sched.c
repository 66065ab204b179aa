// The scheduler: continuous batching over the slots (see serve.h for the threads).
//
// A step is one tern_decode call: the pending token of every decoding slot, then a chunk of
// the oldest prompt still being read, sized so a step lasts about STEP_TARGET_S (a client
// that leaves mid-prompt is let go within a step or so, and the decoding streams stall no
// longer than that). Each slot samples with its own sampler from its own logits, and the
// engine's logits do not depend on what else is in the batch, so a request's text does not
// depend on who else is being served. A slot keeps the tokens its cache holds; a new task
// goes to the idle slot sharing the longest prefix with its prompt and skips that prefix.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "tern/clock.h"
#include "tern/log.h"
#include "tern/pool.h"
#include "tern/tokenizer.h"

#define STEP_TARGET_S 0.25
#define MIN_CHUNK 16

struct serve_slot {
    int id;
    struct tern_seq seq;
    int32_t * cache;                 // (seq.n_ctx) the token at each cached position
    size_t n_cache;
    uint64_t last_used;
    struct serve_task * task;        // NULL: idle
    size_t n_done;                   // prompt tokens in the cache
    bool decoding;                   // the prompt is done; `next` is the token to evaluate
    int32_t next;
    long n_gen;
    struct tern_sampler sampler;
    struct textout out;
    // this step
    const float * logits;            // (n_vocab) the row to sample from, or NULL
    int32_t sampled;
    struct sbuf fresh;               // text to hand to the task
    enum serve_finish finish;
    bool failed;
};

// ---------------------------------------------------------------------------- tasks

struct serve_task * task_new(void) {
    struct serve_task * t = calloc(1, sizeof(*t));
    if (!t) return NULL;
    t->refs = 1;
    pthread_condattr_t a;             // timed waits on the monotonic clock: a clock change cannot stall them
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(&t->cond, &a);
    pthread_condattr_destroy(&a);
    return t;
}

void task_unref_locked(struct serve_task * t) {
    if (--t->refs > 0) return;
    free(t->prompt);
    for (size_t i = 0; i < t->n_stop; i++) free(t->stop[i]);
    sbuf_free(&t->text);
    pthread_cond_destroy(&t->cond);
    free(t);
}

enum serve_submit sched_submit(struct serve * S, struct serve_task * t) {
    pthread_mutex_lock(&S->mu);
    enum serve_submit rc = SUBMIT_OK;
    const int free_slots = (int) S->n_slots - S->n_busy;
    if (atomic_load(&S->stopping)) {
        rc = SUBMIT_STOPPING;
    } else if (S->n_queued >= S->cfg.max_queue + (free_slots > 0 ? free_slots : 0)) {
        rc = SUBMIT_FULL;
        S->metrics.requests_rejected++;
    } else {
        t->refs++;
        t->next = NULL;
        if (S->queue_tail) S->queue_tail->next = t;
        else S->queue_head = t;
        S->queue_tail = t;
        S->n_queued++;
        pthread_cond_signal(&S->wake);
    }
    pthread_mutex_unlock(&S->mu);
    return rc;
}

void sched_cancel_locked(struct serve * S, struct serve_task * t) {
    if (t->done || t->cancelled) return;
    t->cancelled = true;
    pthread_cond_signal(&S->wake);
}

// ---------------------------------------------------------------------------- slots

static void finish_task_locked(struct serve * S, struct serve_task * t, const char * error) {
    if (error && !t->error[0]) snprintf(t->error, sizeof(t->error), "%s", error);
    t->done = true;
    t->t_end = tern_now_s();
    pthread_cond_broadcast(&t->cond);
    if (t->cancelled) S->metrics.requests_cancelled++;
    else if (t->error[0]) S->metrics.requests_failed++;
    else S->metrics.requests_ok++;
    task_unref_locked(t);             // the scheduler's reference
}

static void release_slot_locked(struct serve * S, struct serve_slot * s, const char * error) {
    struct serve_task * t = s->task;
    if (!t->cancelled && !error) {
        struct serve_metrics * m = &S->metrics;
        m->prompt_tokens += t->n_prompt - t->n_cached;
        m->predicted_tokens += t->n_gen;
        if (t->t_first > 0) {
            m->prompt_seconds += t->t_first - t->t_start;
            m->predicted_seconds += tern_now_s() - t->t_first;
        }
    }
    tern_sampler_free(&s->sampler);
    textout_free(&s->out);
    s->task = NULL;
    s->decoding = false;
    S->n_busy--;
    finish_task_locked(S, t, error);
}

static size_t common_prefix(const int32_t * a, size_t na, const int32_t * b, size_t nb) {
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i]) i++;
    return i;
}

// The idle slot for t: the one holding the longest prefix of its prompt when that prefix is
// worth keeping (at least a tenth of the prompt, as llama-server's default similarity),
// else the least recently used (an empty slot first), so one shared BOS does not evict a
// long cached conversation.
static struct serve_slot * pick_slot(struct serve * S, const struct serve_task * t, size_t * lcp_out) {
    struct serve_slot * best = NULL, * lru = NULL;
    size_t best_lcp = 0;
    for (size_t i = 0; i < S->n_slots; i++) {
        struct serve_slot * s = &S->slots[i];
        if (s->task) continue;
        const size_t lcp = t->cache_prompt ? common_prefix(s->cache, s->n_cache, t->prompt, t->n_prompt) : 0;
        if (!best || lcp > best_lcp) {
            best = s;
            best_lcp = lcp;
        }
        if (!lru || s->last_used < lru->last_used) lru = s;
    }
    if (best_lcp * 10 < t->n_prompt || best_lcp == 0) {
        best = lru;
        best_lcp = t->cache_prompt ? common_prefix(lru->cache, lru->n_cache, t->prompt, t->n_prompt) : 0;
    }
    *lcp_out = best_lcp;
    return best;
}

// Queued tasks into idle slots, in arrival order.
static void assign_locked(struct serve * S, uint64_t * clock) {
    while (S->queue_head && S->n_busy < (int) S->n_slots) {
        struct serve_task * t = S->queue_head;
        S->queue_head = t->next;
        if (!S->queue_head) S->queue_tail = NULL;
        S->n_queued--;
        size_t lcp;
        struct serve_slot * s = pick_slot(S, t, &lcp);
        // At least the prompt's last token is evaluated: its logits give the first token.
        const size_t keep = lcp < t->n_prompt ? lcp : t->n_prompt - 1;
        s->seq.n_past = s->n_cache = s->n_done = keep;
        s->decoding = false;
        s->n_gen = 0;
        s->last_used = ++*clock;
        if (tern_sampler_init(&s->sampler, &t->sp, S->model->hp.n_vocab)) {
            tern_sampler_free(&s->sampler);
            finish_task_locked(S, t, "out of memory for the sampler");
            continue;
        }
        for (size_t i = 0; i < t->n_prompt; i++) tern_sampler_accept(&s->sampler, t->prompt[i]);
        if (textout_init(&s->out, t->stop, t->n_stop)) {
            textout_free(&s->out);
            tern_sampler_free(&s->sampler);
            finish_task_locked(S, t, "out of memory for the stop strings");
            continue;
        }
        s->task = t;
        S->n_busy++;
        t->running = true;
        t->n_cached = keep;
        t->t_start = tern_now_s();
        pthread_cond_broadcast(&t->cond);
    }
}

// Tasks whose clients left: out of the queue and out of their slots.
static void drop_cancelled_locked(struct serve * S) {
    for (struct serve_task ** p = &S->queue_head; *p;) {
        struct serve_task * t = *p;
        if (!t->cancelled) {
            p = &t->next;
            continue;
        }
        *p = t->next;
        S->n_queued--;
        finish_task_locked(S, t, NULL);
    }
    S->queue_tail = NULL;
    for (struct serve_task * t = S->queue_head; t; t = t->next) S->queue_tail = t;
    for (size_t i = 0; i < S->n_slots; i++) {
        if (S->slots[i].task && S->slots[i].task->cancelled) release_slot_locked(S, &S->slots[i], NULL);
    }
}

// ---------------------------------------------------------------------------- one step

struct step {
    size_t n, cap;
    int32_t * token;                 // (cap)
    uint32_t * pos;
    struct tern_seq ** seq;
    bool * want;
    struct serve_slot ** rows;       // (n_slots) the slots owning the logits rows, in order
    size_t n_rows;
    struct serve_slot * prefill;     // the slot whose prompt chunk is in the batch
    size_t chunk;
};

static size_t chunk_budget(const struct serve * S, size_t n_decode) {
    size_t b = S->tokens_per_s > 0 ? (size_t) (S->tokens_per_s * STEP_TARGET_S) : 64;
    b = b > n_decode ? b - n_decode : 0;
    if (b < MIN_CHUNK) b = MIN_CHUNK;
    return b < S->cfg.max_chunk ? b : S->cfg.max_chunk;
}

static void add(struct step * st, int32_t token, uint32_t pos, struct tern_seq * seq, bool want) {
    st->token[st->n] = token;
    st->pos[st->n] = pos;
    st->seq[st->n] = seq;
    st->want[st->n] = want;
    st->n++;
}

static void build(struct serve * S, struct step * st) {
    st->n = st->n_rows = 0;
    st->prefill = NULL;
    for (size_t i = 0; i < S->n_slots; i++) {
        struct serve_slot * s = &S->slots[i];
        s->logits = NULL;
        s->finish = FINISH_NONE;
        s->failed = false;
        if (!s->task) continue;
        if (s->decoding) {
            add(st, s->next, (uint32_t) s->seq.n_past, &s->seq, true);
            st->rows[st->n_rows++] = s;
        } else if (!st->prefill || s->task->t_submit < st->prefill->task->t_submit) {
            st->prefill = s;
        }
    }
    struct serve_slot * p = st->prefill;
    if (!p) return;
    const struct serve_task * t = p->task;
    const size_t left = t->n_prompt - p->n_done, budget = chunk_budget(S, st->n);
    st->chunk = left < budget ? left : budget;
    for (size_t i = 0; i < st->chunk; i++) {
        const size_t at = p->n_done + i;
        add(st, t->prompt[at], (uint32_t) at, &p->seq, at + 1 == t->n_prompt);
    }
    if (p->n_done + st->chunk == t->n_prompt) st->rows[st->n_rows++] = p;
}

struct sample_job {
    struct serve_slot ** rows;
    size_t n;
    struct tern_pool * pool;
};

static void sample_row(struct serve_slot * s) {
    if (s->logits) s->sampled = tern_sampler_sample(&s->sampler, s->logits);
}

static void sample_task(void * ctx, int tid, int nth) {
    (void) tid;
    (void) nth;
    const struct sample_job * job = ctx;
    for (size_t i; (i = tern_pool_next_chunk(job->pool)) < job->n;) sample_row(job->rows[i]);
}

// Is id a control token whose text is one of stops (the opening of the next chat turn)?
static bool opens_turn(const struct tern_vocab * vocab, const char * const * stops, int32_t id) {
    if (!stops || !stops[0]) return false;      // completions have no turns: no lookups
    char special[64], plain[64];
    const size_t n = tern_token_bytes(vocab, id, true, special, sizeof(special));
    if (n > sizeof(special) || tern_token_bytes(vocab, id, false, plain, sizeof(plain)) == n) return false;
    for (size_t i = 0; stops[i]; i++) {
        if (strlen(stops[i]) == n && memcmp(stops[i], special, n) == 0) return true;
    }
    return false;
}

// The sampled token of slot s: its text, and whether generation ends here.
static void take_token(struct serve * S, struct serve_slot * s) {
    struct serve_task * t = s->task;
    const int32_t id = s->sampled;
    const struct tern_vocab * vocab = S->model->vocab;
    tern_sampler_accept(&s->sampler, id);
    s->n_gen++;
    if (tern_vocab_is_eog(vocab, id) || opens_turn(vocab, t->turn_stops, id)) {
        s->finish = FINISH_STOP;
    } else {
        char small[256], * piece = small;
        size_t n = tern_token_bytes(vocab, id, false, small, sizeof(small));
        if (n > sizeof(small) && (piece = malloc(n))) tern_token_bytes(vocab, id, false, piece, n);
        if (!piece) n = 0, piece = small;
        if (textout_push(&s->out, piece, n, &s->fresh)) s->finish = FINISH_STOP;
        if (piece != small) free(piece);
    }
    if (!s->finish && t->n_predict >= 0 && s->n_gen >= t->n_predict) s->finish = FINISH_LENGTH;
    // The token must be evaluated before the next can be sampled: no room means "length".
    if (!s->finish && s->seq.n_past >= s->seq.n_ctx) s->finish = FINISH_LENGTH;
    if (s->finish == FINISH_NONE) {
        s->next = id;
        s->decoding = true;
    } else {
        textout_flush(&s->out, &s->fresh);       // no stop string matched: what is held is text
    }
}

static void run_step(struct serve * S, struct step * st) {
    char err[256];
    const double t0 = tern_now_s();
    const struct tern_batch b = { .n = st->n, .token = st->token, .pos = st->pos, .seq = st->seq, .logits = st->want };
    if (tern_decode(S->ws, &b, err, sizeof(err))) {
        tern_log(TERN_LOG_ERROR, "decode failed: %s", err);
        for (size_t i = 0; i < S->n_slots; i++) {
            if (S->slots[i].task && (S->slots[i].decoding || &S->slots[i] == st->prefill)) S->slots[i].failed = true;
        }
        return;
    }
    // The tokens just evaluated are in the caches now.
    for (size_t r = 0; r < st->n_rows; r++) {
        struct serve_slot * s = st->rows[r];
        if (s->decoding) s->cache[s->n_cache++] = s->next;
    }
    if (st->prefill) {
        struct serve_slot * p = st->prefill;
        memcpy(p->cache + p->n_done, p->task->prompt + p->n_done, st->chunk * sizeof(int32_t));
        p->n_done += st->chunk;
        p->n_cache = p->n_done;
    }
    const double dt = tern_now_s() - t0;
    if (st->chunk >= MIN_CHUNK && dt > 0) {
        const double rate = (double) st->n / dt;
        S->tokens_per_s = S->tokens_per_s > 0 ? 0.7 * S->tokens_per_s + 0.3 * rate : rate;
    }
    if (S->step_sleep_ms) usleep(S->step_sleep_ms * 1000u);
    size_t n_sample = 0;
    for (size_t r = 0; r < st->n_rows; r++) {
        struct serve_slot * s = st->rows[r];
        if (s->task->n_predict == 0) {
            s->finish = FINISH_LENGTH;           // prompt only: nothing to sample
            continue;
        }
        s->logits = tern_workspace_logits(S->ws, r);
        n_sample++;
    }
    // Each slot samples with its own sampler: the rows spread over the pool's threads.
    struct sample_job job = { .rows = st->rows, .n = st->n_rows, .pool = S->pool };
    if (n_sample > 1) tern_pool_run(S->pool, 0, sample_task, &job);
    else for (size_t r = 0; r < st->n_rows; r++) sample_row(st->rows[r]);
    for (size_t r = 0; r < st->n_rows; r++) {
        if (st->rows[r]->logits) take_token(S, st->rows[r]);
    }
}

// After a step: each slot's new text to its task; finished slots let go.
static void publish_locked(struct serve * S, const struct step * st) {
    struct serve_metrics * m = &S->metrics;
    m->n_decode++;
    m->n_busy_slots += (uint64_t) S->n_busy;
    if (st->n > m->n_tokens_max) m->n_tokens_max = st->n;
    const double now = tern_now_s();
    for (size_t i = 0; i < S->n_slots; i++) {
        struct serve_slot * s = &S->slots[i];
        struct serve_task * t = s->task;
        if (!t) continue;
        if (s->failed) {
            release_slot_locked(S, s, "the model failed to evaluate the batch");
            continue;
        }
        if (s->fresh.n || s->finish || (size_t) s->n_gen != t->n_gen) {
            if (s->fresh.n) sbuf_put(&t->text, s->fresh.p, s->fresh.n);
            if (!t->n_gen && s->n_gen) t->t_first = now;
            t->n_gen = (size_t) s->n_gen;
            sbuf_reset(&s->fresh);
            pthread_cond_broadcast(&t->cond);
        }
        if (s->finish) {
            if (t->text.oom) snprintf(t->error, sizeof(t->error), "out of memory for the generated text");
            t->finish = s->finish;
            if (!t->t_first) t->t_first = now;
            release_slot_locked(S, s, t->error[0] ? t->error : NULL);
        }
    }
}

// ---------------------------------------------------------------------------- the thread

static void * sched_main(void * arg) {
    struct serve * S = arg;
    struct step st = { 0 };
    st.cap = S->cfg.max_chunk + S->n_slots;
    st.token = malloc(st.cap * sizeof(int32_t));
    st.pos = malloc(st.cap * sizeof(uint32_t));
    st.seq = malloc(st.cap * sizeof(*st.seq));
    st.want = malloc(st.cap * sizeof(bool));
    st.rows = malloc(S->n_slots * sizeof(*st.rows));
    uint64_t clock = 0;
    pthread_mutex_lock(&S->mu);
    const bool ok = st.token && st.pos && st.seq && st.want && st.rows;
    if (!ok) {
        tern_log(TERN_LOG_ERROR, "scheduler: out of memory; requests are refused from now on");
        atomic_store(&S->stopping, true);
    }
    while (ok && !atomic_load(&S->stopping)) {
        drop_cancelled_locked(S);
        assign_locked(S, &clock);
        if (S->n_busy == 0) {
            pthread_cond_wait(&S->wake, &S->mu);
            continue;
        }
        pthread_mutex_unlock(&S->mu);
        build(S, &st);
        run_step(S, &st);
        pthread_mutex_lock(&S->mu);
        publish_locked(S, &st);
    }
    // Shutting down: every task still here ends with an error its client can read.
    for (size_t i = 0; i < S->n_slots; i++) {
        if (S->slots[i].task) release_slot_locked(S, &S->slots[i], "the server is shutting down");
    }
    while (S->queue_head) {
        struct serve_task * t = S->queue_head;
        S->queue_head = t->next;
        S->n_queued--;
        finish_task_locked(S, t, "the server is shutting down");
    }
    S->queue_tail = NULL;
    pthread_mutex_unlock(&S->mu);
    free(st.token);
    free(st.pos);
    free(st.seq);
    free(st.want);
    free(st.rows);
    return NULL;
}

// ---------------------------------------------------------------------------- life cycle

int sched_init(struct serve * S, char * err, size_t err_size) {
    const struct tern_model * m = S->model;
    if (!(S->slots = calloc((size_t) S->cfg.n_parallel, sizeof(*S->slots)))) goto oom;
    S->n_slots = (size_t) S->cfg.n_parallel;
    for (size_t i = 0; i < S->n_slots; i++) {
        struct serve_slot * s = &S->slots[i];
        s->id = (int) i;
        if (tern_seq_init(&s->seq, m, S->cfg.n_ctx, S->cfg.kv_type, err, err_size)) return -1;
        if (!(s->cache = malloc(s->seq.n_ctx * sizeof(int32_t)))) goto oom;
    }
    S->cfg.n_ctx = S->slots[0].seq.n_ctx;
    if (S->cfg.max_chunk > S->cfg.n_ctx) S->cfg.max_chunk = S->cfg.n_ctx;
    if (!(S->pool = tern_pool_init(S->cfg.threads, true))) {
        snprintf(err, err_size, "cannot start %d threads", S->cfg.threads);
        return -1;
    }
    return tern_workspace_init(&S->ws, m, S->pool, S->cfg.threads, S->cfg.max_chunk + S->n_slots, S->cfg.n_ctx, err,
                               err_size);
oom:
    snprintf(err, err_size, "out of memory for %d slots", S->cfg.n_parallel);
    return -1;
}

int sched_start(struct serve * S, char * err, size_t err_size) {
    if (pthread_create(&S->sched_thread, NULL, sched_main, S)) {
        snprintf(err, err_size, "cannot start the scheduler thread");
        return -1;
    }
    S->sched_started = true;
    return 0;
}

void sched_stop(struct serve * S) {
    pthread_mutex_lock(&S->mu);
    atomic_store(&S->stopping, true);
    pthread_cond_signal(&S->wake);
    pthread_mutex_unlock(&S->mu);
    if (S->sched_started) pthread_join(S->sched_thread, NULL);
    S->sched_started = false;
}

void sched_free(struct serve * S) {
    for (size_t i = 0; S->slots && i < S->n_slots; i++) {
        tern_seq_free(&S->slots[i].seq);
        free(S->slots[i].cache);
        sbuf_free(&S->slots[i].fresh);
    }
    free(S->slots);
    S->slots = NULL;
    tern_workspace_free(S->ws);
    S->ws = NULL;
    if (S->pool) tern_pool_free(S->pool);
    S->pool = NULL;
}
