// `tern tokenize`: text -> token ids with a model's (or a vocabulary file's) tokenizer.
// --records reads length-prefixed byte strings (u32 little-endian length, then the bytes)
// and prints one line of ids per record: what the tokenizer comparison test feeds it.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/tokenizer.h"

// Returns 0, 1 for a failed round trip, -1 for an error.
static int one(const struct tern_vocab * v, const char * text, size_t len, bool bos, bool special, bool pieces,
               bool roundtrip) {
    int32_t * ids;
    size_t n;
    char err[300];
    if (tern_tokenize(v, text, len, bos, special, &ids, &n, err, sizeof(err))) {
        fprintf(stderr, "tern tokenize: %s\n", err);
        return -1;
    }
    int rc = 0;
    char * back = roundtrip ? malloc(len + 16) : NULL;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        char piece[1100];
        size_t pn = tern_token_bytes(v, ids[i], true, piece, sizeof(piece));
        if (pn > sizeof(piece)) pn = sizeof(piece);
        if (pieces) {
            printf("%s%d '", i ? " " : "", ids[i]);
            for (size_t j = 0; j < pn; j++) {
                const unsigned char c = (unsigned char) piece[j];
                if (c < 0x20 || c == 0x7f || c == '\'') printf("\\x%02x", c);
                else putchar(c);
            }
            putchar('\'');
        } else {
            printf("%s%d", i ? " " : "", ids[i]);
        }
        if (back && !(bos && i == 0 && ids[0] == tern_vocab_bos(v))) {
            const size_t skip = i == (size_t) (bos && ids[0] == tern_vocab_bos(v)) && tern_vocab_add_space_prefix(v) &&
                                pn && piece[0] == ' ';     // the space SentencePiece puts in front
            if (at + pn - skip <= len) memcpy(back + at, piece + skip, pn - skip);
            at += pn - skip;
        }
    }
    printf("\n");
    if (back && (at != len || memcmp(back, text, len) != 0)) rc = 1;
    free(back);
    free(ids);
    return rc;
}

int tern_cmd_tokenize(int argc, char ** argv) {
    const char * model = NULL, * prompt = NULL, * file = NULL, * records = NULL;
    bool no_bos = false, no_special = false, pieces = false, roundtrip = false;
    const struct tern_opt opts[] = {
        { TERN_OPT_STR, "-m, --model", "FILE", &model, .help = "a model or vocabulary-only GGUF" },
        { TERN_OPT_STR, "-p, --prompt", "TEXT", &prompt, .help = "the text" },
        { TERN_OPT_STR, "-f, --file", "FILE", &file, .help = "the text, from a file" },
        { TERN_OPT_STR, "--records", "FILE", &records, .help = "u32-length-prefixed byte strings; one output line of ids each" },
        { TERN_OPT_FLAG, "--no-bos", NULL, &no_bos, .help = "do not add the BOS token (default: as the vocabulary says)" },
        { TERN_OPT_FLAG, "--no-parse-special", NULL, &no_special, .help = "treat the text of special tokens as plain text" },
        { TERN_OPT_FLAG, "--pieces", NULL, &pieces, .help = "print each id with its bytes" },
        { TERN_OPT_FLAG, "--roundtrip", NULL, &roundtrip, .help = "check that decoding gives the input bytes back (exit 1 if not)" },
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "tokenize", "tern tokenize -m FILE (-p TEXT | -f FILE | --records FILE) [options]\n"
                         "  text -> token ids with a model's (or a vocabulary file's) tokenizer", argc, argv, &exit_code)) {
        return exit_code;
    }
    if (!model || (!!prompt + !!file + !!records) != 1) {
        fprintf(stderr, "tern tokenize: give -m FILE and exactly one of -p, -f, --records\n");
        return 2;
    }
    struct tern_gguf g;
    char err[400];
    if (tern_gguf_open(&g, model, err, sizeof(err))) {
        fprintf(stderr, "tern tokenize: %s\n", err);
        return 1;
    }
    struct tern_vocab * v = tern_vocab_load(&g, err, sizeof(err));
    if (!v) {
        fprintf(stderr, "tern tokenize: %s\n", err);
        tern_gguf_close(&g);
        return 1;
    }
    const bool bos = !no_bos && tern_vocab_add_bos(v);
    int rc = 0, failed = 0;
    if (prompt) {
        rc = one(v, prompt, strlen(prompt), bos, !no_special, pieces, roundtrip);
    } else {
        size_t len;
        char * buf = tern_read_file(file ? file : records, "", (size_t) 1 << 30, &len, err, sizeof(err));
        if (!buf) {
            fprintf(stderr, "tern tokenize: %s\n", err);
            rc = -1;
        } else if (file) {
            rc = one(v, buf, len, bos, !no_special, pieces, roundtrip);
        } else {
            for (size_t at = 0, rec = 0; at < len && rc >= 0; rec++) {
                uint32_t n;
                if (len - at < 4 || (memcpy(&n, buf + at, 4), n > len - at - 4)) {
                    fprintf(stderr, "tern tokenize: %s: record %zu is truncated\n", records, rec);
                    rc = -1;
                    break;
                }
                const int r = one(v, buf + at + 4, n, bos, !no_special, pieces, roundtrip);
                if (r < 0) rc = -1;
                if (r > 0) {
                    failed++;
                    fprintf(stderr, "tern tokenize: record %zu does not round-trip\n", rec);
                }
                at += 4 + (size_t) n;
            }
            if (rc >= 0 && failed) rc = 1;
        }
        free(buf);
    }
    if (rc > 0 && prompt) fprintf(stderr, "tern tokenize: decoding does not give the input back\n");
    tern_vocab_free(v);
    tern_gguf_close(&g);
    return rc < 0 ? 1 : rc;
}
