// The library never prints: what it has to say goes to one callback the application
// installs (the CLI prints to stderr, a server logs). Default: nothing is said.
#pragma once

#include <stdarg.h>

enum tern_log_level { TERN_LOG_ERROR, TERN_LOG_WARN, TERN_LOG_INFO, TERN_LOG_DEBUG };

typedef void tern_log_fn(enum tern_log_level level, const char * msg, void * user);

// Installs fn (NULL: silence) for the whole process; messages are one line, no newline.
void tern_log_set(tern_log_fn * fn, void * user);
void tern_log(enum tern_log_level level, const char * fmt, ...) __attribute__((format(printf, 2, 3)));

// Long work (loading, converting, tuning) reports its progress through one of these:
// fraction in [0, 1], `what` names the step; 1.0 comes once at the end.
typedef void tern_progress_fn(void * user, double fraction, const char * what);
