#!/usr/bin/env bash
# The views of docs/waves.md "Views" on their documented runs: runs memvp for each, writes the
# views' save files to waves/ (memvp waves) and a picture of each, GTKWave's window under Xvfb,
# to docs/images/waves_VIEW.png.
#   scripts/render_waves.sh [--build DIR] [--runs DIR]
# The runs' VCDs stay in DIR (default: BUILD/waves_runs), under the names the save files'
# [dumpfile] lines give, so `cd DIR && gtkwave hardware.vcd ../../waves/tlb_miss_walk.gtkw`
# opens a view on them. Needs gtkwave, xvfb (Xvfb) and imagemagick (import) from Debian.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"
runs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "render_waves: unknown option $1" >&2; exit 2 ;;
  esac
done
runs=${runs:-$build/waves_runs}
for tool in gtkwave Xvfb import; do
  command -v "$tool" >/dev/null || { echo "render_waves: $tool not found (apt-get install gtkwave xvfb imagemagick)" >&2; exit 2; }
done
memvp="$build/memvp"
guest="$build/guest"
mkdir -p "$runs" "$root/waves" "$root/docs/images"
cd "$runs"

# The documented runs (docs/waves.md "Views"), the ones tests/platform/wave_views_test.cpp makes.
# hardware: bench_vm (Sv39, a working set beyond the L2 TLB's reach) with caches and DDR4, in a
# window where its first walks that miss the L2 for a PTE run.
"$memvp" run "$guest/apps/bench_vm.elf" --quiet --platform "$root/platforms/ddr4.toml" --set cache.enabled=true \
  --vcd hardware.vcd --waves hart,mmu,cache,dram --from-cycle 76100000 --to-cycle 76300000 >/dev/null
# The kernel's runs are on the functional platform, as the guest tests are.
functional="$root/platforms/functional.toml"
# ctxswitch: two processes taking turns on one hart with ASIDs off, so each switch flushes the TLB.
"$memvp" run "$guest/kernel/vmlinux.elf" --initrd "$guest/initramfs.cpio" --platform "$functional" --quiet --set event_port.enable=true \
  --disk "$guest/disk.img,snapshot" --vcd ctxswitch.vcd --waves hart,mmu,os,dev --from-cycle 1780000 \
  --to-cycle 1980000 -- init=ctxswitch asid=off root=/dev/vda >/dev/null
# reclaim: the watermark experiment (docs/reclaim.md) in 32 MiB, on a copy of the disk image.
cp "$guest/disk.img" reclaim.img
"$memvp" run "$guest/kernel/vmlinux.elf" --initrd "$guest/initramfs.cpio" --platform "$functional" --quiet --set memory.size=32MiB \
  --set event_port.enable=true --disk reclaim.img --vcd reclaim.vcd --waves os,dev \
  -- init=reclaim_wmark root=/dev/vda rw >/dev/null

view_run() {
  case "$1" in
    tlb_miss_walk | dram_banks) echo hardware.vcd ;;
    context_switch) echo ctxswitch.vcd ;;
    kswapd) echo reclaim.vcd ;;
  esac
}

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for view in tlb_miss_walk dram_banks context_switch kswapd; do
  vcd=$(view_run "$view")
  "$memvp" waves "$view" --vcd "$vcd" -o "$root/waves/$view.gtkw"
  # GTKWave prints "[T] end time." once it has read the dump; the window follows.
  DISPLAY=$display gtkwave "$vcd" "$root/waves/$view.gtkw" >"$view.gtkwave.log" 2>&1 &
  gtkwave=$!
  until grep -q "end time" "$view.gtkwave.log"; do sleep 1; done
  sleep 3
  DISPLAY=$display import -window root "$root/docs/images/waves_$view.png"
  kill "$gtkwave"
  wait "$gtkwave" 2>/dev/null || true
  echo "render_waves: waves/$view.gtkw, docs/images/waves_$view.png"
done
