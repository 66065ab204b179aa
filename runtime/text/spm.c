// SentencePiece (LLaMA-1/2, 1bitLLM bitnet_b1_58): llama.cpp's llm_tokenizer_spm, which is
// SentencePiece's own BPE: spaces become U+2581, the text is cut into UTF-8 characters, and
// the adjacent pair whose concatenation is the best-scored vocabulary piece is merged first
// (leftmost on ties) until no pair is a piece; what is left and is not a piece falls back
// to its <0xNN> byte tokens.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"
#include "tern/alloc.h"
#include "vocab.h"

static const char space_mark[] = "\xe2\x96\x81";     // U+2581 LOWER ONE EIGHTH BLOCK

int tern_spm_load(struct tern_vocab * v, char * err, size_t err_size) {
    (void) err;
    (void) err_size;
    // What each token prints: normal pieces with U+2581 as a space, byte pieces their byte,
    // control / unknown / user-defined pieces their text; unused ones nothing (as llama.cpp).
    size_t bpos = 0;
    for (size_t i = 0; i < v->n; i++) {
        v->boff[i] = (uint32_t) bpos;
        const char * s = v->text + v->off[i];
        const size_t n = v->len[i];
        const int byte = v->type[i] == TOKEN_BYTE ? tern_byte_piece(s, n) : -1;
        if (byte >= 0) {
            v->bytes[bpos++] = (char) byte;
        } else if (v->type[i] == TOKEN_NORMAL) {
            for (size_t j = 0; j < n;) {
                if (j + 3 <= n && !memcmp(s + j, space_mark, 3)) {
                    v->bytes[bpos++] = ' ';
                    j += 3;
                } else {
                    v->bytes[bpos++] = s[j++];
                }
            }
        } else if (v->type[i] != TOKEN_UNUSED) {
            memcpy(v->bytes + bpos, s, n);
            bpos += n;
        }
        v->blen[i] = (uint32_t) (bpos - v->boff[i]);
    }
    // Byte fallback: <0xNN>, else the byte as a one-character piece, else the unknown token.
    for (int b = 0; b < 256; b++) {
        char hex[8];
        snprintf(hex, sizeof(hex), "<0x%02X>", b);
        const char raw = (char) b;
        int32_t id = tern_vocab_find(v, hex);
        if (id < 0) id = tern_vocab_find_n(v, &raw, 1);
        v->byte_id[b] = id >= 0 ? id : v->unk;
    }
    snprintf(v->pre_name, sizeof(v->pre_name), "none");
    snprintf(v->pre_why, sizeof(v->pre_why), "SentencePiece splits no words before merging");
    return 0;
}

// ---------------------------------------------------------------------------- encoding

struct bigram {
    float score;
    uint32_t left, right, size;
};

struct tern_spm_work {
    char * text;                  // the escaped text
    uint32_t * start, * len;      // symbols: bytes of text; len 0 once merged into the left one
    int32_t * prev, * next;       // -1 = none
    struct bigram * heap;
    size_t n_heap, cap;
};

void tern_spm_work_free(struct tern_spm_work * w) {
    if (!w) return;
    free(w->text);
    free(w->start);
    free(w->len);
    free(w->prev);
    free(w->next);
    free(w->heap);
    free(w);
}

// a before b: higher score, then further left (llama.cpp's llm_bigram_spm::comparator).
static bool before(struct bigram a, struct bigram b) {
    return a.score > b.score || (a.score == b.score && a.left < b.left);
}

TERN_HEAP(bigrams, struct bigram, before)

// Room for a text of n bytes (n symbols at most; the heap holds n - 1 pairs, then <= 2 per merge).
static int reserve(struct tern_spm_work * w, size_t n) {
    if (n <= w->cap) return 0;
    size_t cap = w->cap ? w->cap : 64;
    while (cap < n) cap *= 2;
    if (tern_resize(&w->text, cap, 1) || tern_resize(&w->start, cap, sizeof(*w->start)) ||
        tern_resize(&w->len, cap, sizeof(*w->len)) || tern_resize(&w->prev, cap, sizeof(*w->prev)) ||
        tern_resize(&w->next, cap, sizeof(*w->next)) || tern_resize(&w->heap, 3 * cap, sizeof(*w->heap))) {
        return -1;
    }
    w->cap = cap;
    return 0;
}

static void try_pair(const struct tern_vocab * v, struct tern_spm_work * w, int32_t left, int32_t right) {
    if (left < 0 || right < 0) return;
    const uint32_t size = w->len[left] + w->len[right];
    const int32_t id = tern_vocab_find_n(v, w->text + w->start[left], size);
    if (id >= 0) {
        bigrams_push(w->heap, &w->n_heap, (struct bigram) { v->score[id], (uint32_t) left, (uint32_t) right, size });
    }
}

int tern_spm_encode(const struct tern_vocab * v, struct tern_spm_work ** wp, const unsigned char * s, size_t n,
                    bool space_prefix, struct tern_ids * o, char * err, size_t err_size) {
    if (!*wp && !(*wp = calloc(1, sizeof(**wp)))) goto oom;
    struct tern_spm_work * w = *wp;
    if (n > (UINT32_MAX - 3) / 3 || reserve(w, 3 * n + 3)) goto oom;
    // Spaces as U+2581, after the optional leading one.
    size_t m = 0;
    if (space_prefix) {
        memcpy(w->text, space_mark, 3);
        m = 3;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            memcpy(w->text + m, space_mark, 3);
            m += 3;
        } else {
            w->text[m++] = (char) s[i];
        }
    }
    // Symbols: one per UTF-8 character. A byte that starts no valid sequence stands alone
    // (llama.cpp trusts the lead byte, so a broken sequence swallows the next byte and the
    // ids no longer decode to the input; on valid UTF-8 the two agree).
    size_t n_sym = 0;
    for (size_t at = 0; at < m;) {
        size_t adv;
        tern_utf8_decode((const unsigned char *) w->text + at, m - at, &adv);
        w->start[n_sym] = (uint32_t) at;
        w->len[n_sym] = (uint32_t) adv;
        w->prev[n_sym] = (int32_t) n_sym - 1;
        at += adv;
        w->next[n_sym] = at < m ? (int32_t) n_sym + 1 : -1;
        n_sym++;
    }
    w->n_heap = 0;
    for (size_t i = 1; i < n_sym; i++) try_pair(v, w, (int32_t) i - 1, (int32_t) i);
    while (w->n_heap) {
        const struct bigram b = bigrams_pop(w->heap, &w->n_heap);
        // Skip pairs one of whose symbols has since changed (llama.cpp's test).
        if (w->len[b.left] == 0 || w->len[b.right] == 0 || w->len[b.left] + w->len[b.right] != b.size) continue;
        w->len[b.left] += w->len[b.right];
        w->len[b.right] = 0;
        w->next[b.left] = w->next[b.right];
        if (w->next[b.right] >= 0) w->prev[w->next[b.right]] = (int32_t) b.left;
        try_pair(v, w, w->prev[b.left], (int32_t) b.left);
        try_pair(v, w, (int32_t) b.left, w->next[b.left]);
    }
    for (int32_t i = 0; n_sym && i >= 0; i = w->next[i]) {
        const int32_t id = tern_vocab_find_n(v, w->text + w->start[i], w->len[i]);
        if (id >= 0) {
            tern_ids_push(o, id);
            continue;
        }
        for (uint32_t j = 0; j < w->len[i]; j++) {
            const uint8_t byte = (uint8_t) w->text[w->start[i] + j];
            if (v->byte_id[byte] < 0) {
                snprintf(err, err_size, "byte 0x%02x has no token (no <0x%02X>, no unknown token)", byte, byte);
                return -1;
            }
            tern_ids_push(o, v->byte_id[byte]);
        }
    }
    return 0;
oom:
    snprintf(err, err_size, "out of memory tokenizing %zu bytes", n);
    return -1;
}
