# The TLB arrays of memvp's lockstep runs (docs/mmu.md "RTL TLB in memvp"): the default levels'
# arrays, each resized to a tree-PLRU geometry Verilated into memvp (models/rtl_tlb), with the
# default latencies, and the 1 GiB arrays also holding 512 GiB pages, so that every level holds
# every page size:
#   L1 ITLB  16 x 4-way, every size
#   L1 DTLB  32 x 4-way 4K; 16 x 4-way 2M; 16 x 4-way 1G and 512G
#   L2      256 x 8-way 4K and 2M; 16 x 4-way 1G and 512G
# memvp_tlb_sets(OUT IMPL) sets OUT to the --set arguments that give them, each array of model
# IMPL (cpp, rtl or lockstep).
function(memvp_tlb_sets out impl)
  set(args "")
  foreach(array "l1_itlb[0]:16:4:\"4K\", \"2M\", \"1G\", \"512G\""
                "l1_dtlb[0]:32:4:\"4K\"" "l1_dtlb[1]:16:4:\"2M\"" "l1_dtlb[2]:16:4:\"1G\", \"512G\""
                "l2_tlb[0]:256:8:\"4K\", \"2M\"" "l2_tlb[1]:16:4:\"1G\", \"512G\"")
    string(REPLACE ":" ";" array "${array}")
    list(GET array 0 key)
    list(GET array 1 entries)
    list(GET array 2 ways)
    list(GET array 3 sizes)
    list(APPEND args --set mmu.${key}.entries=${entries} --set mmu.${key}.ways=${ways}
                     --set mmu.${key}.replacement=tree_plru "--set" "mmu.${key}.page_sizes=[${sizes}]"
                     --set mmu.${key}.impl=${impl})
  endforeach()
  set(${out} ${args} PARENT_SCOPE)
endfunction()
