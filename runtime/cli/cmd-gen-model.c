// `tern gen-model`: a random-weight model of a preset's exact shapes in bitnet.cpp's I2_S
// GGUF layout (tests, benchmarks), or a vocabulary-only GGUF from a tokenizer.json.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "tern/gen_model.h"
#include "tern/gguf.h"
#include "tern/presets.h"

int tern_cmd_gen_model(int argc, char ** argv) {
    struct tern_gen_options o = { .seed = 1 };
    int latent = 0, ternary = 0;
    static const char * const ternary_names[] = { "i2_s", "tq2_0", "tq1_0", NULL };
    static const uint32_t ternary_types[] = { TERN_GGML_I2_S, TERN_GGML_TQ2_0, TERN_GGML_TQ1_0 };
    static const char * const latent_names[] = { "off", "f32", "f16", "bf16", NULL };
    static const uint32_t latent_types[] = { 0, TERN_GGML_F32, TERN_GGML_F16, TERN_GGML_BF16 };
    char usage[1200] = "tern gen-model --preset NAME --out FILE [--seed S] [--vocab tokenizer.json] [--vocab-only]\n"
                       "  a random-weight model of a preset's exact shapes (tests, benchmarks): its text is\n"
                       "  meaningless, its speed is the real model's\n"
                       "  presets:";
    for (size_t i = 0; tern_preset_name(i); i++) {
        const size_t at = strlen(usage);
        snprintf(usage + at, sizeof(usage) - at, " %s", tern_preset_name(i));
    }
    const struct tern_opt opts[] = {
        { TERN_OPT_STR, "--preset", "NAME", &o.preset, .help = "the shapes, from configs/models" },
        { TERN_OPT_STR, "-o, --out", "FILE", &o.out, .help = "the GGUF file to write" },
        { TERN_OPT_SEED, "--seed", "S", &o.seed, .help = "random seed" },
        { TERN_OPT_STR, "--vocab", "FILE", &o.vocab_json, .help = "a Hugging Face tokenizer.json (default: a synthetic vocabulary)" },
        { TERN_OPT_FLAG, "--vocab-only", NULL, &o.vocab_only, .help = "write only the tokenizer (for tern tokenize)" },
        { TERN_OPT_CHOICE, "--type", "i2_s|tq2_0|tq1_0", &ternary, .choices = ternary_names,
          .help = "the ternary layers' encoding: bitnet.cpp's or llama.cpp's" },
        { TERN_OPT_CHOICE, "--latent", "f32|f16|bf16", &latent, .choices = latent_names,
          .help = "write the ternary layers as latent full-precision weights" },
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "gen-model", usage, argc, argv, &exit_code)) return exit_code;
    o.latent = latent != 0;
    o.latent_type = latent_types[latent];
    o.ternary_type = ternary_types[ternary];
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
