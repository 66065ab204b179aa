// Small argument parsers shared by the subcommands: strict, with one-line errors.
#pragma once

#include <stdbool.h>
#include <stddef.h>

// "1,2,4" -> values (each in [lo, hi]); false on anything else.
bool tern_parse_int_list(const char * s, int * out, size_t max, size_t * count, int lo, int hi);
// A finite positive number; false otherwise.
bool tern_parse_positive(const char * s, double * out);
