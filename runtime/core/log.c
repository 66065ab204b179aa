// The log callback (see tern/log.h).

#include <pthread.h>
#include <stdio.h>

#include "tern/log.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static tern_log_fn * sink;
static void * sink_user;

void tern_log_set(tern_log_fn * fn, void * user) {
    pthread_mutex_lock(&lock);
    sink = fn;
    sink_user = user;
    pthread_mutex_unlock(&lock);
}

void tern_log(enum tern_log_level level, const char * fmt, ...) {
    pthread_mutex_lock(&lock);
    tern_log_fn * fn = sink;
    void * user = sink_user;
    pthread_mutex_unlock(&lock);
    if (!fn) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fn(level, msg, user);
}
