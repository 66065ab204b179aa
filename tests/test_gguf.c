// The GGUF reader: reads bitnet.cpp's file (shared/fixtures/bitnetcpp-tiny) with the
// tensors meta.json lists; refuses crafted bad headers with a message naming the problem;
// every truncation and thousands of random byte flips end in "ok" or a one-line error,
// never a crash (this test also runs under ASan/UBSan in scripts/test.sh).

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_file.h"
#include "tern/gguf.h"
#include "tern/presets.h"
#include "tern/tokenizer.h"
#include "tern/i2s_disk.h"
#include <unistd.h>
#include "tern/tune.h"

// ---------------------------------------------------------------------------- a tiny writer

struct buf {
    uint8_t data[4096];
    size_t len;
};

static void put(struct buf * b, const void * p, size_t n) {
    if (b->len + n <= sizeof(b->data)) memcpy(b->data + b->len, p, n);
    b->len += n;
}
static void put_u32(struct buf * b, uint32_t v) { put(b, &v, 4); }
static void put_u64(struct buf * b, uint64_t v) { put(b, &v, 8); }
static void put_str(struct buf * b, const char * s) {
    put_u64(b, strlen(s));
    put(b, s, strlen(s));
}

// A valid file: 2 key/values, one F32 tensor of shape (8, 2) and one I2_S (128, 2).
static void build_valid(struct buf * b, uint32_t version) {
    memset(b, 0, sizeof(*b));
    put(b, "GGUF", 4);
    put_u32(b, version);
    put_u64(b, 2);      // tensors
    put_u64(b, 2);      // key/values
    put_str(b, "general.architecture");
    put_u32(b, TERN_GGUF_STRING);
    put_str(b, "bitnet-b1.58");
    put_str(b, "tokenizer.ggml.tokens");
    put_u32(b, TERN_GGUF_ARRAY);
    put_u32(b, TERN_GGUF_STRING);
    put_u64(b, 2);
    put_str(b, "a");
    put_str(b, "bc");
    put_str(b, "blk.0.attn_x.weight");
    put_u32(b, 2);
    put_u64(b, 8);
    put_u64(b, 2);
    put_u32(b, TERN_GGML_F32);
    put_u64(b, 0);
    put_str(b, "blk.0.attn_q.weight");
    put_u32(b, 2);
    put_u64(b, 128);
    put_u64(b, 2);
    put_u32(b, TERN_GGML_I2_S);
    put_u64(b, 64);
    while (b->len % 32) put(b, "", 1);
    const uint8_t zeros[64 + 96] = { 0 };
    put(b, zeros, sizeof(zeros));     // 64 bytes of F32, then I2_S: 64 packed + 32 tail
}

static int parse_buf(const struct buf * b, char * err, size_t err_size) {
    struct tern_gguf g;
    const int rc = tern_gguf_parse(&g, b->data, b->len, err, err_size);
    if (rc == 0) tern_gguf_close(&g);
    return rc;
}

// Overwrites the bytes at the first occurrence of `find` with `repl` (same length).
static void patch(struct buf * b, const void * find, size_t n, const void * repl) {
    for (size_t i = 0; i + n <= b->len; i++) {
        if (memcmp(b->data + i, find, n) == 0) {
            memcpy(b->data + i, repl, n);
            return;
        }
    }
}

// Header offsets of build_valid: magic 0, version 4, tensor count 8, kv count 16, first key 24.
static void m_magic(struct buf * b) { b->data[0] = 'X'; }
static void m_version1(struct buf * b) { b->data[4] = 1; }
static void m_version9(struct buf * b) { b->data[4] = 9; }
static void m_kv_count(struct buf * b) { memset(b->data + 16, 0x7f, 8); }
static void m_tensor_count(struct buf * b) { memset(b->data + 8, 0x7f, 8); }
static void m_string_len(struct buf * b) { memset(b->data + 24, 0x7f, 8); }
static void m_value_type(struct buf * b) {
    const uint32_t t = 99;
    memcpy(b->data + 24 + 8 + 20, &t, 4);     // after "general.architecture"
}
static void m_tensor_type(struct buf * b) {
    // The F32 tensor: dims 8, 2 then type 0; make the type 77.
    uint8_t pat[20], rep[20];
    const uint64_t d0 = 8, d1 = 2;
    const uint32_t f32 = TERN_GGML_F32, bad = 77;
    memcpy(pat, &d0, 8);
    memcpy(pat + 8, &d1, 8);
    memcpy(pat + 16, &f32, 4);
    memcpy(rep, pat, 16);
    memcpy(rep + 16, &bad, 4);
    patch(b, pat, 20, rep);
}
static void m_offset(struct buf * b) {
    const uint64_t o = 64, o2 = 65;
    patch(b, &o, 8, &o2);
}
static void m_zero_dim(struct buf * b) {
    const uint64_t d = 128, z = 0;
    patch(b, &d, 8, &z);
}
static void m_dims(struct buf * b) {
    const uint32_t two = 2, five = 5;
    patch(b, &two, 4, &five);
}
static void m_newline(struct buf * b) {
    // A control character in a name must not split the one-line error (found by fuzzing).
    patch(b, "general.architecture", 20, "general\narchitecture");
    m_value_type(b);
}
static void m_duplicate(struct buf * b) { patch(b, "attn_x", 6, "attn_q"); }
static void m_short(struct buf * b) { b->len -= 40; }
static void m_alignment(struct buf * b) {
    // Rename the architecture key to general.alignment: a string where a uint32 must be.
    const uint64_t n20 = 20, n17 = 17;
    patch(b, "general.architecture", 20, "general.alignment\0\0\0");
    patch(b, &n20, 8, &n17);
    memmove(b->data + 24 + 8 + 17, b->data + 24 + 8 + 20, b->len - (24 + 8 + 20));
    b->len -= 3;
}

static void test_crafted(void) {
    struct buf b;
    char err[512];
    build_valid(&b, 3);
    struct tern_gguf g;
    CHECK(tern_gguf_parse(&g, b.data, b.len, err, sizeof(err)) == 0, "valid file refused: %s", err);
    if (g.n_tensors == 2) {
        const struct tern_gguf_kv * kv = tern_gguf_find_kv(&g, "general.architecture");
        CHECK(kv && kv->type == TERN_GGUF_STRING && tern_gguf_str_eq(kv->v.str, "bitnet-b1.58"), "arch kv");
        kv = tern_gguf_find_kv(&g, "tokenizer.ggml.tokens");
        CHECK(kv && kv->v.arr.count == 2 && kv->v.arr.type == TERN_GGUF_STRING, "array kv");
        const struct tern_gguf_tensor * t = tern_gguf_find_tensor(&g, "blk.0.attn_q.weight");
        CHECK(t && t->type == TERN_GGML_I2_S && t->nbytes == 64 + 32 && t->ne[0] == 128 && t->ne[1] == 2, "i2s tensor");
        CHECK(t && t->data == g.data + 64, "tensor data pointer");
        // tokens but no tokenizer.ggml.model: no tokenizer, said as such (not an empty reason)
        CHECK(!tern_vocab_present(&g), "no tokenizer.ggml.model, yet a tokenizer is present");
        err[0] = '\0';
        CHECK(!tern_vocab_load(&g, err, sizeof(err)) && err[0] && !strchr(err, '\n'),
              "a file without a tokenizer: NULL and a one-line reason, got '%s'", err);
        tern_gguf_close(&g);
    }
    build_valid(&b, 2);
    CHECK(parse_buf(&b, err, sizeof(err)) == 0, "version 2 refused: %s", err);

    static const struct {
        const char * label;
        void (*mutate)(struct buf *);
        const char * want;
    } cases[] = {
        { "bad magic", m_magic, "bad magic" },
        { "version 1", m_version1, "unsupported GGUF version 1" },
        { "version 9", m_version9, "unsupported GGUF version 9" },
        { "huge kv count", m_kv_count, "key/values cannot fit" },
        { "huge tensor count", m_tensor_count, "tensors cannot fit" },
        { "huge string", m_string_len, "bytes long" },
        { "unknown value type", m_value_type, "unknown value type 99" },
        { "unknown tensor type", m_tensor_type, "tensor type 77" },
        { "misaligned offset", m_offset, "not 32-aligned" },
        { "zero dim", m_zero_dim, "impossible shape" },
        { "five dims", m_dims, "dimensions" },
        { "duplicate name", m_duplicate, "blk.0.attn_q.weight' appears twice" },
        { "data past end", m_short, "truncated GGUF" },
        { "bad alignment kv", m_alignment, "general.alignment" },
        { "newline in a name", m_newline, "key 'general?architecture' has unknown value type 99" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        build_valid(&b, 3);
        cases[i].mutate(&b);
        const int rc = parse_buf(&b, err, sizeof(err));
        CHECK(rc != 0 && strstr(err, cases[i].want) && !strchr(err, '\n'), "%s: rc %d, message '%s'", cases[i].label,
              rc, err);
    }
}

// ---------------------------------------------------------------------------- robustness

static void test_mutations(const uint8_t * file, size_t size, size_t header_end) {
    char err[512];
    uint8_t * copy = malloc(size);
    size_t errors = 0, oks = 0;
    // Every truncation through the header, then a spread through the data.
    for (size_t cut = 0; cut < size; cut += cut < header_end + 64 ? 1 : 4099) {
        struct tern_gguf g;
        if (tern_gguf_parse(&g, file, cut, err, sizeof(err)) == 0) {
            oks++;
            tern_gguf_close(&g);
        } else {
            errors++;
            CHECK(err[0] && !strchr(err, '\n'), "truncation at %zu: empty or multi-line error", cut);
        }
    }
    CHECK(oks == 0, "%zu truncated files were accepted", oks);
    // Random byte flips in the header.
    uint64_t seed = 11;
    for (int i = 0; i < 3000; i++) {
        memcpy(copy, file, size);
        const int flips = 1 + (int) (rng_next(&seed) % 4);
        for (int f = 0; f < flips; f++) {
            copy[rng_next(&seed) % header_end] ^= (uint8_t) (1u << (rng_next(&seed) % 8));
        }
        struct tern_gguf g;
        if (tern_gguf_parse(&g, copy, size, err, sizeof(err)) == 0) {
            // Whatever parsed must be self-consistent: every tensor inside the buffer.
            for (uint64_t t = 0; t < g.n_tensors; t++) {
                CHECK(g.tensors[t].data >= copy && g.tensors[t].data + g.tensors[t].nbytes <= copy + size,
                      "flip %d: tensor %llu outside the file", i, (unsigned long long) t);
            }
            tern_gguf_close(&g);
        } else {
            CHECK(err[0] && !strchr(err, '\n'), "flip %d: empty or multi-line error", i);
        }
    }
    free(copy);
    printf("mutations: %zu truncations refused\n", errors);
}


static void test_fixture(const char * dir) {
    char path[1024], err[512];
    snprintf(path, sizeof(path), "%s/model.gguf", dir);
    struct tern_gguf g;
    if (tern_gguf_open(&g, path, err, sizeof(err)) != 0) {
        if (strstr(err, "cannot open")) {
            printf("SKIP fixture: %s\n", err);
            return;
        }
        CHECK(0, "fixture refused: %s", err);
        return;
    }
    CHECK(g.version == 3 && g.n_tensors == 24 && g.n_kv == 24, "fixture: version %u, %llu tensors, %llu kv", g.version,
          (unsigned long long) g.n_tensors, (unsigned long long) g.n_kv);
    const struct tern_gguf_kv * arch = tern_gguf_find_kv(&g, "general.architecture");
    CHECK(arch && arch->type == TERN_GGUF_STRING && tern_gguf_str_eq(arch->v.str, "bitnet-b1.58"), "fixture arch");
    const struct tern_gguf_kv * merges = tern_gguf_find_kv(&g, "tokenizer.ggml.merges");
    CHECK(merges && merges->type == TERN_GGUF_ARRAY && merges->v.arr.count == 246, "fixture merges");
    const struct tern_gguf_tensor * q = tern_gguf_find_tensor(&g, "blk.0.attn_q.weight");
    CHECK(q && q->type == TERN_GGML_I2_S && q->ne[0] == 256 && q->ne[1] == 256 && q->offset == 263168 &&
          q->nbytes == 16416, "fixture blk.0.attn_q (offset and size as meta.json lists them)");
    const struct tern_gguf_tensor * e = tern_gguf_find_tensor(&g, "token_embd.weight");
    CHECK(e && e->type == TERN_GGML_F16 && e->ne[0] == 256 && e->ne[1] == 512 && e->nbytes == 262144, "fixture token_embd");

    struct tern_tune_shape shapes[8];
    const size_t n = tern_gguf_linear_shapes(&g, shapes, 8);
    CHECK(n == 4, "fixture linear shapes: %zu", n);
    if (n == 4) {
        CHECK(shapes[0].k == 256 && shapes[0].n == 256 && shapes[0].per_layer == 2 &&
              strcmp(shapes[0].name, "attn_q+attn_output") == 0, "shape 0: %s", shapes[0].name);
        CHECK(shapes[1].k == 256 && shapes[1].n == 64 && strcmp(shapes[1].name, "attn_k+attn_v") == 0, "shape 1");
        CHECK(shapes[3].k == 640 && shapes[3].n == 256 && strcmp(shapes[3].name, "ffn_down") == 0, "shape 3");
    }
    const size_t header_end = (size_t) (g.data - g.base);
    tern_gguf_close(&g);

    size_t size;
    uint8_t * file = (uint8_t *) check_read_file(path, &size);
    if (file) {
        test_mutations(file, size, header_end);
        free(file);
    }
}

// ---------------------------------------------------------------------------- the writer

static int fill_pattern(void * ctx, uint8_t * dst, size_t n) {
    const uint8_t seed = *(const uint8_t *) ctx;
    for (size_t i = 0; i < n; i++) dst[i] = (uint8_t) (seed + 7 * i);
    return 0;
}

// Every kind of value and both kinds of tensor data written, read back equal, and every
// truncation of the written file refused.
static void test_writer(void) {
    char path[256], err[256];
    snprintf(path, sizeof(path), "%s/tern-writer-%d.gguf", P_tmpdir, (int) getpid());
    struct tern_gguf_writer * w = tern_gguf_writer_new();
    tern_gguf_add_str(w, "general.architecture", "bitnet-b1.58");
    tern_gguf_add_u32(w, "a.u32", 4000000000u);
    tern_gguf_add_i32(w, "a.i32", -7);
    tern_gguf_add_f32(w, "a.f32", 0.25f);
    tern_gguf_add_bool(w, "a.bool", true);
    const char * strs[] = { "x", "with\0nul", "" };
    const size_t lens[] = { 1, 9, 0 };
    tern_gguf_add_str_arr(w, "a.strs", strs, lens, 3);
    const float fs[] = { 1.5f, -2.0f };
    tern_gguf_add_f32_arr(w, "a.f32s", fs, 2);
    const int32_t is[] = { 3, -4, 5 };
    tern_gguf_add_i32_arr(w, "a.i32s", is, 3);
    const float data[8 * 2] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    const uint64_t ne_f32[2] = { 8, 2 }, ne_i2s[2] = { 200, 3 };
    uint8_t seed = 11;
    CHECK(tern_gguf_add_tensor(w, "t.f32", TERN_GGML_F32, 2, ne_f32, data, NULL, NULL) == 0, "add F32");
    CHECK(tern_gguf_add_tensor(w, "t.i2s", TERN_GGML_I2_S, 2, ne_i2s, NULL, fill_pattern, &seed) == 0, "add I2_S");
    CHECK(tern_gguf_writer_write(w, path, err, sizeof(err)) == 0, "write: %s", err);
    tern_gguf_writer_free(w);

    struct tern_gguf g;
    CHECK(tern_gguf_open(&g, path, err, sizeof(err)) == 0, "read back: %s", err);
    if (g.base) {
        uint32_t u;
        float f;
        bool b;
        struct tern_gguf_str str;
        CHECK(tern_gguf_get_u32(&g, "a.u32", &u) && u == 4000000000u, "u32");
        CHECK(!tern_gguf_get_u32(&g, "a.i32", &u), "a negative i32 is not a u32");
        CHECK(tern_gguf_find_kv(&g, "a.i32")->v.i64 == -7, "i32");
        CHECK(tern_gguf_get_f32(&g, "a.f32", &f) && f == 0.25f, "f32");
        CHECK(tern_gguf_get_bool(&g, "a.bool", &b) && b, "bool");
        CHECK(tern_gguf_get_str(&g, "general.architecture", &str) && tern_gguf_str_eq(str, "bitnet-b1.58"), "str");
        struct tern_gguf_str back[3];
        CHECK(tern_gguf_arr_strings(tern_gguf_find_kv(&g, "a.strs"), back, 3) && back[1].len == 9 &&
              memcmp(back[1].ptr, "with\0nul", 9) == 0 && back[2].len == 0, "string array");
        CHECK(!tern_gguf_arr_strings(tern_gguf_find_kv(&g, "a.strs"), back, 2), "string array count is checked");
        const struct tern_gguf_kv * kv = tern_gguf_find_kv(&g, "a.i32s");
        CHECK(kv && kv->v.arr.count == 3 && memcmp(kv->v.arr.data, is, 12) == 0, "i32 array");
        const struct tern_gguf_tensor * t = tern_gguf_find_tensor(&g, "t.f32");
        CHECK(t && t->type == TERN_GGML_F32 && t->ne[0] == 8 && t->ne[1] == 2 && memcmp(t->data, data, 64) == 0, "F32 tensor");
        t = tern_gguf_find_tensor(&g, "t.i2s");
        uint8_t want[256];
        fill_pattern(&seed, want, sizeof(want));
        CHECK(t && t->nbytes == tern_i2s_disk_bytes(600) && memcmp(t->data, want, (size_t) t->nbytes) == 0, "I2_S tensor");
        CHECK(t && (uintptr_t) (t->data - g.data) % 32 == 0, "tensor data aligned to 32");
        // Every truncation is a one-line error.
        for (size_t cut = 0; cut < g.size; cut++) {
            struct tern_gguf h;
            const int rc = tern_gguf_parse(&h, g.base, cut, err, sizeof(err));
            CHECK(rc != 0 && err[0] && !strchr(err, '\n'), "truncated at %zu parsed", cut);
            if (rc == 0) tern_gguf_close(&h);
        }
        tern_gguf_close(&g);
    }
    remove(path);
    // Bad tensors are refused when added, and the file is then not written.
    w = tern_gguf_writer_new();
    const uint64_t ne_bad[2] = { 7, 2 };
    CHECK(tern_gguf_add_tensor(w, "q", TERN_GGML_Q8_0, 2, ne_bad, data, NULL, NULL) != 0, "7-wide Q8_0 rows refused");
    CHECK(tern_gguf_add_tensor(w, "u", 99, 2, ne_f32, data, NULL, NULL) != 0, "unknown type refused");
    CHECK(tern_gguf_writer_write(w, path, err, sizeof(err)) != 0 && access(path, F_OK) != 0, "bad writer writes nothing");
    tern_gguf_writer_free(w);
}

int main(int argc, char ** argv) {
    test_crafted();
    test_writer();
    if (argc > 1) test_fixture(argv[1]);
    char err[256];
    struct tern_gguf g;
    CHECK(tern_gguf_open(&g, "/nonexistent.gguf", err, sizeof(err)) != 0 && strstr(err, "cannot open"), "missing");
    CHECK(tern_gguf_open(&g, "/", err, sizeof(err)) != 0 && strstr(err, "not a regular file"), "directory: %s", err);
    return check_summary("test_gguf");
}
