# Prints the --set arguments of lockstep_tlbs.cmake's TLB arrays, one per line, each array of
# model IMPL (cpp, rtl or lockstep): for scripts/bench --tlb.
#   cmake -DIMPL=lockstep -P print_tlb_sets.cmake
include(${CMAKE_CURRENT_LIST_DIR}/lockstep_tlbs.cmake)
memvp_tlb_sets(sets ${IMPL})
foreach(arg IN LISTS sets)
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${arg}")
endforeach()
