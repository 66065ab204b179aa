// Tuning profiles as JSON files (cJSON): save atomically, load with validation. A profile
// names the CPU (brand + usable feature bits) and the registry hash of the kernels it
// measured; either differing makes it stale (ignored with a notice).

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/tune.h"

#define PROFILE_FORMAT "tern-profile-3"
#define REMAKE_HINT "delete it or run 'tern tune' to make a new one"
#define STALE_HINT "ignoring it: run 'tern tune' to remake it"

static int mkdir_parents(const char * path) {
    char tmp[512];
    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char * s = tmp + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST) return -1;
        *s = '/';
    }
    return 0;
}

// ---------------------------------------------------------------------------- save

// The shortest decimal that reads back as exactly x (cJSON's own printing may be off in the
// last bit), so the plan decided from a loaded profile is the one decided before saving.
static cJSON * exact_number(double x) {
    char buf[32];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof(buf), "%.*g", digits, x);
        if (strtod(buf, NULL) == x) break;
    }
    return isfinite(x) ? cJSON_CreateRaw(buf) : cJSON_CreateNull();
}

static cJSON * numbers_json(const double * x, size_t n) {
    cJSON * a = cJSON_CreateArray();
    for (size_t i = 0; a && i < n; i++) cJSON_AddItemToArray(a, exact_number(x[i]));
    return a;
}

static cJSON * entry_json(const struct tern_tune_entry * e) {
    cJSON * o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "shape", e->shape.name);
    cJSON_AddNumberToObject(o, "k", (double) e->shape.k);
    cJSON_AddNumberToObject(o, "n", (double) e->shape.n);
    cJSON_AddNumberToObject(o, "per_layer", e->shape.per_layer);
    cJSON_AddNumberToObject(o, "tokens", (double) e->tokens);
    cJSON_AddNumberToObject(o, "threads", e->threads);
    cJSON * cands = cJSON_AddArrayToObject(o, "candidates");
    for (size_t i = 0; i < e->n_cand; i++) {
        const struct tern_tune_candidate * c = &e->cand[i];
        cJSON * co = cJSON_CreateObject();
        cJSON_AddStringToObject(co, "variant", c->name);
        cJSON_AddItemToObject(co, "estimate_us", exact_number(c->estimate_us));
        cJSON_AddItemToObject(co, "final_us", numbers_json(c->final_us, (size_t) c->n_final));
        cJSON_AddItemToArray(cands, co);
    }
    return o;
}

static cJSON * validation_json(const struct tern_tune_validation * v) {
    cJSON * o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "threads", v->threads);
    cJSON_AddNumberToObject(o, "layers", v->layers);
    cJSON_AddNumberToObject(o, "pp_tokens", (double) v->pp_tokens);
    cJSON_AddNumberToObject(o, "samples", v->samples);
    cJSON_AddNumberToObject(o, "tuned_tg_us", v->tuned_tg_us);
    cJSON_AddNumberToObject(o, "tuned_pp_us", v->tuned_pp_us);
    cJSON_AddNumberToObject(o, "heuristic_tg_us", v->heuristic_tg_us);
    cJSON_AddNumberToObject(o, "heuristic_pp_us", v->heuristic_pp_us);
    if (isfinite(v->p)) cJSON_AddNumberToObject(o, "p", v->p);
    cJSON_AddStringToObject(o, "verdict", v->verdict);
    return o;
}

static cJSON * stream_json(const struct tern_tune_stream * st) {
    cJSON * o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "threads", st->threads);
    cJSON_AddNumberToObject(o, "k", (double) st->k);
    cJSON_AddNumberToObject(o, "rows", (double) st->rows);
    cJSON * dist = cJSON_AddArrayToObject(o, "prefetch_bytes");
    cJSON * us = cJSON_AddArrayToObject(o, "us");
    for (int d = 0; d < st->n_dist; d++) {
        cJSON_AddItemToArray(dist, cJSON_CreateNumber((double) st->dist[d]));
        cJSON_AddItemToArray(us, numbers_json(st->us[d], (size_t) st->n_samples));
    }
    return o;
}

static char * profile_text(const struct tern_profile * p) {
    cJSON * root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", PROFILE_FORMAT);
    cJSON * cpu = cJSON_AddObjectToObject(root, "cpu");
    cJSON_AddStringToObject(cpu, "brand", p->brand);
    cJSON_AddStringToObject(cpu, "signature", p->signature);
    cJSON_AddNumberToObject(cpu, "features", p->features);
    cJSON_AddNumberToObject(cpu, "cores", p->cores);
    cJSON_AddNumberToObject(cpu, "pus", p->pus);
    cJSON_AddNumberToObject(cpu, "l1d", (double) p->l1d);
    cJSON_AddNumberToObject(cpu, "l2", (double) p->l2);
    cJSON_AddNumberToObject(cpu, "l3", (double) p->l3);
    cJSON_AddStringToObject(root, "registry", p->registry);
    cJSON_AddStringToObject(root, "preset", p->preset);
    cJSON_AddNumberToObject(root, "budget_s", p->budget_s);
    cJSON_AddNumberToObject(root, "elapsed_s", p->elapsed_s);
    cJSON * threads = cJSON_AddArrayToObject(root, "threads");
    cJSON * bw = cJSON_AddArrayToObject(root, "read_bw_GBps");
    for (int t = 0; t < p->n_threads; t++) {
        cJSON_AddItemToArray(threads, cJSON_CreateNumber(p->threads[t]));
        cJSON_AddItemToArray(bw, cJSON_CreateNumber(p->read_bw[t] / 1e9));
    }
    cJSON * rejected = cJSON_AddArrayToObject(root, "rejected");
    for (size_t i = 0; i < p->n_rejected; i++) cJSON_AddItemToArray(rejected, cJSON_CreateString(p->rejected[i]));
    cJSON * entries = cJSON_AddArrayToObject(root, "entries");
    for (size_t i = 0; i < p->n_entries; i++) cJSON_AddItemToArray(entries, entry_json(&p->entries[i]));
    cJSON * validation = cJSON_AddArrayToObject(root, "validation");
    for (int i = 0; i < p->n_validation; i++) cJSON_AddItemToArray(validation, validation_json(&p->validation[i]));
    cJSON * streams = cJSON_AddArrayToObject(root, "streams");
    for (int i = 0; i < p->n_streams; i++) cJSON_AddItemToArray(streams, stream_json(&p->streams[i]));
    char * text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

// A temporary file in path's directory, renamed over path once complete: a reader sees the
// old profile or the new one, never part of one; of two writers, the last rename wins whole.
static int write_atomically(const char * path, const char * text, tern_profile_write_hook * hook, void * user,
                            char * err, size_t err_size) {
    char tmp[600];
    if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int) sizeof(tmp)) {
        snprintf(err, err_size, "cannot write profile %s: path too long", path);
        return -1;
    }
    const int fd = mkdir_parents(path) == 0 ? mkstemp(tmp) : -1;
    if (fd < 0) {
        snprintf(err, err_size, "cannot write profile %s: %s", path, strerror(errno));
        return -1;
    }
    const size_t total = strlen(text), chunk = 16384;
    bool ok = fchmod(fd, 0644) == 0;
    for (size_t done = 0; ok && done < total;) {
        const size_t want = total - done < chunk ? total - done : chunk;
        const ssize_t wrote = write(fd, text + done, want);
        if (wrote < 0 && errno == EINTR) continue;
        ok = wrote > 0;
        done += ok ? (size_t) wrote : 0;
        if (ok && hook) hook(user, done, total);
    }
    ok = ok && fsync(fd) == 0;
    const int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, err_size, "cannot write profile %s: %s", path, strerror(ok ? errno : saved));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int tern_profile_save_hooked(const struct tern_profile * p, const char * path, tern_profile_write_hook * hook,
                             void * user, char * err, size_t err_size) {
    char * text = profile_text(p);
    if (!text) {
        snprintf(err, err_size, "out of memory writing the profile");
        return -1;
    }
    const int rc = write_atomically(path, text, hook, user, err, err_size);
    free(text);
    return rc;
}

int tern_profile_save(const struct tern_profile * p, const char * path, char * err, size_t err_size) {
    return tern_profile_save_hooked(p, path, NULL, NULL, err, err_size);
}

// ---------------------------------------------------------------------------- load

// Field readers that record the first problem in *bad.
static double num(const cJSON * o, const char * key, const char ** bad) {
    const cJSON * v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        if (!*bad) *bad = key;
        return 0;
    }
    return v->valuedouble;
}

// Printable ASCII only, so every message quoting a profile's string stays on one line.
static bool printable(const cJSON * v) {
    if (!cJSON_IsString(v)) return false;
    for (const char * s = v->valuestring; *s; s++) {
        if (*s < 0x20 || *s >= 0x7f) return false;
    }
    return true;
}

static const char * str(const cJSON * o, const char * key, const char ** bad) {
    const cJSON * v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!printable(v)) {
        if (!*bad) *bad = key;
        return "";
    }
    return v->valuestring;
}

static size_t count_num(const cJSON * o, const char * key, const char ** bad) {
    const double v = num(o, key, bad);
    if (v < 0 || v > 1e12 || v != floor(v)) {
        if (!*bad) *bad = key;
        return 0;
    }
    return (size_t) v;
}

// A count that fits an int (a thread count of 2^32 + 1 must not wrap to 1 and pass).
static int int_num(const cJSON * o, const char * key, const char ** bad) {
    const size_t v = count_num(o, key, bad);
    if (v > INT_MAX) {
        if (!*bad) *bad = key;
        return 0;
    }
    return (int) v;
}

static const cJSON * array(const cJSON * o, const char * key, int max, const char ** bad) {
    const cJSON * a = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) > max) {
        if (!*bad) *bad = key;
        return NULL;
    }
    return a;
}

static void read_candidate(const cJSON * co, struct tern_tune_candidate * c, const char ** bad) {
    snprintf(c->name, sizeof(c->name), "%s", str(co, "variant", bad));
    c->estimate_us = num(co, "estimate_us", bad);
    const cJSON * fin = array(co, "final_us", TERN_TUNE_MAX_FINAL, bad);
    if (c->estimate_us < 0 && !*bad) *bad = "estimate_us";
    for (int i = 0; fin && !*bad && i < cJSON_GetArraySize(fin); i++) {
        const cJSON * x = cJSON_GetArrayItem(fin, i);
        if (!cJSON_IsNumber(x) || !(x->valuedouble > 0) || !isfinite(x->valuedouble)) *bad = "final_us";
        c->final_us[i] = x->valuedouble;
        c->n_final = i + 1;
    }
    c->v = tern_registry_find(c->name);
}

static void read_entry(const cJSON * o, struct tern_tune_entry * e, const char ** bad) {
    if (!cJSON_IsObject(o)) {
        *bad = "entries";
        return;
    }
    snprintf(e->shape.name, sizeof(e->shape.name), "%s", str(o, "shape", bad));
    e->shape.k = count_num(o, "k", bad);
    e->shape.n = count_num(o, "n", bad);
    e->shape.per_layer = int_num(o, "per_layer", bad);
    e->tokens = count_num(o, "tokens", bad);
    e->threads = int_num(o, "threads", bad);
    if (!*bad && (e->shape.k == 0 || e->shape.n == 0 || e->tokens == 0 || e->threads < 1 || e->threads > 256)) {
        *bad = "entry shape";
    }
    const cJSON * cands = array(o, "candidates", 1 << 16, bad);
    if (*bad) return;
    e->n_cand = (size_t) cJSON_GetArraySize(cands);
    e->cand = calloc(e->n_cand ? e->n_cand : 1, sizeof(*e->cand));
    if (!e->cand) {
        *bad = "candidates (out of memory)";
        return;
    }
    for (size_t c = 0; !*bad && c < e->n_cand; c++) {
        const cJSON * co = cJSON_GetArrayItem(cands, (int) c);
        if (!cJSON_IsObject(co)) *bad = "candidates";
        read_candidate(co, &e->cand[c], bad);
    }
}

static void read_validation(const cJSON * o, struct tern_tune_validation * v, const char ** bad) {
    if (!cJSON_IsObject(o)) {
        *bad = "validation";
        return;
    }
    v->threads = int_num(o, "threads", bad);
    v->layers = int_num(o, "layers", bad);
    v->pp_tokens = count_num(o, "pp_tokens", bad);
    v->samples = int_num(o, "samples", bad);
    v->tuned_tg_us = num(o, "tuned_tg_us", bad);
    v->tuned_pp_us = num(o, "tuned_pp_us", bad);
    v->heuristic_tg_us = num(o, "heuristic_tg_us", bad);
    v->heuristic_pp_us = num(o, "heuristic_pp_us", bad);
    const char * none = NULL;
    v->p = num(o, "p", &none);
    if (none) v->p = NAN;
    const char * verdict = str(o, "verdict", bad);
    if (!*bad && strcmp(verdict, "tuned") != 0 && strcmp(verdict, "heuristic") != 0 && strcmp(verdict, "same") != 0) {
        *bad = "verdict";
    }
    snprintf(v->verdict, sizeof(v->verdict), "%s", verdict);
    if (!*bad && (v->threads < 1 || v->threads > 256)) *bad = "validation threads";
}

// Every distance has one sample per round: as many as the others.
static void read_stream(const cJSON * o, struct tern_tune_stream * st, const char ** bad) {
    if (!cJSON_IsObject(o)) {
        *bad = "streams";
        return;
    }
    st->threads = int_num(o, "threads", bad);
    st->k = count_num(o, "k", bad);
    st->rows = count_num(o, "rows", bad);
    const cJSON * dist = array(o, "prefetch_bytes", TERN_STREAM_MAX_DISTANCES, bad);
    const cJSON * us = array(o, "us", TERN_STREAM_MAX_DISTANCES, bad);
    if (!*bad && (st->threads < 1 || st->threads > 256 || st->k == 0 || st->rows == 0)) *bad = "stream shape";
    if (!*bad && cJSON_GetArraySize(dist) != cJSON_GetArraySize(us)) *bad = "us";
    for (int d = 0; !*bad && d < cJSON_GetArraySize(dist); d++) {
        const cJSON * x = cJSON_GetArrayItem(dist, d), * u = cJSON_GetArrayItem(us, d);
        if (!cJSON_IsNumber(x) || !(x->valuedouble >= 0 && x->valuedouble <= 1 << 20) || x->valuedouble != floor(x->valuedouble)) {
            *bad = "prefetch_bytes";
            break;
        }
        if (!cJSON_IsArray(u) || cJSON_GetArraySize(u) > TERN_TUNE_MAX_FINAL || (d > 0 && cJSON_GetArraySize(u) != st->n_samples)) {
            *bad = "us";
            break;
        }
        st->dist[d] = (size_t) x->valuedouble;
        st->n_samples = cJSON_GetArraySize(u);
        for (int i = 0; !*bad && i < st->n_samples; i++) {
            const cJSON * v = cJSON_GetArrayItem(u, i);
            if (!cJSON_IsNumber(v) || !(v->valuedouble > 0) || !isfinite(v->valuedouble)) *bad = "us";
            else st->us[d][i] = v->valuedouble;
        }
        st->n_dist = d + 1;
    }
}

static void read_machine(const cJSON * root, struct tern_profile * p, const char ** bad) {
    const cJSON * cpu = cJSON_GetObjectItemCaseSensitive(root, "cpu");
    if (!cJSON_IsObject(cpu) && !*bad) *bad = "cpu";
    snprintf(p->brand, sizeof(p->brand), "%s", str(cpu, "brand", bad));
    snprintf(p->signature, sizeof(p->signature), "%s", str(cpu, "signature", bad));
    p->features = (uint32_t) count_num(cpu, "features", bad);
    p->cores = int_num(cpu, "cores", bad);
    p->pus = int_num(cpu, "pus", bad);
    p->l1d = count_num(cpu, "l1d", bad);
    p->l2 = count_num(cpu, "l2", bad);
    p->l3 = count_num(cpu, "l3", bad);
    snprintf(p->registry, sizeof(p->registry), "%s", str(root, "registry", bad));
    snprintf(p->preset, sizeof(p->preset), "%s", str(root, "preset", bad));
    p->budget_s = num(root, "budget_s", bad);
    p->elapsed_s = num(root, "elapsed_s", bad);
    const cJSON * threads = array(root, "threads", TERN_TUNE_MAX_THREADS, bad);
    const cJSON * bw = array(root, "read_bw_GBps", TERN_TUNE_MAX_THREADS, bad);
    if (!*bad && cJSON_GetArraySize(threads) != cJSON_GetArraySize(bw)) *bad = "threads";
    for (int t = 0; !*bad && t < cJSON_GetArraySize(threads); t++) {
        const cJSON * a = cJSON_GetArrayItem(threads, t), * b = cJSON_GetArrayItem(bw, t);
        if (!cJSON_IsNumber(a) || a->valuedouble < 1 || a->valuedouble > 256) {
            *bad = "threads";
            break;
        }
        // A bandwidth is a positive finite number that stays finite in bytes/s (9E2513 parses
        // as infinity, which the writer could not write back).
        if (!cJSON_IsNumber(b) || !(b->valuedouble >= 0 && b->valuedouble <= 1e6)) {
            *bad = "read_bw_GBps";
            break;
        }
        p->threads[t] = (int) a->valuedouble;
        p->read_bw[t] = b->valuedouble * 1e9;
        p->n_threads = t + 1;
    }
}

static void read_profile(const cJSON * root, struct tern_profile * p, const char ** bad) {
    read_machine(root, p, bad);
    const cJSON * rejected = array(root, "rejected", 1 << 16, bad);
    const cJSON * entries = array(root, "entries", 1 << 20, bad);
    const cJSON * validation = array(root, "validation", TERN_TUNE_MAX_THREADS, bad);
    const cJSON * streams = array(root, "streams", TERN_TUNE_MAX_THREADS, bad);
    if (*bad) return;
    p->n_rejected = (size_t) cJSON_GetArraySize(rejected);
    p->rejected = calloc(p->n_rejected ? p->n_rejected : 1, sizeof(*p->rejected));
    p->n_entries = (size_t) cJSON_GetArraySize(entries);
    p->entries = calloc(p->n_entries ? p->n_entries : 1, sizeof(*p->entries));
    if (!p->rejected || !p->entries) {
        p->n_entries = 0;
        *bad = "entries (out of memory)";
        return;
    }
    for (size_t i = 0; !*bad && i < p->n_rejected; i++) {
        const cJSON * s = cJSON_GetArrayItem(rejected, (int) i);
        if (!printable(s)) *bad = "rejected";
        snprintf(p->rejected[i], sizeof(p->rejected[i]), "%s", *bad ? "" : s->valuestring);
    }
    for (size_t i = 0; !*bad && i < p->n_entries; i++) read_entry(cJSON_GetArrayItem(entries, (int) i), &p->entries[i], bad);
    for (int i = 0; !*bad && i < cJSON_GetArraySize(validation); i++) {
        read_validation(cJSON_GetArrayItem(validation, i), &p->validation[i], bad);
        p->n_validation = i + 1;
    }
    for (int i = 0; !*bad && i < cJSON_GetArraySize(streams); i++) {
        read_stream(cJSON_GetArrayItem(streams, i), &p->streams[i], bad);
        p->n_streams = i + 1;
    }
}

// A string from the file, made fit for a one-line message: a newline in a variant name broke
// the one-line promise (found by tests/fuzz/fuzz_profile.c).
static const char * shown(const char * s, char * buf, size_t size) {
    return tern_gguf_printable((struct tern_gguf_str) { s, strlen(s) }, buf, size);
}

// Why a valid profile does not fit this build and CPU (written to err), or false if it fits.
static bool stale_reason(const struct tern_profile * p, const char * path, const struct tern_cpu * cpu, char * err,
                         size_t err_size) {
    char buf[80];
    if (strcmp(p->registry, tern_registry_hash()) != 0) {
        snprintf(err, err_size, "profile %s was made for other kernels (registry %s, this build %s); " STALE_HINT,
                 path, shown(p->registry, buf, sizeof(buf)), tern_registry_hash());
        return true;
    }
    if (cpu && (strcmp(p->brand, cpu->brand) != 0 || p->features != cpu->usable)) {
        snprintf(err, err_size, "profile %s was made on another CPU (%s, features %#x); " STALE_HINT,
                 path, shown(p->brand, buf, sizeof(buf)), p->features);
        return true;
    }
    for (size_t i = 0; i < p->n_entries; i++) {
        for (size_t c = 0; c < p->entries[i].n_cand; c++) {
            if (!p->entries[i].cand[c].v) {
                snprintf(err, err_size, "profile %s names unknown variant %s; " STALE_HINT,
                         path, shown(p->entries[i].cand[c].name, buf, sizeof(buf)));
                return true;
            }
        }
    }
    return false;
}

struct tern_profile * tern_profile_load(const char * path, const struct tern_cpu * cpu, bool * stale,
                                        char * err, size_t err_size) {
    *stale = false;
    char * text = tern_read_file(path, "profile", (size_t) 256 << 20, NULL, err, err_size);
    if (!text) return NULL;
    cJSON * root = cJSON_Parse(text);
    free(text);
    if (!root) {
        snprintf(err, err_size, "profile %s is corrupt (not valid JSON); " REMAKE_HINT, path);
        return NULL;
    }
    const cJSON * format = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (cJSON_IsString(format) && strncmp(format->valuestring, "tern-profile-", 13) == 0 &&
        strcmp(format->valuestring, PROFILE_FORMAT) != 0) {
        cJSON_Delete(root);
        snprintf(err, err_size, "profile %s is in another format than this build reads (%s); " STALE_HINT,
                 path, PROFILE_FORMAT);
        *stale = true;
        return NULL;
    }
    const char * bad = NULL;
    struct tern_profile * p = calloc(1, sizeof(*p));
    if (!p) {
        cJSON_Delete(root);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    snprintf(p->path, sizeof(p->path), "%s", path);
    if (strcmp(str(root, "format", &bad), PROFILE_FORMAT) != 0 && !bad) bad = "format";
    read_profile(root, p, &bad);
    cJSON_Delete(root);
    if (bad) {
        snprintf(err, err_size, "profile %s is corrupt (bad or missing field '%s'); " REMAKE_HINT, path, bad);
        tern_profile_free(p);
        return NULL;
    }
    *stale = stale_reason(p, path, cpu, err, err_size);
    if (*stale) {
        tern_profile_free(p);
        return NULL;
    }
    return p;
}
