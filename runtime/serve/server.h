// `tern serve`'s entry point below the command line (runtime/cli/cmd-serve.c parses it).
#pragma once

#include "serve.h"

// Listens, loads the model (the routes answer 503 meanwhile), serves until SIGINT or
// SIGTERM. Returns the exit status; startup errors are one line on stderr.
int serve_run(const struct serve_config * cfg, const char * model_path, const struct tern_load_options * lo, bool verbose);
