#!/usr/bin/env python3
"""codegen: validation fails loudly on bad entries, names are unique and derived from the
entry, output is deterministic, and one added tile line adds exactly one kernel."""

import pathlib
import re
import shutil
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "codegen"))

import gen  # noqa: E402
import spec  # noqa: E402

# A compiler's predefined macros (regular expressions) -> the TERN_CPU_<FEATURE>
# (runtime/include/tern/cpu.h) each implies.
FEATURE_OF_MACRO = [
    (r"__SSE3__", "SSE3"), (r"__SSSE3__", "SSSE3"), (r"__SSE4_1__", "SSE41"), (r"__SSE4_2__|__CRC32__", "SSE42"),
    (r"__POPCNT__", "POPCNT"), (r"__XSAVE__", "XSAVE"), (r"__AVX__", "AVX"), (r"__AVX2__", "AVX2"),
    (r"__FMA__|__FP_FAST_FMA\w*", "FMA"), (r"__F16C__", "F16C"), (r"__BMI2__", "BMI2"),
    (r"__AVX512F__", "AVX512F"), (r"__AVX512BW__", "AVX512BW"), (r"__AVX512VL__", "AVX512VL"),
    (r"__AVX512DQ__", "AVX512DQ"), (r"__AVX512VNNI__", "AVX512VNNI"), (r"__AVX512VBMI__", "AVX512VBMI"),
    (r"__AVXVNNI__", "AVXVNNI"), (r"__AMX_?TILE__", "AMXTILE"), (r"__AMX_?INT8__", "AMXINT8"),
    (r"__ARM_NEON\w*", "NEON"), (r"__ARM_FEATURE_CRC32", "CRC32"), (r"__ARM_FEATURE_ATOMICS", "LSE"),
    (r"__ARM_FEATURE_QRDMX", "RDM"), (r"__ARM_FEATURE_DOTPROD", "DOTPROD"), (r"__ARM_FEATURE_MATMUL_INT8", "I8MM"),
    (r"__ARM_FEATURE_SVE\w*", "SVE"),
]


def feature_of_macro(macro):
    hits = [f for pattern, f in FEATURE_OF_MACRO if re.fullmatch(pattern, macro)]
    return hits[0] if hits else None


SYMBOL = re.compile(r"^(tern_[a-z0-9]+_[a-z0-9]+_(gemm|prep|pack)_ukernel(_\d+x\d+(k\d+)?(g\d+)?)?|tern_u8s8_mac_probe)"
                    r"__[a-z0-9]+(_[a-z0-9]+)*$")


class Scratch:
    """A copy of configs/ and templates/ to break on purpose."""

    def __enter__(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="tern-codegen-"))
        shutil.copytree(ROOT / "configs", self.dir / "configs")
        shutil.copytree(ROOT / "templates", self.dir / "templates")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir)

    def edit(self, rel, old, new):
        path = self.dir / rel
        text = path.read_text()
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1))


class CodegenTest(unittest.TestCase):
    def test_names_unique_and_well_formed(self):
        kernels = spec.load_all(ROOT).kernels
        names = [k.name for k in kernels]
        self.assertEqual(len(names), len(set(names)))
        self.assertEqual(len({k.path for k in kernels}), len(kernels))
        for k in kernels:
            self.assertRegex(k.name, SYMBOL)
            self.assertTrue(k.path.endswith(".c"))

    def test_every_isa_has_four_tiles_with_decode_and_prefill(self):
        """Every ISA has prefill tiles; one without decode tiles of its own (AMX) decodes with
        the tiles of an ISA it includes that read the same bytes (tern_same_layout)."""
        loaded = spec.load_all(ROOT)
        gemms = [k for k in loaded.kernels if k.op == "gemm"]
        features = {name: set(isa.features) for name, isa in loaded.isas.items()}
        for isa in {k.isa for k in gemms}:
            mine = [k for k in gemms if k.isa == isa]
            self.assertTrue(any(k.mr >= 4 for k in mine), f"{isa}: no prefill tile")
            if any(k.mr == 1 for k in mine):
                self.assertGreaterEqual(len(mine), 4, isa)
                continue
            for p in mine:
                partners = [d for d in gemms if d.mr == 1 and features[d.isa] <= features[isa] and
                            (d.wfmt, d.nr, d.kb, d.vbytes, d.pack, d.prep) == (p.wfmt, p.nr, p.kb, p.vbytes, p.pack, p.prep)]
                self.assertTrue(partners, f"{p.name}: no decode tile reads its layout")

    def test_deterministic(self):
        self.assertEqual(gen.render_all(ROOT), gen.render_all(ROOT))

    def test_one_line_adds_one_variant(self):
        with Scratch() as s:
            before = gen.render_all(s.dir)
            s.edit("configs/kernels.toml", "{mr = 1, nr = 4, kb = 64}, {mr = 1, nr = 8, kb = 64},",
                   "{mr = 1, nr = 4, kb = 64}, {mr = 1, nr = 8, kb = 64}, {mr = 3, nr = 5, kb = 192},")
            after = gen.render_all(s.dir)
        added = set(after) - set(before)
        self.assertEqual(added, {"i2s-q8-gemm/i2s-q8-gemm-3x5k192-scalar.c"})
        self.assertIn("tern_i2s_q8_gemm_ukernel_3x5k192__scalar", after["kernels.inc"])
        self.assertIn("i2s-q8-gemm-3x5k192-scalar.c", after["kernels.cmake"])
        self.assertIn("tern_i2s_q8_gemm_ukernel_3x5k192__scalar", after["manifest.json"])

    def assert_rejected(self, rel, old, new, message):
        with Scratch() as s:
            s.edit(rel, old, new)
            with self.assertRaises(spec.SpecError) as ctx:
                gen.render_all(s.dir)
            self.assertIn(message, str(ctx.exception))

    def test_bad_entries_fail_loudly(self):
        toml = "configs/kernels.toml"
        self.assert_rejected(toml, 'isa      = ["avx2"]', 'isa      = ["avx3"]', "ISA 'avx3' is not defined")
        self.assert_rejected(toml, "{mr = 1, nr = 4, kb = 128}", "{mr = 1, nr = 4, kb = 100}", "multiple of 4 * vbytes")
        self.assert_rejected(toml, "{mr = 1, nr = 4, kb = 128}", "{mr = 1, nr = 4, kb = 128, q = 2}", "unknown key(s) q")
        self.assert_rejected(toml, "{mr = 1, nr = 4, kb = 128}", "{mr = 0, nr = 4, kb = 128}", "mr must be a positive")
        self.assert_rejected(toml, "{mr = 1, nr = 4, kb = 128}", "{mr = 1, nr = 200, kb = 128}", "exceeds")
        self.assert_rejected(toml, "{mr = 1, nr = 4, kb = 128}", "{mr = 1, nr = 4, kb = 8192}", "int16 partial sums")
        self.assert_rejected(toml, 'template = "i2s/i2s-q8-gemm-x86.c.j2"', 'template = "i2s/nope.c.j2"', "does not exist")
        self.assert_rejected(toml, 'wfmt     = "i2s"', 'wfmt     = "i3s"', "wfmt 'i3s'")
        self.assert_rejected(toml, "{mr = 1, nr = 4, kb = 128}, {mr = 1, nr = 8, kb = 128}",
                             "{mr = 1, nr = 4, kb = 128}, {mr = 1, nr = 4, kb = 128}", "is produced by family")
        self.assert_rejected(toml, 'isa      = ["scalar", "avx2", "avx512bw", "neon"]\ntemplate = "q8/q8-prep.c.j2"',
                             'isa      = ["scalar", "avx2", "avx2", "neon"]\ntemplate = "q8/q8-prep.c.j2"',
                             "is produced by family")
        self.assert_rejected("configs/isa.toml", "vbytes   = 32", "vbytes   = 24", "vbytes must be")
        self.assert_rejected("configs/models/bitnet-b1.58-2B-4T.toml", "hidden      = 2560", "hidden      = -1",
                             "hidden must be a positive")

    def test_isa_features_are_exactly_what_the_flags_enable(self):
        isa = "configs/isa.toml"
        avx2 = '"AVX", "AVX2", "FMA", "F16C", "BMI2"]\nvbytes   = 32'
        self.assert_rejected(isa, avx2, '"AVX", "AVX2", "FMA", "F16C"]\nvbytes   = 32',
                             "[isa.avx2]: flag -mbmi2 enables BMI2, which features does not require")
        self.assert_rejected(isa, avx2, '"AVX", "AVX2", "FMA", "F16C", "BMI2", "AVX512F"]\nvbytes   = 32',
                             "[isa.avx2]: features requires AVX512F, which no flag enables")
        self.assert_rejected(isa, 'flags    = ["-mavx2", "-mfma", "-mf16c", "-mbmi2"]',
                             'flags    = ["-mavx2", "-mfma", "-mf16c", "-mbmi2", "-mlzcnt"]',
                             "[isa.avx2]: flag -mlzcnt has no row in [flag]")
        neondot = 'features = ["NEON", "CRC32", "LSE", "RDM", "DOTPROD"]'
        self.assert_rejected(isa, neondot, 'features = ["CRC32", "LSE", "RDM", "DOTPROD"]',
                             "[isa.neondot]: the aarch64 baseline enables NEON, which features does not require")
        self.assert_rejected(isa, neondot, 'features = ["NEON", "DOTPROD"]',
                             "[isa.neondot]: flag -march=armv8.2-a+dotprod enables CRC32, LSE, RDM")

    def test_flag_rows_match_the_compilers(self):
        """Each [flag] row lists every feature whose predefined macro gcc or clang turns on for
        that flag (beyond the plain build), and nothing neither of them turns on."""
        import subprocess
        import tomllib
        data = tomllib.loads((ROOT / "configs" / "isa.toml").read_text())
        arch_of = {f: e["arch"] for e in data["isa"].values() for f in e["flags"]}
        compilers = {"x86_64": [["gcc"], ["clang"]],
                     "aarch64": [["aarch64-linux-gnu-gcc"], ["clang", "--target=aarch64-linux-gnu"]]}

        def macros(cc, flag):
            out = subprocess.run(cc + ([flag] if flag else []) + ["-dM", "-E", "-x", "c", "/dev/null"],
                                 capture_output=True, text=True)
            return set(re.findall(r"^#define (\w+)", out.stdout, re.M)) if out.returncode == 0 else None

        tested = 0
        for flag, row in data["flag"].items():
            seen, compilers_run = set(), 0
            for cc in compilers[arch_of[flag]]:
                if shutil.which(cc[0]) is None or (base := macros(cc, None)) is None:
                    continue
                on = macros(cc, flag)
                self.assertIsNotNone(on, f"{' '.join(cc)} rejects {flag}")
                features = set()
                for m in sorted(on - base):
                    feature = feature_of_macro(m)
                    self.assertIsNotNone(feature, f"{' '.join(cc)} {flag} defines {m}, which no feature covers")
                    features.add(feature)
                self.assertLessEqual(features, set(row), f"{' '.join(cc)} {flag}: row lacks {features - set(row)}")
                seen |= features
                compilers_run += 1
            if compilers_run == len(compilers[arch_of[flag]]):
                self.assertEqual(seen, set(row), f"{flag}: no compiler enables {set(row) - seen}")
            tested += compilers_run
        if tested == 0:
            self.skipTest("no compiler found")

    def test_new_knobs_are_checked(self):
        toml = "configs/kernels.toml"
        self.assert_rejected(toml, 'knobs    = { impl = ["maddubs"], pf = [0, 8] }\n\n[[family]]\nwfmt     = "i2s"\nafmt     = "q8"\nop       = "gemm"\nisa      = ["avxvnni"]',
                             'knobs    = { impl = ["maddubs"], pf = [0, -8] }\n\n[[family]]\nwfmt     = "i2s"\nafmt     = "q8"\nop       = "gemm"\nisa      = ["avxvnni"]',
                             "knobs.pf must be")
        self.assert_rejected(toml, 'layout   = "lane4"\ntemplate = "i2s/i2s-q8-gemm-x86-lane4.c.j2"',
                             'layout   = "lane5"\ntemplate = "i2s/i2s-q8-gemm-x86-lane4.c.j2"', "layout 'lane5'")
        self.assert_rejected(toml, "{mr = 1, nr = 16, kb = 64}, {mr = 16, nr = 16, kb = 64}",
                             "{mr = 1, nr = 24, kb = 64}, {mr = 16, nr = 16, kb = 64}", "multiple of 16 (rows per 64-byte")
        self.assert_rejected(toml, "{mr = 1, nr = 16, kb = 64}, {mr = 16, nr = 16, kb = 64}",
                             "{mr = 1, nr = 16, kb = 72}, {mr = 16, nr = 16, kb = 64}", "multiple of 16 (k per packed")
        self.assert_rejected(toml, "{mr = 8, nr = 8, kb = 128}", "{mr = 8, nr = 8, kb = 512}", "int16 partial sums")
        self.assert_rejected("configs/isa.toml", 'mac      = "sdot"', 'mac      = "vpdpbusd"', "not a probe instruction")

    def test_template_refusals_stop_generation(self):
        """A parameter a template cannot render fails at generation time, naming the template
        and kernel, instead of emitting a #error for the compiler to find."""
        self.assert_rejected("configs/kernels.toml",
                             'isa      = ["avx512bw"]\ntemplate = "lut/lut-q8-gemm-x86.c.j2"\n'
                             'tiles    = [ {mr = 1, nr = 64, kb = 64}, {mr = 1, nr = 128, kb = 64}, {mr = 1, nr = 64, kb = 128}, '
                             '{mr = 4, nr = 64, kb = 64} ]\nknobs    = { impl = ["pshufb"] }',
                             'isa      = ["avx512bw"]\ntemplate = "lut/lut-q8-gemm-x86.c.j2"\n'
                             'tiles    = [ {mr = 1, nr = 64, kb = 64}, {mr = 1, nr = 128, kb = 64}, {mr = 1, nr = 64, kb = 128}, '
                             '{mr = 4, nr = 64, kb = 64} ]\nknobs    = { impl = ["vpermb"] }',
                             "templates/lut/lut-q8-gemm-x86.c.j2 for tern_tl1_q8_gemm_ukernel_1x64k64g2__avx512bw_vpermb: "
                             "the vpermb variant exists for tl2 with 64-byte vectors only")
        for path in (ROOT / "templates").rglob("*.j2"):
            self.assertNotIn("#error", path.read_text(), path)

    def test_a_format_is_one_row(self):
        """configs/formats.toml rows must agree with themselves, and they are what C and the
        templates see: formats.inc carries every row, and no template spells a format's group."""
        fmts = "configs/formats.toml"
        tl2 = 'name            = "tl2"\nenum            = "TL2"\nkind            = "lut"\ng               = 3\n'
        self.assert_rejected(fmts, tl2 + "bits_num        = 5", tl2 + "bits_num        = 2", "bits_num/bits_den must be 5/3")
        self.assert_rejected(fmts, "max_entry       = 384", "max_entry       = 300", "max_entry must be 384")
        self.assert_rejected(fmts, "table_entries   = 14", "table_entries   = 17", "exceeds the 16")
        self.assert_rejected(fmts, 'enum            = "TL2"', 'enum            = "TLX"', "enum must be 'TL2'")
        self.assert_rejected(fmts, "sign_bit        = true\n", "", "a lut format needs sign_bit")
        self.assert_rejected(fmts, 'layouts  = ["", "lane4"]', 'layouts  = ["", "lane4"]\nmax_entry = 1',
                             "a multiply-add format has no tables")
        files = gen.render_all(ROOT)
        for f in spec.load_all(ROOT).formats.values():
            self.assertIn(f'TERN_WFMT(TERN_WFMT_{f.enum}, "{f.name}", {f.g}, ', files["formats.inc"])
        for path in (ROOT / "templates").rglob("*.j2"):
            self.assertNotRegex(path.read_text(), r'\{\s*"tl1"\s*:', path)

    def test_prefetch_only_for_decode_tiles(self):
        kernels = spec.load_all(ROOT).kernels
        pf = [k for k in kernels if k.pf]
        self.assertTrue(pf)
        self.assertTrue(all(k.mr == 1 and k.name.endswith(f"_pf{k.pf}") for k in pf))

    def test_missing_prep_is_named(self):
        with Scratch() as s:
            s.edit("configs/kernels.toml", 'isa      = ["scalar", "avx2", "avx512bw", "neon"]\ntemplate = "q8/q8-prep.c.j2"',
                   'isa      = ["scalar", "avx2", "avx512bw"]\ntemplate = "q8/q8-prep.c.j2"')
            with self.assertRaises(spec.SpecError) as ctx:
                gen.render_all(s.dir)
            self.assertIn("needs tern_i2s_q8_prep_ukernel__neon", str(ctx.exception))

    def test_check_mode_sees_a_stale_file(self):
        with Scratch() as s:
            shutil.copytree(ROOT / "generated", s.dir / "generated")
            shutil.copytree(ROOT / "codegen", s.dir / "codegen")
            self.assertEqual(gen.main(["--check", "--root", str(s.dir)]), 0)
            victim = s.dir / "generated" / "kernels.inc"
            victim.write_text(victim.read_text() + "// hand edit\n")
            self.assertEqual(gen.main(["--check", "--root", str(s.dir)]), 1)
            (s.dir / "generated" / "extra.c").write_text("")
            gen.main(["--root", str(s.dir)])
            self.assertFalse((s.dir / "generated" / "extra.c").exists())
            self.assertEqual(gen.main(["--check", "--root", str(s.dir)]), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
