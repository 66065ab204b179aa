// tern-hf-twin: writes a GGUF model (I2_S ternary layers) as the Hugging Face checkpoint
// folder that would hold the same weights (tern/hf_write.h), for loader tests:
//   tern-hf-twin MODEL.gguf OUT_DIR [--latent f32|f16|bf16] [--linear-class autobitlinear|bitlinear]
//                [--shard-bytes N] [--no-tokenizer-json]

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/gguf.h"
#include "tern/hf_write.h"
#include "tern/safetensors.h"

static int usage(void) {
    fprintf(stderr, "usage: tern-hf-twin MODEL.gguf OUT_DIR [--latent f32|f16|bf16] "
                    "[--linear-class autobitlinear|bitlinear] [--shard-bytes N] [--no-tokenizer-json]\n");
    return 2;
}

int main(int argc, char ** argv) {
    if (argc < 3) return usage();
    struct tern_hf_twin_options o = { 0 };
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--latent") == 0 && i + 1 < argc) {
            const char * t = argv[++i];
            o.latent = true;
            if (strcmp(t, "f32") == 0) o.latent_dtype = TERN_ST_F32;
            else if (strcmp(t, "f16") == 0) o.latent_dtype = TERN_ST_F16;
            else if (strcmp(t, "bf16") == 0) o.latent_dtype = TERN_ST_BF16;
            else return usage();
        } else if (strcmp(argv[i], "--linear-class") == 0 && i + 1 < argc) {
            o.linear_class = argv[++i];
        } else if (strcmp(argv[i], "--shard-bytes") == 0 && i + 1 < argc) {
            o.shard_bytes = strtoull(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--no-tokenizer-json") == 0) {
            o.no_tokenizer_json = true;
        } else {
            return usage();
        }
    }
    struct tern_gguf g;
    char err[512];
    if (tern_gguf_open(&g, argv[1], err, sizeof(err)) != 0) {
        fprintf(stderr, "tern-hf-twin: %s\n", err);
        return 1;
    }
    const int rc = tern_hf_twin_write(&g, argv[2], &o, err, sizeof(err));
    tern_gguf_close(&g);
    if (rc) {
        fprintf(stderr, "tern-hf-twin: %s\n", err);
        return 1;
    }
    return 0;
}
