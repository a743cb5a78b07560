#!/usr/bin/env bash
# Test of synth_tlb.sh: two small geometries synthesise to a report whose cell count, flip-flop
# count and area are non-zero and grow with the entries; a bad policy or geometry (ways not a
# power of two, sets not a power of two, not a number) exits with status 2 and one line.
# usage: synth_test.sh OUT_DIR [YOSYS]
set -euo pipefail
out=$1 yosys=${2:-yosys}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"

field() {  # field REPORT NAME: the value of "NAME: value"
  awk -v k="$2:" '$1 == k { print $2 }' "$1"
}
fail() { echo "synth_test: $*" >&2; exit 1; }

"$here/synth_tlb.sh" "$out" 4 2 plru "$yosys" >/dev/null
"$here/synth_tlb.sh" "$out" 8 2 plru "$yosys" >/dev/null
small=$out/tlb_4x2_plru.report.txt
large=$out/tlb_8x2_plru.report.txt
for r in "$small" "$large"; do
  [ -s "$r" ] || fail "no report $r"
  grep -q "^unweighted_cells:" "$r" && fail "$r has cells without an area weight"
  for k in cells flip_flops area_ge; do
    v=$(field "$r" $k)
    [ -n "$v" ] && [ "$v" -gt 0 ] || fail "$r: $k is '$v', not a positive count"
  done
done
for k in cells flip_flops area_ge; do
  [ "$(field "$large" $k)" -gt "$(field "$small" $k)" ] ||
    fail "$k does not grow from 4 to 8 entries: $(field "$small" $k) -> $(field "$large" $k)"
done

# 8 entries in 4 sets of 2 ways: 8 * (27 VPN + 44 PPN + 2 size + 16 ASID + 1 G + 8 flags +
# 1 valid) = 792 entry bits, the response register (1 valid + 1 hit + 2 access + 27 + 44 + 2 +
# 16 + 1 + 8 = 102) and 4 sets x 1 tree-PLRU bit.
[ "$(field "$large" flip_flops)" -eq $((8 * 99 + 102 + 4 * 1)) ] ||
  fail "8x2: $(field "$large" flip_flops) flip-flops, not $((8 * 99 + 102 + 4))"

if "$here/synth_tlb.sh" "$out" 8 2 lru "$yosys" 2>"$out/err.txt"; then fail "replacement 'lru' accepted"; fi
status=0; "$here/synth_tlb.sh" "$out" 8 2 lru "$yosys" 2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "bad replacement: exit status $status, not 2"
[ "$(wc -l <"$out/err.txt")" -eq 1 ] || fail "bad replacement: not one line on stderr"
for geometry in "12 3" "24 4" "8 x"; do
  status=0
  # shellcheck disable=SC2086
  "$here/synth_tlb.sh" "$out" $geometry plru "$yosys" 2>"$out/err.txt" >/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "geometry $geometry: exit status $status, not 2"
  [ "$(wc -l <"$out/err.txt")" -eq 1 ] || fail "geometry $geometry: not one line on stderr"
done
echo "synth_test: ok"
