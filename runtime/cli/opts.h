// Command-line options as data: each command lists its options in one table (shared groups
// for the model, threads and sampling), and the same table parses argv and prints --help.
// Values are checked by one number parser; every error is one line in one style:
//   tern run: --top-p wants a number in 0..1, not '2'
//   tern run: unknown option '--frob' (see tern run --help)
// Flag names follow llama.cpp where it has one.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum tern_opt_kind {
    TERN_OPT_END,          // the end of a table
    TERN_OPT_HEADING,      // a line of help between groups; no option
    TERN_OPT_FLAG,         // bool: set to true
    TERN_OPT_STR,          // const char *
    TERN_OPT_INT,          // int in [lo, hi]
    TERN_OPT_SIZE,         // size_t in [lo, hi]
    TERN_OPT_FLOAT,        // float in [lo, hi]
    TERN_OPT_DOUBLE,       // double in [lo, hi]
    TERN_OPT_PERCENT,      // double: "5%" or "5" stores 0.05; [lo, hi] in percent
    TERN_OPT_SEED,         // uint64_t; lo = -1 allows "-1" (= TERN_SEED_RANDOM)
    TERN_OPT_CHOICE,       // int: index of the value in choices (NULL-terminated)
    TERN_OPT_INT_LIST,     // int[max] "1,2,4", each in [lo, hi]; *count values
    TERN_OPT_STR_LIST,     // const char *[max]: the option may repeat; *count values
    TERN_OPT_PAIR_LIST,    // int[max][2] "A,B", each in [lo, hi]: the option may repeat; *count pairs
    TERN_OPT_POSITIONAL,   // const char *: the next bare argument (names is the help name)
};

struct tern_opt {
    enum tern_opt_kind kind;
    const char * names;            // "-m, --model": every spelling, comma separated
    const char * arg;              // the value's name in help ("FILE", "N"); NULL for flags
    void * dest;
    double lo, hi;                 // numeric range (both 0: any finite value)
    const char * const * choices;  // CHOICE
    size_t * count;                // lists: values stored
    size_t max;                    // lists: capacity of dest
    const char * help;             // one line; "(default ...)" is added from dest's value
};

// Parses argv[1..argc) against opts (ended by an entry of kind TERN_OPT_END). Returns true when the
// command should run; false when it should exit with *exit_code: 0 after printing --help
// to stdout, 2 after printing a one-line error to stderr. usage: the line after "usage: ".
bool tern_opts_parse(const struct tern_opt * opts, const char * cmd, const char * usage, int argc, char ** argv,
                     int * exit_code);
void tern_opts_help(const struct tern_opt * opts, const char * usage, FILE * out);

// The one number parser: a finite number in [lo, hi] (an integer if `integer`).
bool tern_parse_number(const char * s, bool integer, double lo, double hi, double * out);
