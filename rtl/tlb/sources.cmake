# The RTL TLB's sources, the package first, then the TLB (tlb): for the lint and synthesis
# (rtl/CMakeLists.txt) and the Verilated models (models/rtl_tlb, tests/rtl).
set(MEMVP_RTL_TLB_SOURCES
  ${CMAKE_SOURCE_DIR}/rtl/tlb/tlb_pkg.sv
  ${CMAKE_SOURCE_DIR}/rtl/tlb/tlb.sv)
