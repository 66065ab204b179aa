// Weight formats as trait rows (ggml style): the layout arithmetic every variant of a format
// shares. Kernels know only their tile; the runtime sizes buffers from these rows.

#include <assert.h>

#include "tern/kernels.h"

// One row per format, from configs/formats.toml (generated/formats.inc): codegen checks the
// rows agree with each other; what the C below relies on is asserted again here.
#define TERN_WFMT(wfmt_enum, name_, g, num, den, entries, max_, bytes)                              \
    static_assert((g) >= 1 && (den) >= 1, name_ ": a group and a bit fraction");                \
    static_assert((entries) <= 16 && ((bytes) == 0 || (bytes) == 32),                             \
                  name_ ": tables are 16 int16 entries (4-bit indices) as low and high bytes");     \
    static_assert(((bytes) == 0) == ((entries) == 0), name_ ": a table format has entries");
#include "formats.inc"
#undef TERN_WFMT

static const struct tern_format_traits formats[TERN_WFMT_COUNT] = {
#define TERN_WFMT(wfmt_enum, name_, g, num, den, entries, max_, bytes)                              \
    [wfmt_enum] = { .name = name_, .group = g, .bits_num = num, .bits_den = den,                  \
                    .table_entries = entries, .max_entry = max_, .table_bytes = bytes },
#include "formats.inc"
#undef TERN_WFMT
};

const struct tern_format_traits * tern_wfmt_traits(enum tern_wfmt wfmt) {
    return (unsigned) wfmt < TERN_WFMT_COUNT ? &formats[wfmt] : NULL;
}

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
