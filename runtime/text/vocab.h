// Inside the tokenizer (not installed): the vocabulary both encoders share, and the entry
// points of the byte-level BPE (bpe.c) and SentencePiece (spm.c) halves. tokenizer.c owns the
// common part: token texts and types, special tokens, end-of-generation ids, decoding.
#pragma once

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/tokenizer.h"

struct tern_gguf;

// GGUF token types (llama.cpp's llama_token_type).
enum { TOKEN_UNDEFINED = 0, TOKEN_NORMAL = 1, TOKEN_UNKNOWN = 2, TOKEN_CONTROL = 3, TOKEN_USER_DEFINED = 4,
       TOKEN_UNUSED = 5, TOKEN_BYTE = 6 };

#define TERN_PRE_MAX_PATTERNS 4

// A pre-tokenizer: regexes applied in turn, each one splitting the pieces the one before made
// (what llama.cpp's unicode_regex_split does with a list), and llama.cpp's flags for it.
struct tern_pretok {
    const char * name;
    const char * patterns[TERN_PRE_MAX_PATTERNS];   // NULL-terminated
    bool ignore_merges;           // a piece that is itself a token is not merged (Llama-3)
    bool add_bos;                 // llama.cpp's default when tokenizer.ggml.add_bos_token is absent
};

struct tern_vocab {
    enum tern_vocab_kind kind;
    size_t n;
    char * text;                  // every token's text, concatenated
    uint32_t * off, * len;        // (n)
    char * bytes;                 // every token's decoded bytes (what it prints)
    uint32_t * boff, * blen;      // (n)
    uint8_t * type;               // (n) TOKEN_*
    float * score;                // (n) SentencePiece merge priorities (0 when the file has none)
    int32_t * slots;              // text -> id, open addressing, -1 empty
    size_t mask;
    uint64_t * mkey;              // BPE merges: (left << 32 | right) -> rank and result
    int32_t * mrank, * mres;
    size_t mmask;
    uint16_t byte_cp[256];        // BPE: GPT-2's byte-to-unicode map
    int32_t byte_id[256];         // the token of each byte (BPE: GPT-2 mapped; SPM: <0xNN>, else unk, else -1)
    int32_t * specials;           // control, user-defined and unknown ids, longest text first
    size_t n_specials;
    const struct tern_pretok * pre;           // BPE
    pcre2_code * re[TERN_PRE_MAX_PATTERNS];
    size_t n_re;
    bool ignore_merges, add_bos, add_eos, add_space_prefix, clean_spaces;
    int32_t bos, eos, unk, eot;
    int32_t * eog;                // sorted ids
    size_t n_eog;
    char pre_name[32];
    char pre_why[200];
};

int32_t tern_vocab_find_n(const struct tern_vocab * v, const char * s, size_t n);

// One code point at s (n > 0 bytes left): its length, or 1 and -1 for a byte that does not
// start a valid UTF-8 sequence (overlong forms and surrogates included).
int32_t tern_utf8_decode(const unsigned char * s, size_t n, size_t * adv);

// The byte of a byte piece "<0xNN>" (either case of hex digit), else -1.
int tern_byte_piece(const char * s, size_t n);

// Token ids of one encode call.
struct tern_ids {
    int32_t * ids;
    size_t n, cap;
    bool oom;
};
void tern_ids_push(struct tern_ids * o, int32_t id);

// BPE: merges, byte tokens, decoded bytes and the pre-tokenizer (see tern_vocab_options).
int tern_bpe_load(struct tern_vocab * v, const struct tern_gguf * g, const char * arch, const char * pre_override,
                  char * err, size_t err_size);
// SentencePiece: byte-fallback tokens and decoded bytes.
int tern_spm_load(struct tern_vocab * v, char * err, size_t err_size);

// Scratch of one tern_tokenize call, grown to the longest piece; zero-initialise, then free.
struct tern_bpe_work;
struct tern_spm_work;
void tern_bpe_work_free(struct tern_bpe_work * w);
void tern_spm_work_free(struct tern_spm_work * w);

// Text without special tokens.
int tern_bpe_encode(const struct tern_vocab * v, struct tern_bpe_work ** w, const unsigned char * s, size_t n,
                    struct tern_ids * o, char * err, size_t err_size);
// space_prefix: a leading space (SentencePiece's add_dummy_prefix) before the text.
int tern_spm_encode(const struct tern_vocab * v, struct tern_spm_work ** w, const unsigned char * s, size_t n,
                    bool space_prefix, struct tern_ids * o, char * err, size_t err_size);
