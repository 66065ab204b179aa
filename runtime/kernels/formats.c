// Weight formats as trait rows (ggml style): the layout arithmetic every variant of a format
// shares. Kernels know only their tile; the runtime sizes buffers from these rows.

#include <assert.h>

#include "tern/kernels.h"

struct tern_format_traits {
    const char * name;
    uint32_t bits_num, bits_den;   // bits per weight as a fraction (i2s: 2/1)
    uint32_t group;                // weights per lookup index (1: no tables)
    uint32_t table_bytes;          // prepared bytes per group and token (0: int8 activations)
};

// LUT tables are 16 int16 entries split into 16 low and 16 high bytes (exact byte shuffles).
static const struct tern_format_traits formats[TERN_WFMT_COUNT] = {
    [TERN_WFMT_I2S]   = { .name = "i2s",   .bits_num = 2, .bits_den = 1, .group = 1, .table_bytes = 0 },
    [TERN_WFMT_TL1]   = { .name = "tl1",   .bits_num = 2, .bits_den = 1, .group = 2, .table_bytes = 32 },
    [TERN_WFMT_TL2]   = { .name = "tl2",   .bits_num = 5, .bits_den = 3, .group = 3, .table_bytes = 32 },
    [TERN_WFMT_LUTG4] = { .name = "lutg4", .bits_num = 2, .bits_den = 1, .group = 4, .table_bytes = 32 },
};

const char * tern_wfmt_name(enum tern_wfmt wfmt) {
    return (unsigned) wfmt < TERN_WFMT_COUNT ? formats[wfmt].name : "?";
}

size_t tern_variant_kc(const struct tern_variant * v, size_t k) {
    return (k + v->kb - 1) / v->kb * v->kb;
}

size_t tern_variant_panel_bytes(const struct tern_variant * v, size_t k) {
    const struct tern_format_traits * f = &formats[v->wfmt];
    const size_t bits = (size_t) v->nr * tern_variant_kc(v, k) * f->bits_num;
    assert(bits % (8 * f->bits_den) == 0);
    return bits / (8 * f->bits_den);
}

size_t tern_variant_packed_bytes(const struct tern_variant * v, size_t n, size_t k) {
    return (n + v->nr - 1) / v->nr * tern_variant_panel_bytes(v, k);
}

size_t tern_variant_prep_bytes(const struct tern_variant * v, size_t k) {
    const struct tern_format_traits * f = &formats[v->wfmt];
    const size_t kc = tern_variant_kc(v, k);
    return f->table_bytes ? kc / f->group * f->table_bytes : kc;
}
