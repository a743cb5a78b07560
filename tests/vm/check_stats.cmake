# Runs a VM test on memvp with --stats and checks that its console output is the expected one
# and that the statistics show the MMU at work (docs/stats.md, harts[i].mmu): walks, L1 TLB
# hits, a full fence, and page faults counted once each, as many as the hart took.
#   cmake -DMEMVP=... -DELF=... -DEXPECTED=... -DSTATS=... [-DMAX_CYCLES=N] -P check_stats.cmake
cmake_minimum_required(VERSION 3.19)
foreach(var MEMVP ELF EXPECTED STATS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_stats.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED MAX_CYCLES)
  set(MAX_CYCLES 200000000)
endif()

file(REMOVE ${STATS})
execute_process(COMMAND ${MEMVP} run ${ELF} --max-cycles ${MAX_CYCLES} --stats ${STATS}
  OUTPUT_VARIABLE console ERROR_VARIABLE errors RESULT_VARIABLE status TIMEOUT 300)
string(REPLACE "\r" "" console "${console}")
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0 OR NOT console STREQUAL expected)
  message(FATAL_ERROR "memvp exit status ${status}; console:\n${console}\nexpected:\n${expected}\n${errors}")
endif()

file(READ ${STATS} json)
string(JSON mmu GET "${json}" harts 0 mmu)
string(JSON exceptions GET "${json}" harts 0 exceptions)

# require_at_least(minimum path...): one number of harts[0].mmu is at least minimum.
function(require_at_least minimum)
  string(JSON value GET "${mmu}" ${ARGN})
  string(REPLACE ";" "." name "${ARGN}")
  if(value LESS minimum)
    message(FATAL_ERROR "harts[0].mmu.${name} = ${value}, expected at least ${minimum}")
  endif()
  message(STATUS "harts[0].mmu.${name} = ${value}")
endfunction()

require_at_least(1 walks)
require_at_least(1 pte_reads)
require_at_least(1 outcomes walk)
require_at_least(1 outcomes l1_hit)
require_at_least(1 l1_itlb hits)
require_at_least(1 l1_dtlb hits)
require_at_least(1 sfences all)

# Every page fault the hart took came from the MMU, once.
foreach(kind instruction_page_fault load_page_fault store_page_fault)
  string(JSON from_mmu GET "${mmu}" faults ${kind})
  string(JSON taken GET "${exceptions}" ${kind})
  if(NOT from_mmu EQUAL taken OR taken EQUAL 0)
    message(FATAL_ERROR "${kind}: ${from_mmu} from the MMU, ${taken} taken by the hart")
  endif()
  message(STATUS "harts[0].mmu.faults.${kind} = ${taken}")
endforeach()
