// Byte-level BPE tokenizer from a GGUF vocabulary (tokenizer.ggml.*), GPT-2 / Llama-3 style:
// special tokens split out first (when asked), then a pre-tokenizer regex (PCRE2, UTF mode,
// Unicode properties; Llama-3's when tokenizer.ggml.pre is missing, as in Microsoft's 2B4T
// file), then rank-ordered merges per piece. Any byte string round-trips: bytes that are not
// valid UTF-8 are still encoded, as their byte tokens.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_gguf;
struct tern_vocab;

// NULL with err[0] == '\0' when the file carries no tokenizer; NULL with a one-line reason
// when it carries one tern cannot use (SentencePiece, malformed arrays, bad ids).
struct tern_vocab * tern_vocab_load(const struct tern_gguf * g, char * err, size_t err_size);
void tern_vocab_free(struct tern_vocab * v);

size_t tern_vocab_size(const struct tern_vocab * v);
int32_t tern_vocab_bos(const struct tern_vocab * v);       // -1 if none
int32_t tern_vocab_eos(const struct tern_vocab * v);
bool tern_vocab_add_bos(const struct tern_vocab * v);      // tokenizer.ggml.add_bos_token (default true)
bool tern_vocab_is_eog(const struct tern_vocab * v, int32_t id);   // eos, <|eot_id|>, <|end_of_text|>, <|eom_id|>
int32_t tern_vocab_find(const struct tern_vocab * v, const char * text);   // exact token text, -1 if absent
const char * tern_vocab_pre(const struct tern_vocab * v);   // the pre-tokenizer in use ("llama3", "gpt2")

// Encodes len bytes of text. parse_special: the text of control tokens (<|eot_id|> ...) is
// that token; otherwise it is ordinary text. *out is malloc'd (caller frees). 0, or -1 with err.
int tern_tokenize(const struct tern_vocab * v, const char * text, size_t len, bool add_bos, bool parse_special,
                  int32_t ** out, size_t * n_out, char * err, size_t err_size);

// The bytes of one token into buf (at most cap; returns the full length). Control tokens
// give their text only when `special` is true, else nothing.
size_t tern_token_bytes(const struct tern_vocab * v, int32_t id, bool special, char * buf, size_t cap);

// Streamed output never cuts a UTF-8 character: bytes of an incomplete trailing sequence are
// held back until the rest arrives (or flushed as they are at the end).
struct tern_utf8_stream {
    char pending[4];
    size_t n_pending;
};
// Appends in[0..n) and writes what can be shown to out (room for n + 4); returns its length.
size_t tern_utf8_stream_push(struct tern_utf8_stream * s, const char * in, size_t n, char * out);
size_t tern_utf8_stream_flush(struct tern_utf8_stream * s, char * out);
