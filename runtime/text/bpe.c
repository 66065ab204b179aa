// Byte-level BPE (GPT-2 / Llama-3 / Falcon3): the pre-tokenizer table, merges, encoding.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/alloc.h"
#include "tern/bpe_bytes.h"
#include "tern/gguf.h"
#include "heap.h"
#include "vocab.h"

// JavaScript's \s (WhiteSpace + LineTerminator), which the reference tokenizers use; PCRE2's
// own \s differs on U+FEFF.
#define WS "\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}" \
           "\\x{feff}"

// Llama-3's pre-tokenizer (tokenizer.json "Split" pattern), \s spelled out as above.
static const char llama3_pattern[] =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^" WS "\\p{L}\\p{N}]+[\\r\\n]*"
    "|[" WS "]*[\\r\\n]+|[" WS "]+(?![^" WS "])|[" WS "]+";
// GPT-2's.
static const char gpt2_pattern[] =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^" WS "\\p{L}\\p{N}]+|[" WS "]+(?![^" WS "])|[" WS "]+";

// The pre-tokenizers, as llama.cpp's llm_tokenizer_bpe has them (src/llama-vocab.cpp).
static const struct tern_pretok pretoks[] = {
    { "llama3", { llama3_pattern }, true, true },
    // llama.cpp's fallback when tokenizer.ggml.pre is missing (what bitnet.cpp does with
    // Microsoft's 2B4T file): punctuation runs, then GPT-2's split, then digit runs, then
    // three-digit groups.
    { "default", { "[\\p{P}\\$\\+<=>\\^~\\|]+", gpt2_pattern, "\\p{N}+", "[0-9][0-9][0-9]" }, false, false },
    { "gpt2", { gpt2_pattern }, false, false },
};

// tokenizer.ggml.pre values -> a row above (llama.cpp's names; falcon_e as ik_llama.cpp maps it).
static const struct {
    const char * name, * row;
} pre_names[] = {
    { "llama3", "llama3" }, { "llama-v3", "llama3" }, { "llama-bpe", "llama3" }, { "falcon3", "llama3" },
    { "falcon_e", "llama3" }, { "default", "default" }, { "gpt2", "gpt2" }, { "gpt-2", "gpt2" },
};

// With no tokenizer.ggml.pre, the split of the model's own Hugging Face tokenizer, by arch.
static const struct {
    const char * arch, * row, * why;
} arch_pre[] = {
    { "bitnet-b1.58", "llama3", "BitNet b1.58 2B4T's own tokenizer is Llama-3's" },
    { "bitnet-25", "llama3", "BitNet b1.58 2B4T's own tokenizer is Llama-3's" },
    // A byte-level vocabulary under the 1bitLLM arch name is a 2B4T conversion by an older
    // converter (1bitLLM's own models are SentencePiece).
    { "bitnet", "llama3", "a byte-level vocabulary of this arch is 2B4T's, Llama-3's" },
    // Llama3-8B-1.58 ships Llama-3's tokenizer, and Falcon3 / Falcon-E split the same way
    // (llama.cpp maps falcon3 to Llama-3's regex).
    { "llama", "llama3", "Llama3-8B-1.58, Falcon3 and Falcon-E split as Llama-3" },
};

const char * tern_pretokenizer_name(size_t i) {
    return i < sizeof(pre_names) / sizeof(pre_names[0]) ? pre_names[i].name : NULL;
}

static const struct tern_pretok * pretok_row(const char * row) {
    for (size_t i = 0; i < sizeof(pretoks) / sizeof(pretoks[0]); i++) {
        if (!strcmp(pretoks[i].name, row)) return &pretoks[i];
    }
    return NULL;
}

static const struct tern_pretok * pretok_named(const char * name, size_t len) {
    for (size_t i = 0; i < sizeof(pre_names) / sizeof(pre_names[0]); i++) {
        if (strlen(pre_names[i].name) == len && !memcmp(pre_names[i].name, name, len)) {
            return pretok_row(pre_names[i].row);
        }
    }
    return NULL;
}

static void unknown_pre(const char * what, const char * name, char * err, size_t err_size) {
    char known[256] = "", shown[65];
    tern_gguf_printable((struct tern_gguf_str) { name, strlen(name) }, shown, sizeof(shown));
    for (size_t i = 0; tern_pretokenizer_name(i); i++) {
        const size_t at = strlen(known);
        snprintf(known + at, sizeof(known) - at, "%s%s", i ? ", " : "", tern_pretokenizer_name(i));
    }
    snprintf(err, err_size, "%s '%s' is not a pre-tokenizer tern knows (%s)", what, shown, known);
}

// The pre-tokenizer in use and why; 0, or -1 with err.
static int choose_pre(struct tern_vocab * v, const struct tern_gguf * g, const char * arch, const char * override,
                      char * err, size_t err_size) {
    struct tern_gguf_str pre;
    char file_name[65] = "";
    const bool have = tern_gguf_get_str(g, "tokenizer.ggml.pre", &pre);
    if (have) tern_gguf_printable(pre, file_name, sizeof(file_name));
    if (override) {
        v->pre = pretok_named(override, strlen(override));
        if (!v->pre) {
            unknown_pre("pre-tokenizer", override, err, err_size);
            return -1;
        }
        snprintf(v->pre_why, sizeof(v->pre_why), "'%s' chosen by name (tokenizer.ggml.pre: %s)", override,
                 have ? file_name : "missing");
        return 0;
    }
    if (have) {
        v->pre = pretok_named(pre.ptr, (size_t) pre.len);
        if (!v->pre) {
            unknown_pre("tokenizer.ggml.pre", file_name, err, err_size);
            return -1;
        }
        snprintf(v->pre_why, sizeof(v->pre_why), "tokenizer.ggml.pre '%s'", file_name);
        return 0;
    }
    for (size_t i = 0; arch && i < sizeof(arch_pre) / sizeof(arch_pre[0]); i++) {
        if (!strcmp(arch, arch_pre[i].arch)) {
            v->pre = pretok_row(arch_pre[i].row);
            snprintf(v->pre_why, sizeof(v->pre_why), "tokenizer.ggml.pre missing: arch %s (%s)", arch, arch_pre[i].why);
            return 0;
        }
    }
    v->pre = pretok_row("default");
    snprintf(v->pre_why, sizeof(v->pre_why), "tokenizer.ggml.pre missing: llama.cpp's fallback (arch %s)",
             arch ? arch : "unknown");
    return 0;
}

static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    return k ^ (k >> 33);
}

static bool merge_find(const struct tern_vocab * v, int32_t a, int32_t b, int32_t * rank, int32_t * res) {
    if (!v->mkey) return false;
    const uint64_t key = (uint64_t) (uint32_t) a << 32 | (uint32_t) b;
    for (size_t i = mix(key) & v->mmask;; i = (i + 1) & v->mmask) {
        if (v->mrank[i] < 0) return false;
        if (v->mkey[i] == key) {
            *rank = v->mrank[i];
            *res = v->mres[i];
            return true;
        }
    }
}

// "A B" -> rank and result; llama.cpp splits at the first space after the first byte.
static int load_merges(struct tern_vocab * v, const struct tern_gguf * g, char * err, size_t err_size) {
    const struct tern_gguf_kv * merges = tern_gguf_find_kv(g, "tokenizer.ggml.merges");
    if (!merges) return 0;
    if (merges->type != TERN_GGUF_ARRAY || merges->v.arr.type != TERN_GGUF_STRING || merges->v.arr.count > (1u << 24)) {
        snprintf(err, err_size, "tokenizer.ggml.merges is not a string array");
        return -1;
    }
    const size_t nm = (size_t) merges->v.arr.count;
    struct tern_gguf_str * ms = malloc((nm ? nm : 1) * sizeof(*ms));
    size_t mcap = 1;
    while (mcap < 2 * nm + 2) mcap <<= 1;
    v->mkey = malloc(mcap * 8);
    v->mrank = malloc(mcap * 4);
    v->mres = malloc(mcap * 4);
    v->mmask = mcap - 1;
    if (!ms || !v->mkey || !v->mrank || !v->mres) {
        free(ms);
        snprintf(err, err_size, "out of memory loading the merges");
        return -1;
    }
    memset(v->mrank, 0xff, mcap * 4);
    tern_gguf_arr_strings(merges, ms, nm);
    char buf[2100];
    for (size_t r = 0; r < nm; r++) {
        const char * sp = ms[r].len > 1 && ms[r].len < 2048 ? memchr(ms[r].ptr + 1, ' ', ms[r].len - 1) : NULL;
        if (!sp) {
            free(ms);
            snprintf(err, err_size, "merge %zu is not 'LEFT RIGHT'", r);
            return -1;
        }
        const size_t la = (size_t) (sp - ms[r].ptr), lb = (size_t) ms[r].len - la - 1;
        const int32_t a = tern_vocab_find_n(v, ms[r].ptr, la), b = tern_vocab_find_n(v, sp + 1, lb);
        memcpy(buf, ms[r].ptr, la);
        memcpy(buf + la, sp + 1, lb);
        const int32_t c = tern_vocab_find_n(v, buf, la + lb);
        if (a < 0 || b < 0 || c < 0) {
            free(ms);
            snprintf(err, err_size, "merge %zu names a token the vocabulary lacks", r);
            return -1;
        }
        const uint64_t key = (uint64_t) (uint32_t) a << 32 | (uint32_t) b;
        size_t i = mix(key) & v->mmask;
        while (v->mrank[i] >= 0 && v->mkey[i] != key) i = (i + 1) & v->mmask;
        if (v->mrank[i] < 0) {      // a repeated merge keeps its first (best) rank
            v->mkey[i] = key;
            v->mrank[i] = (int32_t) r;
            v->mres[i] = c;
        }
    }
    free(ms);
    return 0;
}

int tern_bpe_load(struct tern_vocab * v, const struct tern_gguf * g, const char * arch, const char * pre_override,
                  char * err, size_t err_size) {
    int16_t cp_byte[TERN_GPT2_CODEPOINTS];
    tern_gpt2_byte_map(v->byte_cp, cp_byte);
    // Decoded bytes: normal tokens map each code point of GPT-2's alphabet back to its byte;
    // special tokens print as they are; byte tokens <0xNN> give the byte; unused ones nothing.
    size_t bpos = 0;
    for (size_t i = 0; i < v->n; i++) {
        v->boff[i] = (uint32_t) bpos;
        const unsigned char * s = (const unsigned char *) v->text + v->off[i];
        const uint8_t t = v->type[i];
        const int byte = t == TOKEN_BYTE ? tern_byte_piece((const char *) s, v->len[i]) : -1;
        if (byte >= 0) {
            v->bytes[bpos++] = (char) byte;
        } else if (t != TOKEN_UNUSED) {
            const bool literal = t == TOKEN_CONTROL || t == TOKEN_USER_DEFINED || t == TOKEN_UNKNOWN || t == TOKEN_BYTE;
            for (size_t j = 0; j < v->len[i];) {
                size_t adv;
                const int32_t cp = tern_utf8_decode(s + j, v->len[i] - j, &adv);
                if (!literal && cp >= 0 && cp < TERN_GPT2_CODEPOINTS && cp_byte[cp] >= 0) {
                    v->bytes[bpos++] = (char) cp_byte[cp];
                } else {
                    memcpy(v->bytes + bpos, s + j, adv);
                    bpos += adv;
                }
                j += adv;
            }
        }
        v->blen[i] = (uint32_t) (bpos - v->boff[i]);
    }
    for (int b = 0; b < 256; b++) {
        char u[4];
        v->byte_id[b] = tern_vocab_find_n(v, u, tern_utf8_put(v->byte_cp[b], u));
        if (v->byte_id[b] < 0) {
            snprintf(err, err_size, "the vocabulary lacks the byte token for 0x%02x: not a byte-level BPE vocabulary",
                     b);
            return -1;
        }
    }
    if (load_merges(v, g, err, err_size) || choose_pre(v, g, arch, pre_override, err, err_size)) return -1;
    snprintf(v->pre_name, sizeof(v->pre_name), "%s", v->pre->name);
    v->ignore_merges = v->pre->ignore_merges;
    for (v->n_re = 0; v->n_re < TERN_PRE_MAX_PATTERNS && v->pre->patterns[v->n_re]; v->n_re++) {
        int code;
        PCRE2_SIZE at;
        pcre2_code * re = pcre2_compile((PCRE2_SPTR) v->pre->patterns[v->n_re], PCRE2_ZERO_TERMINATED,
                                        PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &code, &at, NULL);
        if (!re) {
            char msg[160];
            pcre2_get_error_message(code, (PCRE2_UCHAR *) msg, sizeof(msg));
            snprintf(err, err_size, "pre-tokenizer regex does not compile at %zu: %s", (size_t) at, msg);
            return -1;
        }
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);     // optional: the interpreter is the fallback
        v->re[v->n_re] = re;
    }
    return 0;
}

// ---------------------------------------------------------------------------- encoding

struct cand {
    int32_t rank;
    uint32_t left;
};

struct tern_bpe_work {
    int32_t * id;
    uint32_t * prev, * next;     // linked list of live symbols (UINT32_MAX = none)
    struct cand * heap;
    size_t n_heap, cap;
    char * mapped;               // the piece in GPT-2's unicode mapping
    pcre2_match_data * md[TERN_PRE_MAX_PATTERNS];
};

void tern_bpe_work_free(struct tern_bpe_work * w) {
    if (!w) return;
    free(w->id);
    free(w->prev);
    free(w->next);
    free(w->heap);
    free(w->mapped);
    for (size_t i = 0; i < TERN_PRE_MAX_PATTERNS; i++) pcre2_match_data_free(w->md[i]);
    free(w);
}

static bool cand_less(struct cand a, struct cand b) {
    return a.rank != b.rank ? a.rank < b.rank : a.left < b.left;
}

TERN_HEAP(cands, struct cand, cand_less)

static int reserve(struct tern_bpe_work * w, size_t n) {
    if (n <= w->cap) return 0;
    size_t cap = w->cap ? w->cap : 64;
    while (cap < n) cap *= 2;
    if (tern_resize(&w->id, cap, sizeof(*w->id)) || tern_resize(&w->prev, cap, sizeof(*w->prev)) ||
        tern_resize(&w->next, cap, sizeof(*w->next)) ||
        tern_resize(&w->heap, 2 * cap, sizeof(*w->heap)) ||     // each merge adds <= 2
        tern_resize(&w->mapped, 2 * cap, 1)) {
        return -1;
    }
    w->cap = cap;
    return 0;
}

static void try_pair(const struct tern_vocab * v, struct tern_bpe_work * w, uint32_t left) {
    const uint32_t right = w->next[left];
    int32_t rank, res;
    if (right != UINT32_MAX && merge_find(v, w->id[left], w->id[right], &rank, &res)) {
        cands_push(w->heap, &w->n_heap, (struct cand) { rank, left });
    }
}

// One pre-tokenized piece: lowest-rank merge first (leftmost on ties), as Hugging Face's BPE.
static int encode_piece(const struct tern_vocab * v, struct tern_bpe_work * w, const unsigned char * s, size_t n,
                        struct tern_ids * o) {
    if (reserve(w, n + 1)) return -1;
    if (v->ignore_merges) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) m += tern_utf8_put(v->byte_cp[s[i]], w->mapped + m);
        const int32_t whole = tern_vocab_find_n(v, w->mapped, m);
        if (whole >= 0) {
            tern_ids_push(o, whole);
            return 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        w->id[i] = v->byte_id[s[i]];
        w->prev[i] = i ? (uint32_t) i - 1 : UINT32_MAX;
        w->next[i] = i + 1 < n ? (uint32_t) i + 1 : UINT32_MAX;
    }
    w->n_heap = 0;
    for (size_t i = 0; i + 1 < n; i++) try_pair(v, w, (uint32_t) i);
    while (w->n_heap) {
        const struct cand c = cands_pop(w->heap, &w->n_heap);
        const uint32_t left = c.left, right = w->next[left];
        int32_t rank, res;
        // Stale candidates (a side already merged away or changed) are skipped.
        if (w->id[left] < 0 || right == UINT32_MAX || !merge_find(v, w->id[left], w->id[right], &rank, &res) ||
            rank != c.rank) {
            continue;
        }
        w->id[left] = res;
        w->id[right] = -1;
        w->next[left] = w->next[right];
        if (w->next[right] != UINT32_MAX) w->prev[w->next[right]] = left;
        if (w->prev[left] != UINT32_MAX) try_pair(v, w, w->prev[left]);
        try_pair(v, w, left);
    }
    for (uint32_t i = 0; i != UINT32_MAX; i = w->next[i]) tern_ids_push(o, w->id[i]);
    return 0;
}

// Pre-tokenizer pattern `level` over s[0..n): matches and the stretches between them (bytes
// the regex cannot match, such as invalid UTF-8) both go on to the next pattern, the last
// level's pieces to the merges, as llama.cpp's unicode_regex_split chains its regexes.
static int split(const struct tern_vocab * v, struct tern_bpe_work * w, size_t level, const unsigned char * s, size_t n,
                 struct tern_ids * o, char * err, size_t err_size) {
    if (level == v->n_re) {
        if (encode_piece(v, w, s, n, o)) {
            snprintf(err, err_size, "out of memory tokenizing");
            return -1;
        }
        return 0;
    }
    if (!w->md[level] && !(w->md[level] = pcre2_match_data_create_from_pattern(v->re[level], NULL))) {
        snprintf(err, err_size, "out of memory tokenizing");
        return -1;
    }
    size_t at = 0;
    while (at < n) {
        const int rc = pcre2_match(v->re[level], s, n, at, 0, w->md[level], NULL);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) {
            char msg[160];
            pcre2_get_error_message(rc, (PCRE2_UCHAR *) msg, sizeof(msg));
            snprintf(err, err_size, "pre-tokenizer failed at byte %zu: %s", at, msg);
            return -1;
        }
        const PCRE2_SIZE * ov = pcre2_get_ovector_pointer(w->md[level]);
        if (ov[0] >= n) break;
        const size_t m0 = ov[0], m1 = ov[1] > ov[0] ? ov[1] : ov[0] + 1;   // an empty match cannot happen; never loop
        if (m0 > at && split(v, w, level + 1, s + at, m0 - at, o, err, err_size)) return -1;
        if (split(v, w, level + 1, s + m0, m1 - m0, o, err, err_size)) return -1;
        at = m1;
    }
    return at < n ? split(v, w, level + 1, s + at, n - at, o, err, err_size) : 0;
}

int tern_bpe_encode(const struct tern_vocab * v, struct tern_bpe_work ** w, const unsigned char * s, size_t n,
                    struct tern_ids * o, char * err, size_t err_size) {
    if (!*w && !(*w = calloc(1, sizeof(**w)))) {
        snprintf(err, err_size, "out of memory tokenizing");
        return -1;
    }
    return split(v, *w, 0, s, n, o, err, err_size);
}
