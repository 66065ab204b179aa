// Whole-file reads (see tern/file.h).

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/file.h"

char * tern_read_file(const char * path, const char * what, size_t max_bytes, size_t * len, char * err,
                      size_t err_size) {
    FILE * f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open %s%s%s: %s", what, *what ? " " : "", path, strerror(errno));
        return NULL;
    }
    char * buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = cap ? 2 * cap : 65536 * 2;
            char * grown = realloc(buf, cap);
            if (!grown) {
                snprintf(err, err_size, "out of memory reading %s", path);
                goto fail;
            }
            buf = grown;
        }
        const size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > max_bytes) {
            snprintf(err, err_size, "%s is larger than %zu MiB", path, max_bytes >> 20);
            goto fail;
        }
        if (got == 0) break;
    }
    if (ferror(f)) {
        snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
        goto fail;
    }
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
fail:
    free(buf);
    fclose(f);
    return NULL;
}
