# Auto-generated file. Do not edit!
#   Template:  templates/lists/kernels.cmake.j2
#   Config:    configs/kernels.toml, configs/isa.toml
#   Generator: codegen/gen.py
#
# Per-ISA kernel sources, their architecture and the flags only those files get.

set(TERN_KERNEL_ISAS scalar avx2 avx512bw avx512vnni avx512vbmi avxvnni amxint8 neon neondot)

set(TERN_ISA_SCALAR_ARCH any)
set(TERN_ISA_SCALAR_FLAGS)
set(TERN_ISA_SCALAR_SOURCES
    generated/i2s-q8-pack/i2s-q8-pack-scalar.c
    generated/i2s-q8-prep/i2s-q8-prep-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k64-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-2x8k128-scalar.c
    generated/tl1-q8-pack/tl1-q8-pack-scalar.c
    generated/tl1-q8-prep/tl1-q8-prep-scalar.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x16k64g2-scalar.c
    generated/tl1-q8-gemm/tl1-q8-gemm-4x16k64g2-scalar.c
    generated/tl2-q8-pack/tl2-q8-pack-scalar.c
    generated/tl2-q8-prep/tl2-q8-prep-scalar.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x16k96g3-scalar.c
    generated/tl2-q8-gemm/tl2-q8-gemm-4x16k96g3-scalar.c
    generated/lutg4-q8-pack/lutg4-q8-pack-scalar.c
    generated/lutg4-q8-prep/lutg4-q8-prep-scalar.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x16k64g4-scalar.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-4x16k64g4-scalar.c
    generated/i2s-q8-pack/i2s-q8-pack-scalar-lane4.c
)

set(TERN_ISA_AVX2_ARCH x86_64)
set(TERN_ISA_AVX2_FLAGS -mavx2 -mfma -mf16c -mbmi2)
set(TERN_ISA_AVX2_SOURCES
    generated/i2s-q8-prep/i2s-q8-prep-avx2.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-avx2-maddubs-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avx2-maddubs-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx2-maddubs-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x2k128-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-2x4k128-avx2-maddubs.c
    generated/tl1-q8-prep/tl1-q8-prep-avx2.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x32k64g2-avx2-pshufb.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x64k64g2-avx2-pshufb.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x32k128g2-avx2-pshufb.c
    generated/tl1-q8-gemm/tl1-q8-gemm-4x32k64g2-avx2-pshufb.c
    generated/tl2-q8-prep/tl2-q8-prep-avx2.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x32k96g3-avx2-pshufb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x64k96g3-avx2-pshufb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x32k192g3-avx2-pshufb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-4x32k96g3-avx2-pshufb.c
    generated/lutg4-q8-prep/lutg4-q8-prep-avx2.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x32k64g4-avx2-pshufb.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x64k64g4-avx2-pshufb.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x32k128g4-avx2-pshufb.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-4x32k64g4-avx2-pshufb.c
    generated/u8s8-mac-probe/u8s8-mac-probe-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avx2-maddubs-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avx2-maddubs-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x8k128-avx2-maddubs-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k128-avx2-maddubs-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k128-avx2-maddubs-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x16k128-avx2-maddubs-lane4.c
)

set(TERN_ISA_AVX512BW_ARCH x86_64)
set(TERN_ISA_AVX512BW_FLAGS -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512vl -mavx512dq)
set(TERN_ISA_AVX512BW_SOURCES
    generated/i2s-q8-prep/i2s-q8-prep-avx512bw.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k256-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k256-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x2k256-avx512bw-maddubs.c
    generated/tl1-q8-prep/tl1-q8-prep-avx512bw.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x64k64g2-avx512bw-pshufb.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x128k64g2-avx512bw-pshufb.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x64k128g2-avx512bw-pshufb.c
    generated/tl1-q8-gemm/tl1-q8-gemm-4x64k64g2-avx512bw-pshufb.c
    generated/tl2-q8-prep/tl2-q8-prep-avx512bw.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x64k96g3-avx512bw-pshufb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x128k96g3-avx512bw-pshufb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x64k192g3-avx512bw-pshufb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-4x64k96g3-avx512bw-pshufb.c
    generated/lutg4-q8-prep/lutg4-q8-prep-avx512bw.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x64k64g4-avx512bw-pshufb.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x128k64g4-avx512bw-pshufb.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x64k128g4-avx512bw-pshufb.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-4x64k64g4-avx512bw-pshufb.c
    generated/u8s8-mac-probe/u8s8-mac-probe-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x32k128-avx512bw-maddubs-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x32k128-avx512bw-maddubs-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x32k128-avx512bw-maddubs-lane4.c
)

set(TERN_ISA_AVX512VNNI_ARCH x86_64)
set(TERN_ISA_AVX512VNNI_FLAGS -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512vl -mavx512dq -mavx512vnni)
set(TERN_ISA_AVX512VNNI_SOURCES
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx512vnni-vpdpbusd-pf4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k256-avx512vnni-vpdpbusd-pf4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k256-avx512vnni-vpdpbusd-pf4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x2k256-avx512vnni-vpdpbusd.c
    generated/u8s8-mac-probe/u8s8-mac-probe-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k64-avx512vnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k64-avx512vnni-vpdpbusd-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-16x16k64-avx512vnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x32k64-avx512vnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x32k64-avx512vnni-vpdpbusd-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x32k64-avx512vnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-12x32k64-avx512vnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x32k128-avx512vnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x32k128-avx512vnni-vpdpbusd-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x32k128-avx512vnni-vpdpbusd-lane4.c
)

set(TERN_ISA_AVX512VBMI_ARCH x86_64)
set(TERN_ISA_AVX512VBMI_FLAGS -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512vl -mavx512dq -mavx512vbmi)
set(TERN_ISA_AVX512VBMI_SOURCES
    generated/tl2-q8-gemm/tl2-q8-gemm-1x64k96g3-avx512vbmi-vpermb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x128k96g3-avx512vbmi-vpermb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x128k192g3-avx512vbmi-vpermb.c
    generated/tl2-q8-gemm/tl2-q8-gemm-4x64k96g3-avx512vbmi-vpermb.c
)

set(TERN_ISA_AVXVNNI_ARCH x86_64)
set(TERN_ISA_AVXVNNI_FLAGS -mavx2 -mfma -mf16c -mavxvnni)
set(TERN_ISA_AVXVNNI_SOURCES
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x2k128-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x3k128-avxvnni-vpdpbusd.c
    generated/u8s8-mac-probe/u8s8-mac-probe-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-avxvnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-avxvnni-vpdpbusd-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-12x8k64-avxvnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k64-avxvnni-vpdpbusd-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k64-avxvnni-vpdpbusd-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-6x16k64-avxvnni-vpdpbusd-lane4.c
)

set(TERN_ISA_AMXINT8_ARCH x86_64)
set(TERN_ISA_AMXINT8_FLAGS -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512vl -mavx512dq -mavx512vnni -mamx-tile -mamx-int8)
set(TERN_ISA_AMXINT8_SOURCES
    generated/u8s8-mac-probe/u8s8-mac-probe-amxint8-tdpbsud.c
    generated/i2s-q8-gemm/i2s-q8-gemm-64x16k64-amxint8-tdpbsud-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-32x32k64-amxint8-tdpbsud-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-16x32k64-amxint8-tdpbsud-lane4.c
)

set(TERN_ISA_NEON_ARCH aarch64)
set(TERN_ISA_NEON_FLAGS)
set(TERN_ISA_NEON_SOURCES
    generated/i2s-q8-prep/i2s-q8-prep-neon.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-neon-smlal.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neon-smlal.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-neon-smlal.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k64-neon-smlal.c
    generated/tl1-q8-prep/tl1-q8-prep-neon.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x16k64g2-neon-tbl.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x32k64g2-neon-tbl.c
    generated/tl1-q8-gemm/tl1-q8-gemm-1x16k128g2-neon-tbl.c
    generated/tl1-q8-gemm/tl1-q8-gemm-4x16k64g2-neon-tbl.c
    generated/tl2-q8-prep/tl2-q8-prep-neon.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x16k96g3-neon-tbl.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x32k96g3-neon-tbl.c
    generated/tl2-q8-gemm/tl2-q8-gemm-1x16k192g3-neon-tbl.c
    generated/tl2-q8-gemm/tl2-q8-gemm-4x16k96g3-neon-tbl.c
    generated/lutg4-q8-prep/lutg4-q8-prep-neon.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x16k64g4-neon-tbl.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x32k64g4-neon-tbl.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-1x16k128g4-neon-tbl.c
    generated/lutg4-q8-gemm/lutg4-q8-gemm-4x16k64g4-neon-tbl.c
    generated/u8s8-mac-probe/u8s8-mac-probe-neon-smlal.c
)

set(TERN_ISA_NEONDOT_ARCH aarch64)
set(TERN_ISA_NEONDOT_FLAGS -march=armv8.2-a+dotprod)
set(TERN_ISA_NEONDOT_SOURCES
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-neondot-sdot-pf16.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neondot-sdot-pf16.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-neondot-sdot-pf16.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k64-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x2k64-neondot-sdot.c
    generated/u8s8-mac-probe/u8s8-mac-probe-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neondot-sdot-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neondot-sdot-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x8k64-neondot-sdot-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k64-neondot-sdot-lane4.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k64-neondot-sdot-lane4-pf8.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x16k64-neondot-sdot-lane4.c
)
