# Auto-generated file. Do not edit!
#   Template:  templates/lists/kernels.cmake.j2
#   Config:    configs/kernels.toml, configs/isa.toml
#   Generator: codegen/gen.py
#
# Per-ISA kernel sources, their architecture and the flags only those files get.

set(TERN_KERNEL_ISAS scalar avx2 avx512bw avx512vnni avxvnni neon neondot)

set(TERN_ISA_SCALAR_ARCH any)
set(TERN_ISA_SCALAR_FLAGS)
set(TERN_ISA_SCALAR_SOURCES
    generated/i2s-q8-pack/i2s-q8-pack-scalar.c
    generated/i2s-q8-prep/i2s-q8-prep-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k64-scalar.c
    generated/i2s-q8-gemm/i2s-q8-gemm-2x8k128-scalar.c
)

set(TERN_ISA_AVX2_ARCH x86_64)
set(TERN_ISA_AVX2_FLAGS -mavx2 -mfma -mf16c -mbmi2)
set(TERN_ISA_AVX2_SOURCES
    generated/i2s-q8-prep/i2s-q8-prep-avx2.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x2k128-avx2-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-2x4k128-avx2-maddubs.c
)

set(TERN_ISA_AVX512BW_ARCH x86_64)
set(TERN_ISA_AVX512BW_FLAGS -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512vl -mavx512dq)
set(TERN_ISA_AVX512BW_SOURCES
    generated/i2s-q8-prep/i2s-q8-prep-avx512bw.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k256-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k256-avx512bw-maddubs.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x2k256-avx512bw-maddubs.c
)

set(TERN_ISA_AVX512VNNI_ARCH x86_64)
set(TERN_ISA_AVX512VNNI_FLAGS -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512vl -mavx512dq -mavx512vnni)
set(TERN_ISA_AVX512VNNI_SOURCES
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x16k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k256-avx512vnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x2k256-avx512vnni-vpdpbusd.c
)

set(TERN_ISA_AVXVNNI_ARCH x86_64)
set(TERN_ISA_AVXVNNI_FLAGS -mavx2 -mfma -mf16c -mavxvnni)
set(TERN_ISA_AVXVNNI_SOURCES
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k128-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x2k128-avxvnni-vpdpbusd.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x3k128-avxvnni-vpdpbusd.c
)

set(TERN_ISA_NEON_ARCH aarch64)
set(TERN_ISA_NEON_FLAGS)
set(TERN_ISA_NEON_SOURCES
    generated/i2s-q8-prep/i2s-q8-prep-neon.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-neon-smlal.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neon-smlal.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-neon-smlal.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k64-neon-smlal.c
)

set(TERN_ISA_NEONDOT_ARCH aarch64)
set(TERN_ISA_NEONDOT_FLAGS -march=armv8.2-a+dotprod)
set(TERN_ISA_NEONDOT_SOURCES
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k64-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x8k64-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-1x4k128-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-4x4k64-neondot-sdot.c
    generated/i2s-q8-gemm/i2s-q8-gemm-8x2k64-neondot-sdot.c
)
