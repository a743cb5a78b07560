# Runs a latency program on memvp and compares the latencies it prints, "(N ns)" in order,
# with the figures the docs quote, so that a timing change that moves them fails until the
# docs follow. Each quote is a file and a regular expression whose groups capture the quoted
# figures in the program's order (the file's line breaks are read as spaces); a measured
# figure may differ from the quoted one by TOLERANCE_NS.
#   cmake -DMEMVP=... -DELF=... "-DRUN_ARGS=--platform ...;--set ..." -DTOLERANCE_NS=1
#         -DDOC1=README.md "-DQUOTE1=costs about ([0-9]+) ns" [-DDOC2=... -DQUOTE2=...]
#         -P check_quoted_latency.cmake
cmake_minimum_required(VERSION 3.19)
foreach(var MEMVP ELF TOLERANCE_NS DOC1 QUOTE1)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_quoted_latency.cmake: -D${var}=... is required")
  endif()
endforeach()

execute_process(COMMAND ${MEMVP} run ${ELF} ${RUN_ARGS}
  OUTPUT_VARIABLE console ERROR_VARIABLE errors RESULT_VARIABLE status TIMEOUT 300)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "memvp exit status ${status}:\n${console}\n${errors}")
endif()
string(REGEX MATCHALL "\\(([0-9]+) ns\\)" found "${console}")
set(measured)
foreach(m IN LISTS found)
  string(REGEX REPLACE "\\(([0-9]+) ns\\)" "\\1" ns "${m}")
  list(APPEND measured ${ns})
endforeach()
message(STATUS "measured (ns): ${measured}")

set(i 1)
while(DEFINED DOC${i})
  file(READ ${DOC${i}} text)
  string(REPLACE "\n" " " text "${text}")
  if(NOT text MATCHES "${QUOTE${i}}")
    message(FATAL_ERROR "${DOC${i}}: no text matches \"${QUOTE${i}}\" (reworded? update the test)")
  endif()
  foreach(g RANGE 1 9)
    if(NOT DEFINED CMAKE_MATCH_${g} OR "${CMAKE_MATCH_${g}}" STREQUAL "")
      break()
    endif()
    math(EXPR k "${g} - 1")
    list(LENGTH measured n)
    if(NOT k LESS n)
      message(FATAL_ERROR "${DOC${i}} quotes ${g} figures, the program printed ${n}")
    endif()
    list(GET measured ${k} got)
    math(EXPR diff "${got} - ${CMAKE_MATCH_${g}}")
    if(diff GREATER TOLERANCE_NS OR diff LESS -${TOLERANCE_NS})
      message(FATAL_ERROR "${DOC${i}} quotes ${CMAKE_MATCH_${g}} ns (\"${CMAKE_MATCH_0}\"); "
                          "memvp measures ${got} ns: update the docs or find the timing change")
    endif()
    message(STATUS "${DOC${i}}: quoted ${CMAKE_MATCH_${g}} ns, measured ${got} ns")
  endforeach()
  math(EXPR i "${i} + 1")
endwhile()
