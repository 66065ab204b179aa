// GGUF (v2, v3) reader: the whole header, every key/value and tensor description validated
// against the file before use. A corrupt or truncated file is a one-line error, never a
// crash. Tensor data stays in the mapping; nothing is copied.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tern_gguf_value_type {
    TERN_GGUF_UINT8 = 0, TERN_GGUF_INT8 = 1, TERN_GGUF_UINT16 = 2, TERN_GGUF_INT16 = 3,
    TERN_GGUF_UINT32 = 4, TERN_GGUF_INT32 = 5, TERN_GGUF_FLOAT32 = 6, TERN_GGUF_BOOL = 7,
    TERN_GGUF_STRING = 8, TERN_GGUF_ARRAY = 9, TERN_GGUF_UINT64 = 10, TERN_GGUF_INT64 = 11,
    TERN_GGUF_FLOAT64 = 12, TERN_GGUF_TYPE_COUNT
};

// GGML tensor types tern knows (ids of bitnet.cpp's llama.cpp fork; 34/35 as upstream).
enum tern_ggml_type {
    TERN_GGML_F32 = 0, TERN_GGML_F16 = 1, TERN_GGML_Q4_0 = 2, TERN_GGML_Q4_1 = 3, TERN_GGML_Q5_0 = 6,
    TERN_GGML_Q5_1 = 7, TERN_GGML_Q8_0 = 8, TERN_GGML_Q8_1 = 9, TERN_GGML_Q2_K = 10, TERN_GGML_Q3_K = 11,
    TERN_GGML_Q4_K = 12, TERN_GGML_Q5_K = 13, TERN_GGML_Q6_K = 14, TERN_GGML_Q8_K = 15, TERN_GGML_I8 = 24,
    TERN_GGML_I16 = 25, TERN_GGML_I32 = 26, TERN_GGML_I64 = 27, TERN_GGML_F64 = 28, TERN_GGML_BF16 = 30,
    TERN_GGML_TQ1_0 = 34, TERN_GGML_TQ2_0 = 35, TERN_GGML_I2_S = 36,
};

struct tern_gguf_str {
    const char * ptr;      // into the file; NOT NUL-terminated
    uint64_t len;
};

struct tern_gguf_kv {
    struct tern_gguf_str key;
    uint32_t type;                     // enum tern_gguf_value_type
    union {
        uint64_t u64;                  // every unsigned integer and bool
        int64_t i64;                   // every signed integer
        double f64;                    // float32 and float64
        struct tern_gguf_str str;
        struct {
            uint32_t type;             // element type
            uint64_t count;
            const uint8_t * data;      // first element in the file
        } arr;
    } v;
};

struct tern_gguf_tensor {
    struct tern_gguf_str name;
    uint32_t n_dims;
    uint64_t ne[4];                    // ne[0] = row length (k for a weight), ne[1] = rows (n)
    uint32_t type;                     // enum tern_ggml_type
    uint64_t offset;                   // from the start of the data section
    uint64_t nbytes;
    const uint8_t * data;
};

struct tern_gguf {
    const uint8_t * base;              // the whole file
    size_t size;
    bool mapped;                       // base is an mmap (closed by tern_gguf_close)
    uint32_t version;
    uint64_t alignment;
    uint64_t n_kv, n_tensors;
    struct tern_gguf_kv * kv;
    struct tern_gguf_tensor * tensors;
    const uint8_t * data;              // data section
    size_t data_size;
};

// Maps and parses path. 0, or -1 with a one-line reason in err.
int tern_gguf_open(struct tern_gguf * g, const char * path, char * err, size_t err_size);
// Parses a buffer the caller keeps alive (tests, fuzzing).
int tern_gguf_parse(struct tern_gguf * g, const void * buf, size_t size, char * err, size_t err_size);
void tern_gguf_close(struct tern_gguf * g);

const struct tern_gguf_kv * tern_gguf_find_kv(const struct tern_gguf * g, const char * key);
const struct tern_gguf_tensor * tern_gguf_find_tensor(const struct tern_gguf * g, const char * name);
bool tern_gguf_str_eq(struct tern_gguf_str s, const char * c);
// A string from the file made fit for a one-line message: at most 64 bytes, control
// characters shown as '?'. Returns buf.
const char * tern_gguf_printable(struct tern_gguf_str s, char * buf, size_t size);

const char * tern_ggml_type_name(uint32_t type);     // NULL if unknown
// Bytes of a tensor of `n` elements whose rows have ne0 elements; false if the type is
// unknown or ne0 does not fit its block.
bool tern_ggml_nbytes(uint32_t type, uint64_t ne0, uint64_t n, uint64_t * nbytes);

// ---------------------------------------------------------------------------- writer
// Builds a GGUF v3 file: key/values in the order added, then tensor descriptions, then the
// data, every tensor aligned to 32 bytes. Tensor data is either borrowed (data) or produced
// while writing by fill(), so multi-GiB models never need a second copy in memory.
struct tern_gguf_writer;

typedef int tern_gguf_fill_fn(void * ctx, uint8_t * dst, size_t nbytes);   // 0, or -1 to abort

struct tern_gguf_writer * tern_gguf_writer_new(void);
void tern_gguf_writer_free(struct tern_gguf_writer * w);

void tern_gguf_add_str(struct tern_gguf_writer * w, const char * key, const char * value);
void tern_gguf_add_u32(struct tern_gguf_writer * w, const char * key, uint32_t value);
void tern_gguf_add_i32(struct tern_gguf_writer * w, const char * key, int32_t value);
void tern_gguf_add_f32(struct tern_gguf_writer * w, const char * key, float value);
void tern_gguf_add_bool(struct tern_gguf_writer * w, const char * key, bool value);
// Arrays: strings given with lengths (they may hold any bytes), numbers as plain C arrays.
void tern_gguf_add_str_arr(struct tern_gguf_writer * w, const char * key, const char * const * strs,
                           const size_t * lens, size_t count);
void tern_gguf_add_f32_arr(struct tern_gguf_writer * w, const char * key, const float * values, size_t count);
void tern_gguf_add_i32_arr(struct tern_gguf_writer * w, const char * key, const int32_t * values, size_t count);

// A tensor of type `type`, ne[0] = row length. Exactly one of data / fill is non-NULL; the
// byte count follows from the type (tern_ggml_nbytes). Returns 0, -1 for a bad shape/type.
int tern_gguf_add_tensor(struct tern_gguf_writer * w, const char * name, uint32_t type, uint32_t n_dims,
                         const uint64_t * ne, const void * data, tern_gguf_fill_fn * fill, void * fill_ctx);

// Writes the file (to path.tmp, then renamed). 0, or -1 with a one-line reason in err.
int tern_gguf_writer_write(struct tern_gguf_writer * w, const char * path, char * err, size_t err_size);
// The same bytes into a malloc'd buffer (*out, *size; the caller frees it).
int tern_gguf_writer_write_mem(struct tern_gguf_writer * w, uint8_t ** out, size_t * size, char * err, size_t err_size);

// ---------------------------------------------------------------------------- typed lookups
// Scalar values by key, converted when the stored type allows it without loss (any integer
// type that fits; float32 or float64). false if missing or of another kind.
bool tern_gguf_get_u32(const struct tern_gguf * g, const char * key, uint32_t * out);
bool tern_gguf_get_f32(const struct tern_gguf * g, const char * key, float * out);
bool tern_gguf_get_bool(const struct tern_gguf * g, const char * key, bool * out);
bool tern_gguf_get_str(const struct tern_gguf * g, const char * key, struct tern_gguf_str * out);
// The strings of a string array (already bounds-checked by the parser) into out[count].
// false if kv is not an array of strings of exactly `count` elements.
bool tern_gguf_arr_strings(const struct tern_gguf_kv * kv, struct tern_gguf_str * out, uint64_t count);
