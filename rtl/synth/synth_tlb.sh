#!/usr/bin/env bash
# Synthesises one TLB geometry with Yosys to its generic gate library and writes
# OUT_DIR/tlb_<entries>x<ways>_<replacement>.{log,stat.txt,report.txt}; the report gives the
# cell count, the flip-flops and an area estimate in NAND2 gate equivalents (area.awk).
# usage: synth_tlb.sh OUT_DIR ENTRIES WAYS plru|fifo [YOSYS]
set -euo pipefail

if [ $# -lt 4 ] || [ $# -gt 5 ]; then
  echo "synth_tlb.sh: usage: synth_tlb.sh OUT_DIR ENTRIES WAYS plru|fifo [YOSYS]" >&2
  exit 2
fi
out=$1 entries=$2 ways=$3 repl=$4 yosys=${5:-yosys}
case $repl in
  plru) repl_value=0 ;;
  fifo) repl_value=1 ;;
  *) echo "synth_tlb.sh: replacement must be plru or fifo, not '$repl'" >&2; exit 2 ;;
esac
for n in "$entries" "$ways"; do
  if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then
    echo "synth_tlb.sh: ENTRIES and WAYS must be positive integers, not '$n'" >&2
    exit 2
  fi
done

# The geometries tlb.sv accepts (its gen_bad_geometry check), refused here before Yosys runs.
sets=$((entries / ways))
if [ "$ways" -lt 2 ] || [ $((ways & (ways - 1))) -ne 0 ] || [ $((entries % ways)) -ne 0 ] ||
   [ $((sets & (sets - 1))) -ne 0 ] || [ "$sets" -gt 512 ]; then
  echo "synth_tlb.sh: $entries entries of $ways ways: ways must be a power of two >= 2 dividing the entries into at most 512 sets, a power of two" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
tlb=$here/../tlb
name=tlb_${entries}x${ways}_${repl}
mkdir -p "$out"

# The package first, then the TLB (tlb.sv).
"$yosys" -q -l "$out/$name.log" -p "
  read_verilog -sv $tlb/tlb_pkg.sv $tlb/tlb.sv
  chparam -set NumEntries $entries -set NumWays $ways -set Replacement $repl_value tlb
  synth -flatten -top tlb
  tee -q -o $out/$name.stat.txt stat
"
awk -v geometry="$entries entries, $ways ways, $repl" -f "$here/area.awk" \
  "$out/$name.stat.txt" >"$out/$name.report.txt"
cat "$out/$name.report.txt"
