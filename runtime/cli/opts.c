// Option tables (see opts.h).

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

#define SEED_RANDOM UINT64_MAX      // TERN_SEED_RANDOM (tern/sampler.h)

bool tern_parse_number(const char * s, bool integer, double lo, double hi, double * out) {
    if (!s || !*s) return false;
    char * end;
    errno = 0;
    double v;
    if (integer) {
        const long long i = strtoll(s, &end, 10);
        v = (double) i;
    } else {
        v = strtod(s, &end);
    }
    if (end == s || *end || errno || !isfinite(v)) return false;
    if ((lo != 0 || hi != 0) && (v < lo || v > hi)) return false;
    *out = v;
    return true;
}

static bool takes_value(const struct tern_opt * o) {
    return o->kind != TERN_OPT_FLAG && o->kind != TERN_OPT_POSITIONAL;
}

// Does `arg` (up to len bytes) spell one of o's names?
static bool spells(const struct tern_opt * o, const char * arg, size_t len) {
    for (const char * p = o->names; p && *p;) {
        while (*p == ' ' || *p == ',') p++;
        const size_t n = strcspn(p, ", ");
        if (n == len && strncmp(p, arg, len) == 0) return true;
        p += n;
    }
    return false;
}

static void range_text(const struct tern_opt * o, bool integer, char * buf, size_t size) {
    if (o->lo == 0 && o->hi == 0) snprintf(buf, size, integer ? "an integer" : "a number");
    else snprintf(buf, size, "%s in %.15g..%.15g", integer ? "an integer" : "a number", o->lo, o->hi);
}

static int bad_value(const char * cmd, const char * name, const char * want, const char * val) {
    fprintf(stderr, "tern %s: %s wants %s, not '%s'\n", cmd, name, want, val);
    return 2;
}

// Stores val into o's destination. 0, or 2 after a message.
static int store(const struct tern_opt * o, const char * cmd, const char * name, const char * val) {
    char want[160];
    double v;
    switch (o->kind) {
    case TERN_OPT_STR:
        *(const char **) o->dest = val;
        return 0;
    case TERN_OPT_INT:
    case TERN_OPT_SIZE:
        range_text(o, true, want, sizeof(want));
        if (!tern_parse_number(val, true, o->lo, o->hi, &v) || (o->kind == TERN_OPT_SIZE && v < 0)) {
            return bad_value(cmd, name, want, val);
        }
        if (o->kind == TERN_OPT_INT) *(int *) o->dest = (int) v;
        else *(size_t *) o->dest = (size_t) v;
        return 0;
    case TERN_OPT_FLOAT:
    case TERN_OPT_DOUBLE:
        range_text(o, false, want, sizeof(want));
        if (!tern_parse_number(val, false, o->lo, o->hi, &v)) return bad_value(cmd, name, want, val);
        if (o->kind == TERN_OPT_FLOAT) *(float *) o->dest = (float) v;
        else *(double *) o->dest = v;
        return 0;
    case TERN_OPT_PERCENT: {
        char buf[64];
        snprintf(buf, sizeof(buf), "%s", val);
        const size_t n = strlen(buf);
        if (n > 0 && buf[n - 1] == '%') buf[n - 1] = '\0';
        snprintf(want, sizeof(want), "a percentage in %.15g..%.15g like 5%%", o->lo, o->hi);
        if (!tern_parse_number(buf, false, o->lo, o->hi, &v)) return bad_value(cmd, name, want, val);
        *(double *) o->dest = v / 100.0;
        return 0;
    }
    case TERN_OPT_SEED: {
        if (o->lo < 0 && strcmp(val, "-1") == 0) {
            *(uint64_t *) o->dest = SEED_RANDOM;
            return 0;
        }
        char * end;
        errno = 0;
        const unsigned long long s = strtoull(val, &end, 10);
        if (*val < '0' || *val > '9' || *end || errno || (o->lo < 0 && s == SEED_RANDOM)) {
            return bad_value(cmd, name, o->lo < 0 ? "a seed in 0..2^64-2 (-1: random)" : "a seed in 0..2^64-1", val);
        }
        *(uint64_t *) o->dest = s;
        return 0;
    }
    case TERN_OPT_CHOICE:
        for (int i = 0; o->choices[i]; i++) {
            if (strcmp(o->choices[i], val) == 0) {
                *(int *) o->dest = i;
                return 0;
            }
        }
        snprintf(want, sizeof(want), "one of");
        for (int i = 0; o->choices[i]; i++) {
            const size_t at = strlen(want);
            snprintf(want + at, sizeof(want) - at, "%s%s", i ? "|" : " ", o->choices[i]);
        }
        return bad_value(cmd, name, want, val);
    case TERN_OPT_INT_LIST: {
        int * out = o->dest;
        size_t n = 0;
        char item[64];
        range_text(o, true, want, sizeof(want));
        const size_t at = strlen(want);
        snprintf(want + at, sizeof(want) - at, " or a list like 1,2 (at most %zu)", o->max);
        for (const char * p = val;; p++) {
            const size_t len = strcspn(p, ",");
            if (len == 0 || len >= sizeof(item) || n == o->max) return bad_value(cmd, name, want, val);
            memcpy(item, p, len);
            item[len] = '\0';
            if (!tern_parse_number(item, true, o->lo, o->hi, &v)) return bad_value(cmd, name, want, val);
            out[n++] = (int) v;
            p += len;
            if (!*p) break;
        }
        *o->count = n;
        return 0;
    }
    case TERN_OPT_PAIR_LIST: {
        if (*o->count == o->max) {
            fprintf(stderr, "tern %s: %s may be given at most %zu times\n", cmd, name, o->max);
            return 2;
        }
        snprintf(want, sizeof(want), "two integers in %.15g..%.15g like 512,128", o->lo, o->hi);
        const char * comma = strchr(val, ',');
        char a[64];
        double first, second;
        if (!comma || (size_t) (comma - val) >= sizeof(a)) return bad_value(cmd, name, want, val);
        memcpy(a, val, (size_t) (comma - val));
        a[comma - val] = '\0';
        if (!tern_parse_number(a, true, o->lo, o->hi, &first) || !tern_parse_number(comma + 1, true, o->lo, o->hi, &second)) {
            return bad_value(cmd, name, want, val);
        }
        int (*out)[2] = o->dest;
        out[*o->count][0] = (int) first;
        out[*o->count][1] = (int) second;
        (*o->count)++;
        return 0;
    }
    case TERN_OPT_STR_LIST:
        if (*o->count == o->max) {
            fprintf(stderr, "tern %s: %s may be given at most %zu times\n", cmd, name, o->max);
            return 2;
        }
        ((const char **) o->dest)[(*o->count)++] = val;
        return 0;
    default:
        return 0;
    }
}

bool tern_opts_parse(const struct tern_opt * opts, const char * cmd, const char * usage, int argc, char ** argv,
                     int * exit_code) {
    *exit_code = 0;
    size_t positional = 0;
    for (int i = 1; i < argc; i++) {
        const char * a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            tern_opts_help(opts, usage, stdout);
            return false;
        }
        if (a[0] != '-' || a[1] == '\0') {
            // The next free positional slot, in table order.
            size_t seen = 0;
            const struct tern_opt * slot = NULL;
            for (const struct tern_opt * o = opts; o->kind != TERN_OPT_END; o++) {
                if (o->kind == TERN_OPT_POSITIONAL && seen++ == positional) slot = o;
            }
            if (!slot) {
                fprintf(stderr, "tern %s: unexpected argument '%s' (see tern %s --help)\n", cmd, a, cmd);
                *exit_code = 2;
                return false;
            }
            *(const char **) slot->dest = a;
            positional++;
            continue;
        }
        // "--name=value" or "--name value".
        const char * eq = a[1] == '-' ? strchr(a, '=') : NULL;
        const size_t len = eq ? (size_t) (eq - a) : strlen(a);
        const struct tern_opt * o = opts;
        for (; o->kind != TERN_OPT_END; o++) {
            if (o->kind != TERN_OPT_HEADING && o->kind != TERN_OPT_POSITIONAL && spells(o, a, len)) break;
        }
        char name[64];
        snprintf(name, sizeof(name), "%.*s", (int) (len < 60 ? len : 60), a);
        if (o->kind == TERN_OPT_END) {
            fprintf(stderr, "tern %s: unknown option '%s' (see tern %s --help)\n", cmd, name, cmd);
            *exit_code = 2;
            return false;
        }
        if (!takes_value(o)) {
            if (eq) {
                fprintf(stderr, "tern %s: %s takes no value\n", cmd, name);
                *exit_code = 2;
                return false;
            }
            *(bool *) o->dest = true;
            continue;
        }
        const char * val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
        if (!val) {
            fprintf(stderr, "tern %s: %s needs a value (%s)\n", cmd, name, o->arg ? o->arg : "VALUE");
            *exit_code = 2;
            return false;
        }
        if ((*exit_code = store(o, cmd, name, val)) != 0) return false;
    }
    return true;
}

// The current value of o's destination as text, for "(default ...)"; "" if there is none.
static void default_text(const struct tern_opt * o, char * buf, size_t size) {
    buf[0] = '\0';
    switch (o->kind) {
    case TERN_OPT_STR:
        if (*(const char * const *) o->dest) snprintf(buf, size, "%s", *(const char * const *) o->dest);
        break;
    case TERN_OPT_INT: snprintf(buf, size, "%d", *(const int *) o->dest); break;
    case TERN_OPT_SIZE: snprintf(buf, size, "%zu", *(const size_t *) o->dest); break;
    case TERN_OPT_FLOAT: snprintf(buf, size, "%g", (double) *(const float *) o->dest); break;
    case TERN_OPT_DOUBLE: snprintf(buf, size, "%g", *(const double *) o->dest); break;
    case TERN_OPT_PERCENT: snprintf(buf, size, "%g%%", 100.0 * *(const double *) o->dest); break;
    case TERN_OPT_SEED:
        if (*(const uint64_t *) o->dest == SEED_RANDOM) snprintf(buf, size, "-1, random");
        else snprintf(buf, size, "%llu", (unsigned long long) *(const uint64_t *) o->dest);
        break;
    case TERN_OPT_CHOICE: snprintf(buf, size, "%s", o->choices[*(const int *) o->dest]); break;
    case TERN_OPT_INT_LIST:
        for (size_t i = 0, at = 0; i < *o->count && at < size; i++, at = strlen(buf)) {
            snprintf(buf + at, size - at, "%s%d", i ? "," : "", ((const int *) o->dest)[i]);
        }
        break;
    default: break;
    }
}

void tern_opts_help(const struct tern_opt * opts, const char * usage, FILE * out) {
    fprintf(out, "usage: %s\n", usage);
    if (opts[0].kind != TERN_OPT_HEADING && opts[0].kind != TERN_OPT_END) fprintf(out, "\noptions:\n");
    for (const struct tern_opt * o = opts; o->kind != TERN_OPT_END; o++) {
        if (o->kind == TERN_OPT_HEADING) {
            fprintf(out, "\n%s:\n", o->help);
            continue;
        }
        char left[96], dflt[96];
        if (o->kind == TERN_OPT_POSITIONAL || !o->arg) snprintf(left, sizeof(left), "%s", o->names);
        else snprintf(left, sizeof(left), "%s %s", o->names, o->arg);
        default_text(o, dflt, sizeof(dflt));
        const bool show = dflt[0] && !strstr(o->help, "default");
        fprintf(out, "  %-30s %s%s%s%s\n", left, o->help, show ? " (default " : "", show ? dflt : "", show ? ")" : "");
    }
}
