// Reading JSON text (see json-in.h).

#if defined(TERN_HAVE_CJSON)
#include <stdlib.h>
#include <string.h>

#include "json-in.h"

cJSON * tern_json_parse(const char * text, size_t len, size_t * at, bool * trailing) {
    *at = 0;
    *trailing = false;
    // cJSON reads a NUL-terminated copy: the text (a mapping, a fuzzer's buffer) may not end in one.
    char * copy = malloc(len + 1);
    if (!copy) return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    const char * end = NULL;
    cJSON * root = cJSON_ParseWithLengthOpts(copy, len, &end, false);
    if (end && end >= copy && end <= copy + len) *at = (size_t) (end - copy);
    for (const char * p = end; root && p < copy + len; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            *at = (size_t) (p - copy);
            *trailing = true;
            cJSON_Delete(root);
            root = NULL;
        }
    }
    free(copy);
    return root;
}
#endif
