// Request bodies (see request.h). Fields are rows of tables: numbers with their ranges,
// and the features tern refuses, each with the test that says the request uses it.

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "request.h"

// ---------------------------------------------------------------------------- helpers

static const cJSON * field(const cJSON * obj, const char * name) {
    const cJSON * v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return v && !cJSON_IsNull(v) ? v : NULL;      // null = not given
}

static cJSON * parse_object(const char * body, size_t len, char * err, size_t err_size) {
    const char * end = NULL;
    cJSON * root = cJSON_ParseWithLengthOpts(body, len, &end, false);
    if (!root) {
        const size_t at = end && end >= body && end <= body + len ? (size_t) (end - body) : 0;
        snprintf(err, err_size, "the request body is not valid JSON (at byte %zu of %zu)", at, len);
        return NULL;
    }
    // Only whitespace may follow the value.
    while (end && end < body + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')) end++;
    if (end && end < body + len && *end != '\0') {
        snprintf(err, err_size, "the request body is not valid JSON (trailing data at byte %zu)", (size_t) (end - body));
        cJSON_Delete(root);
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        snprintf(err, err_size, "the request body must be a JSON object");
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

// A number in [lo, hi] (an integer if asked). 1 = stored, 0 = absent, -1 = refused.
static int get_number(const cJSON * obj, const char * name, bool integer, double lo, double hi, double * out, char * err,
                      size_t err_size) {
    const cJSON * v = field(obj, name);
    if (!v) return 0;
    const double d = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (!isfinite(d) || d < lo || d > hi || (integer && d != floor(d))) {
        snprintf(err, err_size, "'%s' must be %s in %g..%g", name, integer ? "an integer" : "a number", lo, hi);
        return -1;
    }
    *out = d;
    return 1;
}

static int get_bool(const cJSON * obj, const char * name, bool * out, char * err, size_t err_size) {
    const cJSON * v = field(obj, name);
    if (!v) return 0;
    if (!cJSON_IsBool(v)) {
        snprintf(err, err_size, "'%s' must be true or false", name);
        return -1;
    }
    *out = cJSON_IsTrue(v);
    return 1;
}

// An array of token ids (non-negative integers) into a malloc'd array. 0, or -1 with err.
static int get_ids(const cJSON * arr, const char * name, int32_t ** ids, size_t * n, char * err, size_t err_size) {
    *n = 0;
    *ids = malloc(((size_t) cJSON_GetArraySize(arr) + 1) * sizeof(int32_t));
    if (!*ids) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    const cJSON * t;
    cJSON_ArrayForEach(t, arr) {
        if (!cJSON_IsNumber(t) || t->valuedouble < 0 || t->valuedouble > INT32_MAX || t->valuedouble != floor(t->valuedouble)) {
            snprintf(err, err_size, "'%s': a token array holds non-negative integers only", name);
            free(*ids);
            *ids = NULL;
            *n = 0;
            return -1;
        }
        (*ids)[(*n)++] = (int32_t) t->valuedouble;
    }
    return 0;
}

static char * dup_string(const char * s) {
    const size_t n = strlen(s);
    char * d = malloc(n + 1);
    if (d) memcpy(d, s, n + 1);
    return d;
}

// ---------------------------------------------------------------------------- tables

enum num_dest { D_FLOAT, D_INT, D_LONG, D_SEED };

static const struct num_field {
    const char * name;
    enum num_dest dest;
    size_t offset;                 // into struct serve_params
    double lo, hi;
} num_fields[] = {
    { "temperature",          D_FLOAT, offsetof(struct serve_params, sp.temp),              0, 100 },
    { "top_p",                D_FLOAT, offsetof(struct serve_params, sp.top_p),             0, 1 },
    { "top_k",                D_INT,   offsetof(struct serve_params, sp.top_k),             -1, 1 << 24 },
    { "min_p",                D_FLOAT, offsetof(struct serve_params, sp.min_p),             0, 1 },
    { "repeat_penalty",       D_FLOAT, offsetof(struct serve_params, sp.repeat_penalty),    0.01, 100 },
    { "repeat_last_n",        D_INT,   offsetof(struct serve_params, sp.repeat_last_n),     0, 1 << 16 },
    { "presence_penalty",     D_FLOAT, offsetof(struct serve_params, sp.presence_penalty),  -100, 100 },
    { "frequency_penalty",    D_FLOAT, offsetof(struct serve_params, sp.frequency_penalty), -100, 100 },
    { "seed",                 D_SEED,  offsetof(struct serve_params, sp.seed),              -1, 9007199254740992.0 },
    { "max_tokens",           D_LONG,  offsetof(struct serve_params, max_tokens),           -1, 1 << 24 },
    { "max_completion_tokens",D_LONG,  offsetof(struct serve_params, max_tokens),           -1, 1 << 24 },
    { "n_predict",            D_LONG,  offsetof(struct serve_params, max_tokens),           -1, 1 << 24 },
};

static bool is_true(const cJSON * v) { return cJSON_IsTrue(v); }
static bool not_one(const cJSON * v) { return !cJSON_IsNumber(v) || v->valuedouble != 1; }
static bool non_empty(const cJSON * v) {
    if (cJSON_IsArray(v) || cJSON_IsObject(v)) return cJSON_GetArraySize(v) > 0;
    if (cJSON_IsString(v)) return v->valuestring[0] != '\0';
    return !cJSON_IsFalse(v);
}
static bool not_zero(const cJSON * v) {
    return cJSON_IsNumber(v) ? v->valuedouble != 0 : !cJSON_IsFalse(v);
}
static bool logprobs_used(const cJSON * v) {
    return cJSON_IsNumber(v) ? v->valuedouble > 0 : cJSON_IsTrue(v) || !cJSON_IsBool(v);
}
static bool more_than_one(const cJSON * v) { return !cJSON_IsNumber(v) || v->valuedouble > 1; }
static bool not_text_format(const cJSON * v) {
    const cJSON * t = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "type") : NULL;
    return !(cJSON_IsString(t) && strcmp(t->valuestring, "text") == 0);
}
static bool tool_choice_used(const cJSON * v) {
    return !(cJSON_IsString(v) && (strcmp(v->valuestring, "none") == 0 || strcmp(v->valuestring, "auto") == 0));
}
static bool not_typical_off(const cJSON * v) { return !cJSON_IsNumber(v) || v->valuedouble != 1; }

// Features tern does not implement: a request that uses one is refused, never half served.
static const struct refused {
    const char * name;
    bool (*used)(const cJSON * v);
    const char * what;
} refused[] = {
    { "n",                   not_one,          "several choices per request (n > 1)" },
    { "tools",               non_empty,        "tools (function calling)" },
    { "tool_choice",         tool_choice_used, "tool_choice (function calling)" },
    { "functions",           non_empty,        "functions (function calling)" },
    { "function_call",       non_empty,        "function_call (function calling)" },
    { "parallel_tool_calls", is_true,          "parallel_tool_calls (function calling)" },
    { "logprobs",            logprobs_used,    "logprobs" },
    { "top_logprobs",        not_zero,         "top_logprobs" },
    { "n_probs",             not_zero,         "n_probs (token probabilities)" },
    { "response_format",     not_text_format,  "response_format other than {\"type\": \"text\"} (json_object, json_schema)" },
    { "json_schema",         non_empty,        "json_schema (constrained output)" },
    { "grammar",             non_empty,        "grammar (constrained output)" },
    { "logit_bias",          non_empty,        "logit_bias" },
    { "echo",                is_true,          "echo" },
    { "best_of",             more_than_one,    "best_of > 1" },
    { "suffix",              non_empty,        "suffix (insertion)" },
    { "audio",               non_empty,        "audio output" },
    { "prediction",          non_empty,        "prediction (predicted outputs)" },
    { "mirostat",            not_zero,         "mirostat sampling" },
    { "typical_p",           not_typical_off,  "typical_p sampling" },
    { "dry_multiplier",      not_zero,         "DRY sampling" },
    { "xtc_probability",     not_zero,         "XTC sampling" },
};

// ---------------------------------------------------------------------------- parts

static int parse_numbers(const cJSON * root, struct serve_params * p, char * err, size_t err_size) {
    for (size_t i = 0; i < sizeof(num_fields) / sizeof(num_fields[0]); i++) {
        const struct num_field * f = &num_fields[i];
        double d;
        const int got = get_number(root, f->name, f->dest != D_FLOAT, f->lo, f->hi, &d, err, err_size);
        if (got < 0) return -1;
        if (got == 0) continue;
        void * dest = (char *) p + f->offset;
        switch (f->dest) {
        case D_FLOAT: *(float *) dest = (float) d; break;
        case D_INT:   *(int *) dest = d < 0 ? 0 : (int) d; break;          // top_k -1 = off, as 0
        case D_LONG:  *(long *) dest = (long) d; break;
        case D_SEED:  *(uint64_t *) dest = d < 0 ? TERN_SEED_RANDOM : (uint64_t) d; break;
        }
    }
    return 0;
}

static int parse_refused(const cJSON * root, char * err, size_t err_size) {
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        const cJSON * v = field(root, refused[i].name);
        if (v && refused[i].used(v)) {
            snprintf(err, err_size, "'%s': %s is not supported by tern serve", refused[i].name, refused[i].what);
            return -1;
        }
    }
    return 0;
}

static int parse_stop(const cJSON * root, struct serve_params * p, char * err, size_t err_size) {
    const cJSON * v = field(root, "stop");
    if (!v) return 0;
    const bool one = cJSON_IsString(v);
    if (!one && !cJSON_IsArray(v)) {
        snprintf(err, err_size, "'stop' must be a string or an array of strings");
        return -1;
    }
    const int n = one ? 1 : cJSON_GetArraySize(v);
    if (n > SERVE_MAX_STOP) {
        snprintf(err, err_size, "'stop' has %d strings; at most %d are supported", n, SERVE_MAX_STOP);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const cJSON * s = one ? v : cJSON_GetArrayItem(v, i);
        if (!cJSON_IsString(s)) {
            snprintf(err, err_size, "'stop' must be a string or an array of strings");
            return -1;
        }
        const size_t len = strlen(s->valuestring);
        if (len > SERVE_MAX_STOP_LEN) {
            snprintf(err, err_size, "a stop string of %zu bytes is longer than the %d supported", len, SERVE_MAX_STOP_LEN);
            return -1;
        }
        if (len == 0) continue;      // an empty stop string would match at once: ignored
        if (!(p->stop[p->n_stop] = dup_string(s->valuestring))) goto oom;
        p->n_stop++;
    }
    return 0;
oom:
    snprintf(err, err_size, "out of memory");
    return -1;
}

// content: a string, or an array of parts of which only text parts are understood.
static int parse_content(const cJSON * c, size_t index, char ** out, char * err, size_t err_size) {
    if (cJSON_IsString(c)) {
        *out = dup_string(c->valuestring);
        return *out ? 0 : -1;
    }
    if (!cJSON_IsArray(c)) {
        snprintf(err, err_size, "messages[%zu].content must be a string or an array of content parts", index);
        return -1;
    }
    size_t total = 1;
    const cJSON * part;
    cJSON_ArrayForEach(part, c) {
        const cJSON * type = cJSON_IsObject(part) ? cJSON_GetObjectItemCaseSensitive(part, "type") : NULL;
        if (!cJSON_IsString(type)) {
            snprintf(err, err_size, "messages[%zu].content: each part must be an object with a 'type'", index);
            return -1;
        }
        if (strcmp(type->valuestring, "text") != 0) {
            const char * t = type->valuestring;
            const bool known = !strcmp(t, "image_url") || !strcmp(t, "input_audio") || !strcmp(t, "file") ||
                               !strcmp(t, "image") || !strcmp(t, "input_image");
            snprintf(err, err_size, "messages[%zu].content: %s parts %s", index, known ? t : "unknown",
                     known ? "are not supported by tern serve (text only)" : "(only 'text' parts are understood)");
            return -1;
        }
        const cJSON * text = cJSON_GetObjectItemCaseSensitive(part, "text");
        if (!cJSON_IsString(text)) {
            snprintf(err, err_size, "messages[%zu].content: a text part needs a string 'text'", index);
            return -1;
        }
        total += strlen(text->valuestring) + 1;
    }
    char * s = malloc(total);
    if (!s) return -1;
    size_t at = 0;
    cJSON_ArrayForEach(part, c) {
        const char * text = cJSON_GetObjectItemCaseSensitive(part, "text")->valuestring;
        if (at) s[at++] = '\n';          // parts are joined by newlines
        memcpy(s + at, text, strlen(text));
        at += strlen(text);
    }
    s[at] = '\0';
    *out = s;
    return 0;
}

static int parse_messages(const cJSON * root, struct serve_params * p, char * err, size_t err_size) {
    const cJSON * msgs = field(root, "messages");
    if (!cJSON_IsArray(msgs) || cJSON_GetArraySize(msgs) == 0) {
        snprintf(err, err_size, "'messages' must be a non-empty array");
        return -1;
    }
    const size_t n = (size_t) cJSON_GetArraySize(msgs);
    if (!(p->msgs = calloc(n, sizeof(*p->msgs)))) goto oom;
    const cJSON * m;
    cJSON_ArrayForEach(m, msgs) {
        const size_t i = p->n_msgs;
        const cJSON * role = cJSON_IsObject(m) ? cJSON_GetObjectItemCaseSensitive(m, "role") : NULL;
        if (!cJSON_IsString(role)) {
            snprintf(err, err_size, "messages[%zu] must be an object with a string 'role'", i);
            return -1;
        }
        const char * r = role->valuestring;
        if (!strcmp(r, "tool") || !strcmp(r, "function")) {
            snprintf(err, err_size, "messages[%zu]: role '%s' is not supported by tern serve (no tool calls)", i, r);
            return -1;
        }
        if (strcmp(r, "system") && strcmp(r, "developer") && strcmp(r, "user") && strcmp(r, "assistant")) {
            snprintf(err, err_size, "messages[%zu]: unknown role (system, user or assistant)", i);
            return -1;
        }
        if (field(m, "tool_calls") && non_empty(field(m, "tool_calls"))) {
            snprintf(err, err_size, "messages[%zu]: tool_calls are not supported by tern serve", i);
            return -1;
        }
        const cJSON * content = field(m, "content");
        p->msgs[i].role = dup_string(!strcmp(r, "developer") ? "system" : r);
        p->n_msgs++;
        if (!p->msgs[i].role) goto oom;
        if (!content) {
            if (strcmp(r, "assistant") != 0) {
                snprintf(err, err_size, "messages[%zu] (%s) has no content", i, r);
                return -1;
            }
            if (!(p->msgs[i].content = dup_string(""))) goto oom;
            continue;
        }
        if (parse_content(content, i, &p->msgs[i].content, err, err_size)) {
            if (!p->msgs[i].content && !err[0]) goto oom;
            return -1;
        }
    }
    return 0;
oom:
    snprintf(err, err_size, "out of memory");
    return -1;
}

static int parse_prompt(const cJSON * root, struct serve_params * p, char * err, size_t err_size) {
    const cJSON * v = field(root, "prompt");
    if (cJSON_IsString(v)) {
        if (!(p->prompt = dup_string(v->valuestring))) goto oom;
        return 0;
    }
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0) {
        snprintf(err, err_size, "'prompt' must be a string, or an array of token ids");
        return -1;
    }
    const cJSON * first = cJSON_GetArrayItem(v, 0);
    if (cJSON_IsString(first) || cJSON_IsArray(first)) {
        if (cJSON_GetArraySize(v) > 1) {
            snprintf(err, err_size, "'prompt': several prompts in one request are not supported by tern serve");
            return -1;
        }
        if (cJSON_IsString(first)) {
            if (!(p->prompt = dup_string(first->valuestring))) goto oom;
            return 0;
        }
        v = first;            // [[ids]]: one token prompt
    }
    if (cJSON_GetArraySize(v) == 0) {
        snprintf(err, err_size, "'prompt' is an empty token array");
        return -1;
    }
    return get_ids(v, "prompt", &p->prompt_tokens, &p->n_prompt_tokens, err, err_size);
oom:
    snprintf(err, err_size, "out of memory");
    return -1;
}

// ---------------------------------------------------------------------------- entry points

int serve_params_parse(const char * body, size_t len, enum serve_kind kind, const struct tern_sampler_params * defaults,
                       struct serve_params * p, char * err, size_t err_size) {
    memset(p, 0, sizeof(*p));
    p->kind = kind;
    p->sp = *defaults;
    p->max_tokens = -1;
    p->cache_prompt = true;
    err[0] = '\0';
    cJSON * root = parse_object(body, len, err, err_size);
    if (!root) return -1;
    int rc = -1;
    if (parse_refused(root, err, err_size) || parse_numbers(root, p, err, err_size) ||
        get_bool(root, "stream", &p->stream, err, err_size) < 0 ||
        get_bool(root, "cache_prompt", &p->cache_prompt, err, err_size) < 0 || parse_stop(root, p, err, err_size)) {
        goto done;
    }
    const cJSON * so = field(root, "stream_options");
    if (so && !cJSON_IsObject(so)) {
        snprintf(err, err_size, "'stream_options' must be an object");
        goto done;
    }
    if (so && get_bool(so, "include_usage", &p->include_usage, err, err_size) < 0) goto done;
    if (kind == SERVE_CHAT ? parse_messages(root, p, err, err_size) : parse_prompt(root, p, err, err_size)) goto done;
    rc = 0;
done:
    cJSON_Delete(root);
    if (rc) serve_params_free(p);
    return rc;
}

void serve_params_free(struct serve_params * p) {
    for (size_t i = 0; i < p->n_msgs; i++) {
        free(p->msgs[i].role);
        free(p->msgs[i].content);
    }
    free(p->msgs);
    free(p->prompt);
    free(p->prompt_tokens);
    for (size_t i = 0; i < p->n_stop; i++) free(p->stop[i]);
    memset(p, 0, sizeof(*p));
}

int serve_tokenize_parse(const char * body, size_t len, struct serve_tokenize * t, char * err, size_t err_size) {
    *t = (struct serve_tokenize) { .parse_special = true };
    cJSON * root = parse_object(body, len, err, err_size);
    if (!root) return -1;
    int rc = -1;
    const cJSON * c = field(root, "content");
    if (!cJSON_IsString(c)) {
        snprintf(err, err_size, "'content' must be a string");
        goto done;
    }
    if (get_bool(root, "add_special", &t->add_special, err, err_size) < 0 ||
        get_bool(root, "parse_special", &t->parse_special, err, err_size) < 0 ||
        get_bool(root, "with_pieces", &t->with_pieces, err, err_size) < 0) {
        goto done;
    }
    if (!(t->content = dup_string(c->valuestring))) {
        snprintf(err, err_size, "out of memory");
        goto done;
    }
    rc = 0;
done:
    cJSON_Delete(root);
    return rc;
}

int serve_detokenize_parse(const char * body, size_t len, int32_t ** tokens, size_t * n, char * err, size_t err_size) {
    *tokens = NULL;
    *n = 0;
    cJSON * root = parse_object(body, len, err, err_size);
    if (!root) return -1;
    int rc = -1;
    const cJSON * v = field(root, "tokens");
    if (!cJSON_IsArray(v)) {
        snprintf(err, err_size, "'tokens' must be an array of token ids");
        goto done;
    }
    if (get_ids(v, "tokens", tokens, n, err, err_size)) goto done;
    rc = 0;
done:
    cJSON_Delete(root);
    return rc;
}
