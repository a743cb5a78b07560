# Huge pages cut TLB misses (CLAIMS.md 4): runs init=hugepage on memvp with thp=always and with
# thp=never, checks both consoles, and compares hart 0's L2 TLB misses from the statistics
# (docs/stats.md, harts[0].mmu.l2_tlb.misses). The program sweeps its 64 MiB region SWEEPS
# times with one load per 4 KiB page: 16384 small pages overflow any L2 TLB, so every sweep
# load misses; 32 huge pages fit, so only their first touches miss.
#   cmake -DMEMVP=... -DELF=... -DEXPECTED_DIR=... -DWORK_DIR=... -P thp_tlb_stats.cmake
cmake_minimum_required(VERSION 3.19)
foreach(var MEMVP ELF EXPECTED_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "thp_tlb_stats.cmake: -D${var}=... is required")
  endif()
endforeach()
set(pages 16384)
set(sweeps 4)

foreach(policy always never)
  set(stats ${WORK_DIR}/thp_tlb_${policy}.json)
  file(REMOVE ${stats})
  execute_process(COMMAND ${MEMVP} run ${ELF} --quiet --max-cycles 2000000000 --stats ${stats}
                          -- init=hugepage thp=${policy} ${policy}
    OUTPUT_VARIABLE console ERROR_VARIABLE errors RESULT_VARIABLE status TIMEOUT 300)
  string(REPLACE "\r" "" console "${console}")
  file(READ ${EXPECTED_DIR}/hugepage_${policy}.txt expected)
  if(NOT status EQUAL 0 OR NOT console STREQUAL expected)
    message(FATAL_ERROR "thp=${policy}: memvp exit status ${status}; console:\n${console}\nexpected:\n${expected}\n${errors}")
  endif()
  file(READ ${stats} json)
  string(JSON misses_${policy} GET "${json}" harts 0 mmu l2_tlb misses)
  string(JSON walks_${policy} GET "${json}" harts 0 mmu walks)
  message(STATUS "thp=${policy}: L2 TLB misses ${misses_${policy}}, walks ${walks_${policy}}")
endforeach()

math(EXPR sweep_loads "${pages} * ${sweeps}")
if(misses_never LESS sweep_loads)
  message(FATAL_ERROR "thp=never: ${misses_never} L2 TLB misses, expected at least ${sweep_loads} (every sweep load)")
endif()
math(EXPR ceiling "${misses_never} / 100")
if(NOT misses_always LESS ceiling)
  message(FATAL_ERROR "thp=always: ${misses_always} L2 TLB misses, expected under 1% of thp=never's ${misses_never}")
endif()
