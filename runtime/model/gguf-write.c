// GGUF writer (see tern/gguf.h). Metadata is serialized into one growing buffer as it is
// added; tensors are described at once and their bytes produced only while writing.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/gguf.h"

#define ALIGNMENT 32

struct buf {
    uint8_t * p;
    size_t len, cap;
    bool oom;
};

struct wtensor {
    char * name;
    uint32_t type, n_dims;
    uint64_t ne[4];
    uint64_t nbytes, offset;
    const void * data;
    tern_gguf_fill_fn * fill;
    void * fill_ctx;
};

struct tern_gguf_writer {
    struct buf kv;
    uint64_t n_kv;
    struct wtensor * tensors;
    size_t n_tensors, cap_tensors;
    uint64_t data_size;
    bool bad;               // an add failed (out of memory, bad tensor): write refuses
};

static void put(struct buf * b, const void * src, size_t n) {
    if (b->oom) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) cap *= 2;
        uint8_t * p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

static void put_u32(struct buf * b, uint32_t v) { put(b, &v, 4); }
static void put_u64(struct buf * b, uint64_t v) { put(b, &v, 8); }
static void put_str(struct buf * b, const char * s, size_t n) {
    put_u64(b, n);
    put(b, s, n);
}

static void key(struct tern_gguf_writer * w, const char * k, uint32_t type) {
    put_str(&w->kv, k, strlen(k));
    put_u32(&w->kv, type);
    w->n_kv++;
}

struct tern_gguf_writer * tern_gguf_writer_new(void) {
    return calloc(1, sizeof(struct tern_gguf_writer));
}

void tern_gguf_writer_free(struct tern_gguf_writer * w) {
    if (!w) return;
    for (size_t i = 0; i < w->n_tensors; i++) free(w->tensors[i].name);
    free(w->tensors);
    free(w->kv.p);
    free(w);
}

void tern_gguf_add_str(struct tern_gguf_writer * w, const char * k, const char * value) {
    key(w, k, TERN_GGUF_STRING);
    put_str(&w->kv, value, strlen(value));
}

void tern_gguf_add_u32(struct tern_gguf_writer * w, const char * k, uint32_t value) {
    key(w, k, TERN_GGUF_UINT32);
    put_u32(&w->kv, value);
}

void tern_gguf_add_i32(struct tern_gguf_writer * w, const char * k, int32_t value) {
    key(w, k, TERN_GGUF_INT32);
    put(&w->kv, &value, 4);
}

void tern_gguf_add_f32(struct tern_gguf_writer * w, const char * k, float value) {
    key(w, k, TERN_GGUF_FLOAT32);
    put(&w->kv, &value, 4);
}

void tern_gguf_add_bool(struct tern_gguf_writer * w, const char * k, bool value) {
    key(w, k, TERN_GGUF_BOOL);
    const uint8_t b = value;
    put(&w->kv, &b, 1);
}

static void array_head(struct tern_gguf_writer * w, const char * k, uint32_t elem, size_t count) {
    key(w, k, TERN_GGUF_ARRAY);
    put_u32(&w->kv, elem);
    put_u64(&w->kv, count);
}

void tern_gguf_add_str_arr(struct tern_gguf_writer * w, const char * k, const char * const * strs,
                           const size_t * lens, size_t count) {
    array_head(w, k, TERN_GGUF_STRING, count);
    for (size_t i = 0; i < count; i++) put_str(&w->kv, strs[i], lens ? lens[i] : strlen(strs[i]));
}

void tern_gguf_add_f32_arr(struct tern_gguf_writer * w, const char * k, const float * values, size_t count) {
    array_head(w, k, TERN_GGUF_FLOAT32, count);
    put(&w->kv, values, count * 4);
}

void tern_gguf_add_i32_arr(struct tern_gguf_writer * w, const char * k, const int32_t * values, size_t count) {
    array_head(w, k, TERN_GGUF_INT32, count);
    put(&w->kv, values, count * 4);
}

int tern_gguf_add_tensor(struct tern_gguf_writer * w, const char * name, uint32_t type, uint32_t n_dims,
                         const uint64_t * ne, const void * data, tern_gguf_fill_fn * fill, void * fill_ctx) {
    uint64_t n = 1, nbytes;
    if (n_dims < 1 || n_dims > 4 || (!data) == (!fill)) goto bad;
    for (uint32_t d = 0; d < n_dims; d++) {
        if (ne[d] == 0) goto bad;
        n *= ne[d];
    }
    if (!tern_ggml_nbytes(type, ne[0], n, &nbytes)) goto bad;
    if (w->n_tensors == w->cap_tensors) {
        const size_t cap = w->cap_tensors ? 2 * w->cap_tensors : 64;
        struct wtensor * t = realloc(w->tensors, cap * sizeof(*t));
        if (!t) goto bad;
        w->tensors = t;
        w->cap_tensors = cap;
    }
    struct wtensor * t = &w->tensors[w->n_tensors];
    *t = (struct wtensor) { .name = strdup(name), .type = type, .n_dims = n_dims, .nbytes = nbytes,
                            .offset = w->data_size, .data = data, .fill = fill, .fill_ctx = fill_ctx };
    if (!t->name) goto bad;
    for (uint32_t d = 0; d < 4; d++) t->ne[d] = d < n_dims ? ne[d] : 1;
    w->n_tensors++;
    w->data_size += (nbytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    return 0;
bad:
    w->bad = true;
    return -1;
}

static int write_all(FILE * f, const void * p, size_t n) {
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int pad(FILE * f, uint64_t written) {
    static const uint8_t zeros[ALIGNMENT];
    const size_t n = (size_t) ((ALIGNMENT - written % ALIGNMENT) % ALIGNMENT);
    return write_all(f, zeros, n);
}

// The whole file to f. 0, or -1 (what names the destination in err).
static int write_to(struct tern_gguf_writer * w, FILE * f, const char * what, char * err, size_t err_size) {
    if (w->bad || w->kv.oom) {
        snprintf(err, err_size, "cannot write %s: a tensor or key was invalid (or memory ran out)", what);
        return -1;
    }
    struct buf head = { 0 };
    put(&head, "GGUF", 4);
    put_u32(&head, 3);
    put_u64(&head, w->n_tensors);
    put_u64(&head, w->n_kv);
    put(&head, w->kv.p, w->kv.len);
    for (size_t i = 0; i < w->n_tensors; i++) {
        const struct wtensor * t = &w->tensors[i];
        put_str(&head, t->name, strlen(t->name));
        put_u32(&head, t->n_dims);
        for (uint32_t d = 0; d < t->n_dims; d++) put_u64(&head, t->ne[d]);
        put_u32(&head, t->type);
        put_u64(&head, t->offset);
    }
    if (head.oom) {
        free(head.p);
        snprintf(err, err_size, "out of memory writing %s", what);
        return -1;
    }
    errno = 0;
    int rc = write_all(f, head.p, head.len) || pad(f, head.len);
    free(head.p);
    uint8_t * scratch = NULL;
    size_t scratch_size = 0;
    for (size_t i = 0; i < w->n_tensors && !rc; i++) {
        const struct wtensor * t = &w->tensors[i];
        const void * src = t->data;
        if (t->fill) {
            if (t->nbytes > scratch_size) {
                free(scratch);
                scratch_size = (size_t) t->nbytes;
                scratch = malloc(scratch_size);
                if (!scratch) {
                    rc = -1;
                    break;
                }
            }
            if (t->fill(t->fill_ctx, scratch, (size_t) t->nbytes)) {
                rc = -1;
                break;
            }
            src = scratch;
        }
        rc = write_all(f, src, (size_t) t->nbytes) || pad(f, t->nbytes);
    }
    free(scratch);
    if (rc) snprintf(err, err_size, "cannot write %s: %s", what, errno ? strerror(errno) : "tensor data could not be produced");
    return rc;
}

int tern_gguf_writer_write(struct tern_gguf_writer * w, const char * path, char * err, size_t err_size) {
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE * f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, err_size, "cannot create %s: %s", tmp, strerror(errno));
        return -1;
    }
    int rc = write_to(w, f, path, err, err_size);
    if (fclose(f) != 0 && !rc) {
        snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
        rc = -1;
    }
    if (!rc && rename(tmp, path) != 0) {
        snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
        rc = -1;
    }
    if (rc) remove(tmp);
    return rc;
}

int tern_gguf_writer_write_mem(struct tern_gguf_writer * w, uint8_t ** out, size_t * size, char * err, size_t err_size) {
    char * buf = NULL;
    size_t len = 0;
    FILE * f = open_memstream(&buf, &len);
    if (!f) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int rc = write_to(w, f, "the in-memory GGUF", err, err_size);
    if (fclose(f) != 0 && !rc) {
        snprintf(err, err_size, "out of memory");
        rc = -1;
    }
    if (rc) {
        free(buf);
        return -1;
    }
    *out = (uint8_t *) buf;
    *size = len;
    return 0;
}
