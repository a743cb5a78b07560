# Runs memvp once and checks what a user sees: exit status, stdout (exact, or as the contents
# of a file, or a regular expression), stderr (a regular expression and a line count) and,
# optionally, the statistics file (STATS_MEMORY_MODEL=ddr4: the DDR4 controller served reads).
#   cmake -DMEMVP=path -DARGS="run|x.elf|--quiet" -DEXPECT_RC=0 [-DSTDOUT="line<NL>"]
#         [-DSTDOUT_FILE=expected] [-DSTDOUT_REGEX=re] [-DSTDERR_REGEX=re] [-DSTDERR_LINES=n]
#         [-DSTATS=file -DSTATS_END_REASON=name [-DSTATS_MEMORY_MODEL=simple|ddr4] [-DSTATS_CACHES=ON] [-DSTATS_NUMA=ON]]
#         [-DCONSOLE_FILE=file -DCONSOLE="line<NL>"] [-DOUT_FILE=file -DOUT_EXPECTED=file] -P run_memvp.cmake
# ARGS separates arguments with '|' (a ';' would be split by add_test).
string(REPLACE "|" ";" args "${ARGS}")
foreach(f STATS CONSOLE_FILE OUT_FILE)
  if(DEFINED ${f})
    file(REMOVE "${${f}}")
  endif()
endforeach()
execute_process(COMMAND "${MEMVP}" ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(report "memvp ${args}\n--- exit status: ${rc}\n--- stdout:\n${out}\n--- stderr:\n${err}")

if(NOT "${rc}" STREQUAL "${EXPECT_RC}")
  message(FATAL_ERROR "expected exit status ${EXPECT_RC}\n${report}")
endif()
if(DEFINED STDOUT)
  string(REPLACE "<NL>" "\n" expected "${STDOUT}")
  if(NOT "${out}" STREQUAL "${expected}")
    message(FATAL_ERROR "stdout differs from:\n${expected}\n${report}")
  endif()
endif()
if(DEFINED STDOUT_FILE)
  file(READ "${STDOUT_FILE}" expected)
  if(NOT "${out}" STREQUAL "${expected}")
    message(FATAL_ERROR "stdout differs from ${STDOUT_FILE}:\n${expected}\n${report}")
  endif()
endif()
if(DEFINED STDOUT_REGEX AND NOT "${out}" MATCHES "${STDOUT_REGEX}")
  message(FATAL_ERROR "stdout does not match ${STDOUT_REGEX}\n${report}")
endif()
if(DEFINED CONSOLE_FILE)
  file(READ "${CONSOLE_FILE}" console)
  string(REPLACE "<NL>" "\n" expected "${CONSOLE}")
  if(NOT "${console}" STREQUAL "${expected}")
    message(FATAL_ERROR "${CONSOLE_FILE} holds:\n${console}\ninstead of:\n${expected}\n${report}")
  endif()
endif()
if(DEFINED OUT_FILE)
  file(READ "${OUT_FILE}" written)
  file(READ "${OUT_EXPECTED}" expected)
  if(NOT "${written}" STREQUAL "${expected}")
    message(FATAL_ERROR "${OUT_FILE} holds:\n${written}\ninstead of (${OUT_EXPECTED}):\n${expected}\n${report}")
  endif()
endif()
if(DEFINED STDERR_REGEX AND NOT "${err}" MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match ${STDERR_REGEX}\n${report}")
endif()
if(DEFINED STDERR_LINES)
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines n)
  if(NOT n EQUAL STDERR_LINES)
    message(FATAL_ERROR "expected ${STDERR_LINES} line(s) on stderr, got ${n}\n${report}")
  endif()
endif()
if(DEFINED STATS)
  file(READ "${STATS}" json)
  string(JSON version GET "${json}" memvp_stats_version)
  string(JSON reason GET "${json}" sim end_reason)
  string(JSON code GET "${json}" sim exit_code)
  string(JSON instret GET "${json}" harts 0 instret)
  string(JSON cycles GET "${json}" harts 0 cycles)
  string(JSON timer GET "${json}" harts 0 interrupts machine_timer)
  # "memory" has one object per NUMA node (one without [numa]); node 0 holds the boot image.
  set(mem memory 0)
  string(JSON model GET "${json}" ${mem} model)
  if(model STREQUAL "ddr4")
    string(JSON accesses GET "${json}" ${mem} reads)  # bursts read by the DDR4 controller
    string(JSON bank_reads GET "${json}" ${mem} bank ch0 ra0 bg0 ba0 reads)  # present, whatever its value
  else()
    string(JSON accesses GET "${json}" ${mem} accesses)
  endif()
  string(JSON l2_hits GET "${json}" harts 0 mmu l2_tlb hits)  # present, whatever its value
  if(NOT DEFINED STATS_MEMORY_MODEL)
    set(STATS_MEMORY_MODEL simple)
  endif()
  if(NOT version EQUAL 2 OR NOT reason STREQUAL "${STATS_END_REASON}" OR NOT code EQUAL EXPECT_RC
     OR instret LESS 1 OR cycles LESS instret OR NOT model STREQUAL "${STATS_MEMORY_MODEL}"
     OR (model STREQUAL "ddr4" AND accesses LESS 1))
    message(FATAL_ERROR "unexpected statistics (version ${version}, end_reason ${reason}, exit_code ${code}, "
                        "instret ${instret}, cycles ${cycles}, memory model ${model}, "
                        "accesses or reads ${accesses})\n${json}")
  endif()
  # STATS_CACHES: the harts fetched through their L1I (one access per fetch line at least) and
  # the L2 missed to memory.
  if(STATS_CACHES)
    string(JSON l1i_hits GET "${json}" caches hart0 l1i hits)
    string(JSON l1i_misses GET "${json}" caches hart0 l1i misses)
    string(JSON l2_misses GET "${json}" caches node0 l2 misses)  # one L2 per NUMA node
    math(EXPR l1i_accesses "${l1i_hits} + ${l1i_misses}")
    if(l1i_accesses LESS 1 OR l2_misses LESS 1)
      message(FATAL_ERROR "unexpected cache statistics (L1I accesses ${l1i_accesses}, "
                          "L2 misses ${l2_misses})\n${json}")
    endif()
  endif()
  # STATS_NUMA: node 0's harts read node 0's memory, and a node-1 hart crossed the link to it.
  if(STATS_NUMA)
    string(JSON local GET "${json}" numa node0 local_accesses)
    string(JSON remote GET "${json}" numa node1 remote_accesses)
    if(local LESS 1 OR remote LESS 1)
      message(FATAL_ERROR "unexpected NUMA statistics (node0 local ${local}, node1 remote ${remote})\n${json}")
    endif()
  endif()
  if(DEFINED STATS_TIMER_INTERRUPTS AND NOT timer EQUAL STATS_TIMER_INTERRUPTS)
    message(FATAL_ERROR "expected ${STATS_TIMER_INTERRUPTS} machine timer interrupt(s), got ${timer}\n${json}")
  endif()
endif()
