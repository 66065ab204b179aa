// The server's life: listen, load, serve, stop (see server.h). Two environment variables
// exist for the tests only, to make a tiny model behave like a slow one:
//   TERN_SERVE_TEST_LOAD_MS  sleep before loading (/health answers 503 meanwhile)
//   TERN_SERVE_TEST_STEP_MS  sleep after every batch step (prefill spans many steps)

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server.h"
#include "tern/clock.h"
#include "tern/log.h"

// ---------------------------------------------------------------------------- the log sink

static enum tern_log_level log_max = TERN_LOG_INFO;

// One timestamped line per message on stderr (UTC, milliseconds).
static void log_line(enum tern_log_level level, const char * msg, void * user) {
    (void) user;
    if (level > log_max) return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[32];
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(stderr, "%s.%03ldZ %c %s\n", when, ts.tv_nsec / 1000000, "EWID"[level], msg);
}

// ---------------------------------------------------------------------------- signals

static int signal_pipe[2] = { -1, -1 };

static void on_signal(int sig) {
    const unsigned char b = (unsigned char) sig;
    if (write(signal_pipe[1], &b, 1) < 0) {}     // nothing to do if it fails: the pipe is full already
}

static unsigned env_ms(const char * name) {
    const char * v = getenv(name);
    return v ? (unsigned) strtoul(v, NULL, 10) : 0;
}

// ---------------------------------------------------------------------------- run

int serve_run(const struct serve_config * cfg, const char * model_path, const struct tern_load_options * lo, bool verbose) {
    static struct serve S;            // static: the signal handler and MHD's threads outlive no frame
    memset(&S, 0, sizeof(S));
    S.cfg = *cfg;
    S.model_path = model_path;
    if (!S.cfg.alias) S.cfg.alias = model_path;
    S.created = (long) time(NULL);
    S.step_sleep_ms = env_ms("TERN_SERVE_TEST_STEP_MS");
    pthread_mutex_init(&S.mu, NULL);
    pthread_cond_init(&S.wake, NULL);
    log_max = verbose ? TERN_LOG_DEBUG : TERN_LOG_INFO;
    tern_log_set(log_line, NULL);
    signal(SIGPIPE, SIG_IGN);

    int rc = 1;
    char err[600];
    struct tern_model model;
    bool loaded = false;
    if (pipe2(signal_pipe, O_CLOEXEC)) {
        fprintf(stderr, "tern serve: cannot create a pipe\n");
        return 1;
    }
    if (http_start(&S, err, sizeof(err))) {
        fprintf(stderr, "tern serve: %s\n", err);
        goto done;
    }
    tern_log(TERN_LOG_INFO, "listening on http://%s:%d (loading %s)", cfg->host, S.port, model_path);
    const unsigned load_ms = env_ms("TERN_SERVE_TEST_LOAD_MS");
    if (load_ms) usleep(load_ms * 1000u);
    if (tern_model_load(&model, model_path, lo, err, sizeof(err))) {
        fprintf(stderr, "tern serve: %s\n", err);
        goto done;
    }
    loaded = true;
    if (!model.vocab) {
        fprintf(stderr, "tern serve: %s has no tokenizer (tokenizer.ggml.*)\n", model_path);
        goto done;
    }
    struct stat st;
    S.model_bytes = stat(model_path, &st) == 0 ? (size_t) st.st_size : 0;
    S.model = &model;
    if (sched_init(&S, err, sizeof(err)) || sched_start(&S, err, sizeof(err))) {
        fprintf(stderr, "tern serve: %s\n", err);
        goto done;
    }
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    atomic_store(&S.ready, true);
    tern_log(TERN_LOG_INFO, "ready: %s, %d slots of %zu tokens, prompt chunks of at most %zu, %d threads, kernels from %s",
             S.cfg.alias, S.cfg.n_parallel, S.cfg.n_ctx, S.cfg.max_chunk, S.cfg.threads, model.plan_source);
    unsigned char sig = 0;
    while (read(signal_pipe[0], &sig, 1) < 0) {}
    tern_log(TERN_LOG_INFO, "signal %d: shutting down", sig);
    rc = 0;
done:
    atomic_store(&S.stopping, true);
    sched_stop(&S);                   // every open request ends with an error its client can read
    http_stop(&S);                    // then the connections close
    sched_free(&S);
    if (loaded) tern_model_free(&model);
    close(signal_pipe[0]);
    close(signal_pipe[1]);
    tern_log_set(NULL, NULL);
    pthread_cond_destroy(&S.wake);
    pthread_mutex_destroy(&S.mu);
    return rc;
}
