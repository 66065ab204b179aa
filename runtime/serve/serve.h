// `tern serve` inside: the objects the HTTP threads and the scheduler share.
//
// Threads: libmicrohttpd runs one thread per connection (plus its listening thread); a
// connection's thread parses and checks its request, tokenizes the prompt and hands a task
// to the scheduler, then waits on the task's condition variable, polling its own socket so
// a client that leaves is noticed within POLL_MS wherever its task is. One scheduler thread
// owns the workspace and the thread pool (tern_decode has one caller at a time): each step
// it runs the next token of every decoding slot plus one bounded chunk of one prompt as one
// batch, then samples each slot, appends its new text to its task and wakes its thread.
// One mutex (serve.mu) guards every field marked "shared" below.
#pragma once

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "request.h"
#include "sbuf.h"
#include "textout.h"
#include "tern/model.h"
#include "tern/sampler.h"

#define SERVE_POLL_MS 100            // how often a waiting connection looks at its socket

enum serve_finish { FINISH_NONE, FINISH_STOP, FINISH_LENGTH };

// One completion request, from its connection's thread to the scheduler and back.
struct serve_task {
    // set before submission, read-only afterwards
    int32_t * prompt;                // (n_prompt)
    size_t n_prompt;
    struct tern_sampler_params sp;
    long n_predict;                  // -1: until an end token or the context is full
    char * stop[SERVE_MAX_STOP];     // owned
    size_t n_stop;
    // chat requests: control tokens whose text opens the next turn end the answer, as in
    // `tern chat` (tern_chat_stop_texts; NULL for completions)
    const char * const * turn_stops;
    bool cache_prompt;
    double t_submit;

    // shared
    int refs;                        // the connection and the scheduler each hold one
    pthread_cond_t cond;             // signalled when anything below changes
    bool running, done, cancelled;
    struct sbuf text;                // new text the connection has not taken yet
    size_t n_gen, n_cached;          // tokens generated; prompt tokens found in the slot's cache
    enum serve_finish finish;
    char error[256];                 // non-empty: the task failed (after its headers, if streaming)
    double t_start, t_first, t_end;  // slot assigned, first token sampled, finished
    struct serve_task * next;        // the queue
};

struct serve_metrics {               // shared; llama-server's counters (serving.md §1.1)
    uint64_t prompt_tokens, predicted_tokens, n_decode, n_busy_slots, n_tokens_max;
    double prompt_seconds, predicted_seconds;
    uint64_t requests_ok, requests_cancelled, requests_rejected, requests_failed, requests_invalid;
};

struct serve_slot;

struct serve_config {
    const char * host;
    int port;
    int n_parallel;                  // slots
    size_t n_ctx;                    // per slot
    size_t max_chunk;                // most prompt tokens one step evaluates
    int max_queue;                   // waiting tasks beyond the slots; more get 503
    const char * const * api_keys;   // (n_api_keys)
    size_t n_api_keys;
    int timeout_s;                   // idle connection timeout
    double ping_s;                   // SSE keep-alive comment after this much silence
    const char * alias;              // the model's id in responses
    struct tern_sampler_params sp;   // defaults of every request
    int threads;
    enum tern_kv_type kv_type;
};

struct serve {
    struct serve_config cfg;
    const struct tern_model * model; // NULL while loading
    const char * model_path;
    size_t model_bytes;
    long created;                    // unix time of start, for /v1/models
    atomic_bool ready, stopping;
    struct MHD_Daemon * http;
    int port;                        // the bound port

    pthread_mutex_t mu;
    pthread_cond_t wake;             // the scheduler waits on it
    struct serve_task * queue_head, * queue_tail;   // shared
    int n_queued;                                   // shared
    int n_busy;                                     // shared: slots with a task
    int n_open;                                     // shared: connections holding a task
    struct serve_metrics metrics;                   // shared

    // the scheduler's own
    pthread_t sched_thread;
    bool sched_started;
    struct tern_pool * pool;
    struct tern_workspace * ws;
    struct serve_slot * slots;
    size_t n_slots;
    double tokens_per_s;             // recent prompt throughput, for sizing chunks
    unsigned step_sleep_ms;          // test hook: a slower model (TERN_SERVE_TEST_STEP_MS)
};

// ---------------------------------------------------------------------------- scheduler (sched.c)

// Slots and the workspace for a loaded model. 0, or -1 with err.
int sched_init(struct serve * S, char * err, size_t err_size);
int sched_start(struct serve * S, char * err, size_t err_size);
// Stops the scheduler; every task still queued or running finishes with an error.
void sched_stop(struct serve * S);
void sched_free(struct serve * S);

// A task with one reference (the caller's). NULL when out of memory.
struct serve_task * task_new(void);
enum serve_submit { SUBMIT_OK, SUBMIT_FULL, SUBMIT_STOPPING };
// Queues a task; the scheduler takes its own reference unless it is refused.
enum serve_submit sched_submit(struct serve * S, struct serve_task * t);
// The client left: the task stops wherever it is and its slot is freed. Under S->mu.
void sched_cancel_locked(struct serve * S, struct serve_task * t);
// Drops a reference; the last one frees the task. Under S->mu.
void task_unref_locked(struct serve_task * t);

// ---------------------------------------------------------------------------- HTTP (http.c)

int http_start(struct serve * S, char * err, size_t err_size);
// Stops accepting, lets the answers already under way reach their clients (a few seconds
// at most), then closes every connection.
void http_stop(struct serve * S);

// ---------------------------------------------------------------------------- the prompt (template.c)

// The text of a chat request's prompt in the model's chat format (malloc'd), or NULL with err.
char * serve_chat_prompt(const struct serve * S, const struct serve_msg * msgs, size_t n, char * err, size_t err_size);

// ---------------------------------------------------------------------------- /metrics (metrics.c)

void serve_metrics_text(struct serve * S, struct sbuf * out);
