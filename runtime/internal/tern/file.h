// Reading a whole file (profiles, benchmark JSON, tokenizer.json, prompts, record files).
#pragma once

#include <stddef.h>

// The file's bytes, NUL-terminated (the NUL not counted in *len), malloc'd; NULL with a
// one-line reason in err: "cannot open <what> <path>: ...", larger than max_bytes, or out of
// memory. what may be "" (then "cannot open <path>: ..."). Reads until EOF, so pipes work.
char * tern_read_file(const char * path, const char * what, size_t max_bytes, size_t * len, char * err,
                      size_t err_size);
