// safetensors writer (see tern/safetensors.h): files are laid out as the reference
// implementation lays them out (__metadata__ {"format": "pt"} first; tensors contiguous,
// wider dtypes first, then by name, so each starts aligned to its element size; the JSON
// padded with spaces to a multiple of 8 bytes).

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-out.h"
#include "tern/safetensors.h"

struct wtensor {
    char * name;
    uint32_t dtype, n_dims;
    uint64_t shape[TERN_ST_MAX_DIMS];
    uint64_t nbytes;
    const void * data;
    tern_st_fill_fn * fill;
    void * fill_ctx;
    uint32_t shard;
};

struct tern_st_writer {
    struct wtensor * t;
    size_t n, cap;
    uint64_t shard_bytes;
    bool bad;               // an add failed: write refuses
};

struct tern_st_writer * tern_st_writer_new(void) {
    return calloc(1, sizeof(struct tern_st_writer));
}

void tern_st_writer_free(struct tern_st_writer * w) {
    if (!w) return;
    for (size_t i = 0; i < w->n; i++) free(w->t[i].name);
    free(w->t);
    free(w);
}

void tern_st_writer_set_shard_bytes(struct tern_st_writer * w, uint64_t shard_bytes) {
    w->shard_bytes = shard_bytes;
}

int tern_st_writer_add(struct tern_st_writer * w, const char * name, uint32_t dtype, uint32_t n_dims,
                       const uint64_t * shape, const void * data, tern_st_fill_fn * fill, void * fill_ctx) {
    uint64_t n = 1;
    if (n_dims > TERN_ST_MAX_DIMS || dtype >= TERN_ST_DTYPE_COUNT || (!data) == (!fill) ||
        strcmp(name, "__metadata__") == 0) {
        goto bad;
    }
    for (uint32_t d = 0; d < n_dims; d++) {
        if (shape[d] && n > (UINT64_C(1) << 56) / shape[d]) goto bad;
        n *= shape[d];
    }
    if (n * tern_st_dtype_bits(dtype) % 8) goto bad;
    for (size_t i = 0; i < w->n; i++) {
        if (strcmp(w->t[i].name, name) == 0) goto bad;
    }
    if (w->n == w->cap) {
        const size_t cap = w->cap ? 2 * w->cap : 64;
        struct wtensor * t = realloc(w->t, cap * sizeof(*t));
        if (!t) goto bad;
        w->t = t;
        w->cap = cap;
    }
    struct wtensor * t = &w->t[w->n];
    *t = (struct wtensor) { .name = strdup(name), .dtype = dtype, .n_dims = n_dims,
                            .nbytes = n * tern_st_dtype_bits(dtype) / 8, .data = data, .fill = fill, .fill_ctx = fill_ctx };
    if (!t->name) goto bad;
    if (n_dims) memcpy(t->shape, shape, n_dims * sizeof(uint64_t));
    w->n++;
    return 0;
bad:
    w->bad = true;
    return -1;
}

static int write_all(FILE * f, const void * p, size_t n) {
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

// A tensor's bytes: borrowed, or made by its fill() into a buffer of their own.
static int write_tensor(FILE * f, const struct wtensor * t) {
    if (!t->fill) return write_all(f, t->data, (size_t) t->nbytes);
    uint8_t * buf = malloc(t->nbytes ? (size_t) t->nbytes : 1);
    const int rc = !buf || t->fill(t->fill_ctx, buf, (size_t) t->nbytes) || write_all(f, buf, (size_t) t->nbytes) ? -1 : 0;
    free(buf);
    return rc;
}

// One file holding the tensors of shard s.
static int write_shard(const struct tern_st_writer * w, uint32_t s, const char * path, char * err, size_t err_size) {
    struct tern_json_out h = { 0 };
    tern_json_lit(&h, "{\"__metadata__\": {\"format\": \"pt\"}");
    uint64_t at = 0;
    bool first = false;     // __metadata__ came first
    for (size_t i = 0; i < w->n; i++) {
        const struct wtensor * t = &w->t[i];
        if (t->shard != s) continue;
        tern_json_key(&h, &first, " ", t->name);
        tern_json_printf(&h, "{\"dtype\": \"%s\", \"shape\": [", tern_st_dtype_name(t->dtype));
        for (uint32_t d = 0; d < t->n_dims; d++) tern_json_printf(&h, "%s%llu", d ? ", " : "", (unsigned long long) t->shape[d]);
        tern_json_printf(&h, "], \"data_offsets\": [%llu, %llu]}", (unsigned long long) at,
                         (unsigned long long) (at + t->nbytes));
        at += t->nbytes;
    }
    tern_json_lit(&h, "}");
    while (h.len % 8) tern_json_lit(&h, " ");
    if (h.oom) {
        tern_json_free(&h);
        snprintf(err, err_size, "out of memory writing %s", path);
        return -1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE * f = fopen(tmp, "wb");
    if (!f) {
        tern_json_free(&h);
        snprintf(err, err_size, "cannot create %s: %s", tmp, strerror(errno));
        return -1;
    }
    const uint64_t n = h.len;     // little-endian hosts only
    int rc = write_all(f, &n, 8) || write_all(f, h.p, h.len);
    tern_json_free(&h);
    errno = 0;
    for (size_t i = 0; i < w->n && !rc; i++) {
        if (w->t[i].shard == s) rc = write_tensor(f, &w->t[i]);
    }
    if (fclose(f) != 0) rc = -1;
    if (rc || rename(tmp, path) != 0) {
        snprintf(err, err_size, "cannot write %s: %s", path, errno ? strerror(errno) : "tensor data could not be produced");
        remove(tmp);
        return -1;
    }
    return 0;
}

static int cmp_layout(const void * a, const void * b) {
    const struct wtensor * x = a, * y = b;
    const uint32_t bx = tern_st_dtype_bits(x->dtype), by = tern_st_dtype_bits(y->dtype);
    if (bx != by) return bx > by ? -1 : 1;
    return strcmp(x->name, y->name);
}

int tern_st_writer_write(struct tern_st_writer * w, const char * dir, char * err, size_t err_size) {
    if (w->bad) {
        snprintf(err, err_size, "cannot write %s: a tensor was invalid, named twice, or memory ran out", dir);
        return -1;
    }
    if (w->n) qsort(w->t, w->n, sizeof(*w->t), cmp_layout);
    // Shards in order: a new one when the next tensor would take this one past shard_bytes.
    uint32_t n_shards = 1;
    uint64_t in_shard = 0, total = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (w->shard_bytes && in_shard && in_shard + w->t[i].nbytes > w->shard_bytes) {
            n_shards++;
            in_shard = 0;
        }
        w->t[i].shard = n_shards - 1;
        in_shard += w->t[i].nbytes;
        total += w->t[i].nbytes;
    }
    char path[4096];
    if (!w->shard_bytes) {
        snprintf(path, sizeof(path), "%s/model.safetensors", dir);
        return write_shard(w, 0, path, err, err_size);
    }
    struct tern_json_out idx = { 0 };
    tern_json_printf(&idx, "{\n  \"metadata\": {\"total_size\": %llu},\n  \"weight_map\": {", (unsigned long long) total);
    bool first = true;
    for (uint32_t s = 0; s < n_shards; s++) {
        char file[64];
        snprintf(file, sizeof(file), "model-%05u-of-%05u.safetensors", s + 1, n_shards);
        snprintf(path, sizeof(path), "%s/%s", dir, file);
        if (write_shard(w, s, path, err, err_size)) {
            tern_json_free(&idx);
            return -1;
        }
        for (size_t i = 0; i < w->n; i++) {
            if (w->t[i].shard != s) continue;
            tern_json_key(&idx, &first, "\n    ", w->t[i].name);
            tern_json_printf(&idx, "\"%s\"", file);
        }
    }
    tern_json_lit(&idx, "\n  }\n}\n");
    snprintf(path, sizeof(path), "%s/model.safetensors.index.json", dir);
    const int rc = tern_json_write_file(&idx, path, err, err_size);
    tern_json_free(&idx);
    return rc;
}
