// Google Benchmark JSON -> per-benchmark repetition times (see tern/gbench_json.h).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tern/gbench_json.h"

static double unit_ns(const char * unit) {
    if (!unit || strcmp(unit, "ns") == 0) return 1;
    if (strcmp(unit, "us") == 0) return 1e3;
    if (strcmp(unit, "ms") == 0) return 1e6;
    if (strcmp(unit, "s") == 0) return 1e9;
    return NAN;
}

void tern_gbench_runs_free(struct tern_gbench_runs * runs) {
    for (size_t i = 0; i < runs->n; i++) free(runs->s[i].ns);
    free(runs->s);
    runs->s = NULL;
    runs->n = 0;
}

// The series named `name`, appended if new; NULL when out of memory.
static struct tern_gbench_series * series_for(struct tern_gbench_runs * runs, const char * name) {
    for (size_t i = 0; i < runs->n; i++) {
        if (strncmp(runs->s[i].name, name, sizeof(runs->s[i].name) - 1) == 0) return &runs->s[i];
    }
    struct tern_gbench_series * grown = realloc(runs->s, (runs->n + 1) * sizeof(*grown));
    if (!grown) return NULL;
    runs->s = grown;
    struct tern_gbench_series * s = &runs->s[runs->n++];
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s", name);
    return s;
}

int tern_gbench_parse(const char * text, size_t len, const char * what, struct tern_gbench_runs * out, char * err,
                      size_t err_size) {
    memset(out, 0, sizeof(*out));
    cJSON * root = cJSON_ParseWithLength(text, len);
    const cJSON * list = root ? cJSON_GetObjectItemCaseSensitive(root, "benchmarks") : NULL;
    if (!cJSON_IsArray(list)) {
        snprintf(err, err_size, "%s is not Google Benchmark JSON (%s)", what, root ? "no 'benchmarks' array" : "invalid JSON");
        cJSON_Delete(root);
        return -1;
    }
    const cJSON * b;
    int index = 0;
    cJSON_ArrayForEach(b, list) {
        index++;
        const cJSON * type = cJSON_GetObjectItemCaseSensitive(b, "run_type");
        if (cJSON_IsString(type) && strcmp(type->valuestring, "iteration") != 0) continue;   // aggregates
        if (cJSON_GetObjectItemCaseSensitive(b, "error_occurred")) continue;                // skipped benchmarks
        const cJSON * name = cJSON_GetObjectItemCaseSensitive(b, "run_name");
        if (!cJSON_IsString(name)) name = cJSON_GetObjectItemCaseSensitive(b, "name");
        const cJSON * t = cJSON_GetObjectItemCaseSensitive(b, "real_time");
        const cJSON * unit = cJSON_GetObjectItemCaseSensitive(b, "time_unit");
        const double scale = unit_ns(cJSON_IsString(unit) ? unit->valuestring : NULL);
        const double real_ns = cJSON_IsNumber(t) ? t->valuedouble * scale : NAN;
        if (!cJSON_IsString(name) || !isfinite(real_ns) || !(real_ns >= 0)) {
            snprintf(err, err_size, "%s: benchmark #%d lacks a name, a real_time or a known time_unit", what, index);
            goto fail;
        }
        struct tern_gbench_series * s = series_for(out, name->valuestring);
        double * ns = s ? realloc(s->ns, (s->n + 1) * sizeof(double)) : NULL;
        if (!ns) {
            snprintf(err, err_size, "%s: out of memory at benchmark #%d", what, index);
            goto fail;
        }
        s->ns = ns;
        s->ns[s->n++] = real_ns;
    }
    cJSON_Delete(root);
    return 0;
fail:
    cJSON_Delete(root);
    tern_gbench_runs_free(out);
    return -1;
}
