// The tokenizer of a GGUF vocabulary (tokenizer.ggml.*), as llama.cpp / bitnet.cpp tokenize:
//   - byte-level BPE (tokenizer.ggml.model "gpt2": Llama-3, Falcon3): a pre-tokenizer chosen by
//     tokenizer.ggml.pre (a table: llama3 / llama-bpe / falcon3, default, gpt2; PCRE2 regexes in
//     UTF mode with Unicode properties), then rank-ordered merges per piece;
//   - SentencePiece (model "llama": LLaMA-1/2, 1bitLLM): spaces as U+2581, a leading space
//     (add_space_prefix), score-ordered merges over characters, byte fallback <0xNN>.
// Special tokens are split out of the text first: user-defined ones always, control and
// unknown ones when asked (parse_special). Any byte string encodes; bytes that are not valid
// UTF-8 become their byte tokens, so decoding gives them back (llama.cpp instead turns them
// into U+FFFD in BPE, and in SentencePiece lets a broken sequence swallow the next byte).
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tern_gguf;
struct tern_vocab;

enum tern_vocab_kind { TERN_VOCAB_BPE, TERN_VOCAB_SPM };

struct tern_vocab_options {
    // general.architecture, which picks the pre-tokenizer when tokenizer.ggml.pre is missing
    // (bitnet-b1.58 -> Llama-3's, as the published 2B4T file needs). NULL: read it from the file.
    const char * arch;
    // A pre-tokenizer by name (any tokenizer.ggml.pre value tern knows, see
    // tern_pretokenizer_name), in place of the file's: `--pre-tokenizer default` reproduces
    // bitnet.cpp's tokenization of the 2B4T file. NULL: the file's. Refused for SentencePiece.
    const char * pre;
};

// Whether the file carries a tokenizer at all (tokenizer.ggml.model): a model file may have none.
bool tern_vocab_present(const struct tern_gguf * g);
// The file's vocabulary, or NULL with a one-line reason: none in the file, or one tern cannot
// use (another tokenizer.ggml.model, an unknown pre-tokenizer, malformed arrays, bad ids). o
// may be NULL (tern_vocab_load is load_opts with NULL).
struct tern_vocab * tern_vocab_load_opts(const struct tern_gguf * g, const struct tern_vocab_options * o, char * err,
                                         size_t err_size);
struct tern_vocab * tern_vocab_load(const struct tern_gguf * g, char * err, size_t err_size);
void tern_vocab_free(struct tern_vocab * v);

size_t tern_vocab_size(const struct tern_vocab * v);
enum tern_vocab_kind tern_vocab_kind(const struct tern_vocab * v);
const char * tern_vocab_kind_name(const struct tern_vocab * v);   // "byte-level BPE" / "SentencePiece"
int32_t tern_vocab_bos(const struct tern_vocab * v);       // -1 if none
int32_t tern_vocab_eos(const struct tern_vocab * v);
int32_t tern_vocab_unk(const struct tern_vocab * v);
int32_t tern_vocab_eot(const struct tern_vocab * v);       // eot_token_id, else <|eot_id|>, <|im_end|> ... by name
bool tern_vocab_add_bos(const struct tern_vocab * v);      // add_bos_token (default: SPM and Llama-3 true)
bool tern_vocab_add_eos(const struct tern_vocab * v);      // tokenizer.ggml.add_eos_token (default false)
bool tern_vocab_add_space_prefix(const struct tern_vocab * v);   // tokenizer.ggml.add_space_prefix (SPM default true)
// End of generation, as llama.cpp marks it: the eos id, tokenizer.ggml.eot_token_id and
// eom_token_id, and the tokens named <|eot_id|>, <|eom_id|>, <|end_of_text|>, <|endoftext|>,
// </s>, <|im_end|>, <|end|>, <end_of_turn>, <EOT>, <end_of_utterance>.
bool tern_vocab_is_eog(const struct tern_vocab * v, int32_t id);
size_t tern_vocab_eog(const struct tern_vocab * v, const int32_t ** ids);   // all of them, ascending
int32_t tern_vocab_find(const struct tern_vocab * v, const char * text);   // exact token text, -1 if absent
const char * tern_vocab_token_text(const struct tern_vocab * v, int32_t id, size_t * len);   // NULL if out of range
// The pre-tokenizer in use ("llama3", "default", "gpt2"; "none" for SentencePiece) and why,
// e.g. "tokenizer.ggml.pre missing: arch bitnet-b1.58's own tokenizer is Llama-3's".
const char * tern_vocab_pre(const struct tern_vocab * v);
const char * tern_vocab_pre_why(const struct tern_vocab * v);
// Every name tern_vocab_options.pre / tokenizer.ggml.pre accepts; NULL past the last.
const char * tern_pretokenizer_name(size_t i);

// Encodes len bytes of text. add_special: BOS first when the vocabulary adds one
// (tern_vocab_add_bos), EOS last when it adds one (llama_tokenize's add_special).
// parse_special: the text of control and unknown tokens (<|eot_id|>, </s> ...) is that token;
// otherwise it is ordinary text (user-defined tokens are split out either way, as llama.cpp
// and Hugging Face do). *out is malloc'd (caller frees). 0, or -1 with err.
int tern_tokenize(const struct tern_vocab * v, const char * text, size_t len, bool add_special, bool parse_special,
                  int32_t ** out, size_t * n_out, char * err, size_t err_size);

// The bytes of one token into buf (at most cap; returns the full length): SentencePiece's
// U+2581 as a space, <0xNN> as its byte. Control and unknown tokens give their text only
// when `special` is true, else nothing.
size_t tern_token_bytes(const struct tern_vocab * v, int32_t id, bool special, char * buf, size_t cap);

// ids back to text as llama_detokenize does: the pieces joined, the first piece's leading
// space dropped when the vocabulary adds one (add_space_prefix) unless a leading BOS was
// removed; remove_special drops a leading BOS / trailing EOS the vocabulary adds;
// unparse_special prints control tokens' text; BPE vocabularies then clean up spaces before
// ?!., and contractions (clean_up_tokenization_spaces). *out is malloc'd and NUL-terminated.
int tern_detokenize(const struct tern_vocab * v, const int32_t * ids, size_t n, bool remove_special,
                    bool unparse_special, char ** out, size_t * len, char * err, size_t err_size);

// Streamed output never cuts a UTF-8 character: bytes of an incomplete trailing sequence are
// held back until the rest arrives (or flushed as they are at the end).
struct tern_utf8_stream {
    char pending[4];
    size_t n_pending;
};
// Appends in[0..n) and writes what can be shown to out (room for n + 4); returns its length.
size_t tern_utf8_stream_push(struct tern_utf8_stream * s, const char * in, size_t n, char * out);
size_t tern_utf8_stream_flush(struct tern_utf8_stream * s, char * out);
