"""The only place a kernel's symbol and file name are formed (DESIGN §2).

Names are derived from an expanded kernel's fields and never parsed back: every consumer
gets the parameters from the same fields (kernels.inc rows, manifest.json).
"""


def tile_token(kernel):
    """'1x8k128', 'g' only for LUT formats; empty for ops without a tile (prep, pack)."""
    if kernel.op != "gemm":
        return ""
    token = f"{kernel.mr}x{kernel.nr}"
    if kernel.kb > 1:
        token += f"k{kernel.kb}"
    if kernel.g > 1:
        token += f"g{kernel.g}"
    return token


def impl_tokens(kernel):
    """The 'how' after the ISA: strategy, weight layout (if not the format's default) and
    prefetch distance (decode tiles: pf<k-blocks ahead>, absent when 0)."""
    tokens = [t for t in (kernel.impl, kernel.layout) if t]
    if kernel.pf:
        tokens.append(f"pf{kernel.pf}")
    return tokens


def symbol(kernel):
    """tern_<wfmt>_<afmt>_<op>_ukernel[_<tile>]__<isa>[_<impl>][_<layout>][_pf<N>];
    the compute probe: tern_u8s8_mac_probe__<isa>_<instruction>."""
    how = "_".join([kernel.isa] + impl_tokens(kernel))
    if kernel.op == "probe":
        return f"tern_u8s8_mac_probe__{how}"
    tile = tile_token(kernel)
    return f"tern_{kernel.wfmt}_{kernel.afmt}_{kernel.op}_ukernel{'_' + tile if tile else ''}__{how}"


def family_dir(kernel):
    if kernel.op == "probe":
        return "u8s8-mac-probe"
    return f"{kernel.wfmt}-{kernel.afmt}-{kernel.op}"


def file_path(kernel):
    """generated/<wfmt>-<afmt>-<op>/<wfmt>-<afmt>-<op>[-<tile>]-<isa>[-<impl>...].c (relative);
    probes: generated/u8s8-mac-probe/u8s8-mac-probe-<isa>-<instruction>.c."""
    parts = [family_dir(kernel)]
    tile = tile_token(kernel)
    if tile:
        parts.append(tile)
    parts.append(kernel.isa)
    parts += impl_tokens(kernel)
    return f"{family_dir(kernel)}/{'-'.join(parts)}.c"


def enum_token(prefix, value):
    """TERN_WFMT_I2S, TERN_ISA_AVX512VNNI ..."""
    return f"TERN_{prefix}_{value.upper()}"
