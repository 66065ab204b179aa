// Tuning profiles as JSON (cJSON): save, load with validation, and the lookup the engine
// uses. A profile names the CPU (brand + usable feature bits) and the registry hash of the
// kernels it measured; either differing makes it stale (ignored with a notice).

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/tune.h"

#define PROFILE_FORMAT "tern-profile-1"

void tern_cpu_signature(const struct tern_cpu * cpu, char * buf, size_t size) {
    char brand[64];
    size_t j = 0;
    for (size_t i = 0; cpu->brand[i] && j + 1 < sizeof(brand); i++) {
        const char ch = cpu->brand[i];
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (ok) {
            brand[j++] = ch;
        } else if (j > 0 && brand[j - 1] != '-') {
            brand[j++] = '-';
        }
    }
    while (j > 0 && brand[j - 1] == '-') j--;
    brand[j] = '\0';
    snprintf(buf, size, "%s-%08x", j ? brand : "cpu", cpu->usable);
}

int tern_profile_default_path(char * buf, size_t size) {
    const char * xdg = getenv("XDG_CACHE_HOME"), * home = getenv("HOME");
    char sig[160];
    tern_cpu_signature(tern_cpu_get(), sig, sizeof(sig));
    int n;
    if (xdg && xdg[0]) {
        n = snprintf(buf, size, "%s/tern/profiles/%s.json", xdg, sig);
    } else if (home && home[0]) {
        n = snprintf(buf, size, "%s/.cache/tern/profiles/%s.json", home, sig);
    } else {
        return -1;
    }
    return n > 0 && (size_t) n < size ? 0 : -1;
}

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

static cJSON * candidate_json(const struct tern_tune_candidate * c) {
    cJSON * o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "variant", c->name);
    cJSON_AddNumberToObject(o, "median_us", c->median_us);
    cJSON_AddNumberToObject(o, "spread_us", c->spread_us);
    cJSON_AddNumberToObject(o, "samples", c->samples);
    cJSON_AddNumberToObject(o, "rounds", c->rounds);
    cJSON_AddStringToObject(o, "status", c->status);
    return o;
}

int tern_profile_save(const struct tern_profile * p, const char * path, char * err, size_t err_size) {
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
    cJSON * entries = cJSON_AddArrayToObject(root, "entries");
    for (size_t i = 0; i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        cJSON * o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "shape", e->shape.name);
        cJSON_AddNumberToObject(o, "k", (double) e->shape.k);
        cJSON_AddNumberToObject(o, "n", (double) e->shape.n);
        cJSON_AddNumberToObject(o, "per_layer", e->shape.per_layer);
        cJSON_AddNumberToObject(o, "tokens", (double) e->tokens);
        cJSON_AddNumberToObject(o, "threads", e->threads);
        cJSON_AddStringToObject(o, "winner", e->winner);
        cJSON_AddNumberToObject(o, "winner_us", e->winner_us);
        cJSON_AddNumberToObject(o, "weight_bytes", e->weight_bytes);
        if (isfinite(e->scalar_us)) cJSON_AddNumberToObject(o, "scalar_us", e->scalar_us);
        if (isfinite(e->best_i2s_us)) cJSON_AddNumberToObject(o, "best_i2s_us", e->best_i2s_us);
        cJSON * cands = cJSON_AddArrayToObject(o, "candidates");
        for (size_t c = 0; c < e->n_cand; c++) cJSON_AddItemToArray(cands, candidate_json(&e->cand[c]));
        cJSON_AddItemToArray(entries, o);
    }
    char * text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        snprintf(err, err_size, "out of memory writing the profile");
        return -1;
    }
    FILE * f = NULL;
    if (mkdir_parents(path) != 0 || !(f = fopen(path, "w"))) {
        snprintf(err, err_size, "cannot write profile %s: %s", path, strerror(errno));
        free(text);
        return -1;
    }
    const bool ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    free(text);
    if (fclose(f) != 0 || !ok) {
        snprintf(err, err_size, "cannot write profile %s", path);
        return -1;
    }
    return 0;
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

static const char * str(const cJSON * o, const char * key, const char ** bad) {
    const cJSON * v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v)) {
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

// A string from the file, made fit for a one-line message: a newline in a variant name broke
// the one-line promise (found by tests/fuzz/fuzz_profile.c).
static const char * shown(const char * s, char * buf, size_t size) {
    return tern_gguf_printable((struct tern_gguf_str) { s, strlen(s) }, buf, size);
}

struct tern_profile * tern_profile_load(const char * path, const struct tern_cpu * cpu, bool * stale,
                                        char * err, size_t err_size) {
    *stale = false;
    char * text = tern_read_file(path, "profile", (size_t) 256 << 20, NULL, err, err_size);
    if (!text) return NULL;
    cJSON * root = cJSON_Parse(text);
    free(text);
    if (!root) {
        snprintf(err, err_size, "profile %s is corrupt: not valid JSON", path);
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
    const cJSON * jcpu = cJSON_GetObjectItemCaseSensitive(root, "cpu");
    if (!cJSON_IsObject(jcpu) && !bad) bad = "cpu";
    snprintf(p->brand, sizeof(p->brand), "%s", str(jcpu, "brand", &bad));
    snprintf(p->signature, sizeof(p->signature), "%s", str(jcpu, "signature", &bad));
    p->features = (uint32_t) count_num(jcpu, "features", &bad);
    p->cores = (int) count_num(jcpu, "cores", &bad);
    p->pus = (int) count_num(jcpu, "pus", &bad);
    p->l1d = count_num(jcpu, "l1d", &bad);
    p->l2 = count_num(jcpu, "l2", &bad);
    p->l3 = count_num(jcpu, "l3", &bad);
    snprintf(p->registry, sizeof(p->registry), "%s", str(root, "registry", &bad));
    snprintf(p->preset, sizeof(p->preset), "%s", str(root, "preset", &bad));
    p->budget_s = num(root, "budget_s", &bad);
    p->elapsed_s = num(root, "elapsed_s", &bad);
    const cJSON * threads = cJSON_GetObjectItemCaseSensitive(root, "threads");
    const cJSON * bw = cJSON_GetObjectItemCaseSensitive(root, "read_bw_GBps");
    if ((!cJSON_IsArray(threads) || !cJSON_IsArray(bw) || cJSON_GetArraySize(threads) != cJSON_GetArraySize(bw) ||
         cJSON_GetArraySize(threads) > 16) && !bad) {
        bad = "threads";
    }
    for (int t = 0; !bad && t < cJSON_GetArraySize(threads); t++) {
        const cJSON * a = cJSON_GetArrayItem(threads, t), * b = cJSON_GetArrayItem(bw, t);
        if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b) || a->valuedouble < 1 || a->valuedouble > 256) {
            bad = "threads";
            break;
        }
        p->threads[t] = (int) a->valuedouble;
        p->read_bw[t] = b->valuedouble * 1e9;
        p->n_threads = t + 1;
    }
    const cJSON * entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
    if (!cJSON_IsArray(entries) && !bad) bad = "entries";
    p->n_entries = bad ? 0 : (size_t) cJSON_GetArraySize(entries);
    p->entries = calloc(p->n_entries ? p->n_entries : 1, sizeof(*p->entries));
    if (!p->entries && !bad) bad = "entries (out of memory)";
    for (size_t i = 0; !bad && i < p->n_entries; i++) {
        const cJSON * o = cJSON_GetArrayItem(entries, (int) i);
        struct tern_tune_entry * e = &p->entries[i];
        if (!cJSON_IsObject(o)) {
            bad = "entries";
            break;
        }
        snprintf(e->shape.name, sizeof(e->shape.name), "%s", str(o, "shape", &bad));
        e->shape.k = count_num(o, "k", &bad);
        e->shape.n = count_num(o, "n", &bad);
        e->shape.per_layer = (int) count_num(o, "per_layer", &bad);
        e->tokens = count_num(o, "tokens", &bad);
        e->threads = (int) count_num(o, "threads", &bad);
        snprintf(e->winner, sizeof(e->winner), "%s", str(o, "winner", &bad));
        e->winner_us = num(o, "winner_us", &bad);
        e->weight_bytes = num(o, "weight_bytes", &bad);
        const char * none = NULL;
        e->scalar_us = num(o, "scalar_us", &none);
        if (none) e->scalar_us = NAN;
        none = NULL;
        e->best_i2s_us = num(o, "best_i2s_us", &none);
        if (none) e->best_i2s_us = NAN;
        e->v = tern_registry_find(e->winner);
        const cJSON * cands = cJSON_GetObjectItemCaseSensitive(o, "candidates");
        if (!cJSON_IsArray(cands)) {
            bad = "candidates";
            break;
        }
        e->n_cand = (size_t) cJSON_GetArraySize(cands);
        e->cand = calloc(e->n_cand ? e->n_cand : 1, sizeof(*e->cand));
        if (!e->cand) {
            bad = "candidates (out of memory)";
            break;
        }
        for (size_t c = 0; !bad && c < e->n_cand; c++) {
            const cJSON * co = cJSON_GetArrayItem(cands, (int) c);
            struct tern_tune_candidate * cd = &e->cand[c];
            snprintf(cd->name, sizeof(cd->name), "%s", str(co, "variant", &bad));
            cd->median_us = num(co, "median_us", &bad);
            cd->spread_us = num(co, "spread_us", &bad);
            cd->samples = (int) count_num(co, "samples", &bad);
            cd->rounds = (int) count_num(co, "rounds", &bad);
            snprintf(cd->status, sizeof(cd->status), "%s", str(co, "status", &bad));
            cd->v = tern_registry_find(cd->name);
        }
        if (!bad && (e->shape.k == 0 || e->shape.n == 0 || e->tokens == 0 || e->threads < 1)) bad = "entry shape";
    }
    cJSON_Delete(root);
    if (bad) {
        snprintf(err, err_size, "profile %s is corrupt: bad or missing field '%s'", path, bad);
        tern_profile_free(p);
        return NULL;
    }
    char buf[80];
    if (strcmp(p->registry, tern_registry_hash()) != 0) {
        snprintf(err, err_size, "profile %s was made for other kernels (registry %s, this build %s); ignoring it",
                 path, shown(p->registry, buf, sizeof(buf)), tern_registry_hash());
        *stale = true;
    } else if (cpu && (strcmp(p->brand, cpu->brand) != 0 || p->features != cpu->usable)) {
        snprintf(err, err_size, "profile %s was made on another CPU (%s, features %#x); ignoring it", path,
                 shown(p->brand, buf, sizeof(buf)), p->features);
        *stale = true;
    } else {
        for (size_t i = 0; i < p->n_entries; i++) {
            if (!p->entries[i].v) {
                snprintf(err, err_size, "profile %s names unknown variant %s; ignoring it", path,
                         shown(p->entries[i].winner, buf, sizeof(buf)));
                *stale = true;
                break;
            }
        }
    }
    if (*stale) {
        tern_profile_free(p);
        return NULL;
    }
    return p;
}

// ---------------------------------------------------------------------------- lookup

const struct tern_tune_entry * tern_profile_entry(const struct tern_profile * p, size_t k, size_t n, size_t tokens,
                                                 int threads) {
    const struct tern_tune_entry * best = NULL;
    double best_cost = INFINITY;
    for (size_t i = 0; p && i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        if (e->shape.k != k || e->shape.n != n || !e->v) continue;
        if ((tokens == 1) != (e->tokens == 1)) continue;     // decode and prefill never stand in for each other
        const double cost = fabs(log((double) e->tokens / (double) tokens)) +
                            0.5 * fabs(log((double) e->threads / (double) threads));
        if (cost < best_cost) {
            best_cost = cost;
            best = e;
        }
    }
    return best;
}

const struct tern_variant * tern_profile_choose(const struct tern_profile * p, size_t k, size_t n, size_t tokens,
                                                int threads) {
    const struct tern_tune_entry * e = tern_profile_entry(p, k, n, tokens, threads);
    return e ? e->v : NULL;
}
