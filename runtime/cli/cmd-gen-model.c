// `tern gen-model`: a random-weight model of a preset's exact shapes in bitnet.cpp's I2_S
// GGUF layout (tests, benchmarks), or a vocabulary-only GGUF from a tokenizer.json.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tern/gen_model.h"
#include "tern/gguf.h"

static void usage(FILE * out) {
    fprintf(out, "usage: tern gen-model --preset NAME --out FILE [--seed S] [--vocab tokenizer.json] [--vocab-only]\n"
                 "  --preset NAME      shapes from configs/models (bitnet-b1.58 presets):");
    for (size_t i = 0; tern_preset_list(i); i++) {
        struct tern_preset_hparams hp;
        tern_preset_hparams(tern_preset_list(i), &hp);
        if (!strcmp(hp.arch, "bitnet-b1.58")) fprintf(out, " %s", hp.name);
    }
    fprintf(out, "\n  --seed S           random seed (default 1)\n"
                 "  --vocab FILE       a Hugging Face tokenizer.json (default: a synthetic byte-level BPE vocabulary)\n"
                 "  --vocab-only       write only the tokenizer (for tern tokenize)\n"
                 "  --latent f32|f16|bf16  write the ternary layers as latent full-precision weights\n"
                 "The weights are random: the model's text is meaningless; it has the real model's speed.\n");
}

int tern_cmd_gen_model(int argc, char ** argv) {
    struct tern_gen_options o = { .seed = 1 };
    for (int i = 1; i < argc; i++) {
        const char * a = argv[i], * val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(a, "--vocab-only")) {
            o.vocab_only = true;
            continue;
        }
        if (!val) {
            fprintf(stderr, "tern gen-model: unknown option '%s' (or it needs a value; see --help)\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--preset")) o.preset = val;
        else if (!strcmp(a, "--out") || !strcmp(a, "-o")) o.out = val;
        else if (!strcmp(a, "--vocab")) o.vocab_json = val;
        else if (!strcmp(a, "--latent")) {
            o.latent = true;
            o.latent_type = !strcmp(val, "f32") ? TERN_GGML_F32 : !strcmp(val, "f16") ? TERN_GGML_F16 : !strcmp(val, "bf16") ? TERN_GGML_BF16 : 99;
            if (o.latent_type == 99) {
                fprintf(stderr, "tern gen-model: --latent is f32, f16 or bf16, not '%s'\n", val);
                return 2;
            }
        }
        else if (!strcmp(a, "--seed")) {
            char * end;
            errno = 0;
            o.seed = strtoull(val, &end, 10);
            if (*val < '0' || *val > '9' || *end || errno) {
                fprintf(stderr, "tern gen-model: --seed wants a non-negative integer, not '%s'\n", val);
                return 2;
            }
        } else {
            fprintf(stderr, "tern gen-model: unknown option '%s' (see --help)\n", a);
            return 2;
        }
    }
    if (!o.out || (!o.preset && !o.vocab_only)) {
        fprintf(stderr, "tern gen-model: --preset NAME and --out FILE are required (see --help)\n");
        return 2;
    }
    if (!o.preset) o.preset = "bitnet-b1.58-2B-4T";
    char err[400];
    if (tern_gen_model(&o, err, sizeof(err))) {
        fprintf(stderr, "tern gen-model: %s\n", err);
        return 1;
    }
    fprintf(stderr, "tern gen-model: wrote %s (%s%s, seed %llu)\n", o.out, o.preset, o.vocab_only ? ", vocabulary only" : "",
            (unsigned long long) o.seed);
    return 0;
}
