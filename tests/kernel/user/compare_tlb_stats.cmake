# Runs the kernel image with the initramfs on memvp twice with --stats, A and B differing only in their bootargs,
# checks both consoles, and compares one statistic of hart 0's MMU (docs/stats.md,
# harts[0].mmu.<STAT>): B must reach at least B_AT_LEAST and A must stay below A_PERCENT_OF_B
# percent of B. It shows what a mechanism saves in translation work, e.g. huge pages
# (L2 TLB misses, thp=always against thp=never) or ASIDs (walks,
# asid=on against asid=off).
# With -DDOC=<file>, the figures the file's table row for kernel.user.<NAME>.memvp quotes
# ("<A> against <B>" for the statistic, "<A>M against <B>M cycles" for hart 0's cycles, to the
# quoted decimals) must be the measured ones: the docs and this test share one source.
# Both runs are on the platform file PLATFORM.
#   cmake -DMEMVP=... -DELF=... -DINITRD=... -DPLATFORM=... -DEXPECTED_DIR=... -DWORK_DIR=... -DNAME=...
#         -DA_BOOTARGS="init=x ..." -DA_EXPECTED=name -DB_BOOTARGS=... -DB_EXPECTED=name
#         -DSTAT=l2_tlb.misses -DB_AT_LEAST=N -DA_PERCENT_OF_B=P [-DDOC=docs/kernel-user.md]
#         -P compare_tlb_stats.cmake
cmake_minimum_required(VERSION 3.19)
foreach(var MEMVP ELF INITRD PLATFORM EXPECTED_DIR WORK_DIR NAME A_BOOTARGS A_EXPECTED B_BOOTARGS B_EXPECTED STAT B_AT_LEAST
            A_PERCENT_OF_B)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compare_tlb_stats.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "." ";" stat_path "${STAT}")

foreach(run A B)
  separate_arguments(bootargs UNIX_COMMAND "${${run}_BOOTARGS}")
  set(stats ${WORK_DIR}/${NAME}_${run}.json)
  file(REMOVE ${stats})
  execute_process(COMMAND ${MEMVP} run ${ELF} --platform ${PLATFORM} --initrd ${INITRD} --quiet --max-cycles 2000000000
                          --stats ${stats} -- ${bootargs}
    OUTPUT_VARIABLE console ERROR_VARIABLE errors RESULT_VARIABLE status TIMEOUT 300)
  string(REPLACE "\r" "" console "${console}")
  file(READ ${EXPECTED_DIR}/${${run}_EXPECTED}.txt expected)
  if(NOT status EQUAL 0 OR NOT console STREQUAL expected)
    message(FATAL_ERROR "${${run}_BOOTARGS}: memvp exit status ${status}; console:\n${console}\nexpected:\n${expected}\n${errors}")
  endif()
  file(READ ${stats} json)
  string(JSON value_${run} GET "${json}" harts 0 mmu ${stat_path})
  string(JSON cycles_${run} GET "${json}" harts 0 cycles)
  message(STATUS "${${run}_BOOTARGS}: harts[0].mmu.${STAT} ${value_${run}}, ${cycles_${run}} cycles")
endforeach()

if(value_B LESS B_AT_LEAST)
  message(FATAL_ERROR "${B_BOOTARGS}: harts[0].mmu.${STAT} = ${value_B}, expected at least ${B_AT_LEAST}")
endif()
math(EXPR ceiling "${value_B} * ${A_PERCENT_OF_B} / 100")
if(NOT value_A LESS ceiling)
  message(FATAL_ERROR "${A_BOOTARGS}: harts[0].mmu.${STAT} = ${value_A}, expected under ${A_PERCENT_OF_B}% of ${value_B}")
endif()

if(DEFINED DOC)
  file(STRINGS ${DOC} rows REGEX "^\\| `kernel\\.user\\.${NAME}\\.memvp` \\|")
  if(NOT rows MATCHES "([0-9]+) against ([0-9]+)[^0-9M]")
    message(FATAL_ERROR "${DOC}: no row for kernel.user.${NAME}.memvp quoting \"<A> against <B>\"")
  endif()
  if(NOT CMAKE_MATCH_1 EQUAL value_A OR NOT CMAKE_MATCH_2 EQUAL value_B)
    message(FATAL_ERROR "${DOC} quotes harts[0].mmu.${STAT} ${CMAKE_MATCH_1} against "
                        "${CMAKE_MATCH_2}; memvp measures ${value_A} against ${value_B}")
  endif()
  if(NOT rows MATCHES "([0-9]+)\\.([0-9]+)M against ([0-9]+)\\.([0-9]+)M cycles")
    message(FATAL_ERROR "${DOC}: the row for kernel.user.${NAME}.memvp quotes no cycles")
  endif()
  # Quoted millions with d decimals against the measured cycles rounded to 10^(6-d).
  set(quoted_A ${CMAKE_MATCH_1}${CMAKE_MATCH_2})
  set(quoted_B ${CMAKE_MATCH_3}${CMAKE_MATCH_4})
  string(LENGTH "${CMAKE_MATCH_2}" decimals)
  set(unit 1000000)
  foreach(d RANGE 1 ${decimals})
    math(EXPR unit "${unit} / 10")
  endforeach()
  foreach(run A B)
    math(EXPR rounded "(${cycles_${run}} + ${unit} / 2) / ${unit}")
    if(NOT rounded EQUAL quoted_${run})
      message(FATAL_ERROR "${DOC} quotes ${quoted_${run}} x ${unit} cycles for ${${run}_BOOTARGS}; "
                          "memvp measures ${cycles_${run}}")
    endif()
  endforeach()
  message(STATUS "${DOC}: the quoted figures are the measured ones")
endif()
