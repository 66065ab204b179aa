// `tern convert HF_DIR -o out.gguf`: a Hugging Face checkpoint folder to a GGUF file that
// tern and bitnet.cpp load (see tern/convert.h).

#include <stdio.h>

#include "cli.h"
#include "opts.h"
#include "progress.h"
#include "tern/clock.h"
#include "tern/convert.h"

int tern_cmd_convert(int argc, char ** argv) {
    struct tern_convert_options o = { .progress = cli_progress };
    bool quiet = false;
    const struct tern_opt opts[] = {
        { TERN_OPT_POSITIONAL, "HF_DIR", NULL, &o.dir, .help = "the checkpoint folder (config.json, *.safetensors, tokenizer files)" },
        { TERN_OPT_STR, "-o, --out", "FILE", &o.out, .help = "the GGUF file to write" },
        { TERN_OPT_FLAG, "-q, --quiet", NULL, &quiet, .help = "no progress bar" },
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "convert", "tern convert HF_DIR -o FILE\n"
                         "  a Hugging Face checkpoint (packed ternary or latent weights) as a GGUF file for tern and\n"
                         "  bitnet.cpp: I2_S ternary layers, bitnet.cpp's keys; `tern run -m HF_DIR` needs no conversion",
                         argc, argv, &exit_code)) {
        return exit_code;
    }
    if (!o.dir || !o.out) {
        fprintf(stderr, "tern convert: give the checkpoint folder and -o FILE (see --help)\n");
        return 2;
    }
    if (quiet) o.progress = NULL;
    char err[600];
    const double t0 = tern_now_s();
    if (tern_convert(&o, err, sizeof(err))) {
        fprintf(stderr, "tern convert: %s\n", err);
        return 1;
    }
    fprintf(stderr, "tern convert: wrote %s in %.1f s\n", o.out, tern_now_s() - t0);
    return 0;
}
