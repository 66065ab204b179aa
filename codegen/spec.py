"""Load and validate configs/ (isa.toml, kernels.toml, models/*.toml) and expand every
family into concrete kernels. A bad entry fails loudly with the file, entry and reason."""

import dataclasses
import pathlib
import tomllib

import naming

WFMTS = ("i2s", "tl1", "tl2", "lutg4")
AFMTS = ("q8",)
OPS = ("gemm", "prep", "pack", "probe")
# Weight layouts of a format beyond its default one (each has its own pack kernel):
#   lane4  i2s: each 32-bit lane of a vector holds 4 consecutive k of ONE row, so a vector holds
#          vbytes/4 rows and one u8 x s8 dot of a broadcast group of 4 activations consumes 4 k
#          of all of them (templates/i2s/i2s-q8-pack-lane4.c.j2 defines the bytes).
LAYOUTS = {"i2s": ("", "lane4"), "tl1": ("",), "tl2": ("",), "lutg4": ("",)}
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
PROBE_MACS = {"x86_64": ("maddubs", "vpdpbusd"), "aarch64": ("smlal", "sdot")}
MODEL_KEYS = {"name", "arch", "hidden", "ffn", "layers", "heads", "kv_heads", "head_dim", "vocab", "rope_theta", "rms_eps",
              "tied", "tokenizer"}
TOKENIZERS = ("llama3", "falcon3", "llama2-spm")

# Largest tile dimensions a template is expected to unroll; beyond them registers spill.
MAX_MR, MAX_NR = 16, 128

# Weights per lookup group and the largest |table entry| of each LUT format (int16 sums of a
# k-block must stay exact: groups per block * max entry <= 32768).
LUT_GROUP = {"tl1": 2, "tl2": 3, "lutg4": 4}
LUT_MAX_ENTRY = {"tl1": 256, "tl2": 384, "lutg4": 512}


def format_facts(wfmt):
    """What a template may ask of a weight format: weights per lookup group and the largest
    |table entry| (0: no tables)."""
    return {"group": LUT_GROUP.get(wfmt, 1), "max_entry": LUT_MAX_ENTRY.get(wfmt, 0)}


class SpecError(Exception):
    """A configuration error; the message names the file, the entry and the problem."""


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
    if (nr // lanes) * mr > 32:
        _fail(where, f"lane4 tile {mr}x{nr} needs {(nr // lanes) * mr} accumulator vectors (32 at most)")


def _check_gemm_tile(where, wfmt, isa, tile, layout):
    mr, nr, kb, g = tile["mr"], tile["nr"], tile["kb"], tile["g"]
    if mr > MAX_MR or nr > MAX_NR:
        _fail(where, f"tile {mr}x{nr} exceeds the {MAX_MR}x{MAX_NR} a template may unroll")
    if wfmt == "i2s" and g != 1:
        _fail(where, "i2s has no lookup group: g must be 1")
    if wfmt == "i2s" and not layout:
        step = 4 * isa.vbytes
        if kb % step:
            _fail(where, f"i2s kb={kb} must be a multiple of 4 * vbytes = {step} for ISA {isa.token}")
        # int16 partial sums of one k-block stay exact for at most 16 steps (16 * 2048 = 32768).
        if kb // step > 16:
            _fail(where, f"i2s kb={kb} exceeds 16 steps of {step}: int16 partial sums could overflow")
    if wfmt in LUT_GROUP:
        group = LUT_GROUP[wfmt]
        if g != group:
            _fail(where, f"{wfmt} looks up groups of {group} weights: g must be {group} (or left out)")
        rows = 8 if isa.token == "scalar" else isa.vbytes
        if nr % rows:
            _fail(where, f"{wfmt} nr={nr} must be a multiple of {rows} (rows per index vector on {isa.token})")
        if kb % (2 * group):
            _fail(where, f"{wfmt} kb={kb} must be a multiple of {2 * group} (index bytes hold two groups)")
        if kb // group * LUT_MAX_ENTRY[wfmt] > 32768:
            _fail(where, f"{wfmt} kb={kb}: {kb // group} groups of entries up to {LUT_MAX_ENTRY[wfmt]} "
                         "could overflow the int16 partial sums")


def expand_family(index, entry, isas, root):
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
    if wfmt not in WFMTS and op != "probe":
        _fail(where, f"wfmt {wfmt!r} is not one of {WFMTS}")
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
    if layout not in LAYOUTS.get(wfmt, ("",)):
        _fail(where, f"layout {layout!r} is not one of {wfmt}'s layouts {LAYOUTS.get(wfmt, ('',))}")
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
            full = {"g": LUT_GROUP.get(wfmt, 1), **tile}
            for key in TILE_KEYS:
                _positive_int(twhere, key, full[key])
            _check_gemm_tile(twhere, wfmt, isa, full, layout)
            for impl in impls:
                if layout == "lane4":
                    _check_lane4_tile(twhere, isa, impl, full)
                # Prefetch variants only for decode tiles: a prefill tile reads its panel from cache.
                for pf in pfs if full["mr"] == 1 else [0]:
                    kernels.append(Kernel(impl=impl, mr=full["mr"], nr=full["nr"], kb=full["kb"], g=full["g"],
                                          pf=pf, **common))
    return kernels


def load_kernels(root, isas):
    path = root / "configs" / "kernels.toml"
    data = _load_toml(path)
    _check_keys(str(path), data, {"family"}, ["family"])
    kernels = []
    for index, entry in enumerate(data["family"]):
        kernels += expand_family(index, entry, isas, root)

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


def load_all(root):
    root = pathlib.Path(root)
    isas = load_isas(root / "configs" / "isa.toml")
    return isas, load_kernels(root, isas), load_models(root)
