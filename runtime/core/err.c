// tern_errf (see tern/err.h).

#include <stdarg.h>
#include <stdio.h>

#include "tern/err.h"

int tern_errf(char * err, size_t err_size, const char * fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_size, fmt, ap);
    va_end(ap);
    return -1;
}
