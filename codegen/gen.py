#!/usr/bin/env python3
"""tern kernel generator (build time only).

    python3 codegen/gen.py            regenerate generated/ (writes only files that changed)
    python3 codegen/gen.py --check    exit 1 if generated/ differs from what would be written

Reads configs/isa.toml, configs/formats.toml, configs/kernels.toml and configs/models/*.toml,
renders one file per kernel from templates/ and the lists (kernels.inc, formats.inc, models.inc,
kernels.cmake, manifest.json). generated/ holds nothing else: files no longer produced are removed.
"""

import argparse
import pathlib
import sys

import jinja2

import emit_lists
import spec

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _fail(message):
    """{{ fail("...") }} in a template: a parameter the template cannot render stops
    generation with the template, the kernel and the reason (never a #error in the output)."""
    raise jinja2.TemplateError(message)


def make_env(root):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root / "templates")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["fail"] = _fail
    return env


def render_all(root):
    """{path relative to generated/: text} for everything codegen owns."""
    cfg = spec.load_all(root)
    env = make_env(root)
    files = {}
    for k in cfg.kernels:
        # fmt: the kernel's configs/formats.toml row (none for the ISA probes).
        ctx = {"k": k, "isa": cfg.isas[k.isa], "fmt": cfg.formats.get(k.wfmt), "name": k.name, "template": k.template,
               "prep": k.prep,
               "entry": f"family #{k.family} ({k.wfmt}-{k.afmt}-{k.op}, isa {k.isa})"}
        try:
            files[k.path] = env.get_template(k.template).render(ctx)
        except jinja2.TemplateError as e:
            raise spec.SpecError(f"templates/{k.template} for {k.name}: {e}") from e
    files.update(emit_lists.render_lists(env, cfg, files))
    return files


def existing_files(out_dir):
    if not out_dir.is_dir():
        return {}
    return {str(p.relative_to(out_dir)): p for p in out_dir.rglob("*") if p.is_file()}


def check(out_dir, files):
    have = existing_files(out_dir)
    problems = []
    for rel, text in sorted(files.items()):
        if rel not in have:
            problems.append(f"missing: generated/{rel}")
        elif have[rel].read_text() != text:
            problems.append(f"differs: generated/{rel}")
    problems += [f"not produced by codegen: generated/{rel}" for rel in sorted(set(have) - set(files))]
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"gen.py --check: {len(problems)} file(s) out of date; run python3 codegen/gen.py", file=sys.stderr)
        return 1
    print(f"gen.py --check: generated/ is up to date ({len(files)} files)")
    return 0


def write(out_dir, files):
    have = existing_files(out_dir)
    changed = 0
    for rel, text in sorted(files.items()):
        path = out_dir / rel
        if rel in have and have[rel].read_text() == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        changed += 1
    stale = sorted(set(have) - set(files))
    for rel in stale:
        (out_dir / rel).unlink()
    for d in sorted((p for p in out_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(d.iterdir()):
            d.rmdir()
    print(f"gen.py: {len(files)} files, {changed} written, {len(stale)} removed")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if generated/ is out of date")
    ap.add_argument("--root", type=pathlib.Path, default=ROOT, help="project root (default: this checkout)")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    try:
        files = render_all(root)
    except spec.SpecError as e:
        print(f"gen.py: error: {e}", file=sys.stderr)
        return 2
    out_dir = root / "generated"
    return check(out_dir, files) if args.check else write(out_dir, files)


if __name__ == "__main__":
    sys.exit(main())
