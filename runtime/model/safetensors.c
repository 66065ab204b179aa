// safetensors reader (see tern/safetensors.h). The header is JSON (cJSON); every number in
// it is checked to be an integer in range before it sizes or places anything, and every
// tensor is checked against the file it claims to live in before its pointer is made.

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json-in.h"
#include "tern/err.h"
#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/alloc.h"
#include "tern/safetensors.h"

// The format's dtypes (huggingface/safetensors Dtype), bits per element.
static const struct {
    const char * name;
    uint32_t bits;
} dtypes[TERN_ST_DTYPE_COUNT] = {
    [TERN_ST_BOOL] = { "BOOL", 8 },       [TERN_ST_U8] = { "U8", 8 },         [TERN_ST_I8] = { "I8", 8 },
    [TERN_ST_F8_E5M2] = { "F8_E5M2", 8 }, [TERN_ST_F8_E4M3] = { "F8_E4M3", 8 }, [TERN_ST_F8_E8M0] = { "F8_E8M0", 8 },
    [TERN_ST_I16] = { "I16", 16 },        [TERN_ST_U16] = { "U16", 16 },      [TERN_ST_F16] = { "F16", 16 },
    [TERN_ST_BF16] = { "BF16", 16 },      [TERN_ST_I32] = { "I32", 32 },      [TERN_ST_U32] = { "U32", 32 },
    [TERN_ST_F32] = { "F32", 32 },        [TERN_ST_C64] = { "C64", 64 },      [TERN_ST_F64] = { "F64", 64 },
    [TERN_ST_I64] = { "I64", 64 },        [TERN_ST_U64] = { "U64", 64 },      [TERN_ST_F4] = { "F4", 4 },
    [TERN_ST_F6_E2M3] = { "F6_E2M3", 6 }, [TERN_ST_F6_E3M2] = { "F6_E3M2", 6 },
};

const char * tern_st_dtype_name(uint32_t dtype) {
    return dtype < TERN_ST_DTYPE_COUNT ? dtypes[dtype].name : NULL;
}

uint32_t tern_st_dtype_bits(uint32_t dtype) {
    return dtype < TERN_ST_DTYPE_COUNT ? dtypes[dtype].bits : 0;
}

bool tern_st_dtype_from_name(const char * name, uint32_t * dtype) {
    for (uint32_t i = 0; i < TERN_ST_DTYPE_COUNT; i++) {
        if (strcmp(dtypes[i].name, name) == 0) {
            *dtype = i;
            return true;
        }
    }
    return false;
}

const struct tern_st_tensor * tern_st_find(const struct tern_st * st, const char * name) {
    size_t lo = 0, hi = st->n_tensors;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const struct tern_st_tensor * t = &st->tensors[st->by_name[mid]];
        const int c = strcmp(t->name, name);
        if (c == 0) return t;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

void tern_st_drop(const struct tern_st * st, const struct tern_st_tensor * t) {
    if (t->shard >= st->n_shards || !st->shards[t->shard].mapped) return;
    tern_drop_pages(t->data, (size_t) t->nbytes);
}

void tern_st_close(struct tern_st * st) {
    for (size_t i = 0; st->shards && i < st->n_shards; i++) {
        if (st->shards[i].mapped) munmap((void *) st->shards[i].base, st->shards[i].size);
        free(st->shards[i].path);
    }
    free(st->shards);
    free(st->tensors);
    free(st->by_name);
    free(st->names);
    memset(st, 0, sizeof(*st));
}

void tern_st_index_free(struct tern_st_index * idx) {
    for (size_t i = 0; idx->tensor && i < idx->n; i++) {
        free(idx->tensor[i]);
        free(idx->file[i]);
    }
    free(idx->tensor);
    free(idx->file);
    memset(idx, 0, sizeof(*idx));
}


// A name from a file, fit for a one-line message (at most 64 bytes, control characters '?').
static const char * printable(const char * s, char * buf, size_t size) {
    const struct tern_gguf_str str = { .ptr = s, .len = strlen(s) };
    return tern_gguf_printable(str, buf, size);
}

// Tensors gathered while parsing, each with its name as an offset into one growing arena
// (whose address moves while it grows); pointers are made once everything is read.
struct entry {
    struct tern_st_tensor t;
    size_t name_at;
};

struct gather {
    struct entry * e;
    size_t n, cap;
    char * names;
    size_t names_len, names_cap;
};

static int gather_add(struct gather * g, const char * name, const struct tern_st_tensor * t) {
    const size_t len = strlen(name) + 1;
    if (g->n == g->cap) {
        const size_t cap = g->cap ? 2 * g->cap : 64;
        struct entry * ne = realloc(g->e, cap * sizeof(*ne));
        if (!ne) return -1;
        g->e = ne;
        g->cap = cap;
    }
    if (g->names_len + len > g->names_cap) {
        size_t cap = g->names_cap ? g->names_cap : 4096;
        while (cap < g->names_len + len) cap *= 2;
        char * nn = realloc(g->names, cap);
        if (!nn) return -1;
        g->names = nn;
        g->names_cap = cap;
    }
    memcpy(g->names + g->names_len, name, len);
    g->e[g->n++] = (struct entry) { .t = *t, .name_at = g->names_len };
    g->names_len += len;
    return 0;
}

static void gather_free(struct gather * g) {
    free(g->e);
    free(g->names);
    memset(g, 0, sizeof(*g));
}

// The only item named key in obj; NULL if absent. Twice is an error (*dup set): JSON
// readers differ on which one wins, so such a file means different things to different tools.
static const cJSON * unique_item(const cJSON * obj, const char * key, bool * dup) {
    const cJSON * found = NULL, * it;
    cJSON_ArrayForEach(it, obj) {
        if (it->string && strcmp(it->string, key) == 0) {
            if (found) *dup = true;
            found = it;
        }
    }
    return found;
}

// An integer JSON number in [0, max]; false otherwise (strings, fractions, huge values).
static bool json_uint(const cJSON * x, uint64_t max, uint64_t * out) {
    if (!cJSON_IsNumber(x)) return false;
    const double d = x->valuedouble;
    if (!(d >= 0) || d > (double) max || d != (double) (uint64_t) d) return false;
    *out = (uint64_t) d;
    return true;
}

#define MAX_OFFSET (UINT64_C(1) << 53)   // integers past 2^53 do not survive a JSON double

// One tensor description -> t (data pointer left for later). 0, or -1 with err.
static int parse_tensor(const cJSON * item, const char * name, size_t data_size, struct tern_st_tensor * t,
                        const char * what, char * err, size_t err_size) {
    char pname[65];
    printable(name, pname, sizeof(pname));
    if (!cJSON_IsObject(item)) return tern_errf(err, err_size, "%s: tensor '%s' is not a JSON object", what, pname);
    bool dup = false;
    const cJSON * dtype = unique_item(item, "dtype", &dup), * shape = unique_item(item, "shape", &dup),
                * offsets = unique_item(item, "data_offsets", &dup);
    if (dup) return tern_errf(err, err_size, "%s: tensor '%s' gives dtype, shape or data_offsets twice", what, pname);
    if (!cJSON_IsString(dtype)) return tern_errf(err, err_size, "%s: tensor '%s' has no dtype string", what, pname);
    if (!tern_st_dtype_from_name(dtype->valuestring, &t->dtype)) {
        char pd[65];
        return tern_errf(err, err_size, "%s: tensor '%s' has dtype '%s', which safetensors does not define", what, pname,
                    printable(dtype->valuestring, pd, sizeof(pd)));
    }
    if (!cJSON_IsArray(shape)) return tern_errf(err, err_size, "%s: tensor '%s' has no shape array", what, pname);
    const int n_dims = cJSON_GetArraySize(shape);
    if (n_dims > TERN_ST_MAX_DIMS) {
        return tern_errf(err, err_size, "%s: tensor '%s' has %d dimensions (tern reads up to %d)", what, pname, n_dims,
                    TERN_ST_MAX_DIMS);
    }
    t->n_dims = (uint32_t) n_dims;
    // Bound the element count so elements x bits cannot overflow (2^56 x 64 < 2^63).
    uint64_t n = 1;
    const cJSON * d;
    uint32_t i = 0;
    cJSON_ArrayForEach(d, shape) {
        uint64_t v;
        if (!json_uint(d, MAX_OFFSET, &v)) {
            return tern_errf(err, err_size, "%s: tensor '%s' shape[%u] is not a non-negative integer", what, pname, i);
        }
        if (v && n > (UINT64_C(1) << 56) / v) return tern_errf(err, err_size, "%s: tensor '%s' has an impossible shape", what, pname);
        n *= v;
        t->shape[i++] = v;
    }
    for (uint32_t j = 0; j < TERN_ST_MAX_DIMS; j++) {
        t->ne[j] = j < t->n_dims ? t->shape[t->n_dims - 1 - j] : 1;
        if (j >= t->n_dims) t->shape[j] = 1;
    }
    t->n_elements = n;
    const uint64_t bits = n * tern_st_dtype_bits(t->dtype);
    if (bits % 8) {
        return tern_errf(err, err_size, "%s: tensor '%s' holds %llu %s values, not a whole number of bytes", what, pname,
                    (unsigned long long) n, dtype->valuestring);
    }
    t->nbytes = bits / 8;
    uint64_t begin, end;
    if (!cJSON_IsArray(offsets) || cJSON_GetArraySize(offsets) != 2 ||
        !json_uint(cJSON_GetArrayItem(offsets, 0), MAX_OFFSET, &begin) ||
        !json_uint(cJSON_GetArrayItem(offsets, 1), MAX_OFFSET, &end) || end < begin) {
        return tern_errf(err, err_size, "%s: tensor '%s' data_offsets is not [begin, end] with integers 0 <= begin <= end",
                    what, pname);
    }
    if (end - begin != t->nbytes) {
        return tern_errf(err, err_size, "%s: tensor '%s' is %llu %s values = %llu bytes, but data_offsets span %llu", what,
                    pname, (unsigned long long) n, dtype->valuestring, (unsigned long long) t->nbytes,
                    (unsigned long long) (end - begin));
    }
    if (end > data_size) {
        return tern_errf(err, err_size, "%s: tensor '%s' needs bytes %llu..%llu of a %zu-byte data section (truncated file?)",
                    what, pname, (unsigned long long) begin, (unsigned long long) end, data_size);
    }
    t->offset = begin;
    return 0;
}

static int cmp_offset(const void * a, const void * b) {
    const struct tern_st_tensor * x = &((const struct entry *) a)->t, * y = &((const struct entry *) b)->t;
    if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
    return x->nbytes < y->nbytes ? -1 : x->nbytes > y->nbytes;
}

// Parses the header of shard sh (number s) and appends its tensors to g, in offset order.
// 0, or -1 with err.
static int parse_shard(struct tern_st_shard * sh, uint32_t s, struct gather * g, char * err, size_t err_size) {
    const char * what = sh->path[0] ? sh->path : "safetensors";
    uint64_t n;
    if (sh->size < 8) return tern_errf(err, err_size, "%s: truncated safetensors (%zu bytes; the header length alone is 8)", what, sh->size);
    memcpy(&n, sh->base, 8);     // little-endian hosts only (x86-64, aarch64)
    if (n > TERN_ST_MAX_HEADER) {
        return tern_errf(err, err_size, "%s: header length %llu is larger than 100 MB: not a safetensors file", what,
                    (unsigned long long) n);
    }
    if (n > sh->size - 8) {
        return tern_errf(err, err_size, "%s: header length %llu runs past the end of the %zu-byte file (truncated?)", what,
                    (unsigned long long) n, sh->size);
    }
    sh->data = sh->base + 8 + n;
    sh->data_size = sh->size - 8 - (size_t) n;
    size_t at;
    bool trailing;
    cJSON * root = tern_json_parse((const char *) sh->base + 8, (size_t) n, &at, &trailing);
    int rc = -1;
    if (!root) {
        // (The reference writer pads the header with spaces; anything else after the JSON is corrupt.)
        tern_errf(err, err_size, trailing ? "%s: bytes after the header's JSON at %zu of %llu" :
             "%s: the header is not valid JSON (at byte %zu of %llu)", what, at, (unsigned long long) n);
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        tern_errf(err, err_size, "%s: the header is not a JSON object", what);
        goto done;
    }
    const size_t first = g->n;
    const cJSON * item;
    cJSON_ArrayForEach(item, root) {
        if (strcmp(item->string, "__metadata__") == 0) continue;      // free-form; tern needs nothing from it
        struct tern_st_tensor t = { .shard = s };
        if (parse_tensor(item, item->string, sh->data_size, &t, what, err, err_size)) goto done;
        if (gather_add(g, item->string, &t)) {
            tern_errf(err, err_size, "%s: out of memory reading the header", what);
            goto done;
        }
    }
    // No two tensors may share a byte: in offset order, each non-empty tensor starts at or
    // after the end of every earlier one. (Gaps are allowed.)
    if (g->n > first) qsort(g->e + first, g->n - first, sizeof(*g->e), cmp_offset);
    uint64_t reach = 0;
    size_t reach_by = 0;
    for (size_t i = first; i < g->n; i++) {
        const struct tern_st_tensor * t = &g->e[i].t;
        if (t->nbytes == 0) continue;
        if (t->offset < reach) {
            char a[65], b[65];
            tern_errf(err, err_size, "%s: tensors '%s' and '%s' overlap (bytes %llu..%llu and %llu..%llu)", what,
                 printable(g->names + g->e[reach_by].name_at, a, sizeof(a)), printable(g->names + g->e[i].name_at, b, sizeof(b)),
                 (unsigned long long) g->e[reach_by].t.offset, (unsigned long long) reach,
                 (unsigned long long) t->offset, (unsigned long long) (t->offset + t->nbytes));
            goto done;
        }
        reach = t->offset + t->nbytes;
        reach_by = i;
    }
    rc = 0;
done:
    cJSON_Delete(root);
    return rc;
}

struct name_ref {
    const char * name;
    uint32_t index;
};

static int cmp_name_ref(const void * a, const void * b) {
    return strcmp(((const struct name_ref *) a)->name, ((const struct name_ref *) b)->name);
}

// Moves what g gathered into st: tensors in file order, names, data pointers and the
// by-name index; a name seen twice (in one file or two shards) is refused.
static int finish(struct tern_st * st, struct gather * g, char * err, size_t err_size) {
    if (g->n > UINT32_MAX) return tern_errf(err, err_size, "safetensors: %zu tensors are too many", g->n);
    st->n_tensors = g->n;
    st->tensors = malloc((g->n ? g->n : 1) * sizeof(*st->tensors));
    st->by_name = malloc((g->n ? g->n : 1) * sizeof(*st->by_name));
    struct name_ref * refs = malloc((g->n ? g->n : 1) * sizeof(*refs));
    if (!st->tensors || !st->by_name || !refs) {
        free(refs);
        return tern_errf(err, err_size, "safetensors: out of memory for %zu tensors", g->n);
    }
    st->names = g->names;
    g->names = NULL;
    for (size_t i = 0; i < g->n; i++) {
        struct tern_st_tensor * t = &st->tensors[i];
        *t = g->e[i].t;
        t->name = st->names + g->e[i].name_at;
        t->data = st->shards[t->shard].data + t->offset;
        refs[i] = (struct name_ref) { .name = t->name, .index = (uint32_t) i };
    }
    qsort(refs, g->n, sizeof(*refs), cmp_name_ref);
    for (size_t i = 0; i < g->n; i++) {
        st->by_name[i] = refs[i].index;
        if (i && strcmp(refs[i].name, refs[i - 1].name) == 0) {
            const struct tern_st_tensor * a = &st->tensors[refs[i - 1].index], * b = &st->tensors[refs[i].index];
            char pn[65];
            printable(b->name, pn, sizeof(pn));
            free(refs);
            if (a->shard == b->shard) {
                return tern_errf(err, err_size, "%s: tensor '%s' appears twice", st->shards[a->shard].path[0] ?
                            st->shards[a->shard].path : "safetensors", pn);
            }
            return tern_errf(err, err_size, "tensor '%s' is in two shards: %s and %s", pn, st->shards[a->shard].path,
                        st->shards[b->shard].path);
        }
    }
    free(refs);
    return 0;
}

static int map_file(struct tern_st_shard * sh, const char * path, char * err, size_t err_size) {
    sh->path = strdup(path);
    if (!sh->path) return tern_errf(err, err_size, "out of memory");
    const int fd = open(path, O_RDONLY);
    if (fd < 0) return tern_errf(err, err_size, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return tern_errf(err, err_size, "%s is not a regular file", path);
    }
    if (st.st_size < 8) {
        close(fd);
        return tern_errf(err, err_size, "%s: truncated safetensors (%lld bytes; the header length alone is 8)", path,
                    (long long) st.st_size);
    }
    void * map = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return tern_errf(err, err_size, "cannot map %s: %s", path, strerror(errno));
    sh->base = map;
    sh->size = (size_t) st.st_size;
    sh->mapped = true;
    return 0;
}

int tern_st_parse(struct tern_st * st, const void * buf, size_t size, char * err, size_t err_size) {
    memset(st, 0, sizeof(*st));
    struct gather g = { 0 };
    st->shards = calloc(1, sizeof(*st->shards));
    if (!st->shards) return tern_errf(err, err_size, "out of memory");
    st->n_shards = 1;
    st->shards[0] = (struct tern_st_shard) { .path = strdup(""), .base = buf, .size = size };
    int rc = !st->shards[0].path ? tern_errf(err, err_size, "out of memory") : parse_shard(&st->shards[0], 0, &g, err, err_size);
    if (rc == 0) rc = finish(st, &g, err, err_size);
    gather_free(&g);
    if (rc) tern_st_close(st);
    return rc;
}

int tern_st_open_file(struct tern_st * st, const char * path, char * err, size_t err_size) {
    memset(st, 0, sizeof(*st));
    struct gather g = { 0 };
    st->shards = calloc(1, sizeof(*st->shards));
    if (!st->shards) return tern_errf(err, err_size, "out of memory");
    st->n_shards = 1;
    int rc = map_file(&st->shards[0], path, err, err_size);
    if (rc == 0) rc = parse_shard(&st->shards[0], 0, &g, err, err_size);
    if (rc == 0) rc = finish(st, &g, err, err_size);
    gather_free(&g);
    if (rc) tern_st_close(st);
    return rc;
}

// ---------------------------------------------------------------------------- sharded

static bool plain_file_name(const char * s) {
    if (!*s || strcmp(s, ".") == 0 || strcmp(s, "..") == 0 || strlen(s) > 255) return false;
    for (const char * p = s; *p; p++) {
        if (*p == '/' || *p == '\\' || (unsigned char) *p < 0x20 || *p == 0x7f) return false;
    }
    return true;
}

struct index_pair {
    char * tensor, * file;
};

static int cmp_pair(const void * a, const void * b) {
    return strcmp(((const struct index_pair *) a)->tensor, ((const struct index_pair *) b)->tensor);
}

int tern_st_index_parse(struct tern_st_index * idx, const char * text, size_t len, const char * what, char * err,
                        size_t err_size) {
    memset(idx, 0, sizeof(*idx));
    size_t at;
    bool trailing;
    cJSON * root = tern_json_parse(text, len, &at, &trailing);
    struct index_pair * pairs = NULL;
    size_t n = 0;
    int rc = -1;
    bool dup = false;
    const cJSON * map = unique_item(root, "weight_map", &dup);
    if (!root) {
        tern_errf(err, err_size, "%s is not valid JSON (at byte %zu)", what, at);
        goto done;
    }
    if (dup || !cJSON_IsObject(map)) {
        tern_errf(err, err_size, "%s has no weight_map object (or two)", what);
        goto done;
    }
    const size_t count = (size_t) cJSON_GetArraySize(map);
    pairs = calloc(count ? count : 1, sizeof(*pairs));
    if (!pairs) {
        tern_errf(err, err_size, "%s: out of memory", what);
        goto done;
    }
    const cJSON * it;
    cJSON_ArrayForEach(it, map) {
        char pn[65], pf[65];
        if (!cJSON_IsString(it)) {
            tern_errf(err, err_size, "%s: weight_map entry '%s' is not a file name string", what, printable(it->string, pn, sizeof(pn)));
            goto done;
        }
        if (!plain_file_name(it->valuestring)) {
            tern_errf(err, err_size, "%s: weight_map puts '%s' in '%s', which is not a plain file name in the folder", what,
                 printable(it->string, pn, sizeof(pn)), printable(it->valuestring, pf, sizeof(pf)));
            goto done;
        }
        pairs[n].tensor = strdup(it->string);
        pairs[n].file = strdup(it->valuestring);
        n++;
        if (!pairs[n - 1].tensor || !pairs[n - 1].file) {
            tern_errf(err, err_size, "%s: out of memory", what);
            goto done;
        }
    }
    qsort(pairs, n, sizeof(*pairs), cmp_pair);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(pairs[i].tensor, pairs[i - 1].tensor) == 0) {
            char pn[65];
            tern_errf(err, err_size, "%s: weight_map names tensor '%s' twice", what, printable(pairs[i].tensor, pn, sizeof(pn)));
            goto done;
        }
    }
    idx->tensor = malloc((n ? n : 1) * sizeof(char *));
    idx->file = malloc((n ? n : 1) * sizeof(char *));
    if (!idx->tensor || !idx->file) {
        tern_errf(err, err_size, "%s: out of memory", what);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        idx->tensor[i] = pairs[i].tensor;
        idx->file[i] = pairs[i].file;
    }
    idx->n = n;
    n = 0;          // now owned by idx
    rc = 0;
done:
    for (size_t i = 0; pairs && i < n; i++) {
        free(pairs[i].tensor);
        free(pairs[i].file);
    }
    free(pairs);
    cJSON_Delete(root);
    if (rc) tern_st_index_free(idx);
    return rc;
}

static int cmp_str(const void * a, const void * b) {
    return strcmp(*(char * const *) a, *(char * const *) b);
}

static const char * base_name(const char * path) {
    const char * s = strrchr(path, '/');
    return s ? s + 1 : path;
}

// Each tensor of each shard is in the index under that shard, and each indexed tensor exists.
static int check_index(const struct tern_st * st, const struct tern_st_index * idx, const char * what, char * err,
                       size_t err_size) {
    char pn[65];
    for (size_t i = 0; i < st->n_tensors; i++) {
        const struct tern_st_tensor * t = &st->tensors[i];
        const char * shard = base_name(st->shards[t->shard].path);
        size_t lo = 0, hi = idx->n;
        while (lo < hi) {
            const size_t mid = lo + (hi - lo) / 2;
            const int c = strcmp(idx->tensor[mid], t->name);
            if (c == 0) {
                lo = mid;
                break;
            }
            if (c < 0) lo = mid + 1; else hi = mid;
        }
        if (lo >= idx->n || strcmp(idx->tensor[lo], t->name) != 0) {
            return tern_errf(err, err_size, "%s holds tensor '%s', which %s does not list", st->shards[t->shard].path,
                        printable(t->name, pn, sizeof(pn)), what);
        }
        if (strcmp(idx->file[lo], shard) != 0) {
            char pf[65];
            return tern_errf(err, err_size, "%s puts tensor '%s' in %s, but it is in %s", what, printable(t->name, pn, sizeof(pn)),
                        printable(idx->file[lo], pf, sizeof(pf)), shard);
        }
    }
    for (size_t i = 0; i < idx->n; i++) {
        if (!tern_st_find(st, idx->tensor[i])) {
            char pf[65];
            return tern_errf(err, err_size, "%s names tensor '%s' in %s, which that shard does not hold", what,
                        printable(idx->tensor[i], pn, sizeof(pn)), printable(idx->file[i], pf, sizeof(pf)));
        }
    }
    return 0;
}

static int open_sharded(struct tern_st * st, const char * dir, const char * index_path, char * err, size_t err_size) {
    size_t len = 0;
    char * text = tern_read_file(index_path, "", (size_t) TERN_ST_MAX_HEADER, &len, err, err_size);
    if (!text) return -1;
    struct tern_st_index idx;
    int rc = tern_st_index_parse(&idx, text, len, index_path, err, err_size);
    free(text);
    if (rc) return -1;
    // The distinct shard files, each opened once.
    char ** files = malloc((idx.n ? idx.n : 1) * sizeof(char *));
    struct gather g = { 0 };
    if (!files) {
        tern_st_index_free(&idx);
        return tern_errf(err, err_size, "out of memory");
    }
    memcpy(files, idx.file, idx.n * sizeof(char *));
    qsort(files, idx.n, sizeof(char *), cmp_str);
    size_t n_files = 0;
    for (size_t i = 0; i < idx.n; i++) {
        if (!n_files || strcmp(files[i], files[n_files - 1]) != 0) files[n_files++] = files[i];
    }
    if (n_files == 0) {
        rc = tern_errf(err, err_size, "%s: weight_map is empty", index_path);
        goto done;
    }
    st->shards = calloc(n_files, sizeof(*st->shards));
    if (!st->shards) {
        rc = tern_errf(err, err_size, "out of memory");
        goto done;
    }
    st->n_shards = n_files;
    for (size_t i = 0; i < n_files && rc == 0; i++) {
        char path[4096];
        if ((size_t) snprintf(path, sizeof(path), "%s/%s", dir, files[i]) >= sizeof(path)) {
            rc = tern_errf(err, err_size, "%s: the path of shard %s is too long", index_path, files[i]);
            break;
        }
        rc = map_file(&st->shards[i], path, err, err_size);
        if (rc == 0) rc = parse_shard(&st->shards[i], (uint32_t) i, &g, err, err_size);
    }
    if (rc == 0) rc = finish(st, &g, err, err_size);
    if (rc == 0) rc = check_index(st, &idx, index_path, err, err_size);
done:
    gather_free(&g);
    free(files);
    tern_st_index_free(&idx);
    return rc;
}

int tern_st_open_dir(struct tern_st * st, const char * dir, char * err, size_t err_size) {
    memset(st, 0, sizeof(*st));
    char path[4096];
    if ((size_t) snprintf(path, sizeof(path), "%s/model.safetensors.index.json", dir) >= sizeof(path)) {
        return tern_errf(err, err_size, "the folder path %s is too long", dir);
    }
    struct stat sb;
    int rc;
    if (stat(path, &sb) == 0) {
        rc = open_sharded(st, dir, path, err, err_size);
        if (rc) tern_st_close(st);
        return rc;
    }
    snprintf(path, sizeof(path), "%s/model.safetensors", dir);
    if (stat(path, &sb) != 0) {
        return tern_errf(err, err_size, "%s has neither model.safetensors nor model.safetensors.index.json", dir);
    }
    return tern_st_open_file(st, path, err, err_size);
}

