# Cross-compile for aarch64 with Debian's gcc-aarch64-linux-gnu; ctest runs the tests under
# qemu-aarch64 (Debian qemu-user) with the cross sysroot as its library path.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# hwloc, cJSON and PCRE2 for arm64: Debian's packages, unpacked (not installed) by
# scripts/install-deps.sh into this directory; the same default path is computed there.
if(DEFINED ENV{TERN_AARCH64_DEPS} AND NOT "$ENV{TERN_AARCH64_DEPS}" STREQUAL "")
    set(TERN_AARCH64_DEPS "$ENV{TERN_AARCH64_DEPS}")
elseif(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(TERN_AARCH64_DEPS "$ENV{XDG_CACHE_HOME}/tern/aarch64-deps")
else()
    set(TERN_AARCH64_DEPS "$ENV{HOME}/.cache/tern/aarch64-deps")
endif()
# Names the packages a missing dependency comes from in the configure error ("libcjson-dev:arm64").
set(TERN_DEBIAN_ARCH_SUFFIX ":arm64")

set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu ${TERN_AARCH64_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config must not hand the host's x86-64 libraries to the cross build: only the arm64 .pc
# files, their /usr paths rebased into the unpacked tree.
set(ENV{PKG_CONFIG_LIBDIR} "${TERN_AARCH64_DEPS}/usr/lib/aarch64-linux-gnu/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${TERN_AARCH64_DEPS}")
# Debian's multiarch header directory (hwloc's autogen/config.h), which the cross compiler
# only searches in its own sysroot.
set(CMAKE_C_STANDARD_INCLUDE_DIRECTORIES ${TERN_AARCH64_DEPS}/usr/include/aarch64-linux-gnu)
set(CMAKE_CXX_STANDARD_INCLUDE_DIRECTORIES ${TERN_AARCH64_DEPS}/usr/include/aarch64-linux-gnu)
# -cpu max: the emulated CPU reports NEON and dotprod (and i8mm), so every aarch64 variant runs.
# The loader finds libc in the cross sysroot (-L) and the unpacked libraries by LD_LIBRARY_PATH.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-cpu;max;-L;/usr/aarch64-linux-gnu;
    -E;LD_LIBRARY_PATH=${TERN_AARCH64_DEPS}/usr/lib/aarch64-linux-gnu)
