// GGUF reader (see tern/gguf.h). Every read goes through a cursor that knows how many
// bytes are left; all counts are checked against what remains before anything is allocated.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tern/err.h"
#include "tern/gguf.h"
#include "tern/i2s_disk.h"

#define GGUF_DEFAULT_ALIGNMENT 32
#define MAX_ARRAY_DEPTH 4

static const struct {
    const char * name;
    uint32_t block;          // elements per block
    uint32_t bytes;          // bytes per block
} ggml_types[] = {
    [TERN_GGML_F32] = { "F32", 1, 4 },       [TERN_GGML_F16] = { "F16", 1, 2 },
    [TERN_GGML_Q4_0] = { "Q4_0", 32, 18 },   [TERN_GGML_Q4_1] = { "Q4_1", 32, 20 },
    [TERN_GGML_Q5_0] = { "Q5_0", 32, 22 },   [TERN_GGML_Q5_1] = { "Q5_1", 32, 24 },
    [TERN_GGML_Q8_0] = { "Q8_0", 32, 34 },   [TERN_GGML_Q8_1] = { "Q8_1", 32, 36 },
    [TERN_GGML_Q2_K] = { "Q2_K", 256, 84 },  [TERN_GGML_Q3_K] = { "Q3_K", 256, 110 },
    [TERN_GGML_Q4_K] = { "Q4_K", 256, 144 }, [TERN_GGML_Q5_K] = { "Q5_K", 256, 176 },
    [TERN_GGML_Q6_K] = { "Q6_K", 256, 210 }, [TERN_GGML_Q8_K] = { "Q8_K", 256, 292 },
    [TERN_GGML_I8] = { "I8", 1, 1 },         [TERN_GGML_I16] = { "I16", 1, 2 },
    [TERN_GGML_I32] = { "I32", 1, 4 },       [TERN_GGML_I64] = { "I64", 1, 8 },
    [TERN_GGML_F64] = { "F64", 1, 8 },       [TERN_GGML_BF16] = { "BF16", 1, 2 },
    [TERN_GGML_TQ1_0] = { "TQ1_0", 256, 54 }, [TERN_GGML_TQ2_0] = { "TQ2_0", 256, 66 },
    [TERN_GGML_I2_S] = { "I2_S", 1, 0 },     // special: n/4 bytes (128-value blocks) + 32 (DESIGN §5)
};
#define N_GGML_TYPES (sizeof(ggml_types) / sizeof(ggml_types[0]))

const char * tern_ggml_type_name(uint32_t type) {
    return type < N_GGML_TYPES ? ggml_types[type].name : NULL;
}

bool tern_ggml_nbytes(uint32_t type, uint64_t ne0, uint64_t n, uint64_t * nbytes) {
    if (type >= N_GGML_TYPES || !ggml_types[type].name) return false;
    if (type == TERN_GGML_I2_S) {
        *nbytes = tern_i2s_disk_bytes((size_t) n);
        return true;
    }
    const uint64_t block = ggml_types[type].block;
    if (ne0 % block) return false;
    *nbytes = n / block * ggml_types[type].bytes;
    return true;
}

static const uint64_t value_size[TERN_GGUF_TYPE_COUNT] = {
    [TERN_GGUF_UINT8] = 1, [TERN_GGUF_INT8] = 1, [TERN_GGUF_UINT16] = 2, [TERN_GGUF_INT16] = 2,
    [TERN_GGUF_UINT32] = 4, [TERN_GGUF_INT32] = 4, [TERN_GGUF_FLOAT32] = 4, [TERN_GGUF_BOOL] = 1,
    [TERN_GGUF_UINT64] = 8, [TERN_GGUF_INT64] = 8, [TERN_GGUF_FLOAT64] = 8,
};

struct cursor {
    const uint8_t * p;
    size_t left;
    char * err;
    size_t err_size;
};

// The parser's error line: -1.
#define fail(c, ...) tern_errf((c)->err, (c)->err_size, __VA_ARGS__)

static int take(struct cursor * c, void * out, size_t n, const char * what) {
    if (c->left < n) return fail(c, "truncated GGUF: %s needs %zu bytes, %zu left", what, n, c->left);
    memcpy(out, c->p, n);     // little-endian hosts only (x86-64, aarch64)
    c->p += n;
    c->left -= n;
    return 0;
}

static int take_str(struct cursor * c, struct tern_gguf_str * s, const char * what) {
    if (take(c, &s->len, 8, what)) return -1;
    if (s->len > c->left) {
        return fail(c, "corrupt GGUF: %s is %llu bytes long, only %zu left in the file", what,
                    (unsigned long long) s->len, c->left);
    }
    s->ptr = (const char *) c->p;
    c->p += s->len;
    c->left -= (size_t) s->len;
    return 0;
}

// Skips (validating) one value of `type`; fills kv->v when kv is not NULL.
static int take_value(struct cursor * c, uint32_t type, struct tern_gguf_kv * kv, int depth, const char * what) {
    if (type >= TERN_GGUF_TYPE_COUNT) return fail(c, "corrupt GGUF: %s has unknown value type %u", what, type);
    if (type == TERN_GGUF_STRING) {
        struct tern_gguf_str s;
        if (take_str(c, &s, what)) return -1;
        if (kv) kv->v.str = s;
        return 0;
    }
    if (type == TERN_GGUF_ARRAY) {
        uint32_t elem = 0;
        uint64_t count = 0;
        if (take(c, &elem, 4, what) || take(c, &count, 8, what)) return -1;
        if (elem >= TERN_GGUF_TYPE_COUNT) return fail(c, "corrupt GGUF: %s is an array of unknown type %u", what, elem);
        if (depth >= MAX_ARRAY_DEPTH) return fail(c, "corrupt GGUF: %s nests arrays deeper than %d", what, MAX_ARRAY_DEPTH);
        if (kv) {
            kv->v.arr.type = elem;
            kv->v.arr.count = count;
            kv->v.arr.data = c->p;
        }
        if (value_size[elem]) {
            if (count > c->left / value_size[elem]) {
                return fail(c, "corrupt GGUF: %s claims %llu elements, the file has room for %zu", what,
                            (unsigned long long) count, c->left / value_size[elem]);
            }
            c->p += count * value_size[elem];
            c->left -= (size_t) (count * value_size[elem]);
            return 0;
        }
        // Strings and arrays are at least 8 bytes each: bound the count before looping.
        if (count > c->left / 8) {
            return fail(c, "corrupt GGUF: %s claims %llu elements, the file has room for %zu", what,
                        (unsigned long long) count, c->left / 8);
        }
        for (uint64_t i = 0; i < count; i++) {
            if (take_value(c, elem, NULL, depth + 1, what)) return -1;
        }
        return 0;
    }
    uint8_t raw[8] = { 0 };
    if (take(c, raw, (size_t) value_size[type], what)) return -1;
    if (!kv) return 0;
    switch (type) {
    case TERN_GGUF_UINT8: kv->v.u64 = raw[0]; break;
    case TERN_GGUF_BOOL:
        if (raw[0] > 1) return fail(c, "corrupt GGUF: %s is a bool of value %u", what, raw[0]);
        kv->v.u64 = raw[0];
        break;
    case TERN_GGUF_INT8: kv->v.i64 = (int8_t) raw[0]; break;
    case TERN_GGUF_UINT16: { uint16_t x; memcpy(&x, raw, 2); kv->v.u64 = x; break; }
    case TERN_GGUF_INT16: { int16_t x; memcpy(&x, raw, 2); kv->v.i64 = x; break; }
    case TERN_GGUF_UINT32: { uint32_t x; memcpy(&x, raw, 4); kv->v.u64 = x; break; }
    case TERN_GGUF_INT32: { int32_t x; memcpy(&x, raw, 4); kv->v.i64 = x; break; }
    case TERN_GGUF_FLOAT32: { float x; memcpy(&x, raw, 4); kv->v.f64 = x; break; }
    case TERN_GGUF_UINT64: memcpy(&kv->v.u64, raw, 8); break;
    case TERN_GGUF_INT64: memcpy(&kv->v.i64, raw, 8); break;
    case TERN_GGUF_FLOAT64: memcpy(&kv->v.f64, raw, 8); break;
    default: break;
    }
    return 0;
}

// A name from the file, made printable for a one-line message: at most 64 bytes, control
// characters (a newline would break the one-line promise) shown as '?'.
const char * tern_gguf_printable(struct tern_gguf_str s, char * buf, size_t size) {
    size_t n = s.len < 64 ? (size_t) s.len : 64;
    if (n >= size) n = size - 1;
    for (size_t i = 0; i < n; i++) {
        const unsigned char ch = (unsigned char) s.ptr[i];
        buf[i] = ch < 0x20 || ch == 0x7f ? '?' : (char) ch;
    }
    buf[n] = '\0';
    return buf;
}

bool tern_gguf_str_eq(struct tern_gguf_str s, const char * c) {
    const size_t n = strlen(c);
    return s.len == n && memcmp(s.ptr, c, n) == 0;
}

static int parse(struct tern_gguf * g, char * err, size_t err_size) {
    struct cursor c = { .p = g->base, .left = g->size, .err = err, .err_size = err_size };
    char magic[4];
    if (take(&c, magic, 4, "the magic")) return -1;
    if (memcmp(magic, "GGUF", 4) != 0) return fail(&c, "not a GGUF file (bad magic)");
    if (take(&c, &g->version, 4, "the version")) return -1;
    if (g->version < 2 || g->version > 3) return fail(&c, "unsupported GGUF version %u (2 and 3 are)", g->version);
    if (take(&c, &g->n_tensors, 8, "the tensor count") || take(&c, &g->n_kv, 8, "the key/value count")) return -1;
    // Each key/value needs >= 13 bytes and each tensor description >= 28: bound before allocating.
    if (g->n_kv > c.left / 13) return fail(&c, "corrupt GGUF: %llu key/values cannot fit", (unsigned long long) g->n_kv);
    if (g->n_tensors > c.left / 28) return fail(&c, "corrupt GGUF: %llu tensors cannot fit", (unsigned long long) g->n_tensors);
    g->kv = calloc(g->n_kv ? g->n_kv : 1, sizeof(*g->kv));
    g->tensors = calloc(g->n_tensors ? g->n_tensors : 1, sizeof(*g->tensors));
    if (!g->kv || !g->tensors) return fail(&c, "out of memory reading the GGUF header");

    g->alignment = GGUF_DEFAULT_ALIGNMENT;
    for (uint64_t i = 0; i < g->n_kv; i++) {
        struct tern_gguf_kv * kv = &g->kv[i];
        char what[96];
        snprintf(what, sizeof(what), "key/value #%llu", (unsigned long long) i);
        if (take_str(&c, &kv->key, what) || take(&c, &kv->type, 4, what)) return -1;
        char name[65];
        snprintf(what, sizeof(what), "key '%s'", tern_gguf_printable(kv->key, name, sizeof(name)));
        if (take_value(&c, kv->type, kv, 0, what)) return -1;
        if (tern_gguf_str_eq(kv->key, "general.alignment")) {
            if (kv->type != TERN_GGUF_UINT32 || kv->v.u64 == 0 || (kv->v.u64 & (kv->v.u64 - 1)) || kv->v.u64 > 65536) {
                return fail(&c, "corrupt GGUF: general.alignment must be a power-of-two uint32 <= 65536");
            }
            g->alignment = kv->v.u64;
        }
    }
    for (uint64_t i = 0; i < g->n_tensors; i++) {
        struct tern_gguf_tensor * t = &g->tensors[i];
        char what[96];
        snprintf(what, sizeof(what), "tensor #%llu", (unsigned long long) i);
        if (take_str(&c, &t->name, what) || take(&c, &t->n_dims, 4, what)) return -1;
        char name[65];
        snprintf(what, sizeof(what), "tensor '%s'", tern_gguf_printable(t->name, name, sizeof(name)));
        if (t->n_dims < 1 || t->n_dims > 4) return fail(&c, "corrupt GGUF: %s has %u dimensions (1..4)", what, t->n_dims);
        uint64_t n = 1;
        for (uint32_t d = 0; d < 4; d++) {
            t->ne[d] = 1;
            if (d < t->n_dims && take(&c, &t->ne[d], 8, what)) return -1;
            if (t->ne[d] == 0 || t->ne[d] > (UINT64_C(1) << 40) || n > (UINT64_C(1) << 48) / t->ne[d]) {
                return fail(&c, "corrupt GGUF: %s has an impossible shape", what);
            }
            n *= t->ne[d];
        }
        if (take(&c, &t->type, 4, what) || take(&c, &t->offset, 8, what)) return -1;
        if (!tern_ggml_type_name(t->type)) {
            return fail(&c, "%s has tensor type %u, which tern does not know", what, t->type);
        }
        if (!tern_ggml_nbytes(t->type, t->ne[0], n, &t->nbytes)) {
            return fail(&c, "corrupt GGUF: %s: rows of %llu do not fit %s blocks", what,
                        (unsigned long long) t->ne[0], tern_ggml_type_name(t->type));
        }
        if (t->offset % g->alignment) {
            return fail(&c, "corrupt GGUF: %s data offset %llu is not %llu-aligned", what,
                        (unsigned long long) t->offset, (unsigned long long) g->alignment);
        }
        for (uint64_t j = 0; j < i; j++) {
            if (g->tensors[j].name.len == t->name.len && memcmp(g->tensors[j].name.ptr, t->name.ptr, t->name.len) == 0) {
                return fail(&c, "corrupt GGUF: %s appears twice", what);
            }
        }
    }
    const size_t header = g->size - c.left;
    const size_t data_start = (header + g->alignment - 1) / g->alignment * g->alignment;
    if (data_start > g->size) {
        if (g->n_tensors == 0) return 0;
        return fail(&c, "truncated GGUF: the data section would start at %zu, the file has %zu bytes", data_start, g->size);
    }
    g->data = g->base + data_start;
    g->data_size = g->size - data_start;
    for (uint64_t i = 0; i < g->n_tensors; i++) {
        struct tern_gguf_tensor * t = &g->tensors[i];
        if (t->offset > g->data_size || t->nbytes > g->data_size - t->offset) {
            char name[65];
            return fail(&c, "truncated GGUF: tensor '%s' needs bytes %llu..%llu of a %zu-byte data section",
                        tern_gguf_printable(t->name, name, sizeof(name)), (unsigned long long) t->offset,
                        (unsigned long long) (t->offset + t->nbytes), g->data_size);
        }
        t->data = g->data + t->offset;
    }
    return 0;
}

int tern_gguf_parse(struct tern_gguf * g, const void * buf, size_t size, char * err, size_t err_size) {
    memset(g, 0, sizeof(*g));
    g->base = buf;
    g->size = size;
    if (parse(g, err, err_size) != 0) {
        tern_gguf_close(g);
        return -1;
    }
    return 0;
}

int tern_gguf_open(struct tern_gguf * g, const char * path, char * err, size_t err_size) {
    memset(g, 0, sizeof(*g));
    const int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, err_size, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_size, "%s is not a regular file", path);
        close(fd);
        return -1;
    }
    if (st.st_size == 0) {
        snprintf(err, err_size, "%s: empty file, not GGUF", path);
        close(fd);
        return -1;
    }
    void * map = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, err_size, "cannot map %s: %s", path, strerror(errno));
        return -1;
    }
    char inner[400];
    if (tern_gguf_parse(g, map, (size_t) st.st_size, inner, sizeof(inner)) != 0) {
        snprintf(err, err_size, "%s: %s", path, inner);
        munmap(map, (size_t) st.st_size);
        return -1;
    }
    g->mapped = true;
    return 0;
}

void tern_gguf_close(struct tern_gguf * g) {
    free(g->kv);
    free(g->tensors);
    if (g->mapped) munmap((void *) g->base, g->size);
    memset(g, 0, sizeof(*g));
}

const struct tern_gguf_kv * tern_gguf_find_kv(const struct tern_gguf * g, const char * key) {
    for (uint64_t i = 0; i < g->n_kv; i++) {
        if (tern_gguf_str_eq(g->kv[i].key, key)) return &g->kv[i];
    }
    return NULL;
}

const struct tern_gguf_tensor * tern_gguf_find_tensor(const struct tern_gguf * g, const char * name) {
    for (uint64_t i = 0; i < g->n_tensors; i++) {
        if (tern_gguf_str_eq(g->tensors[i].name, name)) return &g->tensors[i];
    }
    return NULL;
}

bool tern_gguf_get_u32(const struct tern_gguf * g, const char * key, uint32_t * out) {
    const struct tern_gguf_kv * kv = tern_gguf_find_kv(g, key);
    if (!kv) return false;
    switch (kv->type) {
    case TERN_GGUF_UINT8: case TERN_GGUF_UINT16: case TERN_GGUF_UINT32: case TERN_GGUF_UINT64:
        if (kv->v.u64 > UINT32_MAX) return false;
        *out = (uint32_t) kv->v.u64;
        return true;
    case TERN_GGUF_INT8: case TERN_GGUF_INT16: case TERN_GGUF_INT32: case TERN_GGUF_INT64:
        if (kv->v.i64 < 0 || kv->v.i64 > (int64_t) UINT32_MAX) return false;
        *out = (uint32_t) kv->v.i64;
        return true;
    default:
        return false;
    }
}

bool tern_gguf_get_f32(const struct tern_gguf * g, const char * key, float * out) {
    const struct tern_gguf_kv * kv = tern_gguf_find_kv(g, key);
    if (!kv || (kv->type != TERN_GGUF_FLOAT32 && kv->type != TERN_GGUF_FLOAT64)) return false;
    *out = (float) kv->v.f64;
    return true;
}

bool tern_gguf_get_bool(const struct tern_gguf * g, const char * key, bool * out) {
    const struct tern_gguf_kv * kv = tern_gguf_find_kv(g, key);
    if (!kv || kv->type != TERN_GGUF_BOOL) return false;
    *out = kv->v.u64 != 0;
    return true;
}

bool tern_gguf_get_str(const struct tern_gguf * g, const char * key, struct tern_gguf_str * out) {
    const struct tern_gguf_kv * kv = tern_gguf_find_kv(g, key);
    if (!kv || kv->type != TERN_GGUF_STRING) return false;
    *out = kv->v.str;
    return true;
}

bool tern_gguf_arr_strings(const struct tern_gguf_kv * kv, struct tern_gguf_str * out, uint64_t count) {
    if (!kv || kv->type != TERN_GGUF_ARRAY || kv->v.arr.type != TERN_GGUF_STRING || kv->v.arr.count != count) {
        return false;
    }
    const uint8_t * p = kv->v.arr.data;
    for (uint64_t i = 0; i < count; i++) {
        memcpy(&out[i].len, p, 8);
        out[i].ptr = (const char *) p + 8;
        p += 8 + out[i].len;
    }
    return true;
}
