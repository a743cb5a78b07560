# Reads Yosys's `stat` of a design mapped to the generic gate library ($_AND_, $_MUX_,
# $_DFFE_PN0P_, ...) and prints its cell count, flip-flops and an area estimate in NAND2
# gate equivalents. The weights are those of a typical static CMOS standard-cell library,
# transistors / 4 (NAND2 = 4 transistors): NOT 2, NAND/NOR 4, AND/OR/ANDNOT/ORNOT 6,
# XOR/XNOR/MUX 12, AOI3/OAI3 6, AOI4/OAI4 8, NMUX 10; a flip-flop 24 (a D flip-flop with
# reset), plus 12 for an enable (the MUX that holds its value).
BEGIN {
  w["$_NOT_"] = 2; w["$_NAND_"] = 4; w["$_NOR_"] = 4
  w["$_AND_"] = 6; w["$_OR_"] = 6; w["$_ANDNOT_"] = 6; w["$_ORNOT_"] = 6
  w["$_XOR_"] = 12; w["$_XNOR_"] = 12; w["$_MUX_"] = 12; w["$_NMUX_"] = 10
  w["$_AOI3_"] = 6; w["$_OAI3_"] = 6; w["$_AOI4_"] = 8; w["$_OAI4_"] = 8
}
$1 == "Number" && $2 == "of" && $3 == "cells:" { cells = $4 }
$1 ~ /^\$_/ && NF == 2 {
  n = $2
  if ($1 ~ /^\$_(S)?DFF/) {
    flops += n
    t = 24 + ($1 ~ /^\$_(S)?DFFE/ ? 12 : 0)
  } else if ($1 in w) {
    t = w[$1]
  } else {
    unknown = unknown " " $1
    t = 0
  }
  transistors += n * t
}
END {
  if (cells == "") { print "area.awk: no 'Number of cells' in the stat output" > "/dev/stderr"; exit 1 }
  printf "geometry: %s\n", geometry
  printf "cells: %d\n", cells
  printf "flip_flops: %d\n", flops
  printf "area_ge: %.0f\n", transistors / 4
  if (unknown != "") printf "unweighted_cells:%s\n", unknown
}
