"""Load and validate configs/ (isa.toml, formats.toml, kernels.toml, models/*.toml) and expand
every family into concrete kernels. A bad entry fails loudly with the file, entry and reason."""

import dataclasses
import fractions
import pathlib
import tomllib
import typing

import naming

AFMTS = ("q8",)
OPS = ("gemm", "prep", "pack", "probe")
ARCHES = ("any", "x86_64", "aarch64")

FAMILY_KEYS = {"wfmt", "afmt", "op", "isa", "template", "tiles", "knobs", "layout"}
TILE_KEYS = {"mr", "nr", "kb", "g"}
KNOB_KEYS = {"impl", "pf"}
# Software prefetch distance of a decode tile, in k-blocks of its panel (0 = none). A decode
# tile streams its weights once, so it may prefetch; prefill tiles reuse a panel from cache.
MAX_PF = 64
ISA_KEYS = {"arch", "flags", "features", "vbytes", "prep"}
ISA_OPTIONAL_KEYS = {"mac"}    # the compute probe's instruction (configs/isa.toml)
# The u8 x s8 multiply-accumulate instructions a compute probe template knows, per architecture.
PROBE_MACS = {"x86_64": ("maddubs", "vpdpbusd", "tdpbsud"), "aarch64": ("smlal", "sdot")}
MODEL_KEYS = {"name", "arch", "hidden", "ffn", "layers", "heads", "kv_heads", "head_dim", "vocab", "rope_theta", "rms_eps",
              "tied", "tokenizer"}
TOKENIZERS = ("llama3", "falcon3", "llama2-spm")

# Largest tile dimensions a template is expected to unroll; beyond them registers spill.
MAX_MR, MAX_NR = 16, 128
MAX_MR_OF_IMPL = {"tdpbsud": 64}   # AMX tiles loop over 16-token tiles instead of unrolling tokens

# configs/formats.toml: every row has FORMAT_KEYS; a lookup-table format also FORMAT_LUT_KEYS.
FORMAT_KEYS = {"name", "enum", "kind", "g", "bits_num", "bits_den", "layouts"}
FORMAT_LUT_KEYS = {"groups_per_byte", "sign_bit", "table_entries", "max_entry", "table_bytes"}
FORMAT_KINDS = ("mad", "lut")
# A LUT table: 16 int16 entries (4-bit indices) as 16 low bytes and 16 high bytes.
LUT_INDEX_VALUES, LUT_TABLE_BYTES = 16, 32
# Partial sums of a k-block stay in int16: groups per block * largest |entry| <= 32768.
INT16_BOUND = 32768


class SpecError(Exception):
    """A configuration error; the message names the file, the entry and the problem."""


@dataclasses.dataclass(frozen=True)
class Format:
    """One row of configs/formats.toml (what the file's header says each field means); the
    lut fields are 0 / False for a multiply-add format."""
    name: str
    enum: str
    kind: str
    g: int
    bits_num: int
    bits_den: int
    layouts: tuple
    groups_per_byte: int = 0
    sign_bit: bool = False
    table_entries: int = 0
    max_entry: int = 0
    table_bytes: int = 0

    @property
    def lut(self):
        return self.kind == "lut"


@dataclasses.dataclass(frozen=True)
class Isa:
    token: str
    arch: str
    flags: tuple
    features: tuple
    vbytes: int
    prep: str
    mac: str = ""         # best u8 x s8 multiply-accumulate of this ISA ("": no probe)


@dataclasses.dataclass(frozen=True)
class Kernel:
    op: str
    wfmt: str
    afmt: str
    isa: str
    impl: str
    template: str
    family: int           # index of the [[family]] entry in kernels.toml (provenance)
    mr: int = 0
    nr: int = 0
    kb: int = 0
    g: int = 1
    vbytes: int = 16
    arch: str = "any"
    prep: str = ""        # gemm only: the prep kernel it runs with
    pack: str = ""        # gemm only: the pack kernel of its layout
    layout: str = ""      # gemm and pack: the format's weight layout ("" = its default)
    pf: int = 0           # gemm, decode tiles only: prefetch distance in k-blocks (0 = none)

    @property
    def name(self):
        return naming.symbol(self)

    @property
    def path(self):
        return naming.file_path(self)


@dataclasses.dataclass(frozen=True)
class Model:
    name: str
    arch: str
    hidden: int
    ffn: int
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    vocab: int
    rope_theta: float
    rms_eps: float
    tied: bool
    tokenizer: str


def _fail(where, msg):
    raise SpecError(f"{where}: {msg}")


def _load_toml(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SpecError(f"{path}: {e}") from e


def _check_keys(where, table, allowed, required=()):
    if not isinstance(table, dict):
        _fail(where, f"expected a table, got {type(table).__name__}")
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        _fail(where, f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")
    missing = [k for k in required if k not in table]
    if missing:
        _fail(where, f"missing key(s) {', '.join(missing)}")


def _positive_int(where, key, value):
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        _fail(where, f"{key} must be a positive integer, got {value!r}")
    return value


def _check_format(where, f):
    """The row's facts must agree with each other: bits per weight follow from the index
    layout, a table fits 4-bit indices, and the largest entry is g * 128 (|int8| <= 128)."""
    if f.kind == "mad":
        if f.g != 1:
            _fail(where, "a multiply-add format has no lookup groups: g must be 1")
        return
    if f.groups_per_byte not in (1, 2):
        _fail(where, "groups_per_byte must be 2 (two 4-bit indices per byte) or 1 (two bit-plane indices)")
    bits = fractions.Fraction(8 // f.groups_per_byte + int(f.sign_bit), f.g)
    if fractions.Fraction(f.bits_num, f.bits_den) != bits:
        _fail(where, f"bits_num/bits_den must be {bits.numerator}/{bits.denominator}: "
                     f"{8 // f.groups_per_byte} index bits{' + a sign bit' if f.sign_bit else ''} per {f.g} weights")
    if f.table_entries > LUT_INDEX_VALUES:
        _fail(where, f"table_entries {f.table_entries} exceeds the {LUT_INDEX_VALUES} a 4-bit index selects")
    if f.max_entry != 128 * f.g:
        _fail(where, f"max_entry must be {128 * f.g}: {f.g} weights of |w| <= 1 times |int8| <= 128")
    if f.table_bytes != LUT_TABLE_BYTES:
        _fail(where, f"table_bytes must be {LUT_TABLE_BYTES} (16 int16 entries as low and high bytes)")


def load_formats(path):
    data = _load_toml(path)
    _check_keys(str(path), data, {"format"}, ["format"])
    formats = {}
    for index, row in enumerate(data["format"]):
        where = f"{path} format #{index}"
        _check_keys(where, row, FORMAT_KEYS | FORMAT_LUT_KEYS, sorted(FORMAT_KEYS))
        where = f"{path} format #{index} ({row['name']})"
        if row["kind"] not in FORMAT_KINDS:
            _fail(where, f"kind {row['kind']!r} is not one of {FORMAT_KINDS}")
        lut_keys = sorted(FORMAT_LUT_KEYS & set(row))
        if row["kind"] == "lut" and len(lut_keys) != len(FORMAT_LUT_KEYS):
            _fail(where, f"a lut format needs {', '.join(sorted(FORMAT_LUT_KEYS - set(row)))}")
        if row["kind"] == "mad" and lut_keys:
            _fail(where, f"a multiply-add format has no tables: {', '.join(lut_keys)}")
        if not (isinstance(row["name"], str) and row["name"].isidentifier() and row["name"].islower()):
            _fail(where, "name must be a lowercase identifier")
        if row["enum"] != row["name"].upper():
            _fail(where, f"enum must be {row['name'].upper()!r} (the C enum TERN_WFMT_<enum>)")
        for key in ("g", "bits_num", "bits_den") + tuple(k for k in lut_keys if k != "sign_bit"):
            _positive_int(where, key, row[key])
        if "sign_bit" in row and not isinstance(row["sign_bit"], bool):
            _fail(where, "sign_bit must be true or false")
        layouts = row["layouts"]
        if not isinstance(layouts, list) or "" not in layouts or not all(
                isinstance(x, str) and (x == "" or x.isidentifier()) for x in layouts):
            _fail(where, 'layouts must be a list of identifiers holding "" (the default layout)')
        if row["name"] in formats:
            _fail(where, f"format {row['name']!r} is listed twice")
        f = Format(**{**row, "layouts": tuple(layouts)})
        _check_format(where, f)
        formats[f.name] = f
    return formats


def load_isas(path):
    data = _load_toml(path)
    _check_keys(str(path), data, {"isa", "flag", "baseline"}, ["isa", "flag", "baseline"])
    isas = {}
    for token, entry in data["isa"].items():
        where = f"{path} [isa.{token}]"
        _check_keys(where, entry, ISA_KEYS | ISA_OPTIONAL_KEYS, sorted(ISA_KEYS))
        if entry["arch"] not in ARCHES:
            _fail(where, f"arch {entry['arch']!r} is not one of {ARCHES}")
        for key in ("flags", "features"):
            if not isinstance(entry[key], list) or not all(isinstance(x, str) for x in entry[key]):
                _fail(where, f"{key} must be a list of strings")
        if entry["vbytes"] not in (16, 32, 64):
            _fail(where, f"vbytes must be 16, 32 or 64, got {entry['vbytes']!r}")
        isas[token] = Isa(token, entry["arch"], tuple(entry["flags"]), tuple(entry["features"]),
                          entry["vbytes"], entry["prep"], _probe_mac(where, entry))
    for isa in isas.values():
        if isa.prep not in isas:
            _fail(f"{path} [isa.{isa.token}]", f"prep ISA {isa.prep!r} is not defined")
    check_isa_features(path, isas, data["flag"], data["baseline"])
    return isas


def check_isa_features(path, isas, flag_features, baseline):
    """Each ISA's run-time features must be exactly what its flags let the compiler use
    ([flag] in isa.toml) plus its architecture's baseline: no instruction goes unchecked."""
    for token, isa in isas.items():
        where = f"{path} [isa.{token}]"
        wanted = {f: f"the {isa.arch} baseline" for f in baseline.get(isa.arch, ())}
        for flag in isa.flags:
            if flag not in flag_features:
                _fail(where, f"flag {flag} has no row in [flag]: say which CPU features it enables")
            wanted.update({f: f"flag {flag}" for f in flag_features[flag] if f not in wanted})
        missing = [f for f in wanted if f not in isa.features]
        if missing:
            _fail(where, f"{wanted[missing[0]]} enables {', '.join(missing)}, which features does not require")
        extra = [f for f in isa.features if f not in wanted]
        if extra:
            _fail(where, f"features requires {', '.join(extra)}, which no flag enables")


def _probe_mac(where, entry):
    mac = entry.get("mac", "")
    if mac and mac not in PROBE_MACS.get(entry["arch"], ()):
        _fail(where, f"mac {mac!r} is not a probe instruction of {entry['arch']} "
                     f"({', '.join(PROBE_MACS.get(entry['arch'], ())) or 'none'})")
    return mac


def _check_lane4_tile(where, isa, impl, tile):
    mr, nr, kb = tile["mr"], tile["nr"], tile["kb"]
    lanes = isa.vbytes // 4
    if isa.token == "scalar":
        _fail(where, "lane4 is a vector layout: no scalar tiles")
    if nr % lanes:
        _fail(where, f"lane4 nr={nr} must be a multiple of {lanes} (rows per {isa.vbytes}-byte vector)")
    if kb % 16:
        _fail(where, f"lane4 kb={kb} must be a multiple of 16 (k per packed vector)")
    # maddubs: a pair of products is in [-512, 508]; 4 per group of 16 k into one int16 lane.
    if impl == "maddubs" and kb // 16 * 4 * 512 > 32768:
        _fail(where, f"lane4 maddubs kb={kb} exceeds {32768 // 2048 * 16}: int16 partial sums could overflow")
    if impl == "tdpbsud":
        # AMX: 16-token x 16-channel int32 tiles, one tile multiply per 64 k; the 8 tile registers
        # hold the tile's accumulators, a B tile per 16 channels and 2 A tiles (whole, partial).
        if mr % 16 or nr % 16 or kb != 64:
            _fail(where, f"amx lane4 tile {mr}x{nr}k{kb}: mr and nr multiples of 16, kb 64")
        if (mr // 16) * (nr // 16) + nr // 16 + 2 > 8:
            _fail(where, f"amx lane4 tile {mr}x{nr} needs {(mr // 16) * (nr // 16) + nr // 16 + 2} tile registers (8)")
    elif (nr // lanes) * mr > 32:
        _fail(where, f"lane4 tile {mr}x{nr} needs {(nr // lanes) * mr} accumulator vectors (32 at most)")


def _check_gemm_tile(where, fmt, isa, tile, layout, impls):
    mr, nr, kb, g = tile["mr"], tile["nr"], tile["kb"], tile["g"]
    wfmt = fmt.name
    max_mr = min(MAX_MR_OF_IMPL.get(impl, MAX_MR) for impl in impls)
    if mr > max_mr or nr > MAX_NR:
        _fail(where, f"tile {mr}x{nr} exceeds the {max_mr}x{MAX_NR} a template may unroll")
    if g != fmt.g:
        _fail(where, f"{wfmt} looks up groups of {fmt.g} weight(s): g must be {fmt.g} (or left out)")
    if not fmt.lut and not layout:
        step = 4 * isa.vbytes
        if kb % step:
            _fail(where, f"{wfmt} kb={kb} must be a multiple of 4 * vbytes = {step} for ISA {isa.token}")
        # int16 partial sums of one k-block stay exact for at most 16 steps (16 * 2048 = 32768).
        if kb // step > 16:
            _fail(where, f"{wfmt} kb={kb} exceeds 16 steps of {step}: int16 partial sums could overflow")
    if fmt.lut:
        rows = 8 if isa.token == "scalar" else isa.vbytes
        if nr % rows:
            _fail(where, f"{wfmt} nr={nr} must be a multiple of {rows} (rows per index vector on {isa.token})")
        # The pack writes index bytes of two groups (or a group's two planes) and tl2's sign planes
        # of a group pair: a k-block holds whole pairs of groups.
        if kb % (2 * g):
            _fail(where, f"{wfmt} kb={kb} must be a multiple of {2 * g} (index bytes hold two groups)")
        if kb // g * fmt.max_entry > INT16_BOUND:
            _fail(where, f"{wfmt} kb={kb}: {kb // g} groups of entries up to {fmt.max_entry} "
                         "could overflow the int16 partial sums")


def expand_family(index, entry, isas, formats, root):
    where = f"configs/kernels.toml family #{index}"
    if entry.get("op") == "probe":
        # The compute probe belongs to an ISA, not a format: it times the ISA's best u8 x s8 MAC.
        _check_keys(where, entry, FAMILY_KEYS - {"wfmt", "afmt"}, ["op", "isa", "template"])
        entry = {**entry, "wfmt": "", "afmt": ""}
    _check_keys(where, entry, FAMILY_KEYS, ["wfmt", "afmt", "op", "isa", "template"])
    wfmt, afmt, op = entry["wfmt"], entry["afmt"], entry["op"]
    where = f"{where} ({wfmt}-{afmt}-{op})" if op != "probe" else f"{where} (probe)"
    if op not in OPS:
        _fail(where, f"op {op!r} is not one of {OPS}")
    if wfmt not in formats and op != "probe":
        _fail(where, f"wfmt {wfmt!r} is not one of configs/formats.toml's {tuple(formats)}")
    if afmt not in AFMTS and op != "probe":
        _fail(where, f"afmt {afmt!r} is not one of {AFMTS}")
    if not isinstance(entry["isa"], list) or not entry["isa"]:
        _fail(where, "isa must be a non-empty list of ISA tokens")
    template = entry["template"]
    if not (root / "templates" / template).is_file():
        _fail(where, f"template {template!r} does not exist under templates/")

    knobs = entry.get("knobs", {})
    _check_keys(where + " knobs", knobs, KNOB_KEYS)
    impls = knobs.get("impl", [""])
    if not isinstance(impls, list) or not impls or not all(isinstance(i, str) and i.isidentifier() or i == "" for i in impls):
        _fail(where, "knobs.impl must be a non-empty list of identifiers")
    pfs = knobs.get("pf", [0])
    if (not isinstance(pfs, list) or not pfs or len(set(pfs)) != len(pfs)
            or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= MAX_PF for d in pfs)):
        _fail(where, f"knobs.pf must be a list of distinct prefetch distances in 0..{MAX_PF} (k-blocks ahead)")
    if "pf" in knobs and op != "gemm":
        _fail(where, "knobs.pf (prefetch distance) applies to gemm tiles only")
    layout = entry.get("layout", "")
    layouts = formats[wfmt].layouts if wfmt in formats else ("",)
    if layout not in layouts:
        _fail(where, f"layout {layout!r} is not one of {wfmt}'s layouts {layouts} (configs/formats.toml)")
    if layout and op == "prep":
        _fail(where, "a layout belongs to pack and gemm families, not prep")
    if op == "probe":
        if tiles_or_knobs := sorted(set(entry) & {"tiles", "knobs", "layout"}):
            _fail(where, f"a probe takes no {', '.join(tiles_or_knobs)} (its instruction is isa.toml's mac)")

    tiles = entry.get("tiles")
    if op == "gemm":
        if not isinstance(tiles, list) or not tiles:
            _fail(where, "a gemm family needs a non-empty tiles list")
    elif tiles is not None:
        _fail(where, f"op {op} takes no tiles")
    if op == "pack" and entry["isa"] != ["scalar"]:
        _fail(where, "pack runs at load time and is portable: isa must be [\"scalar\"]")

    kernels = []
    for token in entry["isa"]:
        if token not in isas:
            _fail(where, f"ISA {token!r} is not defined in configs/isa.toml")
        isa = isas[token]
        common = dict(op=op, wfmt=wfmt, afmt=afmt, isa=token, template=template, family=index,
                      vbytes=isa.vbytes, arch=isa.arch, layout=layout)
        if op == "probe":
            if not isa.mac:
                _fail(where, f"ISA {token!r} has no mac (probe instruction) in configs/isa.toml")
            if isa.mac not in PROBE_MACS.get(isa.arch, ()):
                _fail(where, f"ISA {token!r}: no probe template knows {isa.mac!r} on {isa.arch}")
            kernels.append(Kernel(impl=isa.mac, **common))
            continue
        if op != "gemm":
            kernels += [Kernel(impl=impl, **common) for impl in impls]
            continue
        for t, tile in enumerate(tiles):
            twhere = f"{where} tile #{t}"
            _check_keys(twhere, tile, TILE_KEYS, ["mr", "nr", "kb"])
            full = {"g": formats[wfmt].g, **tile}
            for key in TILE_KEYS:
                _positive_int(twhere, key, full[key])
            _check_gemm_tile(twhere, formats[wfmt], isa, full, layout, impls)
            for impl in impls:
                if layout == "lane4":
                    _check_lane4_tile(twhere, isa, impl, full)
                # Prefetch variants only for decode tiles: a prefill tile reads its panel from cache.
                for pf in pfs if full["mr"] == 1 else [0]:
                    kernels.append(Kernel(impl=impl, mr=full["mr"], nr=full["nr"], kb=full["kb"], g=full["g"],
                                          pf=pf, **common))
    return kernels


def load_kernels(root, isas, formats):
    path = root / "configs" / "kernels.toml"
    data = _load_toml(path)
    _check_keys(str(path), data, {"family"}, ["family"])
    kernels = []
    for index, entry in enumerate(data["family"]):
        kernels += expand_family(index, entry, isas, formats, root)

    seen = {}
    for k in kernels:
        if k.name in seen:
            _fail(str(path), f"kernel {k.name} is produced by family #{seen[k.name]} and #{k.family}")
        seen[k.name] = k.family

    # Every gemm needs its format's pack and the prep of its ISA's prep level.
    names = set(seen)
    linked = []
    for k in kernels:
        if k.op != "gemm":
            linked.append(k)
            continue
        pack, prep = pack_of(k), prep_of(k, isas)
        for need in (pack, prep):
            if need.name not in names:
                _fail(str(path), f"{k.name} needs {need.name}, which no family produces")
        linked.append(dataclasses.replace(k, prep=prep.name, pack=pack.name))
    return linked


def pack_of(kernel):
    return Kernel(op="pack", wfmt=kernel.wfmt, afmt=kernel.afmt, isa="scalar", impl="", template="", family=-1,
                  layout=kernel.layout)


def prep_of(kernel, isas):
    return Kernel(op="prep", wfmt=kernel.wfmt, afmt=kernel.afmt, isa=isas[kernel.isa].prep, impl="",
                  template="", family=-1)


def load_models(root):
    models = []
    for path in sorted((root / "configs" / "models").glob("*.toml")):
        data = _load_toml(path)
        where = str(path.relative_to(root))
        _check_keys(where, data, MODEL_KEYS, sorted(MODEL_KEYS))
        for key in MODEL_KEYS - {"name", "arch", "rope_theta", "rms_eps", "tied", "tokenizer"}:
            _positive_int(where, key, data[key])
        for key in ("rope_theta", "rms_eps"):
            if not isinstance(data[key], (int, float)) or isinstance(data[key], bool) or not data[key] > 0:
                _fail(where, f"{key} must be a positive number, not {data[key]!r}")
        if not isinstance(data["tied"], bool):
            _fail(where, f"tied must be true or false, not {data['tied']!r}")
        if data["tokenizer"] not in TOKENIZERS:
            _fail(where, f"tokenizer must be one of {', '.join(TOKENIZERS)}, not {data['tokenizer']!r}")
        if data["name"] != path.stem:
            _fail(where, f"name {data['name']!r} must match the file name {path.stem!r}")
        models.append(Model(**{k: data[k] for k in MODEL_KEYS}))
    if not models:
        raise SpecError("configs/models/: no model presets")
    return models


class Config(typing.NamedTuple):
    isas: dict          # token -> Isa
    formats: dict       # wfmt name -> Format, in formats.toml order (the C enum order)
    kernels: list
    models: list


def load_all(root):
    root = pathlib.Path(root)
    isas = load_isas(root / "configs" / "isa.toml")
    formats = load_formats(root / "configs" / "formats.toml")
    return Config(isas, formats, load_kernels(root, isas, formats), load_models(root))
