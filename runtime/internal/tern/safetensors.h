// Hugging Face safetensors reader and writer: one model.safetensors, or shards named by
// model.safetensors.index.json. A file is a u64 little-endian header length N, N bytes of
// JSON ({"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}),
// then the data section the offsets count from. Every header is validated against its file
// before use (dtype known, shape x dtype size == end - begin without overflow, offsets
// inside the data section, no two tensors overlapping, no name twice, in one file or
// across shards). A corrupt file is a one-line error, never a crash. Tensor data stays in
// the mapping; nothing is copied.
//
// Shapes: `shape` is the file's (PyTorch) order, outermost first: a weight [out, in] has
// shape[0] = out rows of shape[1] = in values. `ne` is the same shape in GGUF order
// (ne[0] = row length = shape[n_dims - 1]), unused dimensions 1. Data is row-major in both.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TERN_ST_MAX_DIMS 8
#define TERN_ST_MAX_HEADER ((uint64_t) 100000000)   // as the reference implementation

// Every dtype of the safetensors format. All are listed with their sizes, so a caller
// can name what it refuses; a dtype string outside this list makes the file unreadable.
enum tern_st_dtype {
    TERN_ST_BOOL, TERN_ST_U8, TERN_ST_I8, TERN_ST_F8_E5M2, TERN_ST_F8_E4M3, TERN_ST_F8_E8M0,
    TERN_ST_I16, TERN_ST_U16, TERN_ST_F16, TERN_ST_BF16, TERN_ST_I32, TERN_ST_U32, TERN_ST_F32,
    TERN_ST_C64, TERN_ST_F64, TERN_ST_I64, TERN_ST_U64, TERN_ST_F4, TERN_ST_F6_E2M3, TERN_ST_F6_E3M2,
    TERN_ST_DTYPE_COUNT
};

const char * tern_st_dtype_name(uint32_t dtype);      // "BF16"; NULL if out of range
uint32_t tern_st_dtype_bits(uint32_t dtype);          // bits per element (F4: 4); 0 if out of range
bool tern_st_dtype_from_name(const char * name, uint32_t * dtype);

struct tern_st_tensor {
    const char * name;                 // NUL-terminated, owned by the tern_st
    uint32_t dtype;                    // enum tern_st_dtype
    uint32_t n_dims;                   // 0 for a scalar
    uint64_t shape[TERN_ST_MAX_DIMS];  // file order: shape[0] outermost (rows of a [out, in] weight)
    uint64_t ne[TERN_ST_MAX_DIMS];     // GGUF order: ne[0] = shape[n_dims - 1]; unused = 1
    uint64_t n_elements;
    uint64_t nbytes;
    uint32_t shard;                    // index into tern_st.shards
    uint64_t offset;                   // from the start of the shard's data section
    const uint8_t * data;              // in the mapping; aligned only as the file makes it
                                       // (the reference writer: to the element size)
};

struct tern_st_shard {
    char * path;                       // as opened ("" for a parsed buffer)
    const uint8_t * base;              // the whole file
    size_t size;
    bool mapped;                       // base is an mmap (closed by tern_st_close)
    const uint8_t * data;              // data section (after the header)
    size_t data_size;
};

struct tern_st {
    struct tern_st_shard * shards;
    size_t n_shards;
    struct tern_st_tensor * tensors;   // in file order: by shard, then by offset
    size_t n_tensors;
    uint32_t * by_name;                // (n_tensors) indices into tensors, sorted by name
    char * names;                      // storage of every tensor name
};

// A checkpoint folder: dir/model.safetensors.index.json when it exists (every shard it
// names opened and validated once; each tensor must be in the shard the index says, and
// each shard's tensors in the index), else dir/model.safetensors. 0, or -1 with a
// one-line reason in err.
int tern_st_open_dir(struct tern_st * st, const char * dir, char * err, size_t err_size);
// One .safetensors file.
int tern_st_open_file(struct tern_st * st, const char * path, char * err, size_t err_size);
// One file's bytes in a buffer the caller keeps alive while st is used (tests, fuzzing).
int tern_st_parse(struct tern_st * st, const void * buf, size_t size, char * err, size_t err_size);
// Unmaps every shard and frees everything; every pointer taken from st is then invalid.
void tern_st_close(struct tern_st * st);

// NULL if there is no tensor of that name (binary search).
const struct tern_st_tensor * tern_st_find(const struct tern_st * st, const char * name);
// Releases the pages of a tensor's bytes already consumed (madvise(MADV_DONTNEED) on the
// whole pages inside it), so a converter streaming tensors holds one tensor at a time.
// The data can still be read afterwards (it comes back from the file). No-op for buffers.
void tern_st_drop(const struct tern_st * st, const struct tern_st_tensor * t);

// The parsed index of a sharded checkpoint: tensor name -> shard file name (plain file
// names in the same folder: no '/', not "." or ".."). Exposed for tests and fuzzing; text
// (len bytes) need not be NUL-terminated.
struct tern_st_index {
    size_t n;
    char ** tensor;                    // (n) sorted by name, no duplicates
    char ** file;                      // (n) the shard file holding tensor[i]
};
int tern_st_index_parse(struct tern_st_index * idx, const char * text, size_t len, const char * what, char * err,
                        size_t err_size);
void tern_st_index_free(struct tern_st_index * idx);

// ---------------------------------------------------------------------------- writer
// Writes model.safetensors, or shards model-0000i-of-0000n.safetensors of at most
// shard_bytes of tensor data each (a bigger tensor gets a shard of its own) plus
// model.safetensors.index.json. As the reference writer: wider dtypes first, then by name
// (so every tensor starts aligned to its element size), each header padded with spaces to
// a multiple of 8 bytes. Data is either borrowed (data) or produced while writing by
// fill(), so nothing needs a second copy.
struct tern_st_writer;

typedef int tern_st_fill_fn(void * ctx, uint8_t * dst, size_t nbytes);   // 0, or -1 to abort

struct tern_st_writer * tern_st_writer_new(void);
void tern_st_writer_free(struct tern_st_writer * w);
// shape in file order (n_dims 0..8; zero dimensions allowed). Exactly one of data / fill.
// 0, or -1 for a bad shape/dtype/name (then writing refuses too).
int tern_st_writer_add(struct tern_st_writer * w, const char * name, uint32_t dtype, uint32_t n_dims,
                       const uint64_t * shape, const void * data, tern_st_fill_fn * fill, void * fill_ctx);
void tern_st_writer_set_shard_bytes(struct tern_st_writer * w, uint64_t shard_bytes);   // 0 = one file
// Writes into the existing folder dir (each file via a .tmp name, then renamed).
int tern_st_writer_write(struct tern_st_writer * w, const char * dir, char * err, size_t err_size);
