// Types shared by the TLB's modules and its users: page sizes of the RV64 paged modes, the
// leaf PTE's flag bits, the access kinds, the four sfence.vma flush kinds (RISC-V privileged
// spec §12.2.1) and the replacement policies.
package tlb_pkg;

  // A leaf found at level i of the walk maps 4 KiB << 9i (§12.4 Sv39, §12.5 Sv48).
  typedef enum logic [1:0] {
    Size4K   = 2'd0,
    Size2M   = 2'd1,
    Size1G   = 2'd2,
    Size512G = 2'd3
  } page_size_e;

  // Bits 7..0 of a PTE (§12.4.1, Figure "Sv39 page table entry"), in the same order, so that
  // the byte a walker reads from memory is the value of this struct.
  typedef struct packed {
    logic d;
    logic a;
    logic g;
    logic u;
    logic x;
    logic w;
    logic r;
    logic v;
  } pte_flags_t;
  localparam int unsigned PteFlagBits = 8;

  typedef enum logic [1:0] {
    AccessLoad  = 2'd0,
    AccessStore = 2'd1,
    AccessFetch = 2'd2
  } access_e;

  // sfence.vma rs1/rs2 (§12.2.1): All is rs1 = rs2 = x0; Asid has rs1 = x0; Va has rs2 = x0;
  // VaAsid has both. The ASID-specific kinds never remove global entries.
  typedef enum logic [1:0] {
    FlushAll    = 2'd0,
    FlushAsid   = 2'd1,
    FlushVa     = 2'd2,
    FlushVaAsid = 2'd3
  } flush_kind_e;

  // Values of the tlb module's Replacement parameter.
  localparam int unsigned ReplTreePlru = 0;
  localparam int unsigned ReplFifo     = 1;

  // Bits of a virtual page number per page-table level (§12.4: VPN[i] is 9 bits).
  localparam int unsigned LevelBits = 9;

endpackage
