#!/usr/bin/env bash
# Installs the Debian 12 packages memvp needs (idempotent: installs only what is missing).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libsystemc-dev libtomlplusplus-dev libcli11-dev libfmt-dev libfdt-dev libzstd-dev
  zlib1g-dev  # the FST writer of Verilator's tracing (memvp run --rtl-waves)
  nlohmann-json3-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross  # unmodified static glibc programs for the guest kernel
  device-tree-compiler python3 python3-numpy
  python3-matplotlib  # memvp sweep's plots (DIR/plots/, report.md)
  gtkwave  # viewing --vcd waveforms, and vcd2fst for the test that GTKWave reads them
  xvfb xauth  # xvfb-run (which needs xauth): wave_views_test has GTKWave load each view's save file without a display
  gdb-multiarch  # debugging guests with memvp run --gdb, and its end-to-end tests
  verilator yosys  # the RTL TLB (rtl/): lint, the Verilated testbench (tests/rtl), synthesis and area
  e2fsprogs  # mke2fs -d builds the guest's ext2 disk image; e2fsck and debugfs check what the guest wrote
  util-linux  # mkswap formats the swap disk images
  clang libclang-rt-14-dev  # libFuzzer and its sanitizers for the fuzzing build (docs/fuzzing.md)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
