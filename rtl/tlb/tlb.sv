// A set-associative TLB (fully associative when NumWays == NumEntries) holding leaf
// translations of the RV64 paged modes, in the style of CVA6's and Ibex's RTL.
//
// Each page size indexes the sets with its own virtual page number (VPN >> 9*level), and a
// lookup probes the set of every size the TLB holds in parallel; among several matching
// entries the smallest page size, then the lowest way wins. Lookups are registered: a request
// accepted at a rising edge is answered on the resp_* outputs during the next cycle (one
// cycle of latency). One request is served per cycle, flush before fill before lookup; a
// request presented with a higher-priority one is not accepted (its ready is low).
//
// Fills overwrite an entry of the same page, size and ASID (or the same global page) in place,
// else take the lowest invalid way of the set, else the replacement policy's victim.
// Flushes follow sfence.vma (RISC-V privileged spec §12.2.1): rs1 = x0 and rs2 = x0 removes
// every entry; rs2 = ASID removes that ASID's entries but never global ones; rs1 = VA removes
// the leaf entries mapping VA, of any page size, global or not; both removes the non-global
// entries of that ASID mapping VA. A flush takes effect at the edge that accepts it.
module tlb import tlb_pkg::*; #(
  parameter int unsigned NumEntries = 16,
  parameter int unsigned NumWays = 16,
  parameter int unsigned AsidWidth = 16,        // Sv39/Sv48 satp.ASID is 16 bits (§12.1.11)
  parameter int unsigned VpnWidth = 27,         // 27 for Sv39, 36 for Sv48
  parameter int unsigned PpnWidth = 44,
  parameter logic [3:0] PageSizes = 4'b0111,    // bit i: holds pages of level i (4K, 2M, 1G, 512G)
  parameter int unsigned Replacement = ReplTreePlru,
  localparam int unsigned NumSets = NumEntries / NumWays,
  localparam int unsigned SetBits = NumSets > 1 ? $clog2(NumSets) : 1,
  localparam int unsigned WayBits = $clog2(NumWays)
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,

  input  logic                 lookup_valid_i,
  output logic                 lookup_ready_o,
  input  logic [VpnWidth-1:0]  lookup_vpn_i,
  input  logic [AsidWidth-1:0] lookup_asid_i,
  input  access_e              lookup_access_i,

  output logic                 resp_valid_o,
  output logic                 resp_hit_o,
  output access_e              resp_access_o,  // the request's, for the requester's check
  output logic [VpnWidth-1:0]  resp_vpn_o,     // of the page base
  output logic [PpnWidth-1:0]  resp_ppn_o,     // of the page base
  output page_size_e           resp_size_o,
  output logic [AsidWidth-1:0] resp_asid_o,
  output logic                 resp_global_o,
  output pte_flags_t           resp_flags_o,

  input  logic                 fill_valid_i,
  output logic                 fill_ready_o,
  input  logic [VpnWidth-1:0]  fill_vpn_i,     // bits below the page size are ignored
  input  logic [PpnWidth-1:0]  fill_ppn_i,
  input  page_size_e           fill_size_i,    // a size the TLB does not hold is dropped
  input  logic [AsidWidth-1:0] fill_asid_i,
  input  logic                 fill_global_i,  // G of the leaf or inherited from the walk
  input  pte_flags_t           fill_flags_i,

  input  logic                 flush_valid_i,
  input  flush_kind_e          flush_kind_i,
  input  logic [VpnWidth-1:0]  flush_vpn_i,
  input  logic [AsidWidth-1:0] flush_asid_i
);

  localparam int unsigned NumLevels = VpnWidth / LevelBits;

  // Tree-PLRU and the way index need a power-of-two way count; the set index is at most one
  // level's VPN bits, so that every page size indexes with bits of its own VPN field.
  if (NumWays < 2 || (NumWays & (NumWays - 1)) != 0 || NumEntries % NumWays != 0 ||
      (NumSets & (NumSets - 1)) != 0 || NumSets > (1 << LevelBits)) begin : gen_bad_geometry
    $error("tlb: NumWays must be a power of two >= 2 dividing NumEntries into at most 512 sets, a power of two");
  end

  typedef struct packed {
    logic                 valid;
    logic [VpnWidth-1:0]  vpn;
    logic [PpnWidth-1:0]  ppn;
    page_size_e           size;
    logic [AsidWidth-1:0] asid;
    logic                 is_global;
    pte_flags_t           flags;
  } entry_t;

  entry_t [NumSets-1:0][NumWays-1:0] tlb_q, tlb_d;

  // The VPN bits that select a page of this size (the bits below it are the offset).
  function automatic logic [VpnWidth-1:0] page_mask(page_size_e size);
    return {VpnWidth{1'b1}} << (LevelBits * int'(size));
  endfunction

  function automatic logic [SetBits-1:0] set_of(logic [VpnWidth-1:0] vpn, page_size_e size);
    if (NumSets == 1) return '0;
    return SetBits'(vpn >> (LevelBits * int'(size)));
  endfunction

  // Whether vpn lies in the page of this size at page_vpn.
  function automatic logic covers(logic [VpnWidth-1:0] page_vpn, page_size_e size,
                                  logic [VpnWidth-1:0] vpn);
    return ((page_vpn ^ vpn) & page_mask(size)) == '0;
  endfunction

  logic lookup_fire, fill_fire;
  assign fill_ready_o   = !flush_valid_i;
  assign lookup_ready_o = !flush_valid_i && !fill_valid_i;
  assign fill_fire      = fill_valid_i && fill_ready_o && PageSizes[fill_size_i];
  assign lookup_fire    = lookup_valid_i && lookup_ready_o;

  // Lookup: the lowest level, then the lowest way, that matches.
  logic               lk_hit;
  logic [SetBits-1:0] lk_set;
  logic [WayBits-1:0] lk_way;
  entry_t             lk_entry;

  always_comb begin
    lk_hit   = 1'b0;
    lk_set   = '0;
    lk_way   = '0;
    lk_entry = '0;
    for (int l = NumLevels - 1; l >= 0; l--) begin
      if (PageSizes[l]) begin
        automatic page_size_e   size = page_size_e'(l);
        automatic logic [SetBits-1:0] set = set_of(lookup_vpn_i, size);
        for (int w = NumWays - 1; w >= 0; w--) begin
          automatic entry_t e = tlb_q[set][w];
          if (e.valid && e.size == size && covers(e.vpn, e.size, lookup_vpn_i) &&
              (e.is_global || e.asid == lookup_asid_i)) begin
            lk_hit   = 1'b1;
            lk_set   = set;
            lk_way   = WayBits'(w);
            lk_entry = e;
          end
        end
      end
    end
  end

  // Fill: the way holding the same translation, else the lowest invalid way, else the victim.
  logic [SetBits-1:0] fill_set;
  logic [WayBits-1:0] fill_way, victim;
  entry_t             fill_entry;

  assign fill_set = set_of(fill_vpn_i, fill_size_i);

  always_comb begin
    fill_entry = '{valid: 1'b1,
                   vpn: fill_vpn_i & page_mask(fill_size_i),
                   ppn: fill_ppn_i,
                   size: fill_size_i,
                   asid: fill_asid_i,
                   is_global: fill_global_i,
                   flags: fill_flags_i};
    fill_way = victim;
    for (int w = NumWays - 1; w >= 0; w--) begin
      if (!tlb_q[fill_set][w].valid) fill_way = WayBits'(w);
    end
    for (int w = NumWays - 1; w >= 0; w--) begin
      if (tlb_q[fill_set][w].valid && tlb_q[fill_set][w].size == fill_size_i &&
          tlb_q[fill_set][w].vpn == fill_entry.vpn &&
          tlb_q[fill_set][w].is_global == fill_global_i &&
          (fill_global_i || tlb_q[fill_set][w].asid == fill_asid_i))
        fill_way = WayBits'(w);
    end
  end

  // Whether sfence.vma of this kind removes e (§12.2.1).
  function automatic logic flush_removes(logic [VpnWidth-1:0] vpn, page_size_e size,
                                         logic [AsidWidth-1:0] asid, logic is_global);
    unique case (flush_kind_i)
      FlushAll:    return 1'b1;
      FlushAsid:   return !is_global && asid == flush_asid_i;
      FlushVa:     return covers(vpn, size, flush_vpn_i);
      FlushVaAsid: return !is_global && asid == flush_asid_i && covers(vpn, size, flush_vpn_i);
      default:     return 1'b1;
    endcase
  endfunction

  always_comb begin
    tlb_d = tlb_q;
    if (flush_valid_i) begin
      for (int s = 0; s < NumSets; s++) begin
        for (int w = 0; w < NumWays; w++) begin
          if (flush_removes(tlb_q[s][w].vpn, tlb_q[s][w].size, tlb_q[s][w].asid,
                            tlb_q[s][w].is_global))
            tlb_d[s][w].valid = 1'b0;
        end
      end
    end else if (fill_fire) begin
      tlb_d[fill_set][fill_way] = fill_entry;
    end
  end

  tlb_repl #(
    .NumSets    (NumSets),
    .NumWays    (NumWays),
    .Replacement(Replacement)
  ) i_repl (
    .clk_i,
    .rst_ni,
    .hit_i      (lookup_fire && lk_hit),
    .hit_set_i  (lk_set),
    .hit_way_i  (lk_way),
    .fill_i     (fill_fire),
    .fill_set_i (fill_set),
    .fill_way_i (fill_way),
    .victim_o   (victim)
  );

  logic    resp_valid_q;
  access_e resp_access_q;
  entry_t  resp_entry_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tlb_q         <= '0;
      resp_valid_q  <= 1'b0;
      resp_access_q <= AccessLoad;
      resp_entry_q  <= '0;
    end else begin
      tlb_q        <= tlb_d;
      resp_valid_q <= lookup_fire;
      if (lookup_fire) begin
        resp_access_q <= lookup_access_i;
        resp_entry_q  <= lk_entry;
      end
    end
  end

  assign resp_valid_o  = resp_valid_q;
  assign resp_hit_o    = resp_entry_q.valid;  // lk_entry is all zeros on a miss
  assign resp_access_o = resp_access_q;
  assign resp_vpn_o    = resp_entry_q.vpn;
  assign resp_ppn_o    = resp_entry_q.ppn;
  assign resp_size_o   = resp_entry_q.size;
  assign resp_asid_o   = resp_entry_q.asid;
  assign resp_global_o = resp_entry_q.is_global;
  assign resp_flags_o  = resp_entry_q.flags;

endmodule
