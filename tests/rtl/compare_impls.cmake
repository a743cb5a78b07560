# Runs one guest (an ELF and its arguments) three times, every TLB array of the lockstep geometry (lockstep_tlbs.cmake) as
# impl = cpp, rtl and lockstep, and requires exit status 0, the same console and the same
# statistics from all three: the RTL's latency is the arrays' latency_cycles, so simulated time
# cannot depend on which model answers. The statistics' host-side figures (host seconds, MIPS)
# are left out of the comparison.
#   cmake -DMEMVP=path -DARGS="guest.elf|arg|..." [-DBOOTARGS="word|..."] [-DCONSOLE_REGEX=re]
#         -DWORK_DIR=dir -DNAME=name -P compare_impls.cmake
# ARGS separates arguments with '|' (as tests/platform/run_memvp.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/lockstep_tlbs.cmake)
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" bootargs "${BOOTARGS}")
set(reference "")
foreach(impl cpp rtl lockstep)
  memvp_tlb_sets(sets ${impl})
  set(stats ${WORK_DIR}/${NAME}.${impl}.stats.json)
  file(REMOVE ${stats})
  execute_process(COMMAND ${MEMVP} run ${args} --quiet --stats ${stats} ${sets} -- ${bootargs}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "impl=${impl}: exit status ${rc}\n--- stdout:\n${out}\n--- stderr:\n${err}")
  endif()
  if(DEFINED CONSOLE_REGEX AND NOT out MATCHES "${CONSOLE_REGEX}")
    message(FATAL_ERROR "impl=${impl}: the console does not match ${CONSOLE_REGEX}:\n${out}")
  endif()
  file(STRINGS ${stats} lines)
  list(FILTER lines EXCLUDE REGEX "\"(host_seconds|mips)\"")
  string(JOIN "\n" summary "console:" "${out}" "stats:" ${lines})
  if(impl STREQUAL "cpp")
    set(reference "${summary}")
    string(REGEX MATCH "\"cycles\": *[0-9]+" cycles "${summary}")
    message(STATUS "impl=cpp: ${cycles}")
  elseif(NOT summary STREQUAL reference)
    file(WRITE ${WORK_DIR}/${NAME}.cpp.txt "${reference}")
    file(WRITE ${WORK_DIR}/${NAME}.${impl}.txt "${summary}")
    message(FATAL_ERROR "impl=${impl}: console or statistics differ from impl=cpp's "
                        "(diff ${WORK_DIR}/${NAME}.cpp.txt ${WORK_DIR}/${NAME}.${impl}.txt)")
  endif()
endforeach()
