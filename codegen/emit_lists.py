"""Render the lists every consumer includes: kernels.inc (X-macro rows), formats.inc,
models.inc, kernels.cmake (per-ISA source lists and flags) and manifest.json. All list text comes
from templates/lists/; this module only decides what goes in."""

import dataclasses
import hashlib
import json

import naming
import spec

ARCH_GUARD = {"any": None, "x86_64": "defined(__x86_64__)", "aarch64": "defined(__aarch64__)"}


def registry_hash(kernel_files):
    """Hash of every generated kernel file: a tuning profile made with other kernels is stale."""
    h = hashlib.sha256()
    for path in sorted(kernel_files):
        h.update(path.encode())
        h.update(b"\0")
        h.update(kernel_files[path].encode())
    return h.hexdigest()[:16]


def _row(kernel, formats):
    row = {
        "name": kernel.name,
        "file": f"generated/{kernel.path}",
        "op": kernel.op,
        "wfmt": kernel.wfmt,
        "afmt": kernel.afmt,
        "isa": kernel.isa,
        "impl": kernel.impl,
        "arch": kernel.arch,
        "template": kernel.template,
        "family": kernel.family,
        "isa_enum": naming.enum_token("ISA", kernel.isa),
        "wfmt_enum": naming.enum_token("WFMT", formats[kernel.wfmt].enum) if kernel.wfmt else "",
        "afmt_enum": naming.enum_token("AFMT", kernel.afmt),
    }
    if kernel.op == "gemm":
        row.update(mr=kernel.mr, nr=kernel.nr, kb=kernel.kb, g=kernel.g, vbytes=kernel.vbytes,
                   prep=kernel.prep, pack=kernel.pack, pf=kernel.pf)
    if kernel.op in ("gemm", "pack"):
        row.update(layout=kernel.layout)
    return row


def _groups(rows):
    """Rows grouped by architecture guard, in a stable order: portable first."""
    out = []
    for arch in ("any", "x86_64", "aarch64"):
        members = [r for r in rows if r["arch"] == arch]
        if members:
            out.append({"guard": ARCH_GUARD[arch], "rows": members})
    return out


def render_lists(env, cfg, kernel_files):
    isas, formats, kernels, models = cfg.isas, cfg.formats, cfg.kernels, cfg.models
    rows = [_row(k, formats) for k in kernels]
    rhash = registry_hash(kernel_files)
    ctx = {
        "reg_hash": rhash,
        "groups": {op: _groups([r for r in rows if r["op"] == op]) for op in spec.OPS},
        "models": models,
        "formats": list(formats.values()),
        "isas": list(isas.values()),
        "isa_sources": {t: [r["file"] for r in rows if r["isa"] == t] for t in isas},
    }
    out = {
        "kernels.inc": env.get_template("lists/kernels.inc.j2").render(ctx),
        "formats.inc": env.get_template("lists/formats.inc.j2").render(ctx),
        "models.inc": env.get_template("lists/models.inc.j2").render(ctx),
        "kernels.cmake": env.get_template("lists/kernels.cmake.j2").render(ctx),
    }
    manifest = {
        "generator": "codegen/gen.py",
        "registry_hash": rhash,
        "isas": {i.token: {"arch": i.arch, "flags": list(i.flags), "features": list(i.features),
                           "vbytes": i.vbytes, "prep": i.prep} for i in isas.values()},
        "formats": [dataclasses.asdict(f) for f in formats.values()],
        "kernels": rows,
        "models": [{"name": m.name, "arch": m.arch, "layers": m.layers} for m in models],
    }
    out["manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    return out
