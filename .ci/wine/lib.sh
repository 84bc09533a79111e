# shellcheck shell=bash
# Shared by .ci/windows and .ci/dist (sourced, not run): the Windows toolchain from Debian's
# packages, the cross build, and running an .exe under wine on this machine only.
#
# Expects to be sourced from the repository's root with `set -euo pipefail` in force.

WINDOWS_TARGET=x86_64-pc-windows-gnu
WINDOWS_PACKAGES=(rustc-web cargo-web rust-web-src mingw-w64 wine64 zip unzip)
WINE=/usr/lib/wine/wine64 # Debian puts wine64 here, not on PATH
WINESERVER=/usr/lib/wine/wineserver
# Where the Windows build goes: its own directory, since it is made by another compiler
# (Debian's rustc) than the tests (rustup's), and the two would keep rebuilding each other.
WINDOWS_TARGET_DIR=${WINDOWS_TARGET_DIR:-$PWD/target/windows}
WINDOWS_EXE=$WINDOWS_TARGET_DIR/$WINDOWS_TARGET/release/hacomono-zoom-setup.exe

fail() {
  echo "${NOTE_PREFIX:-windows}: FAILED: $*" >&2
  exit 1
}

note() {
  echo "${NOTE_PREFIX:-windows}: $*"
}

# The package version from Cargo.toml's [package] table.
package_version() {
  awk '/^\[/ { in_package = ($0 == "[package]") }
       in_package && /^version *=/ { gsub(/^version *= *"|".*$/, ""); print; exit }' Cargo.toml
}

# Installs what is missing of WINDOWS_PACKAGES with apt-get. Never skips: a package that cannot
# be installed stops the run with apt's own words.
install_windows_packages() {
  local missing=() package
  for package in "${WINDOWS_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if ((${#missing[@]} == 0)); then
    note "packages already installed: ${WINDOWS_PACKAGES[*]}"
  else
    command -v apt-get >/dev/null 2>&1 ||
      fail "no apt-get here to install ${missing[*]}: the Windows build needs Debian's packages"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null 2>&1 ||
        fail "not root and no sudo: install ${missing[*]} (apt-get install) and run again"
      sudo=(sudo)
    fi
    note "installing ${missing[*]}"
    local log
    log=$(mktemp)
    if ! { "${sudo[@]}" apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
        "${missing[@]}"; } >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      rm -f "$log"
      fail "apt-get could not install ${missing[*]} (its last words are above); the Windows executable cannot be built or tested without them"
    fi
    rm -f "$log"
  fi
  local tool
  for tool in /usr/bin/rustc /usr/bin/cargo x86_64-w64-mingw32-gcc "$WINE" "$WINESERVER" zip unzip; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing after the install"
  done
  [ -d /usr/lib/rustlib/src/rust/library ] ||
    fail "rust-web-src installed no standard library source in /usr/lib/rustlib/src/rust/library"
}

# Cross-builds the release executable into WINDOWS_EXE.
build_windows_exe() {
  # Why this is not a plain `cargo build --target x86_64-pc-windows-gnu`: there is no prebuilt
  # standard library for Windows on this machine, and rustup cannot download one (no network
  # but the package registries). Debian ships, for its own compiler (rustc-web), the standard
  # library's SOURCE (rust-web-src, its dependencies vendored), so cargo compiles std itself:
  # that is -Zbuild-std, an unstable flag, which RUSTC_BOOTSTRAP=1 lets a stable compiler take.
  # RUSTC and the full path of cargo pick Debian's toolchain over rustup's on PATH.
  #
  # The linker is given here, in the environment, not in a committed .cargo/config.toml, so a
  # developer's or user's own build is never changed by it.
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc CARGO_TARGET_DIR="$WINDOWS_TARGET_DIR" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    nice -n 10 /usr/bin/cargo build --release --locked \
    -Zbuild-std=std,panic_abort --target "$WINDOWS_TARGET"
  [ -f "$WINDOWS_EXE" ] || fail "the build left no $WINDOWS_EXE"
}

# Makes DIR ready to run .exe files from under wine: the test-only stand-in
# bcryptprimitives.dll (see .ci/wine/bcryptprimitives.c) is built into DIR.
wine_stand_in_dll() {
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$1/bcryptprimitives.dll" \
    .ci/wine/bcryptprimitives.c -ladvapi32
}

# Starts a new, empty wine prefix in DIR for this run, for a Windows user named like a Japanese
# gym admin (wine names the profile directory after $USER), and exports what every wine call
# needs. No display: the tool is a console program and nothing here may need one.
wine_prefix() {
  export WINEPREFIX=$1
  export WINEDEBUG=-all
  export WINEDLLOVERRIDES='mscoree,mshtml=' # no .NET or browser engine for the prefix
  export USER=山田 LOGNAME=山田
  export LC_ALL=C.UTF-8 # wine maps file names through the locale: UTF-8 keeps 山田 intact
  unset DISPLAY WAYLAND_DISPLAY LANG LC_MESSAGES
  unset ZOOM_ACCOUNT_ID ZOOM_CLIENT_ID ZOOM_CLIENT_SECRET
  mkdir -p "$WINEPREFIX"
  # The first start creates the prefix (several seconds) and says so on standard error.
  timeout --kill-after=10 180 "$WINE" wineboot --init >/dev/null 2>&1 ||
    fail "wine could not create its prefix in $WINEPREFIX"
}

# Runs a program under wine, bounded in time: wine_run PROGRAM ARGS...
wine_run() {
  timeout --kill-after=10 "${WINE_TIMEOUT:-120}" "$WINE" "$@"
}

# Ends this prefix's wineserver (and so every wine process of this run).
wine_stop() {
  if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then
    timeout 30 "$WINESERVER" -k >/dev/null 2>&1 || true
  fi
}
